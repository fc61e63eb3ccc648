import type { Actor } from '@domain/policies/scope';
import type { TaskView } from '@domain/tasks/schemas';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { orgUnits, taskAssignments, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { issueTask } from './issueTask';
import { runTaskClock } from './taskClock';

/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe.each(testBackends())('tasks counted in working days (按工作日计) on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let actor: Actor;
  let town: { id: string; path: string };
  let gridIds: string[];

  const body = (over: Record<string, unknown> = {}) => ({
    unitId: town.id,
    title: '节前安全检查',
    items: [{ title: '现场照片', evidence: 'photo', maxScore: 10 }],
    assignees: gridIds.map((id) => ({ kind: 'grid', id })),
    workingDays: true,
    dueInWorkingDays: 3,
    ...over,
  });

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    town = await unitNamed(t.database.db, '直升镇');
    const [op] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.operator));
    actor = {
      userId: op?.id as string,
      grants: [{ role: 'center_operator', unitId: town.id, unitPath: town.path }],
    };
    const village = await unitNamed(t.database.db, '万宝村');
    const grids = await t.database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, village.id), eq(orgUnits.kind, 'grid')))
      .orderBy(orgUnits.code);
    gridIds = grids.slice(0, 2).map((g) => g.id);
    expect(gridIds).toHaveLength(2);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a number of working days outside 1..60, or a one-off working-day task without one', async () => {
    for (const bad of [
      body({ dueInWorkingDays: 0 }),
      body({ dueInWorkingDays: 61 }),
      body({ dueInWorkingDays: 2.5 }),
      body({ dueInWorkingDays: undefined }),
      body({ recurrence: 'weekly' }),
      body({ workingDays: false, dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
    ]) {
      const res = await operator.post('/api/v1/tasks', bad);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await operator.get(`/api/v1/tasks?unitId=${town.id}`)).body).toHaveLength(0);
  });

  it('a one-off task issued before National Day 2026 with 3 working days is due at the end of 9 October', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(sh('2026-09-29T10:00:00'));
    const res = await operator.post('/api/v1/tasks', body());
    vi.useRealTimers();
    expect(res.status).toBe(201);
    const task = res.body as TaskView;
    // 30 Sep is the 1st working day, 1–7 Oct are off, 8 Oct the 2nd, 9 Oct the 3rd.
    expect(task.dueAt).toBe(sh('2026-10-09T23:59:59.999').toISOString());
    expect(task.workingDays).toBe(true);
    expect(task.dueInWorkingDays).toBe(3);
    expect(task.assignments).toHaveLength(2);
    for (const a of task.assignments) expect(a.dueAt).toBe(task.dueAt);
    const rows = await t.database.db
      .select()
      .from(taskAssignments)
      .where(eq(taskAssignments.taskId, task.id));
    // Reminded a day before the working-day deadline, not before the wall-clock one.
    for (const r of rows) expect(r.remindAt.toISOString()).toBe(sh('2026-10-08T23:59:59.999').toISOString());
    const listed = (await operator.get(`/api/v1/tasks?unitId=${town.id}`)).body.find(
      (x: { id: string }) => x.id === task.id,
    );
    expect(listed.dueInWorkingDays).toBe(3);
  });

  it("a weekly working-day task's instance over a holiday week falls due on its last working day, is reminded and flagged", async () => {
    // 2027-W39 runs Mon 27 Sep – Sun 3 Oct; 国庆 (provisional 2027: 1–3 Oct) takes Friday off.
    const taskId = await issueTask(
      t.database.db,
      actor,
      {
        unitId: town.id,
        title: '每周网格巡查（工作日）',
        instructions: '',
        items: [{ title: '巡查照片', evidence: 'photo', maxScore: 10 }],
        assignees: gridIds.map((id) => ({ kind: 'grid' as const, id })),
        recurrence: 'weekly',
        workingDays: true,
        endsAt: null,
      },
      sh('2027-09-27T09:00:00'),
    );
    const plain = await issueTask(
      t.database.db,
      actor,
      {
        unitId: town.id,
        title: '每周网格巡查（自然日）',
        instructions: '',
        items: [{ title: '巡查照片', evidence: 'photo', maxScore: 10 }],
        assignees: gridIds.map((id) => ({ kind: 'grid' as const, id })),
        recurrence: 'weekly',
        workingDays: false,
        endsAt: null,
      },
      sh('2027-09-27T09:00:00'),
    );
    const dueOf = async (id: string) =>
      (await t.database.db.select().from(taskAssignments).where(eq(taskAssignments.taskId, id))).map((r) => ({
        week: r.periodKey,
        due: r.dueAt.toISOString(),
        reminded: r.remindedAt !== null,
        overdue: r.overdueAt !== null,
      }));
    expect((await dueOf(taskId))[0]).toMatchObject({
      week: '2027-W39',
      due: sh('2027-09-30T23:59:59.999').toISOString(),
    });
    expect((await dueOf(plain))[0]).toMatchObject({ due: sh('2027-10-04T00:00:00').toISOString() });

    // Thursday night: the working-day task is reminded, the wall-clock one not yet.
    await runTaskClock(t.database.db, sh('2027-09-30T08:00:00'));
    expect((await dueOf(taskId)).every((a) => a.reminded && !a.overdue)).toBe(true);
    expect((await dueOf(plain)).some((a) => a.reminded)).toBe(false);
    // Friday, a holiday: the working-day instance is overdue.
    await runTaskClock(t.database.db, sh('2027-10-01T00:30:00'));
    expect((await dueOf(taskId)).every((a) => a.overdue)).toBe(true);
    expect((await dueOf(plain)).some((a) => a.overdue)).toBe(false);

    // The clock hands out the next, ordinary week due on Friday 8 October.
    await runTaskClock(t.database.db, sh('2027-10-04T08:00:00'));
    const next = (await dueOf(taskId)).filter((a) => a.week === '2027-W40');
    expect(next).toHaveLength(2);
    expect(next[0]?.due).toBe(sh('2027-10-08T23:59:59.999').toISOString());
  });
});
