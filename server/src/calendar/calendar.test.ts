import { and, eq, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../cases/act';
import { ReportIntake } from '../cases/intake';
import { PlacesAndMatters } from '../cases/placesAndMatters';
import { reportCase } from '../cases/report';
import { cases, matters, users } from '../db/schema';
import { createRealtime, type Realtime } from '../platform/realtime';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

const sh = (local: string) => new Date(`${local}+08:00`);
const LIMITS = {
  normal: { accept: 24, dispatch: 8, handle: 72, verify: 24, close: 24 },
  urgent: { accept: 2, dispatch: 2, handle: 24, verify: 8, close: 8 },
};

describe.each(testBackends())('the working-day calendar on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let operator: TestClient;
  let resident: TestClient;
  let realtime: Realtime;
  let intake: ReportIntake;
  let reporterId: string;
  let matterId: string;
  let yardId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    // An intake of our own over the app's database, so a report can be filed at a chosen instant.
    realtime = await createRealtime(t.database);
    intake = new ReportIntake(t.database, new PlacesAndMatters(t.database, realtime));
    const [reporter] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.phone, DEMO.zhisheng.resident));
    reporterId = reporter?.id as string;
    const town = await unitNamed(t.database.db, '直升镇');
    const [m] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId), eq(matters.level, 'town')));
    matterId = m?.id as string;
    yardId = (await unitNamed(t.database.db, '椒香小院')).id;
  });
  afterAll(async () => {
    await realtime?.close();
    await t?.close();
  });

  const report = async (at: Date) => {
    const filed = await reportCase(
      t.database,
      intake,
      reporterId,
      {
        id: uuidv7(),
        matterId,
        description: '节日期间村道塌陷',
        unitId: yardId,
        urgency: 'normal',
        photoIds: [],
        anonymous: false,
      },
      { perMinute: 1_000, at },
    );
    return filed.receipt;
  };

  it('comes preloaded: 2026 as published, 2027 marked provisional (待公布核对)', async () => {
    const res = await resident.get('/api/v1/calendar/years');
    expect(res.status).toBe(200);
    const [y2026, y2027] = res.body;
    expect(y2026).toMatchObject({ year: 2026, provisional: false });
    expect(y2026.days).toContainEqual({ date: '2026-02-14', kind: 'workday', name: '春节调休上班' });
    expect(y2026.days.filter((d: { name: string }) => d.name === '春节')).toHaveLength(9);
    expect(y2027).toMatchObject({ year: 2027, provisional: true });
    expect(y2027.days.every((d: { name: string }) => d.name.includes('待公布核对'))).toBe(true);
  });

  it('only an admin edits a year; a bad list is refused; each change is kept in the history', async () => {
    const body = {
      days: [
        { date: '2030-01-01', kind: 'holiday', name: '元旦' },
        { date: '2030-02-02', kind: 'workday', name: '春节调休上班' },
      ],
      provisional: true,
      note: '待公布核对',
    };
    expect((await resident.put('/api/v1/calendar/years/2030', body)).status).toBe(403);
    expect((await operator.put('/api/v1/calendar/years/2030', body)).status).toBe(403);
    const wrong = await admin.put('/api/v1/calendar/years/2030', {
      ...body,
      days: [...body.days, { date: '2031-01-01', kind: 'holiday', name: '元旦' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('CALENDAR_INVALID');
    const saved = await admin.put('/api/v1/calendar/years/2030', body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ year: 2030, provisional: true, updatedBy: expect.any(String) });
    const changed = await admin.put('/api/v1/calendar/years/2030', {
      ...body,
      days: [body.days[0], { date: '2030-10-01', kind: 'holiday', name: '国庆节' }],
      provisional: false,
    });
    expect(changed.status).toBe(200);
    const history = await admin.get('/api/v1/calendar/years/2030/changes');
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(2);
    expect(history.body[0]).toMatchObject({
      added: [{ date: '2030-10-01', kind: 'holiday', name: '国庆节' }],
      removed: [{ date: '2030-02-02', kind: 'workday', name: '春节调休上班' }],
      provisional: false,
    });
    expect((await operator.get('/api/v1/calendar/years/2030/changes')).status).toBe(403);
  });

  it('a matter in working days puts a report over National Day due after the holiday; editing the calendar counts at once', async () => {
    // On the wall clock, a report on 1 Oct 10:00 with 24 h to accept is due on 2 Oct 10:00.
    expect((await operator.patch(`/api/v1/matters/${matterId}`, { limits: LIMITS })).status).toBe(200);
    const plain = await report(sh('2026-10-01T10:00:00'));
    expect(plain.stageDueAt).toBe(sh('2026-10-02T10:00:00').toISOString());

    const flagged = await operator.patch(`/api/v1/matters/${matterId}`, { workingDays: true });
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({ workingDays: true, limits: LIMITS });
    // 1–7 Oct off: the working day clock starts on Thursday 8 Oct at midnight, and one day later is due.
    const counted = await report(sh('2026-10-01T10:00:00'));
    expect(counted.stageDueAt).toBe(sh('2026-10-09T00:00:00').toISOString());
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, counted.id));
    // The whole limit (152 h of working time) runs from 8 Oct: 6 working days and 8 hours, 10 Oct (Sat) worked.
    expect(row?.dueAt?.toISOString()).toBe(sh('2026-10-15T08:00:00').toISOString());

    // The admin makes 8 Oct a day off: the next report is counted on the new calendar straight away.
    const year = (await admin.get('/api/v1/calendar/years')).body.find(
      (y: { year: number }) => y.year === 2026,
    );
    const extra = { date: '2026-10-08', kind: 'holiday', name: '测试停工' };
    expect(
      (await admin.put('/api/v1/calendar/years/2026', { ...year, days: [...year.days, extra], note: '' }))
        .status,
    ).toBe(400); // unknown fields (year, updatedAt…) are refused
    const put = await admin.put('/api/v1/calendar/years/2026', {
      days: [...year.days, extra],
      provisional: false,
      note: year.note,
    });
    expect(put.status).toBe(200);
    const later = await report(sh('2026-10-01T10:00:00'));
    expect(later.stageDueAt).toBe(sh('2026-10-10T00:00:00').toISOString());
    await admin.put('/api/v1/calendar/years/2026', { days: year.days, provisional: false, note: year.note });

    // Each later stage is counted the same way: accepted on a holiday, the dispatch clock starts on 8 Oct.
    const [operatorRow] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.phone, DEMO.zhisheng.operator));
    const grants = await t.database.db.query.roleGrants.findMany({
      where: (g, { eq: is }) => is(g.userId, operatorRow?.id as string),
    });
    const town = await unitNamed(t.database.db, '直升镇');
    const accepted = await actOnCase(
      t.database.db,
      {
        userId: operatorRow?.id as string,
        grants: grants.map((g) => ({
          role: g.role as 'center_operator',
          unitId: g.unitId,
          unitPath: town.path,
        })),
      },
      counted.id,
      { action: 'accept', photoIds: [] },
      sh('2026-10-02T09:00:00'),
    );
    expect(accepted.stageDueAt?.toISOString()).toBe(sh('2026-10-08T08:00:00').toISOString());
  });
});
