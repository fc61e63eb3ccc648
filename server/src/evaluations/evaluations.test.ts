import { chinaMonth } from '@domain/points/rules';
import { and, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, evaluationScorecards, orgUnits, pointEntries, users } from '../db/schema';
import { bindToNewHousehold, boundPeople } from '../points/fixtures';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn, type TestClient } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';

/** The month `back` months before this one, as YYYY-MM in China. */
function monthsAgo(back: number): string {
  const [y, m] = chinaMonth(new Date()).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 7);
}

const full = (hygiene: number, harmony = 0, customs = 0, law = 0, note?: string) => [
  { key: 'hygiene', score: hygiene, ...(note ? { note } : {}) },
  { key: 'harmony', score: harmony },
  { key: 'customs', score: customs },
  { key: 'law', score: law },
];

describe.each(testBackends())('evaluations: templates, rounds, scoring and publishing on %s', (backend) => {
  let t: TestApp;
  let head: TestClient;
  let gridWorker: TestClient;
  let operator: TestClient;
  let postStaff: TestClient;
  let resident: TestClient;
  let otherOperator: TestClient;
  let yard: Awaited<ReturnType<typeof unitNamed>>;
  let village: Awaited<ReturnType<typeof unitNamed>>;
  /** The demo resident's household (A), and two neighbours (B, C). */
  let a: string;
  let b: string;
  let c: string;
  let roundId: string;
  const thisMonth = chinaMonth(new Date());

  const score = (client: TestClient, id: string, householdId: string, scores: unknown[]) =>
    client.post(`/api/v1/evaluations/rounds/${id}/scores`, { householdId, scores });
  const balanceOf = async (householdId: string) =>
    (await operator.get(`/api/v1/points/households/${householdId}`)).body.balance as number;

  beforeAll(async () => {
    t = await startTestApp(backend);
    head = await signedIn(t.app, DEMO.zhisheng.courtyardHead);
    gridWorker = await signedIn(t.app, DEMO.zhisheng.gridWorker);
    operator = await signedIn(t.app, DEMO.zhisheng.operator);
    postStaff = await signedIn(t.app, DEMO.zhisheng.postStaff);
    resident = await signedIn(t.app, DEMO.zhisheng.resident);
    otherOperator = await signedIn(t.app, DEMO.guangshun.operator);
    yard = await unitNamed(t.database.db, '椒香小院');
    village = await unitNamed(t.database.db, '万宝村');
    const [me] = await t.database.db.select().from(users).where(eq(users.phone, DEMO.zhisheng.resident));
    a = await bindToNewHousehold(t.database.db, (me as { id: string }).id, yard);
    const [pb, pc] = await boundPeople(t.database.db, yard, 2);
    b = (pb as { householdId: string }).householdId;
    c = (pc as { householdId: string }).householdId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the demo town’s default template applies in its courtyards and not in another town', async () => {
    const templates = await resident.get(`/api/v1/evaluations/templates?unitId=${yard.id}`);
    expect(templates.status).toBe(200);
    expect(templates.body[0].criteria.map((c: { name: string }) => c.name)).toEqual([
      '环境卫生',
      '邻里和睦',
      '移风易俗',
      '遵纪守法',
    ]);
    expect(templates.body[0].maxTotal).toBe(100);
    expect((await otherOperator.get(`/api/v1/evaluations/templates?unitId=${yard.id}`)).status).toBe(404);
  });

  it('a head opens this month’s round once; again is the same round; a month to come is refused', async () => {
    const opened = await head.post('/api/v1/evaluations/rounds', { courtyardId: yard.id, month: thisMonth });
    expect(opened.status).toBe(201);
    roundId = opened.body.id;
    expect(opened.body).toMatchObject({ status: 'open', households: 3, scored: 0, can: { score: true } });
    const again = await gridWorker.post('/api/v1/evaluations/rounds', {
      courtyardId: yard.id,
      month: thisMonth,
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(roundId);
    const ahead = await head.post('/api/v1/evaluations/rounds', {
      courtyardId: yard.id,
      month: monthsAgo(-1),
    });
    expect(ahead.body.code).toBe('EVALUATION_MONTH_AHEAD');
    const outside = await otherOperator.post('/api/v1/evaluations/rounds', {
      courtyardId: yard.id,
      month: thisMonth,
    });
    expect(outside.status).toBe(404);
    expect(
      (await resident.post('/api/v1/evaluations/rounds', { courtyardId: yard.id, month: thisMonth })).status,
    ).toBe(403);
    const list = await head.get(`/api/v1/evaluations/rounds?unitId=${yard.id}`);
    expect(list.body.rounds.map((r: { id: string }) => r.id)).toEqual([roundId]);
    expect(list.body.courtyards).toEqual([{ id: yard.id, name: '椒香小院', roundId, canOpen: false }]);
  });

  it('drafts save as the head goes, a retried save is the same draft, and scores must fit the template', async () => {
    const first = await score(head, roundId, a, full(28, 23).slice(0, 2) as unknown[]);
    expect(first.status).toBe(200);
    const again = await score(head, roundId, a, full(28, 23).slice(0, 2) as unknown[]);
    expect(again.status).toBe(200);
    const cards = await t.database.db
      .select()
      .from(evaluationScorecards)
      .where(eq(evaluationScorecards.householdId, a));
    expect(cards).toHaveLength(1);
    const cardA = again.body.scorecards.find((s: { householdId: string }) => s.householdId === a);
    expect(cardA).toMatchObject({ status: 'draft', complete: false, total: 51 });

    const tooHigh = await score(head, roundId, a, [{ key: 'hygiene', score: 31 }]);
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.code).toBe('EVALUATION_SCORE_INVALID');
    const unknown = await score(head, roundId, a, [{ key: 'smoking', score: 1 }]);
    expect(unknown.body.code).toBe('EVALUATION_SCORE_INVALID');
    const elsewhere = await unitNamed(t.database.db, '檬梓桥社区');
    const [otherYard] = await t.database.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.kind, 'courtyard'), like(orgUnits.path, `${elsewhere.path}%`)))
      .limit(1);
    const [stranger] = await boundPeople(t.database.db, otherYard as NonNullable<typeof otherYard>, 1);
    expect((await score(head, roundId, stranger?.householdId as string, full(1, 1, 1, 1))).status).toBe(404);
  });

  it('nobody but the committee and staff of the area sees the round: residents and other towns get 404', async () => {
    expect((await resident.get(`/api/v1/evaluations/rounds/${roundId}`)).status).toBe(404);
    expect((await otherOperator.get(`/api/v1/evaluations/rounds/${roundId}`)).status).toBe(404);
    expect((await resident.get(`/api/v1/evaluations/rounds?unitId=${yard.id}`)).status).toBe(404);
    expect((await postStaff.get(`/api/v1/evaluations/rounds/${roundId}`)).status).toBe(200);
    expect((await postStaff.post(`/api/v1/evaluations/rounds/${roundId}/publish`, {})).status).toBe(403);
    expect((await otherOperator.post(`/api/v1/evaluations/rounds/${roundId}/publish`, {})).status).toBe(404);
    // A draft is never a resident's to see.
    const mine = await resident.get('/api/v1/evaluations/mine');
    expect(mine.body).toEqual({ bound: true, scorecards: [] });
  });

  it('publishing refuses while households are unscored and not marked, and names them', async () => {
    await score(head, roundId, b, full(10, 10, 10).slice(0, 3) as unknown[]);
    const refused = await head.post(`/api/v1/evaluations/rounds/${roundId}/publish`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('EVALUATION_UNSCORED');
    expect([...refused.body.householdIds].sort()).toEqual([a, b, c].sort());
    const stillOpen = await head.get(`/api/v1/evaluations/rounds/${roundId}`);
    expect(stillOpen.body.status).toBe('open');
  });

  it('two publishes racing award each household once; a deduction stops at what the household has free', async () => {
    // B has 3 points to lose; its total of 50 would take 10.
    const gift = await head.post('/api/v1/points/awards', {
      id: uuidv7(),
      householdId: b,
      actionCode: 'PATROL_SHIFT',
      reason: '夜间巡逻',
    });
    expect(gift.status).toBe(201);
    expect((await score(head, roundId, a, full(28, 23, 22, 19, '院坝打扫得干净'))).status).toBe(200);
    expect((await score(gridWorker, roundId, b, full(20, 10, 10, 10))).status).toBe(200);
    const [one, two] = await Promise.all([
      head.post(`/api/v1/evaluations/rounds/${roundId}/publish`, { unscoredHouseholdIds: [c] }),
      gridWorker.post(`/api/v1/evaluations/rounds/${roundId}/publish`, { unscoredHouseholdIds: [c] }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const published = one.body;
    expect(published).toMatchObject({
      status: 'published',
      households: 3,
      scored: 2,
      can: { publish: false },
    });
    const card = (id: string) =>
      published.scorecards.find((s: { householdId: string }) => s.householdId === id);
    expect(card(a)).toMatchObject({ status: 'scored', total: 92, pointsComputed: 20, pointsAwarded: 20 });
    expect(card(b)).toMatchObject({ status: 'scored', total: 50, pointsComputed: -10, pointsAwarded: -3 });
    expect(card(c)).toMatchObject({ status: 'unscored', total: null, pointsAwarded: null });
    expect(await balanceOf(a)).toBe(20);
    expect(await balanceOf(b)).toBe(0);

    const retried = await head.post(`/api/v1/evaluations/rounds/${roundId}/publish`, {
      unscoredHouseholdIds: [c],
    });
    expect(retried.status).toBe(200);
    expect(await balanceOf(a)).toBe(20);
    const entries = await t.database.db
      .select()
      .from(pointEntries)
      .where(eq(pointEntries.sourceType, 'evaluation'));
    expect(entries.map((e) => e.points).sort((x, y) => x - y)).toEqual([-3, 20]);
    expect(entries.find((e) => e.points === 20)?.sourceId).toBe(card(a).id);

    const late = await score(head, roundId, a, full(30, 25, 25, 20));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('EVALUATION_PUBLISHED');
    const history = await t.database.db.select().from(auditLog).where(eq(auditLog.subjectId, roundId));
    expect(history.map((h) => h.action).sort()).toEqual(['opened', 'published']);
    const capped = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectId, card(b).id));
    expect(capped.map((h) => h.action)).toContain('published_capped');
  });

  it('a resident sees the published scorecard with notes and points, month by month', async () => {
    const past = await head.post('/api/v1/evaluations/rounds', { courtyardId: yard.id, month: monthsAgo(1) });
    expect(past.status).toBe(201);
    await score(head, past.body.id, a, full(25, 20, 20, 17));
    const done = await head.post(`/api/v1/evaluations/rounds/${past.body.id}/publish`, {
      unscoredHouseholdIds: [b, c],
    });
    expect(done.status).toBe(200);
    const mine = (await resident.get('/api/v1/evaluations/mine')).body;
    expect(mine.scorecards.map((s: { month: string }) => s.month)).toEqual([thisMonth, monthsAgo(1)]);
    expect(mine.scorecards[0]).toMatchObject({
      status: 'scored',
      total: 92,
      maxTotal: 100,
      pointsAwarded: 20,
      courtyardName: '椒香小院',
    });
    expect(mine.scorecards[0].scores[0]).toEqual({ key: 'hygiene', score: 28, note: '院坝打扫得干净' });
    expect(mine.scorecards[1]).toMatchObject({ total: 82, pointsAwarded: 10 });
    expect((await resident.get('/api/v1/points/mine')).body.points.balance).toBe(30);
    const staffList = await operator.get(`/api/v1/evaluations/rounds?unitId=${village.id}`);
    expect(
      staffList.body.rounds.map((r: { month: string; pointsAwarded: number }) => [r.month, r.pointsAwarded]),
    ).toEqual([
      [thisMonth, 17],
      [monthsAgo(1), 10],
    ]);
  });

  it('a village’s new template applies to rounds opened after it; published rounds keep theirs', async () => {
    const set = await operator.post('/api/v1/evaluations/templates', {
      unitId: village.id,
      name: '万宝村院落考评',
      criteria: [
        { key: 'hygiene', name: '环境卫生', max: 50 },
        { key: 'harmony', name: '邻里和睦', max: 50 },
      ],
      bands: [
        { minTotal: 80, points: 15 },
        { minTotal: 0, points: 0 },
      ],
    });
    expect(set.status).toBe(201);
    expect(
      (await head.post('/api/v1/evaluations/templates', { ...set.body, unitId: village.id })).status,
    ).toBe(400);
    const byHead = await head.post('/api/v1/evaluations/templates', {
      unitId: village.id,
      name: 'x',
      criteria: [{ key: 'a', name: 'a', max: 10 }],
      bands: [{ minTotal: 0, points: 1 }],
    });
    expect(byHead.status).toBe(404);
    const older = await head.post('/api/v1/evaluations/rounds', {
      courtyardId: yard.id,
      month: monthsAgo(2),
    });
    expect(older.body.template.name).toBe('万宝村院落考评');
    expect(older.body.template.maxTotal).toBe(100);
    const kept = await head.get(`/api/v1/evaluations/rounds/${roundId}`);
    expect(kept.body.template.name).toBe('院落月度自治考评');
    expect((await score(head, older.body.id, a, [{ key: 'customs', score: 5 }])).body.code).toBe(
      'EVALUATION_SCORE_INVALID',
    );
  });
});
