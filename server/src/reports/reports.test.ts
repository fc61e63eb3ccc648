import { type RankingSection, reportPeriod } from '@domain/reports/report';
import { and, asc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits, reportSnapshots, sectors, taskAssignments, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { insertTownTask } from '../testing/tasks';
import { composeReport, generateSnapshot, runScheduledReports } from './generate';

describe.each(testBackends())('reports (日通报、周小结、月总结) on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let district: TestClient;
  let resident: TestClient;
  let outsider: TestClient;
  let town: Awaited<ReturnType<typeof unitNamed>>;
  let districtUnit: typeof orgUnits.$inferSelect;
  let yard: Awaited<ReturnType<typeof unitNamed>>;
  let matterId: string;

  const fileCase = async () => {
    const res = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId,
      description: '路灯不亮，夜里看不清',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    district = await signedIn(t.app, DEMO.districtSupervisor);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    outsider = await signedIn(t.app, DEMO.guangshun.operator);
    town = await unitNamed(t.database.db, '直升镇');
    yard = await unitNamed(t.database.db, '椒香小院');
    [districtUnit] = (await t.database.db.select().from(orgUnits).where(eq(orgUnits.kind, 'district'))) as [
      typeof orgUnits.$inferSelect,
    ];
    const all = (await operator.get(`/api/v1/org/units/${town.id}/matters`)).body as {
      id: string;
      parentId: string | null;
      level: string;
    }[];
    matterId = all.find((m) => m.parentId && m.level === 'town')?.id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('generates a town weekly summary on demand, as a kept snapshot with an audit row', async () => {
    const now = new Date();
    const res = await operator.post('/api/v1/reports', {
      unitId: town.id,
      kind: 'week',
      at: now.toISOString(),
    });
    expect(res.status).toBe(201);
    const week = reportPeriod('week', now);
    expect(res.body.periodFrom).toBe(week.from.toISOString());
    expect(res.body.version).toBe(1);
    expect(res.body.complete).toBe(false);
    expect(res.body.title).toContain('直升镇周小结');
    expect(res.body.body.unit.name).toBe('直升镇');
    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, res.body.id), eq(auditLog.action, 'generate')));
    expect(audits).toHaveLength(1);

    // Regenerating at once is refused; a minute on it makes version 2 and version 1 stays as it was.
    const again = await operator.post('/api/v1/reports', {
      unitId: town.id,
      kind: 'week',
      at: now.toISOString(),
    });
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('REPORT_JUST_GENERATED');
    await fileCase();
    const later = new Date(Date.now() + 61_000);
    const v2 = await generateSnapshot(t.database.db, town, 'week', week, null, later);
    expect(v2.version).toBe(2);
    const b1 = res.body.body;
    const r2 = await operator.get(`/api/v1/reports/${v2.id}`);
    expect(r2.status).toBe(200);
    const b2 = r2.body.body;
    expect(b2.kpi.received.value).toBe(b1.kpi.received.value + 1);
    const v1Again = await operator.get(`/api/v1/reports/${res.body.id}`);
    expect(v1Again.body.body).toEqual(b1);

    const list = await operator.get(`/api/v1/reports?unitId=${town.id}&kind=week`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
  });

  it('keeps each town to its own: another town and a resident cannot read or generate', async () => {
    const [row] = await t.database.db
      .select()
      .from(reportSnapshots)
      .where(eq(reportSnapshots.unitId, town.id));
    expect((await outsider.get(`/api/v1/reports/${row?.id}`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/reports/${row?.id}/xlsx`)).status).toBe(404);
    expect([403, 404]).toContain((await outsider.get(`/api/v1/reports?unitId=${town.id}`)).status);
    expect([403, 404]).toContain(
      (await resident.post('/api/v1/reports', { unitId: town.id, kind: 'day' })).status,
    );
    const village = await unitNamed(t.database.db, '万宝村');
    const refused = await operator.post('/api/v1/reports', { unitId: village.id, kind: 'day' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('REPORT_UNIT_NOT_TOWN');
  });

  it('exports a report as .xlsx that reads back with the same figures', async () => {
    const list = await operator.get(`/api/v1/reports?unitId=${town.id}&kind=week`);
    const id = list.body.items[0].id as string;
    const view = (await operator.get(`/api/v1/reports/${id}`)).body;
    const res = await t.app.inject({
      url: `/api/v1/reports/${id}/xlsx`,
      headers: { cookie: operator.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('概况');
    expect(String(sheet?.getRow(1).getCell(1).value)).toBe(view.title);
    expect(sheet?.getRow(4).getCell(1).value).toBe('受理（上报）');
    expect(sheet?.getRow(4).getCell(2).value).toBe(view.body.kpi.received.value);
  });

  it('the district supervisor reports on the whole district', async () => {
    const res = await district.post('/api/v1/reports', { unitId: districtUnit.id, kind: 'month' });
    expect(res.status).toBe(201);
    expect(res.body.complete).toBe(true);
    const townMonth = await operator.post('/api/v1/reports', { unitId: town.id, kind: 'month' });
    expect(townMonth.status).toBe(201);
    expect(res.body.body.kpi.received.value).toBeGreaterThanOrEqual(townMonth.body.body.kpi.received.value);
  });

  it('the scheduler makes each ended period once per town and district, whoever runs it', async () => {
    const now = new Date();
    const units = await t.database.db.select().from(orgUnits).where(eq(orgUnits.kind, 'town'));
    const first = await runScheduledReports(t.database.db, now);
    const second = await runScheduledReports(t.database.db, now);
    expect(second).toBe(0);
    // Every town and the district, three kinds, less the month reports made on demand above.
    expect(first).toBe((units.filter((u) => !u.retiredAt).length + 1) * 3 - 2);
    const days = await t.database.db
      .select()
      .from(reportSnapshots)
      .where(and(eq(reportSnapshots.unitId, town.id), eq(reportSnapshots.kind, 'day')));
    expect(days).toHaveLength(1);
    expect(days[0]?.generatedBy).toBeNull();
  });

  describe('the rankings of a fixed week, hand-computed (Asia/Shanghai)', () => {
    /** A wall-clock time in Chongqing. */
    const sh = (local: string) => new Date(`${local}+08:00`);
    // ISO week 2026-W24: Monday 06-08 00:00 to Monday 06-15 00:00, Shanghai; the week before from 06-01.
    const week = reportPeriod('week', sh('2026-06-10T12:00:00'));
    const now = sh('2026-06-20T09:00:00');
    let body: Awaited<ReturnType<typeof composeReport>>;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const db = t.database.db;
      const villages = await db
        .select()
        .from(orgUnits)
        .where(and(eq(orgUnits.parentId, town.id), eq(orgUnits.kind, 'village')))
        .orderBy(asc(orgUnits.code));
      const v1 = villages.find((v) => v.name === '万宝村') as typeof orgUnits.$inferSelect;
      const v2 = villages.find((v) => v.id !== v1.id) as typeof orgUnits.$inferSelect;
      const gridsOf = (v: typeof v1) =>
        db.select().from(orgUnits).where(eq(orgUnits.parentId, v.id)).orderBy(asc(orgUnits.code));
      const [g1, g2] = (await gridsOf(v1)) as [typeof v1, typeof v1];
      const [g3] = (await gridsOf(v2)) as [typeof v1];
      const people = await db
        .select()
        .from(users)
        .where(inArray(users.phone, [DEMO.zhisheng.gridWorker, DEMO.zhisheng.courtyardHead]));
      const w1 = people.find((u) => u.phone === DEMO.zhisheng.gridWorker) as typeof users.$inferSelect;
      const w2 = people.find((u) => u.phone === DEMO.zhisheng.courtyardHead) as typeof users.$inferSelect;
      const sectorRows = await db.select().from(sectors).where(eq(sectors.townId, town.id));
      const sector = (kind: string) => sectorRows.find((r) => r.kind === kind)?.id as string;
      Object.assign(ids, {
        v1: v1.id,
        v2: v2.id,
        g1: g1.id,
        g2: g2.id,
        g3: g3.id,
        w1: w1.id,
        w2: w2.id,
        safety: sector('safety'),
        livelihood: sector('livelihood'),
      });
      const taskId = await insertTownTask(db, town, w1.id);
      const grid = (g: typeof v1) => ({
        assigneeKind: 'grid',
        assigneeId: g.id,
        assigneeName: g.name,
        unitId: g.id,
        unitPath: g.path,
        villageId: g.parentId,
        gridId: g.id,
        sectorId: null,
      });
      const sectorOf = (kind: string) => ({
        assigneeKind: 'sector',
        assigneeId: sector(kind),
        assigneeName: kind,
        unitId: town.id,
        unitPath: town.path,
        villageId: null,
        gridId: null,
        sectorId: sector(kind),
      });
      const done = (
        who: ReturnType<typeof grid> | ReturnType<typeof sectorOf>,
        due: string,
        by: typeof w1 | null,
        submitted: string | null,
        percent: number | null,
      ) => ({
        ...who,
        id: uuidv7(),
        taskId,
        periodKey: `${who.assigneeId.slice(0, 8)}-${due}`,
        townId: town.id,
        status: percent !== null ? 'scored' : submitted ? 'submitted' : 'assigned',
        dueAt: sh(due),
        remindAt: sh(due),
        evidence: [null],
        submittedBy: by?.id ?? null,
        submittedAt: submitted ? sh(submitted) : null,
        percent,
      });
      await db.insert(taskAssignments).values([
        // This week. g1's first deadline is half an hour into Monday: UTC still reads Sunday 06-07.
        done(grid(g1), '2026-06-08T00:30:00', w1, '2026-06-07T20:00:00', 90),
        done(grid(g2), '2026-06-10T18:00:00', w2, '2026-06-10T09:00:00', 70),
        done(grid(g3), '2026-06-12T18:00:00', null, null, null), // never handed in: counts 0
        done(grid(g1), '2026-06-13T18:00:00', w1, '2026-06-14T10:00:00', 80), // a day late
        done(sectorOf('safety'), '2026-06-11T18:00:00', null, '2026-06-11T09:00:00', 60),
        done(sectorOf('livelihood'), '2026-06-11T18:00:00', null, '2026-06-11T09:00:00', null), // not scored
        // The week before. g2's deadline is half an hour before Monday: the same UTC day as g1's above.
        done(grid(g2), '2026-06-07T23:30:00', w2, '2026-06-07T12:00:00', 100),
        done(grid(g1), '2026-06-03T18:00:00', w1, '2026-06-03T09:00:00', 50),
        done(grid(g3), '2026-06-04T18:00:00', w2, '2026-06-04T09:00:00', 75),
        done(sectorOf('safety'), '2026-06-05T18:00:00', null, '2026-06-05T09:00:00', 40),
        // Two weeks before (Sunday 05-31, 23:30): in neither week.
        done(grid(g3), '2026-05-31T23:30:00', w2, '2026-05-31T09:00:00', 10),
      ]);
      body = await composeReport(db, town, 'week', week, now);
    });

    const rows = (section: RankingSection | undefined) =>
      section?.top.map((r) => [
        Object.entries(ids).find(([, id]) => id === r.key)?.[0],
        r.rank.value,
        r.rank.previous,
        r.score.value,
        r.score.previous,
        r.onTimeRate,
      ]);

    it('ranks the grids by mean score, each beside its rank and score the week before', () => {
      // g1: (90 + 80) / 2 = 85, one of two on time; g2: 70; g3: never handed in, past due, 0.
      // Week before: g2 100, g3 75, g1 50.
      expect(rows(body.rankings?.grids)).toEqual([
        ['g1', 1, 3, 85, 50, 50],
        ['g2', 2, 1, 70, 100, 100],
        ['g3', 3, 2, 0, 75, 0],
      ]);
      expect(body.rankings?.grids.total).toBe(3);
      expect(body.rankings?.grids.bottom).toEqual([]);
      expect(body.rankings?.grids.top[0]?.rank.delta).toBe(-2);
      expect(body.rankings?.grids.top[0]?.counted).toBe(2);
    });

    it('rolls grids up to their villages, ties broken by the number counted', () => {
      // v1 (g1, g2): (90 + 70 + 80) / 3 = 80, two of three on time; v2 (g3): 0.
      // Week before: v1 (100 + 50) / 2 = 75 and v2 75: equal, v1 first for counting two.
      expect(rows(body.rankings?.villages)).toEqual([
        ['v1', 1, 1, 80, 75, 66.7],
        ['v2', 2, 2, 0, 75, 0],
      ]);
      expect(body.rankings?.villages.top[0]?.name).toBe('万宝村');
    });

    it('credits a grid’s task to the worker who handed it in, and ranks the sectors', () => {
      // w1: g1's 90 and 80 = 85 (week before 50); w2: g2's 70 (week before (100 + 75) / 2 = 87.5).
      // g3's missed task was handed in by nobody, so no worker answers for it.
      expect(rows(body.rankings?.grid_workers)).toEqual([
        ['w1', 1, 2, 85, 50, 50],
        ['w2', 2, 1, 70, 87.5, 100],
      ]);
      // 民生服务 handed in on time but is not scored yet: listed after the scored, with no score.
      expect(rows(body.rankings?.sectors)).toEqual([
        ['safety', 1, 1, 60, 40, 100],
        ['livelihood', 2, null, null, null, 100],
      ]);
      expect(body.rankings?.sectors.top.map((r) => r.name)).toEqual(['直升镇 平安法治', '直升镇 民生服务']);
    });

    it('a snapshot of the week exports its rankings as a sheet of the workbook', async () => {
      const row = await generateSnapshot(t.database.db, town, 'week', week, null, now);
      const res = await t.app.inject({
        url: `/api/v1/reports/${row.id}/xlsx`,
        headers: { cookie: operator.cookie },
      });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('考核排名');
      if (!sheet) throw new Error('no 考核排名 sheet');
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual([
        '层级',
        '名次',
        '名称',
        '得分',
        '上期名次',
        '上期得分',
        '按期提交率',
        '计分单数',
        '参评总数',
        '位置',
      ]);
      // Grid workers first (two rows), then the grids: 85 over last week's 50, one of two on time.
      expect(values(4).slice(0, 2)).toEqual(['网格', 1]);
      expect(values(4).slice(3)).toEqual([85, 3, 50, 0.5, 2, 3, '前十']);
      expect(sheet.rowCount).toBe(1 + 2 + 3 + 2 + 2);
    });

    it('the report’s ranking is the live ranking of that week', async () => {
      const live = await operator.get(`/api/v1/tasks/rankings?level=grids&scope=${town.id}&period=2026-W24`);
      expect(live.status).toBe(200);
      expect(live.body.period.start).toBe(week.from.toISOString());
      expect(live.body.rows.map((r: { key: string; score: number }) => [r.key, r.score])).toEqual(
        body.rankings?.grids.top.map((r) => [r.key, r.score.value]),
      );
    });
  });
});
