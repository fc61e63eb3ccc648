import { ROLES, roleFitsUnit, roleNeedsPost } from '@domain/auth/roles';
import { areaOf, boundaryWithin, GeoPolygon, pointInBoundary } from '@domain/org/geo';
import { childKindOf, SECTOR_KINDS } from '@domain/org/kinds';
import { describe, expect, it } from 'vitest';
import { type DemoDistrict, type DemoUnit, generateDemoDistrict } from './generate';

const TOWNS = [
  '昌元街道',
  '昌州街道',
  '广顺街道',
  '双河街道',
  '安富街道',
  '峰高街道',
  '直升镇',
  '万灵镇',
  '龙集镇',
  '清江镇',
  '清升镇',
  '仁义镇',
  '河包镇',
  '古昌镇',
  '吴家镇',
  '观胜镇',
  '铜鼓镇',
  '清流镇',
  '盘龙镇',
  '远觉镇',
  '荣隆镇',
];

function index(d: DemoDistrict) {
  const byKey = new Map(d.units.map((u) => [u.key, u]));
  const children = new Map<string, DemoUnit[]>();
  for (const u of d.units) {
    if (u.parentKey === null) continue;
    const list = children.get(u.parentKey) ?? [];
    list.push(u);
    children.set(u.parentKey, list);
  }
  const childrenOf = (u: DemoUnit | undefined) => (u ? (children.get(u.key) ?? []) : []);
  const child = (u: DemoUnit | undefined, name: string) => childrenOf(u).find((c) => c.name === name);
  return { byKey, childrenOf, child };
}

const seeds = [1, 42, 20260101];

describe('generateDemoDistrict', () => {
  const demo = generateDemoDistrict();
  const { byKey, childrenOf, child } = index(demo);
  const district = demo.units[0];

  it('is deterministic for a seed and varies between seeds', () => {
    expect(generateDemoDistrict({ seed: 7 })).toEqual(generateDemoDistrict({ seed: 7 }));
    expect(generateDemoDistrict({ seed: 7, scale: 2 })).toEqual(generateDemoDistrict({ seed: 7, scale: 2 }));
    expect(generateDemoDistrict({ seed: 8 })).not.toEqual(generateDemoDistrict({ seed: 7 }));
  });

  it('models Rongchang with its 21 towns in order', () => {
    expect(district).toMatchObject({
      kind: 'district',
      name: '荣昌区',
      code: '500153000000',
      parentKey: null,
    });
    expect(demo.units.filter((u) => u.kind === 'district')).toHaveLength(1);
    const towns = childrenOf(district);
    expect(towns.map((t) => t.name)).toEqual(TOWNS);
    expect(towns.every((t) => t.kind === 'town')).toBe(true);
    expect(child(district, '昌元街道')?.code).toBe('500153001000');
    expect(child(district, '直升镇')?.code).toBe('500153100000');
    expect(district?.center.lat).toBeCloseTo(29.4, 1);
    expect(district?.center.lng).toBeCloseTo(105.59, 1);
  });

  it.each(seeds)('has the featured places fully populated (seed %i)', (seed) => {
    const d = generateDemoDistrict({ seed });
    const ix = index(d);
    const root = d.units[0];

    const wanbao = ix.child(ix.child(root, '直升镇'), '万宝村');
    expect(wanbao?.kind).toBe('village');
    expect(wanbao?.code).toBe('500153100201');
    const jiaoxiang = ix
      .childrenOf(wanbao)
      .flatMap((g) => ix.childrenOf(g))
      .find((y) => y.name === '椒香小院');
    expect(jiaoxiang?.kind).toBe('courtyard');

    expect(ix.child(ix.child(root, '广顺街道'), '檬梓桥社区')?.kind).toBe('village');

    const changzhou = ix.child(root, '昌州街道');
    expect(ix.childrenOf(changzhou).length).toBeGreaterThanOrEqual(4);
    expect(ix.childrenOf(changzhou).every((v) => v.name.endsWith('社区'))).toBe(true);

    const fenshui = ix.child(ix.child(root, '清江镇'), '分水社区');
    expect(fenshui?.kind).toBe('village');
    const tuwan = ix
      .childrenOf(fenshui)
      .flatMap((g) => ix.childrenOf(g))
      .find((y) => y.name === '涂湾国防小院');
    expect(tuwan?.kind).toBe('courtyard');

    for (const village of [wanbao, fenshui, ...ix.childrenOf(changzhou)]) {
      const grids = ix.childrenOf(village);
      expect(grids.length).toBeGreaterThanOrEqual(3);
      for (const grid of grids) expect(ix.childrenOf(grid).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps sizes within the scale-1 ranges and names within the conventions', () => {
    for (const town of childrenOf(district)) {
      const villages = childrenOf(town);
      expect(villages.length).toBeGreaterThanOrEqual(4);
      expect(villages.length).toBeLessThanOrEqual(7);
      if (town.name.endsWith('街道')) expect(villages.every((v) => v.name.endsWith('社区'))).toBe(true);
      for (const village of villages) {
        const grids = childrenOf(village);
        expect(grids.length).toBeGreaterThanOrEqual(3);
        expect(grids.length).toBeLessThanOrEqual(5);
        expect(grids[0]?.name).toBe('第一网格');
        const courtyards = grids.flatMap((g) => childrenOf(g));
        expect(new Set(courtyards.map((c) => c.name)).size).toBe(courtyards.length);
        expect(courtyards.every((c) => c.name.endsWith('小院'))).toBe(true);
        for (const grid of grids) {
          expect(childrenOf(grid).length).toBeGreaterThanOrEqual(2);
          expect(childrenOf(grid).length).toBeLessThanOrEqual(4);
        }
      }
    }
    const villageNames = demo.units.filter((u) => u.kind === 'village').map((u) => u.name);
    expect(new Set(villageNames).size).toBe(villageNames.length);
  });

  it('gives every unit a unique code as its key and the right kind under its parent', () => {
    const codes = demo.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of demo.units) {
      expect(u.key).toBe(u.code);
      if (u.kind === 'town' || u.kind === 'village') expect(u.code).toMatch(/^500153\d{6}$/);
      if (u.kind === 'grid') expect(u.code).toMatch(/^500153\d{6}-G\d{2}$/);
      if (u.kind === 'courtyard') expect(u.code).toMatch(/^500153\d{6}-G\d{2}-Y\d{2}$/);
      if (u.parentKey === null) continue;
      const parent = byKey.get(u.parentKey);
      expect(parent).toBeDefined();
      expect(childKindOf(parent?.kind ?? 'courtyard')).toBe(u.kind);
      if (u.kind === 'village') expect(u.code.slice(0, 9)).toBe(parent?.code.slice(0, 9));
    }
    // Parents come before their children, so the list can be inserted in order.
    const seen = new Set<string>();
    for (const u of demo.units) {
      if (u.parentKey !== null) expect(seen.has(u.parentKey)).toBe(true);
      seen.add(u.key);
    }
  });

  it.each(seeds)('tiles every parent with convex, counter-clockwise children (seed %i)', (seed) => {
    const d = generateDemoDistrict({ seed });
    const ix = index(d);
    for (const u of d.units) {
      expect(GeoPolygon.safeParse(u.boundary).success).toBe(true);
      const ring = u.boundary.coordinates[0] ?? [];
      expect(ring).toHaveLength(5);
      for (let i = 0; i < 4; i++) {
        const [ax = 0, ay = 0] = ring[i] ?? [];
        const [bx = 0, by = 0] = ring[i + 1] ?? [];
        const [cx = 0, cy = 0] = ring[(i + 2) % 4] ?? [];
        expect((bx - ax) * (cy - by) - (by - ay) * (cx - bx)).toBeGreaterThan(0);
      }
      expect(pointInBoundary(u.center, u.boundary)).toBe(true);
      const kids = ix.childrenOf(u);
      if (kids.length === 0) continue;
      const area = areaOf(u.boundary);
      const sum = kids.reduce((s, k) => s + areaOf(k.boundary), 0);
      expect(Math.abs(sum - area) / area).toBeLessThan(1e-9);
      for (const k of kids) {
        expect(pointInBoundary(k.center, u.boundary)).toBe(true);
        expect(boundaryWithin(k.boundary, u.boundary)).toBe(true);
      }
    }
  });

  it('every child center lies inside its own and its parent boundary', () => {
    for (const u of demo.units) {
      expect(pointInBoundary(u.center, u.boundary)).toBe(true);
      if (u.parentKey === null) continue;
      const parent = byKey.get(u.parentKey) as DemoUnit;
      expect(pointInBoundary(u.center, parent.boundary)).toBe(true);
    }
  });

  it('gives every town two posts in each of the four sectors', () => {
    for (const town of childrenOf(district)) {
      const posts = demo.posts.filter((p) => p.townKey === town.key);
      expect(posts).toHaveLength(8);
      for (const sector of SECTOR_KINDS) expect(posts.filter((p) => p.sector === sector)).toHaveLength(2);
    }
    expect(demo.posts).toContainEqual({
      townKey: child(district, '直升镇')?.key,
      sector: 'economy',
      name: '村镇建设岗',
    });
  });

  it('has a user for every role, each fitting its unit', () => {
    for (const role of ROLES) expect(demo.users.some((u) => u.role === role)).toBe(true);
    for (const user of demo.users) {
      const unit = byKey.get(user.unitKey);
      expect(unit, user.phone).toBeDefined();
      expect(roleFitsUnit(user.role, unit?.kind ?? 'district')).toBe(true);
      if (roleNeedsPost(user.role)) {
        expect(demo.posts).toContainEqual(
          expect.objectContaining({ townKey: user.unitKey, name: user.postName }),
        );
      } else {
        expect(user.postName).toBeUndefined();
      }
      expect(user.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(new Set(demo.users.map((u) => u.phone)).size).toBe(demo.users.length);
    expect(new Set(demo.users.map((u) => u.name)).size).toBe(demo.users.length);
    expect(demo.users.filter((u) => u.role === 'admin')).toHaveLength(1);
    expect(demo.users.filter((u) => u.role === 'district_supervisor')).toHaveLength(1);
  });

  it('gives the featured places the memorable first logins', () => {
    const zhisheng = child(district, '直升镇');
    const wanbao = child(zhisheng, '万宝村');
    const grid = childrenOf(wanbao)[0];
    const jiaoxiang = child(grid, '椒香小院');
    const login = (phone: string) => demo.users.find((u) => u.phone === phone);
    expect(login('13800000001')).toMatchObject({ role: 'admin', unitKey: district?.key });
    expect(login('13800000002')).toMatchObject({ role: 'district_supervisor', unitKey: district?.key });
    expect(login('13800000003')).toMatchObject({ role: 'center_operator', unitKey: zhisheng?.key });
    expect(login('13800000004')).toMatchObject({
      role: 'post_staff',
      unitKey: zhisheng?.key,
      postName: '村镇建设岗',
    });
    expect(login('13800000005')).toMatchObject({ role: 'grid_worker', unitKey: grid?.key });
    expect(login('13800000006')).toMatchObject({ role: 'courtyard_head', unitKey: jiaoxiang?.key });
    expect(login('13800000007')).toMatchObject({ role: 'party_member', unitKey: jiaoxiang?.key });
    expect(login('13800000008')).toMatchObject({ role: 'resident', unitKey: jiaoxiang?.key });
    expect(login('13800000009')).toMatchObject({ role: 'cleaner', unitKey: wanbao?.key });
    expect(demo.users).toHaveLength(30);
    expect(demo.users[9]?.phone).toBe('13800000010');

    const fenshui = child(child(district, '清江镇'), '分水社区');
    const tuwan = childrenOf(fenshui)
      .flatMap((g) => childrenOf(g))
      .find((y) => y.name === '涂湾国防小院');
    expect(demo.users.filter((u) => u.unitKey === tuwan?.key).map((u) => u.role)).toEqual([
      'courtyard_head',
      'party_member',
      'resident',
    ]);
    const mengzi = child(child(district, '广顺街道'), '檬梓桥社区');
    expect(demo.users.find((u) => u.role === 'cleaner' && u.unitKey === mengzi?.key)).toBeDefined();
  });

  it('rejects nonsensical options', () => {
    expect(() => generateDemoDistrict({ scale: 0 })).toThrow(RangeError);
    expect(() => generateDemoDistrict({ scale: Number.NaN })).toThrow(RangeError);
    expect(() => generateDemoDistrict({ seed: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('produces at least 100k units at scale 10, quickly and deterministically', () => {
    const started = performance.now();
    const big = generateDemoDistrict({ seed: 3, scale: 10 });
    const elapsed = performance.now() - started;
    expect(big.units.length).toBeGreaterThanOrEqual(100_000);
    expect(elapsed).toBeLessThan(5_000);
    expect(new Set(big.units.map((u) => u.code)).size).toBe(big.units.length);
    const again = generateDemoDistrict({ seed: 3, scale: 10 });
    expect(again.units.length).toBe(big.units.length);
    expect(again.units.at(-1)).toEqual(big.units.at(-1));
  });
});
