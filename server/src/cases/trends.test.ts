import { trendWindow } from '@domain/cases/trends';
import { and, eq, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, matters, orgUnits, posts, roleGrants, sectors, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * A small fixed set of cases in a village of its own, whose trends are counted by hand below. Times
 * are set around the current Asia/Shanghai midnight, so that a case reported at 23:59:59 and one
 * closed at 00:00:00 fall on the days a Chongqing clock says.
 */
describe.each(testBackends())('wall screen trends on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let village: { id: string; path: string };
  let grid1: { id: string; name: string };
  let grid2: { id: string; name: string };
  let matterSector: string;
  let otherSector: string;
  let today: Date;
  let todayKey: string;
  let dayKey: (offset: number) => string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const db = t.database.db;
    const admin = await signedIn(t.app, DEMO.admin);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    const town = await unitNamed(db, '直升镇');
    const made = await admin.post('/api/v1/org/units', { parentId: town.id, name: '趋势测试村' });
    expect(made.status).toBe(201);
    const g1 = await admin.post('/api/v1/org/units', { parentId: made.body.id, name: '趋势一网格' });
    const g2 = await admin.post('/api/v1/org/units', { parentId: made.body.id, name: '趋势二网格' });
    const unit = async (id: string) => (await db.select().from(orgUnits).where(eq(orgUnits.id, id)))[0];
    const v = await unit(made.body.id);
    const u1 = await unit(g1.body.id);
    const u2 = await unit(g2.body.id);
    if (!v || !u1 || !u2) throw new Error('fixture units missing');
    village = v;
    grid1 = u1;
    grid2 = u2;

    const [matter] = await db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    if (!matter) throw new Error('no matter');
    matterSector = matter.sector;
    const [post] = await db
      .select({ id: posts.id, sector: sectors.kind })
      .from(posts)
      .innerJoin(sectors, eq(sectors.id, posts.sectorId))
      .where(and(eq(sectors.townId, town.id)))
      .then((rows) => rows.filter((r) => r.sector !== matterSector));
    if (!post) throw new Error('no post of another sector');
    otherSector = post.sector;
    const [reporter] = await db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));

    const window = trendWindow(7, new Date());
    today = new Date(window.since.getTime() + 6 * DAY);
    todayKey = window.days[6] as string;
    dayKey = (offset: number) => window.days[6 + offset] as string;

    const row = (
      gridUnit: { id: string; path: string },
      fields: Partial<typeof cases.$inferInsert> & { reportedAt: Date; status: string },
    ) => ({
      id: uuidv7(),
      townId: town.id,
      matterId: matter.id,
      urgency: 'normal',
      description: '趋势测试',
      reporterId: reporter?.id as string,
      unitId: gridUnit.id,
      unitPath: gridUnit.path,
      villageId: village.id,
      gridId: gridUnit.id,
      ...fields,
    });
    await db.insert(cases).values([
      // A: reported today, not yet taken in; its matter's sector.
      row(u1, { reportedAt: new Date(today.getTime() + HOUR), status: 'reported' }),
      // B: reported at 23:59:59 yesterday, dispatched to the other sector, overdue.
      row(u1, {
        reportedAt: new Date(today.getTime() - 1000),
        status: 'dispatched',
        leadPostId: post.id,
        overdueLevel: 1,
      }),
      // C: reported three days ago, closed at 00:00:00 today by the other sector.
      row(u2, {
        reportedAt: new Date(today.getTime() - 3 * DAY),
        status: 'closed',
        closedAt: today,
        leadPostId: post.id,
      }),
      // D: reported long before the window, closed a millisecond before midnight: yesterday.
      row(u2, {
        reportedAt: new Date(today.getTime() - 40 * DAY),
        status: 'closed',
        closedAt: new Date(today.getTime() - 1),
      }),
      // E: reported long ago, still in progress, overdue twice.
      row(u2, {
        reportedAt: new Date(today.getTime() - 40 * DAY),
        status: 'in_progress',
        leadPostId: post.id,
        overdueLevel: 2,
      }),
      // F: reported two days ago and rejected: received, but neither open nor closed.
      row(u1, {
        reportedAt: new Date(today.getTime() - 2 * DAY),
        status: 'rejected',
        rejectedAt: new Date(today.getTime() - 2 * DAY + HOUR),
      }),
    ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('counts received and closed per Asia/Shanghai day, by sector and by grid, as counted by hand', async () => {
    const res = await operator.get(`/api/v1/cases/trends?unitId=${village.id}&days=7`);
    expect(res.status).toBe(200);
    expect(res.body.unit).toEqual({ id: village.id, name: '趋势测试村', kind: 'village' });
    expect(res.body.since).toBe(new Date(today.getTime() - 6 * DAY).toISOString());
    expect(res.body.days).toEqual([
      { day: dayKey(-6), received: 0, closed: 0 },
      { day: dayKey(-5), received: 0, closed: 0 },
      { day: dayKey(-4), received: 0, closed: 0 },
      { day: dayKey(-3), received: 1, closed: 0 }, // C reported
      { day: dayKey(-2), received: 1, closed: 0 }, // F reported
      { day: dayKey(-1), received: 1, closed: 1 }, // B at 23:59:59; D closed at 23:59:59.999
      { day: todayKey, received: 1, closed: 1 }, // A; C closed at 00:00:00
    ]);
    const sector = (kind: string) => res.body.sectors.find((s: { sector: string }) => s.sector === kind);
    expect(res.body.sectors.map((s: { sector: string }) => s.sector)).toEqual([
      'party',
      'economy',
      'livelihood',
      'safety',
    ]);
    // Open: A by its matter's sector; B and E by their lead post's. Closed in the window: C and D.
    expect(sector(matterSector)).toEqual({ sector: matterSector, open: 1, closed: 1 });
    expect(sector(otherSector)).toEqual({ sector: otherSector, open: 2, closed: 1 });
    expect(res.body.grids).toEqual([
      { gridId: grid1.id, name: grid1.name, villageName: '趋势测试村', open: 2, overdue: 1 }, // A, B (overdue)
      { gridId: grid2.id, name: grid2.name, villageName: '趋势测试村', open: 1, overdue: 1 }, // E (overdue)
    ]);
  });

  it('a one-day window holds only what happened since midnight in Chongqing, and top cuts the grids', async () => {
    const res = await operator.get(`/api/v1/cases/trends?unitId=${village.id}&days=1&top=1`);
    expect(res.status).toBe(200);
    expect(res.body.days).toEqual([{ day: todayKey, received: 1, closed: 1 }]);
    expect(res.body.grids).toEqual([
      { gridId: grid1.id, name: grid1.name, villageName: '趋势测试村', open: 2, overdue: 1 },
    ]);
  });

  it("the town's figures include the fixture, and the district supervisor sees them too", async () => {
    const town = await unitNamed(t.database.db, '直升镇');
    const mine = await operator.get(`/api/v1/cases/trends?unitId=${town.id}&days=7`);
    expect(mine.status).toBe(200);
    expect(mine.body.days.at(-1).received).toBeGreaterThanOrEqual(1);
    const supervisor = await signedIn(t.app, DEMO.districtSupervisor);
    const theirs = await supervisor.get(`/api/v1/cases/trends?unitId=${town.id}&days=7`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.days).toEqual(mine.body.days);
  });

  it("another town's operator gets 404, a grid worker 403 even on their own grid, a window past 90 days 400", async () => {
    const other = await signedIn(t.app, DEMO.guangshun.operator);
    expect((await other.get(`/api/v1/cases/trends?unitId=${village.id}`)).status).toBe(404);
    const worker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const town = await unitNamed(t.database.db, '直升镇');
    expect((await worker.get(`/api/v1/cases/trends?unitId=${town.id}`)).status).toBe(404);
    const [grant] = await t.database.db
      .select({ unitId: roleGrants.unitId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(users.phone, DEMO.zhisheng.gridWorker), eq(roleGrants.role, 'grid_worker')));
    expect((await worker.get(`/api/v1/cases/trends?unitId=${grant?.unitId}`)).status).toBe(403);
    expect((await operator.get(`/api/v1/cases/trends?unitId=${town.id}&days=91`)).status).toBe(400);
  });
});
