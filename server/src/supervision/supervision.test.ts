import type { FieldVisitView } from '@domain/fieldVisits/schemas';
import type { AssignmentSummary, TaskSummary } from '@domain/tasks/schemas';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  fieldVisits,
  notifications,
  orgUnits,
  roleGrants,
  supervisions,
  taskAssignments,
  tasks,
  users,
} from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { runSupervisionTick } from './supervisionClock';

const DAY = 86_400_000;

describe.each(testBackends())('supervision (挂牌督办) and field visits on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let district: TestClient;
  let postStaff: TestClient;
  let resident: TestClient;
  let outsider: TestClient;
  let districtId: string;
  let residentId: string;
  let townId: string;
  let villageId: string;
  let yard: { id: string; centerLat: number | null; centerLng: number | null };
  let matterId: string;

  const idOf = async (phone: string) =>
    (await t.database.db.select().from(users).where(eq(users.phone, phone)))[0]?.id as string;
  const fileCase = async () => {
    const res = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId,
      description: '村道塌陷，反复上报未解决',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    district = await signedIn(t.app, DEMO.districtSupervisor);
    postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    outsider = await signedIn(t.app, DEMO.guangshun.operator);
    districtId = await idOf(DEMO.districtSupervisor);
    residentId = await idOf(DEMO.zhisheng.resident);
    townId = (await unitNamed(t.database.db, '直升镇')).id;
    villageId = (await unitNamed(t.database.db, '万宝村')).id;
    yard = await unitNamed(t.database.db, '椒香小院');
    const all = (await operator.get(`/api/v1/org/units/${townId}/matters`)).body as {
      id: string;
      parentId: string | null;
      level: string;
    }[];
    matterId = all.find((m) => m.parentId && m.level === 'town')?.id as string;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an operator places a case under supervision; it is listed, marked on the case, reminded, flagged overdue once and closed with a review', async () => {
    const caseId = await fileCase();
    const dueAt = new Date(Date.now() + 3 * DAY);
    const body = {
      subjectType: 'case',
      subjectId: caseId,
      supervisorId: districtId,
      requiredOutcome: '三日内修复村道并报送照片',
      dueAt: dueAt.toISOString(),
    };
    const placed = await operator.post('/api/v1/supervisions', body);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      level: 'town',
      status: 'open',
      overdue: false,
      supervisor: { id: districtId },
      actions: ['close'],
      subjectTitle: expect.stringContaining('村道塌陷'),
    });
    const id = placed.body.id as string;

    const again = await district.post('/api/v1/supervisions', body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SUPERVISION_ALREADY_OPEN');

    const open = await operator.get(`/api/v1/supervisions?unitId=${townId}&status=open`);
    expect(open.body.map((s: { id: string }) => s.id)).toContain(id);
    expect((await operator.get(`/api/v1/supervisions?unitId=${townId}&status=closed`)).body).toEqual([]);
    // The district sees its towns' lists too.
    expect((await district.get(`/api/v1/supervisions?unitId=${townId}`)).body).toHaveLength(1);

    // The case page's mark: officials and the post staff see it, without the close action for staff.
    const mark = await postStaff.get(`/api/v1/cases/${caseId}/supervisions`);
    expect(mark.status).toBe(200);
    expect(mark.body[0]).toMatchObject({ id, actions: [], events: [{ action: 'placed' }] });
    expect((await resident.get(`/api/v1/cases/${caseId}/supervisions`)).status).toBe(403);

    // The supervisor was told in their inbox.
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, districtId), eq(notifications.kind, 'supervision_placed')));
    expect(told).toHaveLength(1);

    // The clock moved forward: a day before the due date it reminds once; past it, flags overdue once,
    // however many ticks run at once.
    const dayBefore = new Date(dueAt.getTime() - 12 * 3_600_000);
    expect(await runSupervisionTick(t.database.db, dayBefore)).toEqual({ reminded: 1, overdue: 0 });
    expect(await runSupervisionTick(t.database.db, dayBefore)).toEqual({ reminded: 0, overdue: 0 });
    const past = new Date(dueAt.getTime() + 3_600_000);
    const [a, b] = await Promise.all([
      runSupervisionTick(t.database.db, past),
      runSupervisionTick(t.database.db, past),
    ]);
    expect(a.overdue + b.overdue).toBe(1);
    expect((await runSupervisionTick(t.database.db, new Date(past.getTime() + DAY))).overdue).toBe(0);
    const overdue = await operator.get(`/api/v1/supervisions?unitId=${townId}&status=overdue`);
    expect(overdue.body).toHaveLength(1);
    expect(overdue.body[0]).toMatchObject({ id, overdue: true, overdueFlaggedAt: past.toISOString() });
    const kinds = (
      await t.database.db.select().from(notifications).where(eq(notifications.userId, districtId))
    ).map((n) => n.kind);
    expect(kinds.filter((k) => k === 'supervision_due_soon')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'supervision_overdue')).toHaveLength(1);

    // The closing review, by the district supervisor; once only.
    const closed = await district.post(`/api/v1/supervisions/${id}/close`, {
      outcome: 'not_met',
      note: '逾期两天完成，约谈镇分管领导',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'not_met',
      overdue: false,
      closedBy: { id: districtId },
      actions: [],
    });
    // The tick ran at moved-forward instants, so only the set is compared, not the order.
    expect(closed.body.events.map((e: { action: string }) => e.action).sort()).toEqual([
      'closed',
      'overdue',
      'placed',
      'reminded',
    ]);
    const twice = await operator.post(`/api/v1/supervisions/${id}/close`, { outcome: 'met', note: '再次' });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SUPERVISION_CLOSED');
    expect((await operator.get(`/api/v1/supervisions?unitId=${townId}&status=closed`)).body).toHaveLength(1);
    // A case may be supervised again once the last one is closed.
    expect((await operator.post('/api/v1/supervisions', body)).status).toBe(201);
  });

  it('refuses what is out of scope, not allowed or not sensible', async () => {
    const caseId = await fileCase();
    const body = {
      subjectType: 'case',
      subjectId: caseId,
      supervisorId: districtId,
      requiredOutcome: '限期办结',
      dueAt: new Date(Date.now() + DAY).toISOString(),
    };
    // Another town's operator does not learn that the case exists.
    expect((await outsider.post('/api/v1/supervisions', body)).status).toBe(404);
    expect((await outsider.get(`/api/v1/cases/${caseId}/supervisor-candidates`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/supervisions?unitId=${townId}`)).status).toBe(404);
    // Post staff see the mark but may not place one.
    expect((await postStaff.post('/api/v1/supervisions', body)).status).toBe(403);
    const notEligible = await operator.post('/api/v1/supervisions', { ...body, supervisorId: residentId });
    expect(notEligible.status).toBe(400);
    expect(notEligible.body.code).toBe('SUPERVISOR_NOT_ELIGIBLE');
    const past = await operator.post('/api/v1/supervisions', {
      ...body,
      dueAt: new Date(Date.now() - DAY).toISOString(),
    });
    expect(past.body.code).toBe('SUPERVISION_DUE_PAST');
    const candidates = await operator.get(`/api/v1/cases/${caseId}/supervisor-candidates`);
    expect(candidates.body.map((c: { id: string }) => c.id)).toContain(districtId);
    expect(candidates.body.map((c: { id: string }) => c.id)).not.toContain(residentId);

    const placed = await district.post('/api/v1/supervisions', body);
    expect(placed.status).toBe(201);
    expect(placed.body.level).toBe('district');
    const id = placed.body.id as string;
    expect((await outsider.get(`/api/v1/supervisions/${id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/v1/supervisions/${id}/close`, { outcome: 'met', note: 'x' })).status,
    ).toBe(404);
    expect(
      (await postStaff.post(`/api/v1/supervisions/${id}/close`, { outcome: 'met', note: 'x' })).status,
    ).toBe(403);
    const [row] = await t.database.db.select().from(supervisions).where(eq(supervisions.id, id));
    expect(row?.status).toBe('open');
  });

  it('a town task as a whole is placed under supervision, listed as a task with its progress, and closed', async () => {
    const issued = await operator.post('/api/v1/tasks', {
      unitId: townId,
      title: '汛前河堤排查',
      items: [{ title: '排查情况', evidence: 'text', maxScore: 10 }],
      assignees: [{ kind: 'village', id: villageId }],
      dueAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    expect(issued.status).toBe(201);
    const taskId = issued.body.id as string;
    const candidates = await operator.get(`/api/v1/tasks/${taskId}/supervisor-candidates`);
    expect(candidates.body.map((c: { id: string }) => c.id)).toContain(districtId);
    const body = {
      subjectType: 'task',
      subjectId: taskId,
      supervisorId: districtId,
      requiredOutcome: '五日内全部村上报排查结果',
      dueAt: new Date(Date.now() + 4 * DAY).toISOString(),
    };
    // Another town's operator is told the task does not exist.
    expect((await outsider.post('/api/v1/supervisions', body)).status).toBe(404);
    expect((await outsider.get(`/api/v1/tasks/${taskId}/supervisions`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/tasks/${taskId}/supervisor-candidates`)).status).toBe(404);
    expect((await postStaff.post('/api/v1/supervisions', body)).status).toBe(403);

    const placed = await operator.post('/api/v1/supervisions', body);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({
      subjectType: 'task',
      subjectId: taskId,
      subjectTitle: '汛前河堤排查',
      subjectProgress: { assignments: 1, submitted: 0, overdue: 0 },
      level: 'town',
      actions: ['close'],
    });
    const id = placed.body.id as string;
    const again = await district.post('/api/v1/supervisions', body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SUPERVISION_ALREADY_OPEN');
    // The same task id is not mistaken for a case.
    expect((await operator.post('/api/v1/supervisions', { ...body, subjectType: 'case' })).status).toBe(404);

    const open = await district.get(`/api/v1/supervisions?unitId=${townId}&status=open`);
    const listed = open.body.find((s: { id: string }) => s.id === id);
    expect(listed).toMatchObject({ subjectType: 'task', subjectTitle: '汛前河堤排查' });
    const mark = await operator.get(`/api/v1/tasks/${taskId}/supervisions`);
    expect(mark.body).toHaveLength(1);
    expect(mark.body[0]).toMatchObject({ id, status: 'open', events: [{ action: 'placed' }] });
    // A task's mark is for its issuers; post staff do not read tasks.
    expect((await postStaff.get(`/api/v1/tasks/${taskId}/supervisions`)).status).toBe(403);
    const told = await t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, districtId), eq(notifications.kind, 'supervision_placed')));
    expect(told.some((n) => (n.title as { zh: string }).zh.includes('汛前河堤排查'))).toBe(true);

    const closed = await district.post(`/api/v1/supervisions/${id}/close`, {
      outcome: 'met',
      note: '各村均已上报',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'met', subjectType: 'task' });
    expect((await operator.get(`/api/v1/tasks/${taskId}/supervisions`)).body[0].status).toBe('closed');

    // A district's task (over several towns) is supervised at the district level.
    const [districtRow] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.kind, 'district'));
    const wide = await district.post('/api/v1/tasks', {
      unitId: districtRow?.id,
      title: '全区安全生产检查',
      items: [{ title: '检查情况', evidence: 'text', maxScore: 10 }],
      assignees: [{ kind: 'village', id: villageId }],
      dueAt: new Date(Date.now() + 5 * DAY).toISOString(),
    });
    expect(wide.status).toBe(201);
    const wideMark = await district.post('/api/v1/supervisions', { ...body, subjectId: wide.body.id });
    expect(wideMark.status).toBe(201);
    expect(wideMark.body.level).toBe('district');
    // The town operator cannot place or read one on the district's task.
    expect((await operator.get(`/api/v1/tasks/${wide.body.id}/supervisions`)).status).toBe(404);
  });

  it('officials record field visits (蹲点指导) at a village or grid, listed by area and date', async () => {
    const visitedAt = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const body = {
      unitId: villageId,
      visitedAt,
      companions: '镇综治办 王干事',
      findings: '三组河堤有渗水点，网格员巡查记录不全',
      notes: ['水利站三日内查看河堤', '网格员补全巡查台账'],
    };
    const recorded = await district.post('/api/v1/field-visits', body);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      unit: { id: villageId, name: '万宝村' },
      notes: body.notes,
      followUps: [],
      visitedAt: new Date(visitedAt).toISOString(),
    });
    expect((await outsider.post('/api/v1/field-visits', body)).status).toBe(404);
    expect((await resident.post('/api/v1/field-visits', body)).status).toBe(404);
    expect((await resident.post('/api/v1/field-visits', { ...body, unitId: yard.id })).status).toBe(403);
    const atYard = await operator.post('/api/v1/field-visits', { ...body, unitId: yard.id });
    expect(atYard.body.code).toBe('FIELD_VISIT_TARGET_KIND');
    const future = await operator.post('/api/v1/field-visits', {
      ...body,
      visitedAt: new Date(Date.now() + DAY).toISOString(),
    });
    expect(future.body.code).toBe('FIELD_VISIT_IN_FUTURE');

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const listed = await operator.get(`/api/v1/field-visits?unitId=${townId}&from=${today}&to=${today}`);
    expect(listed.status).toBe(200);
    const visitedToday = new Date(new Date(visitedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(listed.body.length).toBe(visitedToday === today ? 1 : 0);
    expect((await operator.get(`/api/v1/field-visits?unitId=${townId}&to=2026-01-01`)).body).toEqual([]);
    expect((await operator.get(`/api/v1/field-visits?unitId=${villageId}`)).body).toHaveLength(1);
    expect((await resident.get(`/api/v1/field-visits?unitId=${yard.id}`)).status).toBe(403);
    expect((await outsider.get(`/api/v1/field-visits?unitId=${villageId}`)).status).toBe(404);
  });

  it('a visit with two follow-up tasks issues them to the visited grid; its grid worker has them in 我的任务, and the visit shows their progress', async () => {
    const workerId = await idOf(DEMO.zhisheng.gridWorker);
    const [grant] = await t.database.db
      .select({ unitId: roleGrants.unitId })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, workerId), eq(roleGrants.role, 'grid_worker')));
    const grid = await t.database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, grant?.unitId as string))
      .then((r) => r[0] as typeof orgUnits.$inferSelect);
    const worker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    const recorded = await operator.post('/api/v1/field-visits', {
      unitId: grid.id,
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
      findings: '网格巡查台账缺两周记录，河堤渗水点未设警示',
      followUps: [
        { title: '补全网格巡查台账', dueAt: new Date(Date.now() + 3 * DAY).toISOString() },
        {
          title: '河堤渗水点设置警示牌',
          instructions: '设牌后拍照说明',
          dueInWorkingDays: 2,
          assignees: [{ kind: 'grid_worker', id: workerId }],
        },
      ],
      notes: ['下周回访'],
    });
    expect(recorded.status).toBe(201);
    const visit = recorded.body as FieldVisitView;
    expect(visit.notes).toEqual(['下周回访']);
    expect(visit.followUps.map((f) => f.title)).toEqual(['补全网格巡查台账', '河堤渗水点设置警示牌']);
    expect(visit.followUps[0]).toMatchObject({
      assignees: [grid.name],
      progress: { assignments: 1, submitted: 0, overdue: 0 },
    });
    const [ledgerTask, signTask] = visit.followUps.map((f) => f.taskId) as [string, string];

    // Real tasks: in the grid worker's list, and in the town's list marked as coming from the visit.
    const mine = (await worker.get('/api/v1/tasks/mine')).body as AssignmentSummary[];
    const ledger = mine.find((a) => a.taskId === ledgerTask);
    expect(ledger).toMatchObject({ taskTitle: '补全网格巡查台账', status: 'assigned' });
    expect(mine.some((a) => a.taskId === signTask)).toBe(true);
    const origin = {
      id: visit.id,
      unit: { id: grid.id, name: grid.name },
      visitor: { name: expect.any(String) },
    };
    const listed = (await operator.get(`/api/v1/tasks?unitId=${townId}`)).body as TaskSummary[];
    expect(listed.find((x) => x.id === ledgerTask)).toMatchObject({
      unit: { id: townId },
      fieldVisit: origin,
    });
    const task = await operator.get(`/api/v1/tasks/${signTask}`);
    expect(task.body).toMatchObject({ workingDays: true, dueInWorkingDays: 2, fieldVisit: origin });
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, ledgerTask));
    expect(audits.map((a) => a.action)).toEqual(['issued']);

    // The grid worker fulfils one; the visit shows it handed in, the other still open.
    const url = `/api/v1/tasks/assignments/${ledger?.id}`;
    expect(
      (await worker.post(`${url}/evidence`, { item: 0, evidence: { kind: 'text', text: '已补全两周台账' } }))
        .status,
    ).toBe(200);
    expect((await worker.post(`${url}/submit`)).status).toBe(200);
    expect((await worker.get(url)).body.fieldVisit).toMatchObject(origin);
    const after = (await operator.get(`/api/v1/field-visits?unitId=${grid.id}`)).body as FieldVisitView[];
    const progress = after.find((v) => v.id === visit.id)?.followUps.map((f) => f.progress);
    expect(progress).toEqual([
      { assignments: 1, submitted: 1, scored: 0, overdue: 0 },
      { assignments: 1, submitted: 0, scored: 0, overdue: 0 },
    ]);

    // A district supervisor's follow-up is the district's task.
    const fromDistrict = await district.post('/api/v1/field-visits', {
      unitId: villageId,
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
      findings: '村务公开栏信息过期',
      followUps: [{ title: '更新村务公开栏', dueAt: new Date(Date.now() + 5 * DAY).toISOString() }],
    });
    expect(fromDistrict.status).toBe(201);
    const districtTask = await district.get(`/api/v1/tasks/${fromDistrict.body.followUps[0].taskId}`);
    expect(districtTask.body).toMatchObject({
      unit: { name: '荣昌区' },
      assignees: [{ kind: 'village', id: villageId }],
    });
  });

  it('a bad follow-up writes nothing and names the follow-up; post staff record visits but not follow-up tasks', async () => {
    const counts = async () => {
      const db = t.database.db;
      return [
        (await db.select().from(fieldVisits)).length,
        (await db.select().from(tasks)).length,
        (await db.select().from(taskAssignments)).length,
        (await db.select().from(auditLog)).length,
      ];
    };
    const before = await counts();
    const body = {
      unitId: villageId,
      visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
      findings: '垃圾收运点满溢',
    };
    const soon = new Date(Date.now() + 2 * DAY).toISOString();
    const passed = await operator.post('/api/v1/field-visits', {
      ...body,
      followUps: [
        { title: '加密收运频次', dueAt: soon },
        { title: '清理满溢垃圾', dueAt: new Date(Date.now() - 3_600_000).toISOString() },
      ],
    });
    expect(passed.status).toBe(400);
    expect(passed.body).toMatchObject({ code: 'TASK_DUE_PASSED', followUp: 1 });
    expect(passed.body.detail).toContain('第 2 项跟进任务');
    const otherVillage = await unitNamed(t.database.db, '檬梓桥社区');
    const outside = await operator.post('/api/v1/field-visits', {
      ...body,
      followUps: [
        { title: '清理满溢垃圾', dueAt: soon, assignees: [{ kind: 'village', id: otherVillage.id }] },
      ],
    });
    expect(outside.status).toBe(400);
    expect(outside.body).toMatchObject({ code: 'FIELD_VISIT_FOLLOW_UP_ASSIGNEE', followUp: 0 });
    const undated = await operator.post('/api/v1/field-visits', {
      ...body,
      followUps: [{ title: '清理满溢垃圾' }],
    });
    expect(undated.body.code).toBe('VALIDATION_FAILED');
    const staffTask = await postStaff.post('/api/v1/field-visits', {
      ...body,
      followUps: [{ title: '清理满溢垃圾', dueAt: soon }],
    });
    expect(staffTask.status).toBe(403);
    expect(staffTask.body.code).toBe('FIELD_VISIT_FOLLOW_UP_NOT_ISSUER');
    expect(await counts()).toEqual(before);

    const staffVisit = await postStaff.post('/api/v1/field-visits', { ...body, notes: ['联系环卫公司'] });
    expect(staffVisit.status).toBe(201);
    expect(staffVisit.body).toMatchObject({ followUps: [], notes: ['联系环卫公司'] });
  });
});
