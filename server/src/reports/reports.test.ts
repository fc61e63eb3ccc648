import { reportPeriod } from '@domain/reports/report';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits, reportSnapshots } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { generateSnapshot, runScheduledReports } from './generate';

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
});
