import { periodOf } from '@domain/tasks/periods';
import type { AssignmentSummary } from '@domain/tasks/schemas';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgUnits, roleGrants, taskAssignments, taskEvents, users } from '../db/schema';
import { multipart, phonePhoto } from '../photos/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { runTaskClock } from './taskClock';

const PASSWORD = 'Xiaoyuan@2026';
const DAY = 86_400_000;

describe.each(testBackends())('task lists (清单制) and scoring (对单考核) on %s', (backend) => {
  let t: TestApp;
  let admin: TestClient;
  let operator: TestClient;
  let worker: TestClient;
  let worker2: TestClient;
  let worker3: TestClient;
  let town: { id: string; path: string };
  let grids: { id: string; name: string; path: string; centerLat: number | null; centerLng: number | null }[];

  const gridWorker = async (phone: string, gridId: string) => {
    const made = await admin.post('/api/v1/users', {
      phone,
      name: `网格员${phone.slice(-2)}`,
      password: PASSWORD,
      grants: [{ role: 'grid_worker', unitId: gridId }],
    });
    expect(made.status).toBe(201);
    return signedIn(t.app, phone);
  };
  const taskBody = (over: Record<string, unknown> = {}) => ({
    unitId: town.id,
    title: '冬季安全隐患排查',
    instructions: '逐户排查电动车充电和燃气使用情况',
    items: [
      { title: '现场照片', evidence: 'photo', maxScore: 40 },
      { title: '排查户数', evidence: 'number', maxScore: 20 },
      { title: '到网格签到', evidence: 'checkin', maxScore: 20, radiusM: 500 },
      { title: '发现的问题', evidence: 'text', maxScore: 20 },
    ],
    assignees: grids.map((g) => ({ kind: 'grid', id: g.id })),
    dueAt: new Date(Date.now() + 3 * DAY).toISOString(),
    ...over,
  });
  const upload = async (client: TestClient) => {
    const body = multipart([{ filename: 'p.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
    const res = await client.request('POST', '/api/v1/photos', body.payload, {
      'content-type': body.contentType,
    });
    expect(res.status).toBe(201);
    return res.body[0].id as string;
  };
  const mineOf = async (client: TestClient, taskId: string) => {
    const res = await client.get('/api/v1/tasks/mine');
    expect(res.status).toBe(200);
    return (res.body as AssignmentSummary[]).filter((a) => a.taskId === taskId);
  };
  const fulfil = async (client: TestClient, assignmentId: string, grid: (typeof grids)[number]) => {
    const url = `/api/v1/tasks/assignments/${assignmentId}/evidence`;
    const photoId = await upload(client);
    expect(
      (await client.post(url, { item: 0, evidence: { kind: 'photo', photoIds: [photoId] } })).status,
    ).toBe(200);
    expect((await client.post(url, { item: 1, evidence: { kind: 'number', value: 37 } })).status).toBe(200);
    const near = { lat: (grid.centerLat as number) + 0.001, lng: grid.centerLng as number };
    expect((await client.post(url, { item: 2, evidence: { kind: 'checkin', location: near } })).status).toBe(
      200,
    );
    const last = await client.post(url, {
      item: 3,
      evidence: { kind: 'text', text: '两户电动车入户充电，已劝离' },
    });
    expect(last.status).toBe(200);
    return photoId;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await signedIn(t.app, DEMO.admin);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    worker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    town = await unitNamed(t.database.db, '直升镇');
    const [grant] = await t.database.db
      .select({ unitId: roleGrants.unitId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(users.phone, DEMO.zhisheng.gridWorker), eq(roleGrants.role, 'grid_worker')));
    const [first] = await t.database.db
      .select()
      .from(orgUnits)
      .where(eq(orgUnits.id, grant?.unitId as string));
    const siblings = await t.database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.parentId, first?.parentId as string), eq(orgUnits.kind, 'grid')))
      .orderBy(orgUnits.code);
    grids = [first, ...siblings.filter((g) => g.id !== first?.id).slice(0, 2)] as typeof grids;
    expect(grids).toHaveLength(3);
    worker2 = await gridWorker('13900001002', (grids[1] as (typeof grids)[number]).id);
    worker3 = await gridWorker('13900001003', (grids[2] as (typeof grids)[number]).id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a town issues a task to three grids: each grid gets its own assignment, its worker a message', async () => {
    const res = await operator.post('/api/v1/tasks', taskBody());
    expect(res.status).toBe(201);
    expect(res.body.assignments).toHaveLength(3);
    expect(new Set(res.body.assignments.map((a: { assignee: { id: string } }) => a.assignee.id))).toEqual(
      new Set(grids.map((g) => g.id)),
    );
    expect(res.body.assignments.every((a: { status: string }) => a.status === 'assigned')).toBe(true);
    const mine = await mineOf(worker2, res.body.id);
    expect(mine).toHaveLength(1);
    const inbox = await worker2.get('/api/v1/inbox');
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'task_assigned')).toBe(true);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, res.body.id));
    expect(audit.map((a) => a.action)).toEqual(['issued']);
    const listed = await operator.get(`/api/v1/tasks?unitId=${town.id}`);
    expect(listed.body.find((x: { id: string }) => x.id === res.body.id).progress.assignments).toBe(3);
  });

  it('only the district and the town issue tasks, and only to units in their area', async () => {
    const postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    expect((await postStaff.post('/api/v1/tasks', taskBody())).status).toBe(403);
    expect((await worker.post('/api/v1/tasks', taskBody())).status).toBe(404);
    const elsewhere = await signedIn(t.app, DEMO.guangshun.operator);
    const theirTown = await unitNamed(t.database.db, '广顺街道');
    const across = await elsewhere.post('/api/v1/tasks', taskBody({ unitId: theirTown.id }));
    expect(across.status).toBe(404);
    const village = await operator.post('/api/v1/tasks', taskBody({ unitId: grids[0]?.id }));
    expect(village.body.code).toBe('TASK_ISSUER_KIND');
    const past = await operator.post(
      '/api/v1/tasks',
      taskBody({ dueAt: new Date(Date.now() - DAY).toISOString() }),
    );
    expect(past.body.code).toBe('TASK_DUE_PASSED');
    const district = await signedIn(t.app, DEMO.districtSupervisor);
    const districtUnit = (
      await t.database.db.select().from(orgUnits).where(eq(orgUnits.kind, 'district'))
    )[0];
    const fromDistrict = await district.post('/api/v1/tasks', taskBody({ unitId: districtUnit?.id }));
    expect(fromDistrict.status).toBe(201);
  });

  it('each assignee sees only its own; outsiders are told it does not exist', async () => {
    const task = (await operator.post('/api/v1/tasks', taskBody({ title: '范围检查' }))).body;
    const [ours] = await mineOf(worker, task.id);
    const [theirs] = await mineOf(worker2, task.id);
    expect(ours?.id).not.toBe(theirs?.id);
    expect((await worker.get(`/api/v1/tasks/assignments/${ours?.id}`)).status).toBe(200);
    expect((await worker.get(`/api/v1/tasks/assignments/${theirs?.id}`)).status).toBe(404);
    expect((await worker.get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    for (const phone of [
      DEMO.guangshun.operator,
      DEMO.guangshun.gridWorker,
      DEMO.zhisheng.resident,
      DEMO.zhisheng.postStaff,
    ]) {
      const other = await signedIn(t.app, phone);
      expect((await other.get(`/api/v1/tasks/assignments/${ours?.id}`)).status).toBe(404);
    }
    expect((await operator.get(`/api/v1/tasks/assignments/${ours?.id}`)).body.actions).toEqual([]);
    expect((await worker.get(`/api/v1/tasks/assignments/${ours?.id}`)).body.actions).toEqual([
      'record',
      'submit',
    ]);
  });

  it('evidence must be what each item asks for, taken on site, and complete before submitting', async () => {
    const task = (await operator.post('/api/v1/tasks', taskBody({ title: '佐证校验' }))).body;
    const [a] = await mineOf(worker, task.id);
    const url = `/api/v1/tasks/assignments/${a?.id}/evidence`;
    const wrongKind = await worker.post(url, { item: 0, evidence: { kind: 'text', text: '没拍照' } });
    expect(wrongKind.body.code).toBe('TASK_EVIDENCE_KIND');
    const far = await worker.post(url, {
      item: 2,
      evidence: { kind: 'checkin', location: { lat: 30.5, lng: 105.6 } },
    });
    expect(far.status).toBe(400);
    expect(far.body.code).toBe('TASK_CHECKIN_TOO_FAR');
    const someoneElses = await upload(worker2);
    const stolen = await worker.post(url, { item: 0, evidence: { kind: 'photo', photoIds: [someoneElses] } });
    expect(stolen.body.code).toBe('PHOTO_UNKNOWN');
    expect((await worker.post(url, { item: 1, evidence: { kind: 'number', value: 12 } })).body.status).toBe(
      'in_progress',
    );
    const early = await worker.post(`/api/v1/tasks/assignments/${a?.id}/submit`);
    expect(early.body.code).toBe('TASK_EVIDENCE_INCOMPLETE');
    // A grid worker of another grid may not fill it in, an issuer neither.
    expect((await worker2.post(url, { item: 1, evidence: { kind: 'number', value: 1 } })).status).toBe(404);
    expect((await operator.post(url, { item: 1, evidence: { kind: 'number', value: 1 } })).status).toBe(403);
  });

  it('fulfilled, submitted, scored; two reviewers at once: one wins, the other 409; the ranking shows it', async () => {
    const task = (await operator.post('/api/v1/tasks', taskBody({ title: '考核流程' }))).body;
    const [a1] = await mineOf(worker, task.id);
    const [a2] = await mineOf(worker2, task.id);
    const photo = await fulfil(worker, a1?.id as string, grids[0] as (typeof grids)[number]);
    await fulfil(worker2, a2?.id as string, grids[1] as (typeof grids)[number]);
    const submitted = await worker.post(`/api/v1/tasks/assignments/${a1?.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect((await worker.post(`/api/v1/tasks/assignments/${a1?.id}/submit`)).status).toBe(409);
    // The issuer sees the evidence photo; another grid's worker does not.
    expect((await operator.get(`/api/v1/photos/${photo}`)).status).toBe(200);
    expect((await worker2.get(`/api/v1/photos/${photo}`)).status).toBe(404);

    const score = { scores: [40, 20, 20, 15], comment: '排查细致' };
    const [x, y] = await Promise.all([
      operator.post(`/api/v1/tasks/assignments/${a1?.id}/score`, score),
      admin.post(`/api/v1/tasks/assignments/${a1?.id}/score`, { scores: [10, 10, 10, 10] }),
    ]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const after = await worker.get(`/api/v1/tasks/assignments/${a1?.id}`);
    expect(after.body.status).toBe('scored');
    // Whoever wins: the operator's 95 of 100, or the admin's 40 of 100.
    expect([95, 40]).toContain(after.body.percent);
    expect(
      (await operator.post(`/api/v1/tasks/assignments/${a1?.id}/return`, { reason: '重做' })).status,
    ).toBe(409);

    const badScore = await operator.post(`/api/v1/tasks/assignments/${a2?.id}/score`, {
      scores: [50, 0, 0, 0],
    });
    expect(badScore.status).toBe(409); // not submitted yet
    await worker2.post(`/api/v1/tasks/assignments/${a2?.id}/submit`);
    const over = await operator.post(`/api/v1/tasks/assignments/${a2?.id}/score`, { scores: [50, 0, 0, 0] });
    expect(over.body.code).toBe('TASK_SCORES_INVALID');
    const returned = await operator.post(`/api/v1/tasks/assignments/${a2?.id}/return`, {
      reason: '照片不清楚',
    });
    expect(returned.body.status).toBe('returned');
    expect(returned.body.returnReason).toBe('照片不清楚');
    const inbox = await worker2.get('/api/v1/inbox');
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'task_returned')).toBe(true);
    expect((await worker2.post(`/api/v1/tasks/assignments/${a2?.id}/submit`)).body.status).toBe('submitted');
    expect((await operator.post(`/api/v1/tasks/assignments/${a2?.id}/accept`)).body.status).toBe('accepted');
    const scored = await operator.post(`/api/v1/tasks/assignments/${a2?.id}/score`, {
      scores: [20, 10, 10, 10],
    });
    expect(scored.body.percent).toBe(50);
    const events = await t.database.db
      .select()
      .from(taskEvents)
      .where(eq(taskEvents.assignmentId, a2?.id as string))
      .orderBy(taskEvents.at);
    expect(events.map((e) => e.action)).toEqual([
      'assigned',
      'record',
      'record',
      'record',
      'record',
      'submit',
      'return',
      'submit',
      'accept',
      'score',
    ]);

    const month = periodOf('monthly', new Date(task.assignments[0].dueAt)).key;
    const ranking = await operator.get(`/api/v1/tasks/rankings?level=grids&scope=${town.id}&period=${month}`);
    expect(ranking.status).toBe(200);
    const rows = ranking.body.rows as { key: string; score: number | null; rank: number }[];
    const g1 = rows.find((r) => r.key === grids[0]?.id);
    const g2 = rows.find((r) => r.key === grids[1]?.id);
    expect([95, 50]).toContain(g1?.score);
    expect(g2?.score).toBe(50);
    const workers = await operator.get(
      `/api/v1/tasks/rankings?level=grid_workers&scope=${town.id}&period=${month}`,
    );
    expect(workers.body.rows.map((r: { name: string }) => r.name)).toContain('网格员02');
    const villages = await operator.get(
      `/api/v1/tasks/rankings?level=villages&scope=${town.id}&period=${month}`,
    );
    expect(villages.body.rows.length).toBeGreaterThan(0);
    expect(
      (await operator.get(`/api/v1/tasks/rankings?level=grids&scope=${town.id}&period=2026-13`)).body.code,
    ).toBe('TASK_PERIOD_INVALID');
    expect((await worker.get(`/api/v1/tasks/rankings?level=grids&scope=${town.id}`)).status).toBe(404);
  });

  it('a task to a sector reaches the staff of its posts, and the sectors ranking counts it', async () => {
    const postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    const [grant] = await t.database.db
      .select({ postId: roleGrants.postId })
      .from(roleGrants)
      .innerJoin(users, eq(users.id, roleGrants.userId))
      .where(and(eq(users.phone, DEMO.zhisheng.postStaff), eq(roleGrants.role, 'post_staff')));
    const options = (await operator.get(`/api/v1/tasks/assignees?unitId=${town.id}`)).body as {
      kind: string;
      id: string;
      parentId: string | null;
    }[];
    const post = options.find((o) => o.kind === 'post' && o.id === grant?.postId);
    const sector = options.find((o) => o.kind === 'sector' && o.id === post?.parentId);
    expect(sector).toBeDefined();
    expect(options.filter((o) => o.kind === 'grid_worker').length).toBeGreaterThanOrEqual(3);
    const task = await operator.post(
      '/api/v1/tasks',
      taskBody({
        title: '板块月度台账',
        items: [{ title: '台账说明', evidence: 'text', maxScore: 10 }],
        assignees: [{ kind: 'sector', id: sector?.id }],
      }),
    );
    expect(task.status).toBe(201);
    const [mine] = await mineOf(postStaff, task.body.id);
    expect(mine?.assignee.kind).toBe('sector');
    expect(await mineOf(worker, task.body.id)).toHaveLength(0);
    const url = `/api/v1/tasks/assignments/${mine?.id}`;
    await postStaff.post(`${url}/evidence`, { item: 0, evidence: { kind: 'text', text: '本月台账已整理' } });
    expect((await postStaff.post(`${url}/submit`)).body.status).toBe('submitted');
    expect((await operator.post(`${url}/score`, { scores: [9] })).body.percent).toBe(90);
    const month = periodOf('monthly', new Date(mine?.dueAt as string)).key;
    const ranking = await operator.get(
      `/api/v1/tasks/rankings?level=sectors&scope=${town.id}&period=${month}`,
    );
    expect(ranking.body.rows).toEqual([
      expect.objectContaining({ key: sector?.id, score: 90, counted: 1, rank: 1, onTimeRate: 100 }),
    ]);
  });

  it('the clock reminds once before the deadline and flags overdue once, even ticked twice at once', async () => {
    const task = (await operator.post('/api/v1/tasks', taskBody({ title: '超期检查' }))).body;
    const ids = task.assignments.map((a: { id: string }) => a.id) as string[];
    const dueAt = Date.parse(task.dueAt);
    const almost = new Date(dueAt - 3_600_000);
    await Promise.all([runTaskClock(t.database.db, almost), runTaskClock(t.database.db, almost)]);
    const late = new Date(dueAt + 60_000);
    await Promise.all([runTaskClock(t.database.db, late), runTaskClock(t.database.db, late)]);
    await runTaskClock(t.database.db, new Date(dueAt + 3_600_000));
    const events = await t.database.db.select().from(taskEvents).where(inArray(taskEvents.assignmentId, ids));
    expect(events.filter((e) => e.action === 'reminded')).toHaveLength(3);
    expect(events.filter((e) => e.action === 'overdue')).toHaveLength(3);
    const rows = await t.database.db.select().from(taskAssignments).where(inArray(taskAssignments.id, ids));
    expect(rows.every((r) => r.overdueAt != null)).toBe(true);
    const mine = await mineOf(worker3, task.id);
    expect(mine[0]).toMatchObject({ overdue: true });
  });
});
