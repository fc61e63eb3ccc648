import {
  CASE_ACTIONS,
  CASE_STATUSES,
  type CaseAction,
  type CaseStatus,
  TRANSITIONS,
} from '@domain/cases/states';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases, matters, notifications, posts } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

describe.each(testBackends())('the closed loop on %s', (backend) => {
  let t: TestApp;
  let resident: TestClient;
  let operator: TestClient;
  let postStaff: TestClient;
  let gridWorker: TestClient;
  let supervisor: TestClient;
  let otherOperator: TestClient;
  let neighbour: TestClient;
  let yard: { centerLat: number | null; centerLng: number | null; id: string };
  let townMatter: string;
  let gridMatter: string;
  let leadPost: string;
  let assistPost: string;

  const report = (client: TestClient, extra: Record<string, unknown> = {}) =>
    client.post('/api/v1/cases', {
      id: uuidv7(),
      matterId: townMatter,
      description: '村道上有一处塌陷，雨天积水',
      location: { lat: yard.centerLat, lng: yard.centerLng },
      ...extra,
    });
  const act = (client: TestClient, id: string, body: Record<string, unknown>) =>
    client.post(`/api/v1/cases/${id}/actions`, body);

  beforeAll(async () => {
    t = await startTestApp(backend);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    supervisor = await signedIn(t.app, DEMO.districtSupervisor);
    otherOperator = await signedIn(t.app, DEMO.guangshun.operator);
    neighbour = await signedIn(t.app, DEMO.zhisheng.partyMember);
    yard = await unitNamed(t.database.db, '椒香小院');
    const town = await unitNamed(t.database.db, '直升镇');
    const leaves = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), isNotNull(matters.parentId)));
    townMatter = (leaves.find((m) => m.level === 'town') as { id: string }).id;
    gridMatter = (leaves.find((m) => m.level === 'grid') as { id: string }).id;
    const townPosts = await t.database.db.select().from(posts).where(eq(posts.townId, town.id));
    leadPost = (townPosts.find((p) => p.name === '村镇建设岗') as { id: string }).id;
    assistPost = (townPosts.find((p) => p.name !== '村镇建设岗') as { id: string }).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a resident’s report is placed in its courtyard by its point, with the first step on its timeline', async () => {
    const res = await report(resident);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'reported' });
    expect(res.body.stageDueAt).not.toBeNull();
    const detail = (await resident.get(`/api/v1/cases/${res.body.id}`)).body;
    expect(detail).toMatchObject({ status: 'reported', unit: { name: '椒香小院', kind: 'courtyard' } });
    expect(detail.unit.trail).toEqual(['直升镇', '万宝村', '第一网格', '椒香小院']);
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['report']);
    expect(detail.stageDueAt).toBe(res.body.stageDueAt);
    expect(detail.can).toEqual([]);
    const inbox = await operator.get('/api/v1/inbox?unread=true');
    expect(inbox.body.items.some((n: { caseId: string }) => n.caseId === res.body.id)).toBe(true);
  });

  it('the same report posted twice at once makes one case, and both callers get it', async () => {
    const id = uuidv7();
    const body = {
      id,
      matterId: townMatter,
      description: '路灯不亮',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    };
    const [a, b] = await Promise.all([
      resident.post('/api/v1/cases', body),
      resident.post('/api/v1/cases', body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(id);
    expect(b.body.id).toBe(id);
    const [count] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(cases)
      .where(eq(cases.id, id));
    expect(Number(count?.n)).toBe(1);
    const events = await t.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events).toHaveLength(1);
    const again = await resident.post('/api/v1/cases', body);
    expect(again.status).toBe(200);
    const stolen = await neighbour.post('/api/v1/cases', body);
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe('CASE_ID_TAKEN');
  });

  it('thirty reports at once are all filed, each once, and one that cannot be placed is refused alone', async () => {
    const ids = Array.from({ length: 30 }, () => uuidv7());
    const answers = await Promise.all(
      ids.map((id, i) =>
        resident.post('/api/v1/cases', {
          id,
          matterId: townMatter,
          description: `第${i + 1}处路面破损`,
          location: i === 7 ? { lat: 39.9, lng: 116.4 } : { lat: yard.centerLat, lng: yard.centerLng },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(29);
    expect(answers[7]?.body.code).toBe('CASE_OUTSIDE_AREA');
    const filed = await t.database.db.select().from(cases).where(inArray(cases.id, ids));
    expect(filed).toHaveLength(29);
    const timeline = await t.database.db.select().from(caseEvents).where(inArray(caseEvents.caseId, ids));
    expect(timeline).toHaveLength(29);
    const told = await t.database.db
      .select({ caseId: notifications.caseId })
      .from(notifications)
      .where(and(inArray(notifications.caseId, ids), eq(notifications.kind, 'case_reported')));
    expect(new Set(told.map((n) => n.caseId)).size).toBe(29);
  });

  it('a report outside every town, or without any place, is refused with a reason', async () => {
    const outside = await report(resident, { location: { lat: 39.9, lng: 116.4 } });
    expect(outside.body.code).toBe('CASE_OUTSIDE_AREA');
    const nowhere = await report(resident, { location: undefined });
    expect(nowhere.body.code).toBe('CASE_PLACE_REQUIRED');
  });

  it('runs the whole loop: accept, dispatch, handle, resolve, verify, close, rate', async () => {
    const id = (await report(resident)).body.id;
    expect((await act(operator, id, { action: 'accept' })).body.status).toBe('accepted');
    const dispatched = await act(operator, id, {
      action: 'dispatch',
      leadPostId: leadPost,
      assistPostIds: [assistPost],
    });
    expect(dispatched.body.status).toBe('dispatched');
    expect(dispatched.body.leadPost.name).toBe('村镇建设岗');
    const staffInbox = await postStaff.get('/api/v1/inbox?unread=true');
    expect(staffInbox.body.items.some((n: { caseId: string }) => n.caseId === id)).toBe(true);
    const queue = await postStaff.get('/api/v1/cases?scope=post');
    expect(queue.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect((await act(postStaff, id, { action: 'handle', note: '已到现场查看' })).body.status).toBe(
      'in_progress',
    );
    expect((await act(postStaff, id, { action: 'resolve', note: '已回填修复' })).body.status).toBe(
      'resolved',
    );
    const forGrid = await gridWorker.get(`/api/v1/cases/${id}`);
    expect(forGrid.body.can).toEqual(['verify', 'rework']);
    expect((await act(gridWorker, id, { action: 'verify', note: '现场核查属实' })).body.status).toBe(
      'verified',
    );
    expect((await act(operator, id, { action: 'close' })).body.status).toBe('closed');
    const rated = await act(resident, id, { action: 'rate', rating: 'satisfied', note: '很及时' });
    expect(rated.body).toMatchObject({ status: 'closed', rating: 'satisfied' });
    expect(rated.body.timeline.map((e: { action: string; seq: number }) => `${e.seq}:${e.action}`)).toEqual([
      '1:report',
      '2:accept',
      '3:dispatch',
      '4:handle',
      '5:resolve',
      '6:verify',
      '7:close',
      '8:rate',
    ]);
    expect(rated.body.can).toEqual(['object']);
    const again = await act(resident, id, { action: 'rate', rating: 'dissatisfied' });
    expect(again.status).toBe(409);
  });

  it('two concurrent dispatches of one case: exactly one wins, the other is told 409', async () => {
    const id = (await report(resident)).body.id;
    await act(operator, id, { action: 'accept' });
    const second = await signedIn(t.app, DEMO.zhisheng.operator);
    const [a, b] = await Promise.all([
      act(operator, id, { action: 'dispatch', leadPostId: leadPost }),
      act(second, id, { action: 'dispatch', leadPostId: assistPost }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.code).toBe('CASE_STATE_CONFLICT');
    const events = await t.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, id), eq(caseEvents.action, 'dispatch')));
    expect(events).toHaveLength(1);
  });

  it('acting on a stale copy is refused with 409', async () => {
    const created = (await report(resident)).body;
    await act(operator, created.id, { action: 'accept' });
    const stale = await act(operator, created.id, {
      action: 'reject',
      note: '重复上报',
      expectedVersion: created.version,
    });
    expect(stale.status).toBe(409);
  });

  it('another town’s center cannot see the case; a neighbour cannot either; the reporter may not accept it', async () => {
    const id = (await report(resident)).body.id;
    expect((await otherOperator.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await act(otherOperator, id, { action: 'accept' })).status).toBe(404);
    expect((await neighbour.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await act(resident, id, { action: 'accept' })).status).toBe(403);
    const list = await otherOperator.get('/api/v1/cases?limit=200');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });

  it('a grid-level matter is settled on the spot by the grid worker, with a photo required', async () => {
    const created = await report(gridWorker, { matterId: gridMatter });
    const noPhoto = await act(gridWorker, created.body.id, {
      action: 'settle',
      note: '已当场清理',
      photoIds: [],
    });
    expect(noPhoto.status).toBe(400);
  });

  it('the clock can be paused with a reason and resumed; paused time is recorded', async () => {
    const id = (await report(resident)).body.id;
    await act(operator, id, { action: 'accept' });
    await act(operator, id, { action: 'dispatch', leadPostId: leadPost });
    const paused = await act(postStaff, id, { action: 'pause', note: '等待天晴后施工' });
    expect(paused.body.paused).toBe(true);
    expect(paused.body.can).toContain('resume');
    const resumed = await act(operator, id, { action: 'resume' });
    expect(resumed.body.paused).toBe(false);
    expect(resumed.body.pausedMs).toBeGreaterThanOrEqual(0);
    expect(resumed.body.timeline.map((e: { action: string }) => e.action)).toContain('pause');
  });

  it('a whistle makes each dispatched department check in', async () => {
    const id = (await report(gridWorker)).body.id;
    expect(
      (await act(gridWorker, id, { action: 'whistle', note: '涉及多部门，请联合处置', checkInHours: 1 })).body
        .status,
    ).toBe('accepted');
    const dispatched = await act(operator, id, {
      action: 'dispatch',
      leadPostId: leadPost,
      assistPostIds: [assistPost],
    });
    expect(dispatched.body.assignments.every((a: { checkInDueAt: string | null }) => a.checkInDueAt)).toBe(
      true,
    );
    const checked = await act(postStaff, id, { action: 'check_in', note: '已报到' });
    const lead = checked.body.assignments.find((a: { role: string }) => a.role === 'lead');
    expect(lead.checkedInAt).not.toBeNull();
    expect((await act(postStaff, id, { action: 'check_in' })).status).toBe(409);
  });

  it('an escalated case goes to the district, which sends it back with an instruction', async () => {
    const id = (await report(resident)).body.id;
    await act(operator, id, { action: 'accept' });
    expect(
      (await act(operator, id, { action: 'escalate', note: '涉及跨镇河道，超出镇街权限' })).body.status,
    ).toBe('escalated');
    const inbox = await supervisor.get('/api/v1/inbox?unread=true');
    expect(inbox.body.items.some((n: { caseId: string }) => n.caseId === id)).toBe(true);
    expect((await act(supervisor, id, { action: 'instruct', note: '请水利站牵头' })).body.status).toBe(
      'accepted',
    );
  });

  it('a complex case is led by a named person (党工委牵头), chosen among the town’s and district’s own staff', async () => {
    const id = (await report(resident)).body.id;
    await act(operator, id, { action: 'accept' });
    const candidates = await operator.get(`/api/v1/cases/${id}/lead-candidates`);
    expect(candidates.status).toBe(200);
    const roles = candidates.body.flatMap((c: { roles: string[] }) => c.roles);
    expect(roles).toEqual(expect.arrayContaining(['center_operator', 'district_supervisor']));
    expect(roles).not.toContain('resident');
    expect(roles).not.toContain('grid_worker');
    expect((await postStaff.get(`/api/v1/cases/${id}/lead-candidates`)).status).toBe(404);
    expect((await otherOperator.get(`/api/v1/cases/${id}/lead-candidates`)).status).toBe(404);

    const me = (await resident.get('/api/v1/auth/me')).body;
    const refused = await act(operator, id, { action: 'dispatch', leadUserId: me.id });
    expect(refused.body.code).toBe('DISPATCH_TARGET_INVALID');
    const lead = candidates.body.find((c: { roles: string[] }) => c.roles.includes('district_supervisor'));
    const dispatched = await act(operator, id, {
      action: 'dispatch',
      leadUserId: lead.id,
      assistPostIds: [leadPost],
    });
    expect(dispatched.body.status).toBe('dispatched');
    expect(dispatched.body.leadUser).toMatchObject({ id: lead.id, name: lead.name });
    expect(
      (await act(supervisor, id, { action: 'handle', note: '已召集相关部门现场会商' })).body.status,
    ).toBe('in_progress');
  });

  it('a returned case goes back to the center and the post loses it; the reporter may object and reopen', async () => {
    const id = (await report(resident)).body.id;
    await act(operator, id, { action: 'accept' });
    await act(operator, id, { action: 'dispatch', leadPostId: leadPost });
    const returned = await act(postStaff, id, { action: 'return', note: '不属于本岗位职责' });
    expect(returned.body.status).toBe('accepted');
    expect((await postStaff.get(`/api/v1/cases/${id}`)).status).toBe(404);
  });

  describe('every transition the loop does not allow is refused and changes nothing', () => {
    const actorFor = (action: CaseAction): (() => TestClient) => {
      if (['return', 'handle', 'resolve', 'check_in'].includes(action)) return () => postStaff;
      if (['verify', 'rework', 'settle', 'whistle'].includes(action)) return () => gridWorker;
      if (['rate', 'object'].includes(action)) return () => gridWorker;
      if (action === 'instruct') return () => supervisor;
      return () => operator;
    };
    const path: Record<CaseStatus, CaseAction[]> = {
      reported: [],
      rejected: ['reject'],
      accepted: ['accept'],
      dispatched: ['accept', 'dispatch'],
      in_progress: ['accept', 'dispatch', 'handle'],
      resolved: ['accept', 'dispatch', 'resolve'],
      verified: ['accept', 'dispatch', 'resolve', 'verify'],
      closed: ['accept', 'dispatch', 'resolve', 'verify', 'close'],
      escalated: ['accept', 'escalate'],
    };
    const body = (action: CaseAction): Record<string, unknown> => {
      const b: Record<string, unknown> = { action, note: '测试' };
      if (action === 'dispatch') b.leadPostId = leadPost;
      if (action === 'rate') b.rating = 'satisfied';
      if (action === 'settle') b.photoIds = [uuidv7()];
      return b;
    };
    for (const status of CASE_STATUSES) {
      it(`from ${status}`, async () => {
        // The grid worker reports, so the reporter's own actions (rate, object) are theirs to try.
        const id = (await report(gridWorker, { matterId: gridMatter })).body.id;
        for (const action of path[status])
          expect((await act(actorFor(action)(), id, body(action))).status).toBe(200);
        const before = await t.database.db.select().from(cases).where(eq(cases.id, id));
        for (const action of CASE_ACTIONS.filter((a) => !TRANSITIONS[a].from.includes(status))) {
          const res = await act(actorFor(action)(), id, body(action));
          const unseen =
            ['return', 'handle', 'resolve', 'check_in'].includes(action) &&
            ['reported', 'rejected', 'accepted', 'escalated'].includes(status);
          expect(res.status, `${action} from ${status}`).toBe(unseen ? 404 : 409);
        }
        expect(await t.database.db.select().from(cases).where(eq(cases.id, id))).toEqual(before);
      });
    }
  });

  it('the KPI panel counts a town’s month from its cases, and only overseers may see it', async () => {
    // 清江镇 has no other cases in this suite, so its figures are known exactly.
    const op = await signedIn(t.app, '13800000024');
    const staff = await signedIn(t.app, '13800000025');
    const worker = await signedIn(t.app, '13800000026');
    const villager = await signedIn(t.app, '13800000029');
    const town = await unitNamed(t.database.db, '清江镇');
    const yardQ = await unitNamed(t.database.db, '涂湾国防小院');
    const [m] = await t.database.db
      .select()
      .from(matters)
      .where(and(eq(matters.townId, town.id), eq(matters.code, 'DISP-01')));
    const file = async () =>
      (
        await villager.post('/api/v1/cases', {
          id: uuidv7(),
          matterId: m?.id,
          description: '邻里因排水起争执',
          unitId: yardQ.id,
        })
      ).body.id;
    const post = (await t.database.db.select().from(posts).where(eq(posts.townId, town.id))).find(
      (p) => p.name === '农业服务岗',
    );
    const done = await file();
    await act(op, done, { action: 'accept' });
    await act(op, done, { action: 'dispatch', leadPostId: post?.id });
    await act(staff, done, { action: 'resolve', note: '双方达成协议' });
    await act(worker, done, { action: 'verify' });
    await act(op, done, { action: 'close' });
    await act(villager, done, { action: 'rate', rating: 'basically_satisfied' });
    await act(op, await file(), { action: 'reject', note: '重复上报' });
    await file();

    const kpi = await op.get(`/api/v1/kpi?unitId=${town.id}&period=month`);
    expect(kpi.status).toBe(200);
    expect(kpi.body.current).toEqual({
      received: 3,
      accepted: 1,
      closed: 1,
      onTimeRate: 1,
      satisfactionRate: 1,
      reworkRate: 0,
      grassrootsResolutionRate: 1,
      overdueNow: 0,
    });
    expect((await villager.get(`/api/v1/kpi?unitId=${town.id}`)).status).toBe(404);
    expect((await operator.get(`/api/v1/kpi?unitId=${town.id}`)).status).toBe(404);
    expect((await staff.get(`/api/v1/kpi?unitId=${town.id}`)).status).toBe(403);
  });

  it('the map shows the town’s villages as outlines and its open cases as points, to its own staff only', async () => {
    const created = (await report(resident)).body;
    const town = await unitNamed(t.database.db, '直升镇');
    const map = await operator.get(`/api/v1/cases/map?unitId=${town.id}`);
    expect(map.status).toBe(200);
    expect(map.body.areas.map((a: { name: string }) => a.name)).toContain('万宝村');
    expect(map.body.cases.map((c: { id: string }) => c.id)).toContain(created.id);
    expect((await otherOperator.get(`/api/v1/cases/map?unitId=${town.id}`)).status).toBe(404);
  });

  it('exports the filtered list as an .xlsx ledger that Excel can open', async () => {
    await report(resident);
    const res = await t.app.inject({
      url: '/api/v1/cases/ledger.xlsx?status=reported',
      headers: { cookie: operator.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('事件台账');
    expect(sheet?.getRow(1).getCell(2).value).toBe('事件编号');
    const listed = await operator.get('/api/v1/cases?status=reported&limit=200');
    expect((sheet?.rowCount ?? 0) - 1).toBe(listed.body.items.length);
    expect(sheet?.getRow(2).getCell(2).value).toBe(listed.body.items[0].id);
    expect(sheet?.getRow(2).getCell(9).value).toBe('待受理');
  });

  it('inbox counts unread messages and marks them read', async () => {
    const before = await resident.get('/api/v1/inbox');
    expect(before.body.unreadCount).toBeGreaterThan(0);
    expect((await resident.post('/api/v1/inbox/read', { all: true })).status).toBe(204);
    expect((await resident.get('/api/v1/inbox')).body.unreadCount).toBe(0);
    const [left] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(isNull(notifications.readAt));
    expect(Number(left?.n)).toBeGreaterThan(0);
  });
});
