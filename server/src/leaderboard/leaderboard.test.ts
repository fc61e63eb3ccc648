import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaderboardBoards, orgUnits, users } from '../db/schema';
import { bindToNewHousehold } from '../points/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

interface Row {
  id: string;
  label: string;
  rank: number | null;
  points: number;
  households: number | null;
  perHousehold: number | null;
  mine: boolean;
}

describe.each(testBackends())('leaderboard (挂榜晾晒) on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let operator: TestClient;
  let resident: TestClient;
  let outsider: TestClient;
  let village: Awaited<ReturnType<typeof unitNamed>>;
  let jiaoxiang: Awaited<ReturnType<typeof unitNamed>>;
  const yards = { big: '', small: '' };
  const homes: Record<string, string> = {};

  const board = async (client: TestClient, query: string) => client.get(`/api/v1/leaderboard?${query}`);
  const rowsOf = async (client: TestClient, query: string) => {
    const res = await board(client, query);
    expect(res.status).toBe(200);
    return res.body.rows as Row[];
  };
  const give = async (householdId: string, actionCode = 'LB_GIFT') => {
    const res = await operator.post('/api/v1/points/awards', {
      id: uuidv7(),
      householdId,
      actionCode,
      reason: '挂榜测试',
    });
    expect(res.status).toBe(201);
    return res.body as { entries: { id: string; points: number }[] };
  };
  const household = async (courtyardId: string, address: string, head: string) => {
    const res = await admin.post('/api/v1/registry/households', {
      courtyardId,
      address,
      residents: [
        { name: head, relation: 'head', gender: 'male', birthDate: '1975-03-02', phone: '13912345678' },
      ],
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    outsider = await signedIn(t.app, DEMO.guangshun.operator);
    village = await unitNamed(t.database.db, '万宝村');
    jiaoxiang = await unitNamed(t.database.db, '椒香小院');
    // Two fresh courtyards beside 椒香小院: a big one of four households and a small one of one.
    for (const [key, name] of [
      ['big', '测试大院'],
      ['small', '测试小院'],
    ] as const) {
      const res = await admin.post('/api/v1/org/units', { parentId: jiaoxiang.parentId, name });
      expect(res.status).toBe(201);
      yards[key] = res.body.id;
    }
    homes.zhou = await household(yards.big, '5组8号', '周建华');
    homes.wu = await household(yards.big, '5组9号', '吴国庆');
    homes.zheng = await household(yards.big, '5组10号', '郑光明');
    homes.feng = await household(yards.big, '5组11号', '冯有才');
    homes.chen = await household(yards.small, '6组1号', '陈大山');
    for (const [actionCode, points] of [
      ['LB_GIFT', 10],
      ['LB_DOCK', -5],
    ] as const) {
      const rule = await operator.post('/api/v1/points/rules', {
        unitId: village.id,
        actionCode,
        name: actionCode === 'LB_GIFT' ? '挂榜奖励' : '挂榜扣分',
        points,
        awarders: ['center_operator'],
      });
      expect(rule.status).toBe(201);
    }
    // 30 points over four households in the big courtyard; 20 in the small one's only household.
    await give(homes.zhou as string);
    await give(homes.wu as string);
    await give(homes.zheng as string);
    await give(homes.chen as string);
    await give(homes.chen as string);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('ranks a courtyard’s households by points earned this month, ties sharing a place (1, 1, 1, 4)', async () => {
    const rows = await rowsOf(operator, `level=households&scope=${yards.big}&period=month`);
    expect(rows.map((r) => [r.label, r.points, r.rank])).toEqual([
      ['吴家 · 5组9号', 10, 1],
      ['郑家 · 5组10号', 10, 1],
      ['周家 · 5组8号', 10, 1],
      ['冯家 · 5组11号', 0, 4],
    ]);
  });

  it('shows households by surname and door, never a given name or a phone', async () => {
    const res = await board(operator, `level=households&scope=${village.id}&period=year`);
    const text = JSON.stringify(res.body);
    expect(text).toContain('陈家 · 6组1号');
    for (const secret of ['建华', '大山', '13912345678', '5678']) expect(text).not.toContain(secret);
  });

  it('a deduction lowers a place and its reversal restores it', async () => {
    const docked = await give(homes.zhou as string, 'LB_DOCK');
    let rows = await rowsOf(operator, `level=households&scope=${yards.big}`);
    expect(rows.find((r) => r.id === homes.zhou)).toMatchObject({ points: 5, rank: 3 });
    const entry = docked.entries.find((e) => e.points === -5) as { id: string };
    const reversed = await operator.post(`/api/v1/points/entries/${entry.id}/reverse`, { reason: '扣错了' });
    expect(reversed.status).toBe(201);
    rows = await rowsOf(operator, `level=households&scope=${yards.big}`);
    expect(rows.find((r) => r.id === homes.zhou)).toMatchObject({ points: 10, rank: 1 });
  });

  it('ranks courtyards per household, showing both the sum and the average', async () => {
    const rows = await rowsOf(operator, `level=courtyards&scope=${village.id}&period=quarter`);
    const big = rows.find((r) => r.id === yards.big) as Row;
    const small = rows.find((r) => r.id === yards.small) as Row;
    expect(big).toMatchObject({ label: '测试大院', points: 30, households: 4, perHousehold: 7.5 });
    expect(small).toMatchObject({ label: '测试小院', points: 20, households: 1, perHousehold: 20 });
    // The big courtyard earned more in all, but the small one earned more per household.
    expect(small.rank as number).toBeLessThan(big.rank as number);
    const ranks = rows.map((r) => r.rank).filter((r) => r !== null) as number[];
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('ranks the town’s villages, and a village’s own courtyards only', async () => {
    const town = await unitNamed(t.database.db, '直升镇');
    const villages = await rowsOf(operator, `level=villages&scope=${town.id}`);
    expect(villages.find((r) => r.id === village.id)?.points).toBeGreaterThanOrEqual(50);
    const yardsOf = await rowsOf(operator, `level=courtyards&scope=${village.id}`);
    const [inVillage] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgUnits)
      .where(sql`${orgUnits.kind} = 'courtyard' and ${orgUnits.path} like ${`${village.path}%`}`);
    expect(yardsOf).toHaveLength(Number(inVillage?.n));
  });

  it('spending in the store never lowers a household’s place', async () => {
    const [me] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
    const own = await bindToNewHousehold(t.database.db, (me as { id: string }).id, {
      ...jiaoxiang,
      townId: jiaoxiang.townId,
    });
    const mine = await resident.get('/api/v1/points/mine');
    await give(own);
    await give(own);
    const item = await operator.post('/api/v1/store/items', {
      villageId: village.id,
      name: '洗衣粉',
      price: 15,
      stock: 3,
    });
    const held = await resident.post('/api/v1/store/redemptions', { id: uuidv7(), itemId: item.body.id });
    expect(held.status).toBe(201);
    expect((await operator.post(`/api/v1/store/redemptions/${held.body.id}/confirm`)).status).toBe(200);
    const rows = await rowsOf(resident, `level=households&scope=${village.id}`);
    const ownRow = rows.find((r) => r.id === own) as Row;
    expect(ownRow.points).toBeGreaterThanOrEqual(20);
    expect(ownRow.mine).toBe(true);
    expect(rows.filter((r) => r.mine)).toHaveLength(1);
    const after = await resident.get('/api/v1/points/mine');
    expect(after.body.points.balance).toBe(mine.body.points.balance + 20 - 15);
  });

  it('an earlier period counts only what was earned then', async () => {
    const rows = await rowsOf(operator, `level=households&scope=${yards.big}&period=month&at=2025-06-15`);
    expect(rows.every((r) => r.points === 0 && r.rank === 1)).toBe(true);
    const res = await board(operator, `level=households&scope=${yards.big}&period=quarter&at=2025-06-15`);
    expect(res.body.period).toMatchObject({ key: '2025-Q2', start: '2025-03-31T16:00:00.000Z' });
    expect(res.body.previousKey).toBe('2025-Q1');
  });

  it('residents read their own village’s boards and their courtyard is marked; other places are not found', async () => {
    const yardsOf = await rowsOf(resident, `level=courtyards&scope=${village.id}`);
    expect(yardsOf.find((r) => r.mine)?.id).toBe(jiaoxiang.id);
    expect((await board(resident, `level=households&scope=${jiaoxiang.id}`)).status).toBe(200);
    const otherVillage = await unitNamed(t.database.db, '檬梓桥社区');
    expect((await board(resident, `level=courtyards&scope=${otherVillage.id}`)).status).toBe(404);
    expect((await board(outsider, `level=courtyards&scope=${village.id}`)).status).toBe(404);
    expect((await board(outsider, `level=courtyards&scope=${otherVillage.id}`)).status).toBe(200);
    expect((await board(resident, `level=courtyards&scope=${uuidv7()}`)).status).toBe(404);
  });

  it('lists the places whose boards one may open: a resident’s courtyard, village and town', async () => {
    const places = (await resident.get('/api/v1/leaderboard/places')).body as { id: string; kind: string }[];
    const town = await unitNamed(t.database.db, '直升镇');
    expect(places.map((p) => p.id)).toEqual(expect.arrayContaining([jiaoxiang.id, village.id, town.id]));
    expect(places.every((p) => ['courtyard', 'village', 'town'].includes(p.kind))).toBe(true);
    const staff = (await operator.get('/api/v1/leaderboard/places')).body as { id: string; kind: string }[];
    expect(staff.some((p) => p.id === village.id)).toBe(true);
    expect(staff.some((p) => p.kind === 'courtyard')).toBe(false);
  });

  it('a scope that does not fit the level is refused with a stable code', async () => {
    for (const query of [
      `level=courtyards&scope=${jiaoxiang.id}`,
      `level=villages&scope=${village.id}`,
      `level=households&scope=${jiaoxiang.parentId}`,
    ]) {
      const res = await board(operator, query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('LEADERBOARD_SCOPE_MISMATCH');
    }
    expect((await board(operator, `level=rooms&scope=${village.id}`)).status).toBe(400);
    expect((await board(operator, `level=households&scope=${village.id}&at=2026-02-30`)).status).toBe(400);
  });

  it('a board link opens the village screen until it is revoked; only its hash is stored', async () => {
    const made = await operator.post('/api/v1/leaderboard/boards', {
      villageId: village.id,
      name: '村委会大屏',
    });
    expect(made.status).toBe(201);
    const token = made.body.token as string;
    const anonymous = new (resident.constructor as new (app: unknown) => TestClient)(t.app);
    const screen = await anonymous.get(`/api/v1/leaderboard/screen/${token}`);
    expect(screen.status).toBe(200);
    expect(screen.body.village.name).toBe('万宝村');
    expect(screen.body.households.length).toBeLessThanOrEqual(10);
    expect(screen.body.courtyards.find((r: Row) => r.id === yards.small)).toMatchObject({ perHousehold: 20 });
    const [stored] = await t.database.db
      .select()
      .from(leaderboardBoards)
      .where(eq(leaderboardBoards.id, made.body.id));
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await operator.get(`/api/v1/leaderboard/boards?villageId=${village.id}`);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    expect((await outsider.post(`/api/v1/leaderboard/boards/${made.body.id}/revoke`)).status).toBe(404);
    // A resident does not reach the village as staff (404); the town's post staff reach it but may not (403).
    const postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    const asked = { villageId: village.id, name: 'x' };
    expect((await resident.post('/api/v1/leaderboard/boards', asked)).status).toBe(404);
    expect((await postStaff.post('/api/v1/leaderboard/boards', asked)).status).toBe(403);
    expect((await operator.post(`/api/v1/leaderboard/boards/${made.body.id}/revoke`)).status).toBe(200);
    const gone = await anonymous.get(`/api/v1/leaderboard/screen/${token}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('LEADERBOARD_BOARD_REVOKED');
    expect((await anonymous.get(`/api/v1/leaderboard/screen/${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('reads a village’s entries of one period through the (village, at) index, not the whole district', async () => {
    const plan = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`explain select household_id, sum(points) from point_entries
        where village_id = ${village.id} and at >= now() - interval '1 month' and at < now()
          and source_type <> 'redemption' group by household_id`);
      return JSON.stringify((result as unknown as { rows: unknown[] }).rows);
    });
    expect(plan).toContain('point_entries_village');
  });
});
