import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orgUnits, supervisions, users } from '../db/schema';
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
      followUps: ['水利站三日内查看河堤', '网格员补全巡查台账'],
    };
    const recorded = await district.post('/api/v1/field-visits', body);
    expect(recorded.status).toBe(201);
    expect(recorded.body).toMatchObject({
      unit: { id: villageId, name: '万宝村' },
      followUps: body.followUps,
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
});
