import { and, eq, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, matters, notifications, users } from '../db/schema';
import { generateDemoDistrict } from '../demo/generate';
import { loadDemoDistrict } from '../demo/load';
import { createRealtime, type Realtime } from '../platform/realtime';
import { openTwoProcesses, testBackends } from '../testing/app';
import { DEMO, unitNamed } from '../testing/demo';
import { runClockTick } from './clockTick';
import { ReportIntake } from './intake';
import { PlacesAndMatters } from './placesAndMatters';
import { reportCase } from './report';

describe.each(testBackends())('the case clock on %s', (backend) => {
  let dbs: Awaited<ReturnType<typeof openTwoProcesses>>;
  let reporterId: string;
  let matterId: string;
  let yardId: string;
  let realtime: Realtime;
  let intake: ReportIntake;

  beforeAll(async () => {
    dbs = await openTwoProcesses(backend);
    realtime = await createRealtime(dbs.a);
    intake = new ReportIntake(dbs.a, new PlacesAndMatters(dbs.a, realtime));
    const logins = await loadDemoDistrict(dbs.a.db, generateDemoDistrict());
    const [reporter] = await dbs.a.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
    reporterId = reporter?.id as string;
    expect(logins.length).toBeGreaterThan(0);
    const town = await unitNamed(dbs.a.db, '直升镇');
    const [m] = await dbs.a.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    matterId = m?.id as string;
    yardId = (await unitNamed(dbs.a.db, '椒香小院')).id;
  });
  afterAll(async () => {
    await realtime?.close();
    await dbs?.close();
  });

  const report = async (at: Date) =>
    (
      await reportCase(
        dbs.a,
        intake,
        reporterId,
        {
          id: uuidv7(),
          matterId,
          description: '路灯不亮',
          unitId: yardId,
          urgency: 'normal',
          photoIds: [],
          anonymous: false,
        },
        { perMinute: 1_000, at },
      )
    ).receipt;

  it('with the clock moved past the deadline, a case becomes overdue once, even with two processes ticking', async () => {
    const reported = await report(new Date());
    const later = new Date(Date.parse(reported.stageDueAt as string) + 60_000);
    await Promise.all([
      runClockTick(dbs.a.db, later),
      runClockTick(dbs.b.db, later),
      runClockTick(dbs.a.db, later),
    ]);
    await runClockTick(dbs.b.db, later);
    const [row] = await dbs.a.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(row?.overdueLevel).toBe(1);
    const events = await dbs.a.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, reported.id), eq(caseEvents.action, 'overdue')));
    expect(events).toHaveLength(1);
    const told = await dbs.a.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, reported.id), eq(notifications.kind, 'case_overdue')));
    expect(told.length).toBeGreaterThan(0);
  });

  it('overdue twice goes up to the supervisors; a reminder goes out once before the deadline', async () => {
    const reported = await report(new Date());
    const due = new Date(reported.stageDueAt as string);
    const almost = new Date(due.getTime() - 10 * 60_000);
    expect((await runClockTick(dbs.a.db, almost)).reminded).toBeGreaterThanOrEqual(1);
    await runClockTick(dbs.b.db, almost);
    const reminders = await dbs.a.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, reported.id), eq(notifications.kind, 'case_due_soon')));
    const operators = new Set(reminders.map((r) => r.userId));
    expect(reminders.length).toBe(operators.size);

    const muchLater = new Date(due.getTime() + 48 * 3600_000);
    await runClockTick(dbs.a.db, muchLater);
    const [row] = await dbs.a.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(row?.overdueLevel).toBe(2);
    const raised = await dbs.a.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, reported.id), eq(notifications.kind, 'case_overdue_twice')));
    expect(raised.length).toBeGreaterThanOrEqual(2);
  });

  it('a paused case is not marked overdue', async () => {
    const reported = await report(new Date());
    await dbs.a.db.update(cases).set({ pausedSince: new Date() }).where(eq(cases.id, reported.id));
    await runClockTick(dbs.a.db, new Date(Date.parse(reported.stageDueAt as string) + 3600_000));
    const [row] = await dbs.a.db.select().from(cases).where(eq(cases.id, reported.id));
    expect(row?.overdueLevel).toBe(0);
  });
});
