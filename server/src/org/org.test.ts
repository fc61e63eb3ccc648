import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

describe.each(testBackends())('org tree on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let zhishengOperator: TestClient;
  let gridWorker: TestClient;
  let zhisheng: { id: string };
  let guangshun: { id: string };
  let wanbao: { id: string };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    zhishengOperator = await signedIn(t.app, DEMO.zhisheng.operator);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    zhisheng = await unitNamed(t.database.db, '直升镇');
    guangshun = await unitNamed(t.database.db, '广顺街道');
    wanbao = await unitNamed(t.database.db, '万宝村');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an admin sees the district at the root and its 21 towns below', async () => {
    const roots = await admin.get('/api/v1/org/roots');
    expect(roots.status).toBe(200);
    expect(roots.body.map((u: { name: string }) => u.name)).toEqual(['荣昌区']);
    const towns = await admin.get(`/api/v1/org/units/${roots.body[0].id}/children?limit=200`);
    expect(towns.body.items).toHaveLength(21);
    expect(towns.body.items.map((u: { name: string }) => u.name)).toContain('直升镇');
  });

  it('children come in keyset pages that neither skip nor repeat', async () => {
    const [root] = (await admin.get('/api/v1/org/roots')).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/org/units/${root.id}/children?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(21);
    expect(new Set(seen).size).toBe(21);
  });

  it('a grid worker sees their grid as their root, and nothing of the village around it', async () => {
    const roots = await gridWorker.get('/api/v1/org/roots');
    expect(roots.body).toHaveLength(1);
    expect(roots.body[0].kind).toBe('grid');
    expect(roots.body[0].can).toEqual(['read']);
    expect((await gridWorker.get(`/api/v1/org/units/${wanbao.id}`)).status).toBe(404);
  });

  it('a user of town A asking for anything of town B gets 404, for reads and writes alike', async () => {
    const read = await zhishengOperator.get(`/api/v1/org/units/${guangshun.id}`);
    expect(read.status).toBe(404);
    expect(read.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(read.body.code).toBe('NOT_FOUND');
    expect(JSON.stringify(read.body)).not.toContain('广顺');
    expect((await zhishengOperator.get(`/api/v1/org/units/${guangshun.id}/children`)).status).toBe(404);
    expect((await zhishengOperator.get(`/api/v1/org/units/${guangshun.id}/sectors`)).status).toBe(404);
    const write = await zhishengOperator.post(`/api/v1/org/units/${guangshun.id}/posts`, {
      sector: 'party',
      name: '偷建岗',
    });
    expect(write.status).toBe(404);
  });

  it('an action beyond the role inside its scope gets 403', async () => {
    const res = await zhishengOperator.post('/api/v1/org/units', { parentId: zhisheng.id, name: '越权村' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(res.body.messages['zh-CN']).toBeTruthy();
    expect(res.body.messages.en).toBeTruthy();
  });

  it('an admin adds a village under a town: it gets a code, a path under the town, and a history row', async () => {
    const res = await admin.post('/api/v1/org/units', { parentId: zhisheng.id, name: '新建测试村' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'village',
      name: '新建测试村',
      townId: zhisheng.id,
      parentId: zhisheng.id,
    });
    expect(res.body.ancestors.map((a: { name: string }) => a.name)).toEqual(['荣昌区', '直升镇']);
    const children = await admin.get(`/api/v1/org/units/${zhisheng.id}/children?limit=200`);
    expect(children.body.items.map((u: { name: string }) => u.name)).toContain('新建测试村');
    const history = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, res.body.id));
    expect(history.map((h) => h.action)).toEqual(['created']);
  });

  it('renames a unit and refuses a code that another live unit holds', async () => {
    const created = await admin.post('/api/v1/org/units', { parentId: zhisheng.id, name: '改名前村' });
    const renamed = await admin.patch(`/api/v1/org/units/${created.body.id}`, { name: '改名后村' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe('改名后村');
    const clash = await admin.patch(`/api/v1/org/units/${created.body.id}`, { code: '500153100201' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('ORG_CODE_TAKEN');
  });

  it('retiring a unit with live content is refused with the reason, and nothing changes', async () => {
    const res = await admin.post(`/api/v1/org/units/${wanbao.id}/retire`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ORG_UNIT_HAS_LIVE_CONTENT');
    expect(res.body.messages['zh-CN']).toContain('下级单元');
    expect(res.body.messages.en).toContain('sub-units');
    const after = await unitNamed(t.database.db, '万宝村');
    expect(after.retiredAt).toBeNull();
  });

  it('an empty unit can be retired; it then disappears from the tree and takes no children', async () => {
    const created = await admin.post('/api/v1/org/units', { parentId: zhisheng.id, name: '待撤销村' });
    const retired = await admin.post(`/api/v1/org/units/${created.body.id}/retire`);
    expect(retired.status).toBe(200);
    expect(retired.body.retired).toBe(true);
    const children = await admin.get(`/api/v1/org/units/${zhisheng.id}/children?limit=200`);
    expect(children.body.items.map((u: { name: string }) => u.name)).not.toContain('待撤销村');
    const child = await admin.post('/api/v1/org/units', { parentId: created.body.id, name: '第一网格' });
    expect(child.status).toBe(409);
    expect(child.body.code).toBe('ORG_UNIT_RETIRED');
  });

  it('moving a village to another town carries its grids and courtyards, paths and town along', async () => {
    const village = await admin.post('/api/v1/org/units', { parentId: zhisheng.id, name: '搬迁村' });
    const grid = await admin.post('/api/v1/org/units', { parentId: village.body.id, name: '第一网格' });
    const yard = await admin.post('/api/v1/org/units', { parentId: grid.body.id, name: '搬迁小院' });
    const moved = await admin.post(`/api/v1/org/units/${village.body.id}/move`, { parentId: guangshun.id });
    expect(moved.status).toBe(200);
    expect(moved.body.townId).toBe(guangshun.id);
    const yardNow = (await admin.get(`/api/v1/org/units/${yard.body.id}`)).body;
    expect(yardNow.townId).toBe(guangshun.id);
    expect(yardNow.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '荣昌区',
      '广顺街道',
      '搬迁村',
      '第一网格',
    ]);
    const guangshunRow = await unitNamed(t.database.db, '广顺街道');
    const [count] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgUnits)
      .where(like(orgUnits.path, `${guangshunRow.path}${village.body.id}/%`));
    expect(Number(count?.n)).toBe(3);
  });

  it('refuses to move a unit under itself or to the wrong level', async () => {
    const village = await admin.post('/api/v1/org/units', { parentId: zhisheng.id, name: '不动村' });
    const grid = await admin.post('/api/v1/org/units', { parentId: village.body.id, name: '第一网格' });
    expect(
      (await admin.post(`/api/v1/org/units/${village.body.id}/move`, { parentId: grid.body.id })).body.code,
    ).toBe('ORG_MOVE_INTO_ITSELF');
    expect(
      (await admin.post(`/api/v1/org/units/${grid.body.id}/move`, { parentId: zhisheng.id })).body.code,
    ).toBe('ORG_UNIT_KIND_MISMATCH');
  });

  it('imports boundaries from GeoJSON by code and name, reports what did not match, and locates points', async () => {
    const village = await admin.post('/api/v1/org/units', {
      parentId: zhisheng.id,
      name: '边界村',
      code: '500153100299',
    });
    const grid = await admin.post('/api/v1/org/units', { parentId: village.body.id, name: '边界网格' });
    const square = (x: number, y: number, s: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + s, y],
          [x + s, y + s],
          [x, y + s],
          [x, y],
        ],
      ],
    });
    // Far from the demo district so no other unit competes for the point.
    const res = await admin.post(`/api/v1/org/units/${village.body.id}/boundaries`, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '500153100299' }, geometry: square(100, 20, 1) },
        { type: 'Feature', properties: { name: '边界网格' }, geometry: square(100.2, 20.2, 0.5) },
        { type: 'Feature', properties: { name: '不存在的网格' }, geometry: square(100, 20, 0.1) },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(2);
    expect(res.body.unmatched).toEqual([{ index: 2, code: null, name: '不存在的网格' }]);
    expect(res.body.outsideParent).toEqual([]);
    const located = await admin.get('/api/v1/org/locate?lat=20.3&lng=100.3');
    expect(located.body.unit.id).toBe(grid.body.id);
    expect(located.body.trail.map((u: { name: string }) => u.name)).toEqual(['边界村', '边界网格']);
  });

  it('locates a point of the demo district to its deepest unit, within the asker’s scope only', async () => {
    const yard = await unitNamed(t.database.db, '椒香小院');
    const point = `lat=${yard.centerLat}&lng=${yard.centerLng}`;
    const byAdmin = await admin.get(`/api/v1/org/locate?${point}`);
    expect(byAdmin.body.unit.name).toBe('椒香小院');
    expect(byAdmin.body.trail.map((u: { kind: string }) => u.kind)).toEqual([
      'district',
      'town',
      'village',
      'grid',
      'courtyard',
    ]);
    const guangshunOp = await signedIn(t.app, DEMO.guangshun.operator);
    const outside = await guangshunOp.get(`/api/v1/org/locate?${point}`);
    expect(outside.body).toEqual({ unit: null, trail: [] });
  });

  it('a town has its four sectors; the center operator adds, renames and retires posts', async () => {
    const sectors = await zhishengOperator.get(`/api/v1/org/units/${zhisheng.id}/sectors`);
    expect(sectors.body.map((s: { kind: string }) => s.kind).sort()).toEqual([
      'economy',
      'livelihood',
      'party',
      'safety',
    ]);
    const post = await zhishengOperator.post(`/api/v1/org/units/${zhisheng.id}/posts`, {
      sector: 'safety',
      name: '消防安全岗',
    });
    expect(post.status).toBe(201);
    expect(
      (await zhishengOperator.patch(`/api/v1/org/posts/${post.body.id}`, { name: '安全生产岗' })).status,
    ).toBe(204);
    expect((await zhishengOperator.post(`/api/v1/org/posts/${post.body.id}/retire`)).status).toBe(204);
    const after = await zhishengOperator.get(`/api/v1/org/units/${zhisheng.id}/sectors`);
    const safety = after.body.find((s: { kind: string }) => s.kind === 'safety');
    expect(safety.posts.find((p: { id: string }) => p.id === post.body.id)).toMatchObject({
      name: '安全生产岗',
      retired: true,
    });
  });

  it('a post someone still holds cannot be retired', async () => {
    const sectors = await zhishengOperator.get(`/api/v1/org/units/${zhisheng.id}/sectors`);
    const held = sectors.body
      .flatMap((s: { posts: { name: string; id: string }[] }) => s.posts)
      .find((p: { name: string }) => p.name === '村镇建设岗');
    const res = await zhishengOperator.post(`/api/v1/org/posts/${held.id}/retire`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ORG_UNIT_HAS_LIVE_CONTENT');
  });
});
