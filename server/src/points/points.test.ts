import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, matters, pointEntries, posts, users } from '../db/schema';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { awardForResolvedFacilityReport, awardForVerifiedReport } from './autoAward';
import { bindToNewHousehold } from './fixtures';
import { type PointHousehold, pointHouseholdOf } from './ledger';
import { ruleFor } from './ruleLookup';

describe.each(testBackends())('points: rules, awards, reversals and the ledger on %s', (backend) => {
  let t: TestApp;
  let operator: TestClient;
  let head: TestClient;
  let gridWorker: TestClient;
  let postStaff: TestClient;
  let resident: TestClient;
  let otherOperator: TestClient;
  let yard: Awaited<ReturnType<typeof unitNamed>>;
  let village: Awaited<ReturnType<typeof unitNamed>>;
  let householdId: string;
  let townMatter: string;
  let leadPost: string;

  const award = (client: TestClient, actionCode: string, extra: Record<string, unknown> = {}) =>
    client.post('/api/v1/points/awards', {
      id: uuidv7(),
      householdId,
      actionCode,
      reason: '参加夜间巡逻',
      ...extra,
    });
  const act = (client: TestClient, id: string, body: Record<string, unknown>) =>
    client.post(`/api/v1/cases/${id}/actions`, body);
  const ledger = async () => (await operator.get(`/api/v1/points/households/${householdId}`)).body;

  /** A report by the bound resident, taken round the loop to resolved, ready for the grid worker. */
  const resolvedReport = async () => {
    const filed = await resident.post('/api/v1/cases', {
      id: uuidv7(),
      matterId: townMatter,
      description: '院坝边垃圾堆放',
      location: { lat: yard.centerLat, lng: yard.centerLng },
    });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    await act(operator, id, { action: 'accept' });
    await act(operator, id, { action: 'dispatch', leadPostId: leadPost });
    expect((await act(postStaff, id, { action: 'resolve', note: '已清运' })).body.status).toBe('resolved');
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp(backend);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    otherOperator = await signedIn(t.app, DEMO.guangshun.operator);
    yard = await unitNamed(t.database.db, '椒香小院');
    village = await unitNamed(t.database.db, '万宝村');
    const [me] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
    householdId = await bindToNewHousehold(t.database.db, (me as { id: string }).id, yard);
    const town = await unitNamed(t.database.db, '直升镇');
    const leaves = await t.database.db
      .select()
      .from(matters)
      .where(sql`${matters.townId} = ${town.id} and ${matters.parentId} is not null`);
    townMatter = (leaves.find((m) => m.level === 'town') as { id: string }).id;
    const townPosts = await t.database.db.select().from(posts).where(eq(posts.townId, town.id));
    leadPost = (townPosts.find((p) => p.name === '村镇建设岗') as { id: string }).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a resident sees the default rules of their town, and the town’s center sets a new version', async () => {
    const rules = await resident.get(`/api/v1/points/rules?unitId=${village.id}`);
    expect(rules.status).toBe(200);
    expect(rules.body.map((r: { actionCode: string }) => r.actionCode)).toContain('REPORT_VERIFIED');
    const refused = await otherOperator.get(`/api/v1/points/rules?unitId=${village.id}`);
    expect(refused.status).toBe(404);
  });

  it('a verified report earns the reporter’s household +5 once, even when verified again after rework', async () => {
    const id = await resolvedReport();
    expect((await act(gridWorker, id, { action: 'verify', note: '核查属实' })).body.status).toBe('verified');
    let mine = (await resident.get('/api/v1/points/mine')).body;
    expect(mine.bound).toBe(true);
    expect(mine.points.balance).toBe(5);
    expect(mine.points.entries[0]).toMatchObject({ points: 5, actionCode: 'REPORT_VERIFIED', sourceId: id });

    await act(gridWorker, id, { action: 'rework', note: '还有残留' });
    await act(postStaff, id, { action: 'resolve', note: '已再次清运' });
    expect((await act(gridWorker, id, { action: 'verify', note: '核查属实' })).body.status).toBe('verified');
    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, id));
    const retried = await t.database.db.transaction((tx) =>
      awardForVerifiedReport(
        tx,
        row as { id: string; reporterId: string },
        (row as { reporterId: string }).reporterId,
        new Date(),
      ),
    );
    expect(retried?.sourceId).toBe(id);
    mine = (await resident.get('/api/v1/points/mine')).body;
    expect(mine.points.balance).toBe(5);
    const entries = await t.database.db.select().from(pointEntries).where(eq(pointEntries.sourceId, id));
    expect(entries).toHaveLength(1);
  });

  it('the daily cap of 3 verified reports stops the fourth award but never the verification', async () => {
    const before = (await ledger()).balance as number;
    for (let i = 0; i < 3; i++) {
      const id = await resolvedReport();
      expect((await act(gridWorker, id, { action: 'verify' })).status).toBe(200);
    }
    // The first test's award counts towards today's cap too: only two of these three earn.
    expect((await ledger()).balance).toBe(before + 10);
  });

  it('a courtyard head awards by hand with a reason; a retry of the same award is the same entry', async () => {
    const id = uuidv7();
    const first = await award(head, 'PATROL_SHIFT', { id });
    expect(first.status).toBe(201);
    const balance = first.body.balance as number;
    const again = await award(head, 'PATROL_SHIFT', { id });
    expect(again.status).toBe(201);
    expect(again.body.balance).toBe(balance);
    const capped = await award(head, 'PATROL_SHIFT');
    expect(capped.status).toBe(409);
    expect(capped.body.code).toBe('POINT_CAP_REACHED');
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, first.body.entries[0].id));
    expect(audit).toMatchObject({ subjectType: 'point_entry', action: 'awarded' });
  });

  it('a rule asking for a photo refuses an award without one; automatic rules are not given by hand', async () => {
    const noPhoto = await award(head, 'CLEAN_COURTYARD');
    expect(noPhoto.body.code).toBe('POINT_EVIDENCE_REQUIRED');
    const automatic = await award(operator, 'REPORT_VERIFIED');
    expect(automatic.body.code).toBe('POINT_RULE_AUTOMATIC');
    const unknown = await award(operator, 'NO_SUCH_RULE');
    expect(unknown.body.code).toBe('POINT_RULE_MISSING');
    const notAwarder = await award(postStaff, 'PATROL_SHIFT');
    expect(notAwarder.status).toBe(403);
    const outside = await award(otherOperator, 'PATROL_SHIFT');
    expect(outside.status).toBe(404);
  });

  it('a mistake is reversed by an entry of the opposite sign, once, and never below zero', async () => {
    const before = await ledger();
    const target = before.entries.find((e: { points: number; reversedBy: string | null }) => e.points > 0);
    const reversed = await operator.post(`/api/v1/points/entries/${target.id}/reverse`, { reason: '误发' });
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ points: -target.points, reversesEntryId: target.id });
    const after = await ledger();
    expect(after.balance).toBe(before.balance - target.points);
    expect(after.entries.find((e: { id: string }) => e.id === target.id).reversedBy).toBe(reversed.body.id);
    const twice = await operator.post(`/api/v1/points/entries/${target.id}/reverse`, { reason: '误发' });
    expect(twice.body.code).toBe('POINT_ENTRY_REVERSED');
    const ofReversal = await operator.post(`/api/v1/points/entries/${reversed.body.id}/reverse`, {
      reason: 'x',
    });
    expect(ofReversal.body.code).toBe('POINT_ENTRY_NOT_REVERSIBLE');
    const byHead = await head.post(`/api/v1/points/entries/${target.id}/reverse`, { reason: '误发' });
    expect(byHead.status).toBe(403);
  });

  it('a village’s new rule version applies from its start; until then the town’s rule stands', async () => {
    const from = new Date(Date.now() + 60_000).toISOString();
    const set = await operator.post('/api/v1/points/rules', {
      unitId: village.id,
      actionCode: 'PATROL_SHIFT',
      name: '参加巡逻值守（新）',
      points: 4,
      awarders: ['courtyard_head'],
      validFrom: from,
    });
    expect(set.status).toBe(201);
    const rules = (await operator.get(`/api/v1/points/rules?unitId=${yard.id}`)).body as {
      unitId: string;
      actionCode: string;
      points: number;
      validTo: string | null;
    }[];
    const patrol = rules.filter((r) => r.actionCode === 'PATROL_SHIFT');
    expect(patrol.map((r) => r.points)).toEqual([3, 4]);
    const earlier = await operator.post('/api/v1/points/rules', {
      unitId: village.id,
      actionCode: 'PATROL_SHIFT',
      name: '倒签',
      points: 9,
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(earlier.status).toBe(400);
    const household = await pointHouseholdOf(t.database.db, householdId);
    const at = (iso: string) =>
      ruleFor(t.database.db, household as PointHousehold, 'PATROL_SHIFT', new Date(iso));
    expect((await at(new Date().toISOString()))?.points).toBe(3);
    expect((await at(new Date(Date.parse(from) + 1000).toISOString()))?.points).toBe(4);
  });

  it('a bin reported from its QR code earns the first reporter’s household +2 when the cleaner empties it, once', async () => {
    const before = (await resident.get('/api/v1/points/mine')).body.points.balance as number;
    const filed = await resident.post('/api/v1/facilities/by-code/WB-BIN-021/reports', {
      id: uuidv7(),
      problem: 'full',
    });
    expect(filed.status).toBe(201);
    const neighbour = await signedIn(t.app, DEMO.zhisheng.partyMember);
    const joined = await neighbour.post('/api/v1/facilities/by-code/WB-BIN-021/reports', {
      id: uuidv7(),
      problem: 'full',
    });
    expect(joined.body.joined).toBe(true);
    const caseId = filed.body.caseId as string;
    const cleaner = await signedIn(t.app, DEMO.zhisheng.cleaner);
    const resolved = await act(cleaner, caseId, { action: 'resolve', note: '已清运' });
    expect(resolved.body.status).toBe('resolved');
    const mine = (await resident.get('/api/v1/points/mine')).body.points;
    expect(mine.balance).toBe(before + 2);
    expect(mine.entries[0]).toMatchObject({
      points: 2,
      actionCode: 'FACILITY_REPORT_RESOLVED',
      sourceId: caseId,
    });

    const [row] = await t.database.db.select().from(cases).where(eq(cases.id, caseId));
    const retried = await t.database.db.transaction((tx) =>
      awardForResolvedFacilityReport(
        tx,
        row as { id: string },
        (row as { reporterId: string }).reporterId,
        new Date(),
      ),
    );
    expect(retried?.sourceId).toBe(caseId);
    const entries = await t.database.db.select().from(pointEntries).where(eq(pointEntries.sourceId, caseId));
    expect(entries).toHaveLength(1);
  });
});
