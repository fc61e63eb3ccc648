import type { Actor } from '@domain/policies/scope';
import { periodOf } from '@domain/tasks/periods';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orgUnits, roleGrants, taskAssignments, taskEvents, users } from '../db/schema';
import { generateDemoDistrict } from '../demo/generate';
import { loadDemoDistrict } from '../demo/load';
import { consoleLog } from '../platform/log';
import { type Scheduler, startScheduler } from '../platform/scheduler';
import { openTwoProcesses, testBackends } from '../testing/app';
import { DEMO, unitNamed } from '../testing/demo';
import { issueTask } from './issueTask';
import { runTaskClock } from './taskClock';

const WEEK = 7 * 86_400_000;

describe.each(testBackends())('recurring tasks on %s', (backend) => {
  let dbs: Awaited<ReturnType<typeof openTwoProcesses>>;
  let operator: Actor;
  let townId: string;
  let gridIds: string[];
  let clock = Date.now();
  const schedulers: Scheduler[] = [];

  beforeAll(async () => {
    dbs = await openTwoProcesses(backend);
    await loadDemoDistrict(dbs.a.db, generateDemoDistrict());
    const town = await unitNamed(dbs.a.db, '直升镇');
    townId = town.id;
    const [op] = await dbs.a.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.operator));
    operator = {
      userId: op?.id as string,
      grants: [{ role: 'center_operator', unitId: town.id, unitPath: town.path }],
    };
    const village = await unitNamed(dbs.a.db, '万宝村');
    const grids = await dbs.a.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, village.id), eq(orgUnits.kind, 'grid')))
      .orderBy(orgUnits.code);
    gridIds = grids.slice(0, 3).map((g) => g.id);
  });
  afterAll(async () => {
    await Promise.all(schedulers.map((s) => s.stop()));
    await dbs?.close();
  });

  it("a recurring weekly task creates each week's instances once, even with two server processes", async () => {
    const taskId = await issueTask(dbs.a.db, operator, {
      unitId: townId,
      title: '每周网格安全巡查',
      instructions: '',
      items: [{ title: '巡查照片', evidence: 'photo', maxScore: 10 }],
      assignees: gridIds.map((id) => ({ kind: 'grid' as const, id })),
      recurrence: 'weekly',
      workingDays: false,
      endsAt: null,
    });
    // Two processes, each with its own scheduler, ticking on one shared (test-driven) clock.
    const job = (db: typeof dbs.a) => ({
      name: 'task-clock',
      everyMs: 60_000,
      run: async (now: Date) => {
        await runTaskClock(db.db, now);
      },
    });
    for (const db of [dbs.a, dbs.b]) {
      schedulers.push(
        startScheduler(db, [job(db)], { now: () => new Date(clock), tickMs: 3_600_000, log: consoleLog }),
      );
    }
    const weeks = [periodOf('weekly', new Date(clock)).key];
    for (let w = 1; w <= 2; w++) {
      clock = Date.now() + w * WEEK;
      weeks.push(periodOf('weekly', new Date(clock)).key);
      await Promise.all(schedulers.map((s) => s.tickNow()));
      await Promise.all(schedulers.map((s) => s.tickNow()));
      // And the clock run bare from both processes at once, past the lock: the unique index still holds.
      await Promise.all([runTaskClock(dbs.a.db, new Date(clock)), runTaskClock(dbs.b.db, new Date(clock))]);
    }
    const rows = await dbs.a.db.select().from(taskAssignments).where(eq(taskAssignments.taskId, taskId));
    const perWeek = new Map<string, number>();
    for (const r of rows) perWeek.set(r.periodKey, (perWeek.get(r.periodKey) ?? 0) + 1);
    expect(Object.fromEntries(perWeek)).toEqual(Object.fromEntries(weeks.map((k) => [k, 3])));
    const created = await dbs.a.db
      .select()
      .from(taskEvents)
      .innerJoin(taskAssignments, eq(taskAssignments.id, taskEvents.assignmentId))
      .where(and(eq(taskAssignments.taskId, taskId), eq(taskEvents.action, 'assigned')));
    expect(created).toHaveLength(9);
    // Each instance is due when its week ends (Monday 00:00 in Shanghai).
    const last = rows.find((r) => r.periodKey === weeks[2]);
    expect(last?.dueAt.toISOString()).toBe(periodOf('weekly', new Date(clock)).end.toISOString());
    // The grid worker was told once per week.
    const [worker] = await dbs.a.db
      .select({ id: roleGrants.userId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(eq(users.phone, DEMO.zhisheng.gridWorker));
    const told = await dbs.a.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, worker?.id as string), eq(notifications.kind, 'task_assigned')));
    expect(told.length).toBe(3);
  });
});
