import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import type { StoreItemView } from '@domain/store/schemas';
import { eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { pointBalances, pointEntries, storeItems, storeRedemptions } from '../db/schema';
import { multipart, phonePhoto } from '../photos/fixtures';
import { awardPoints } from '../points/award';
import { seedPointsDemo } from '../points/demo';
import { actorOf, boundPeople } from '../points/fixtures';
import { pointsOf } from '../points/queries';
import { reverseEntry } from '../points/reverse';
import { setPointRule } from '../points/rules';
import { startTestApp, type TestApp, testBackends } from '../testing/app';
import { signedIn } from '../testing/client';
import { DEMO, unitNamed } from '../testing/demo';
import { cancelRedemption, confirmRedemption } from './decide';
import { createStoreItem } from './items';
import { myStore } from './queries';
import { redeem } from './redeem';

describe.each(testBackends())('the points store (积分超市) on %s', (backend) => {
  let t: TestApp;
  let db: Db;
  let operator: Actor;
  let yard: Awaited<ReturnType<typeof unitNamed>>;
  let village: Awaited<ReturnType<typeof unitNamed>>;

  const gift = (householdId: string, actionCode = 'TEST_GIFT') =>
    awardPoints(db, operator, { id: uuidv7(), householdId, actionCode, reason: '测试奖励' });
  const item = (price: number, stock: number) =>
    createStoreItem(db, operator, {
      villageId: village.id,
      name: '洗衣液',
      price,
      stock,
      photoId: null,
      active: true,
    });
  const balancesOf = (ids: string[]) =>
    db.select().from(pointBalances).where(inArray(pointBalances.householdId, ids));
  const codeOf = (reason: unknown) => (reason instanceof AppError ? reason.code : String(reason));

  beforeAll(async () => {
    t = await startTestApp(backend);
    db = t.database.db;
    operator = await actorOf(db, DEMO.zhisheng.operator);
    yard = await unitNamed(db, '椒香小院');
    village = await unitNamed(db, '万宝村');
    const rule = { unitId: village.id, awarders: ['center_operator' as const], evidence: 'none' as const };
    const base = { capPerDay: null, capPerMonth: null, automatic: false };
    const from = new Date(Date.now() - 60_000).toISOString();
    await setPointRule(db, operator, {
      ...rule,
      ...base,
      actionCode: 'TEST_GIFT',
      name: '测试奖励',
      points: 20,
      validFrom: from,
    });
    await setPointRule(db, operator, {
      ...rule,
      ...base,
      actionCode: 'TEST_SMALL',
      name: '小奖励',
      points: 7,
      validFrom: from,
    });
    await setPointRule(db, operator, {
      ...rule,
      ...base,
      actionCode: 'TEST_FINE',
      name: '扣分',
      points: -4,
      validFrom: from,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('100 households redeeming an item with stock 10 at once: exactly 10 succeed, stock 0, no balance below 0', async () => {
    const people = await boundPeople(db, yard, 100);
    for (const p of people) await gift(p.householdId);
    const soap = await item(15, 10);
    const results = await Promise.allSettled(
      people.map((p) => redeem(db, p.userId, { id: uuidv7(), itemId: soap.id })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
    expect(new Set(refusals)).toEqual(new Set(['STORE_OUT_OF_STOCK']));
    const [after] = await db.select().from(storeItems).where(eq(storeItems.id, soap.id));
    expect(after?.stock).toBe(0);
    const balances = await balancesOf(people.map((p) => p.householdId));
    expect(balances.every((b) => b.balance - b.held >= 0 && b.held >= 0)).toBe(true);
    expect(balances.filter((b) => b.held === 15)).toHaveLength(10);
  }, 120_000);

  it('one household tapping ten times at once with points for one: exactly one is held', async () => {
    const [p] = await boundPeople(db, yard, 1);
    const person = p as { userId: string; householdId: string };
    await gift(person.householdId);
    const soap = await item(15, 10);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => redeem(db, person.userId, { id: uuidv7(), itemId: soap.id })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [balance] = await balancesOf([person.householdId]);
    expect(balance).toMatchObject({ balance: 20, held: 15 });
    const [after] = await db.select().from(storeItems).where(eq(storeItems.id, soap.id));
    expect(after?.stock).toBe(9);
  });

  it('hand-over spends the held points as a ledger entry; cancel releases points and stock', async () => {
    const [p] = await boundPeople(db, yard, 1);
    const person = p as { userId: string; householdId: string };
    await gift(person.householdId);
    const towel = await item(5, 2);
    const id = uuidv7();
    const held = await redeem(db, person.userId, { id, itemId: towel.id });
    const retried = await redeem(db, person.userId, { id, itemId: towel.id });
    expect(retried.id).toBe(held.id);
    const other = await redeem(db, person.userId, { id: uuidv7(), itemId: towel.id });
    expect((await balancesOf([person.householdId]))[0]).toMatchObject({ balance: 20, held: 10 });
    await confirmRedemption(db, operator, held.id);
    await expect(confirmRedemption(db, operator, held.id)).rejects.toMatchObject({
      code: 'STORE_REDEMPTION_DECIDED',
    });
    await cancelRedemption(db, operator, other.id, '不要了');
    expect((await balancesOf([person.householdId]))[0]).toMatchObject({ balance: 15, held: 0 });
    const [stock] = await db.select().from(storeItems).where(eq(storeItems.id, towel.id));
    expect(stock?.stock).toBe(1);
    const spent = await db.select().from(pointEntries).where(eq(pointEntries.sourceId, held.id));
    expect(spent).toMatchObject([{ points: -5, sourceType: 'redemption' }]);
  });

  it('a resident redeems over HTTP only once bound; staff outside the village cannot confirm', async () => {
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const soap = await item(1, 1);
    const unbound = await resident.post('/api/v1/store/redemptions', { id: uuidv7(), itemId: soap.id });
    expect(unbound.body.code).toBe('POINT_NOT_BOUND');
    const items = await resident.get(`/api/v1/store/items?unitId=${village.id}`);
    expect(items.body.map((i: { id: string }) => i.id)).toContain(soap.id);
    const [p] = await boundPeople(db, yard, 1);
    await gift((p as { householdId: string }).householdId);
    const held = await redeem(db, (p as { userId: string }).userId, { id: uuidv7(), itemId: soap.id });
    const outsider = await signedIn(t.app, DEMO.guangshun.operator);
    const refused = await outsider.post(`/api/v1/store/redemptions/${held.id}/confirm`);
    expect(refused.status).toBe(404);
    const staff = await signedIn(t.app, DEMO.zhisheng.operator);
    const listed = await staff.get(`/api/v1/store/redemptions?unitId=${village.id}&status=held`);
    expect(listed.body.map((r: { id: string }) => r.id)).toContain(held.id);
    const confirmed = await staff.post(`/api/v1/store/redemptions/${held.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', points: 1 });
    const offShelf = await staff.patch(`/api/v1/store/items/${soap.id}`, { active: false, stock: 5 });
    expect(offShelf.body).toMatchObject({ active: false, stock: 5 });
    const again = await redeem(db, (p as { userId: string }).userId, { id: uuidv7(), itemId: soap.id }).catch(
      (e: unknown) => e,
    );
    expect(codeOf(again)).toBe('STORE_ITEM_UNAVAILABLE');
  });

  it('a bound resident sees their village store, their own redemptions and named ledger entries', async () => {
    const [p] = await boundPeople(db, yard, 1);
    const { userId, householdId } = p as { userId: string; householdId: string };
    const towel = await item(15, 2);
    const hidden = await item(3, 9);
    await t.database.db.update(storeItems).set({ active: false }).where(eq(storeItems.id, hidden.id));
    await gift(householdId);
    const held = await redeem(db, userId, { id: uuidv7(), itemId: towel.id });
    const other = await boundPeople(db, yard, 1);
    await gift((other[0] as { householdId: string }).householdId);
    await redeem(db, (other[0] as { userId: string }).userId, { id: uuidv7(), itemId: towel.id });
    await confirmRedemption(db, operator, held.id);

    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    expect((await resident.get('/api/v1/store/mine')).body).toEqual({
      bound: false,
      villageId: null,
      items: [],
      redemptions: [],
    });
    const mine = await myStore(db, userId);
    expect(mine.bound).toBe(true);
    expect(mine.villageId).toBe(village.id);
    const ids = mine.items.map((i) => i.id);
    expect(ids).toContain(towel.id);
    expect(ids).not.toContain(hidden.id);
    expect(mine.items.find((i) => i.id === towel.id)?.stock).toBe(0);
    // Only the household's own redemption, never the neighbour's.
    expect(mine.redemptions).toEqual([
      expect.objectContaining({ id: held.id, itemName: '洗衣液', points: 15, status: 'confirmed' }),
    ]);
    const ledger = await pointsOf(db, householdId);
    expect(ledger.balance).toBe(5);
    expect(ledger.entries.map((e) => [e.points, e.ruleName, e.itemName])).toEqual([
      [-15, null, '洗衣液'],
      [20, '测试奖励', null],
    ]);
  });

  it('an item’s picture is seen by the village’s residents and not by another town', async () => {
    const staff = await signedIn(t.app, DEMO.zhisheng.operator);
    const body = multipart([{ filename: 'cup.jpg', type: 'image/jpeg', data: await phonePhoto({}) }]);
    const up = await staff.request('POST', '/api/v1/photos', body.payload, {
      'content-type': body.contentType,
    });
    const photoId = up.body[0].id as string;
    const resident = await signedIn(t.app, DEMO.zhisheng.resident);
    const outsider = await signedIn(t.app, DEMO.guangshun.operator);
    // Before it is an item's picture it is only its uploader's.
    expect((await resident.get(`/api/v1/photos/${photoId}/thumb`)).status).toBe(404);
    const made = await staff.post('/api/v1/store/items', {
      villageId: village.id,
      name: '搪瓷杯',
      price: 3,
      stock: 1,
      photoId,
    });
    expect(made.status).toBe(201);
    expect((await resident.get(`/api/v1/photos/${photoId}/thumb`)).status).toBe(200);
    expect((await outsider.get(`/api/v1/photos/${photoId}/thumb`)).status).toBe(404);
  });

  it('the demo store of 万宝村 is stocked once, however often the demo is seeded', async () => {
    expect(await seedPointsDemo(db)).toBe(5);
    expect(await seedPointsDemo(db)).toBe(0);
    const resident = await signedIn(t.app, DEMO.zhisheng.operator);
    const items = (await resident.get(`/api/v1/store/items?unitId=${village.id}`)).body as StoreItemView[];
    const demo = items.filter((i) => ['肥皂', '毛巾', '洗衣粉', '食用油 5L', '大米 10kg'].includes(i.name));
    expect(demo.map((i) => [i.name, i.price, i.stock])).toEqual([
      ['肥皂', 5, 50],
      ['毛巾', 10, 30],
      ['洗衣粉', 20, 20],
      ['食用油 5L', 60, 10],
      ['大米 10kg', 80, 8],
    ]);
  });

  type Op =
    | { kind: 'award'; h: number; action: 'TEST_SMALL' | 'TEST_FINE' }
    | { kind: 'reverse'; pick: number }
    | { kind: 'redeem'; h: number; item: number }
    | { kind: 'confirm' | 'cancel'; pick: number };
  // Awards and redemptions come often enough that most runs hand goods over or cancel some.
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('award' as const),
        h: fc.nat(2),
        action: fc.constantFrom('TEST_SMALL' as const, 'TEST_SMALL' as const, 'TEST_FINE' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat(20) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('redeem' as const), h: fc.nat(2), item: fc.nat(1) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom('confirm' as const, 'cancel' as const),
        pick: fc.nat(20),
      }),
    },
  );
  const EXPECTED_REFUSALS = new Set([
    'POINT_BALANCE_TOO_LOW',
    'POINT_ENTRY_REVERSED',
    'POINT_ENTRY_NOT_REVERSIBLE',
    'STORE_OUT_OF_STOCK',
    'STORE_POINTS_INSUFFICIENT',
    'STORE_REDEMPTION_DECIDED',
  ]);

  it('any sequence of awards, reversals, redemptions and cancellations keeps every balance the sum of its entries, never negative', async () => {
    // What the runs actually did, so that a property that held only because every step was refused fails.
    const done = { award: 0, reverse: 0, redeem: 0, confirm: 0, cancel: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 8, maxLength: 24, size: 'max' }), async (ops) => {
        const people = await boundPeople(db, yard, 3);
        const items = [await item(5, 3), await item(12, 2)];
        const entries: string[] = [];
        const redemptions: string[] = [];
        /** Whether the step did something: a confirm with no redemption to pick is not a confirm. */
        const run = async (op: Op): Promise<boolean> => {
          if (op.kind === 'award') {
            const e = await awardPoints(db, operator, {
              id: uuidv7(),
              householdId: (people[op.h] as { householdId: string }).householdId,
              actionCode: op.action,
              reason: '性质测试',
            });
            entries.push(e.id);
            return true;
          }
          if (op.kind === 'reverse' && entries.length > 0) {
            entries.push(
              (await reverseEntry(db, operator, entries[op.pick % entries.length] as string, '冲正')).id,
            );
            return true;
          }
          if (op.kind === 'redeem') {
            const p = people[op.h] as { userId: string };
            const r = await redeem(db, p.userId, {
              id: uuidv7(),
              itemId: (items[op.item] as { id: string }).id,
            });
            redemptions.push(r.id);
            return true;
          }
          if ((op.kind === 'confirm' || op.kind === 'cancel') && redemptions.length > 0) {
            const id = redemptions[op.pick % redemptions.length] as string;
            if (op.kind === 'confirm') await confirmRedemption(db, operator, id);
            else await cancelRedemption(db, operator, id, '取消');
            return true;
          }
          return false;
        };
        // Three at a time, so that on PostgreSQL the row locks are what keeps the sums right.
        for (let i = 0; i < ops.length; i += 3) {
          const batch = ops.slice(i, i + 3);
          const results = await Promise.allSettled(batch.map(run));
          results.forEach((r, k) => {
            if (r.status === 'fulfilled' && r.value) done[(batch[k] as Op).kind] += 1;
          });
          for (const r of results)
            if (r.status === 'rejected') expect(EXPECTED_REFUSALS).toContain(codeOf(r.reason));
        }
        const ids = people.map((p) => p.householdId);
        const sums = await db
          .select({ householdId: pointEntries.householdId, total: sql<string>`sum(${pointEntries.points})` })
          .from(pointEntries)
          .where(inArray(pointEntries.householdId, ids))
          .groupBy(pointEntries.householdId);
        const holds = await db
          .select({
            householdId: storeRedemptions.householdId,
            total: sql<string>`sum(${storeRedemptions.points})`,
          })
          .from(storeRedemptions)
          .where(sql`${inArray(storeRedemptions.householdId, ids)} and ${storeRedemptions.status} = 'held'`)
          .groupBy(storeRedemptions.householdId);
        for (const b of await balancesOf(ids)) {
          expect(b.balance).toBe(Number(sums.find((s) => s.householdId === b.householdId)?.total ?? 0));
          expect(b.held).toBe(Number(holds.find((s) => s.householdId === b.householdId)?.total ?? 0));
          expect(b.balance).toBeGreaterThanOrEqual(0);
          expect(b.balance - b.held).toBeGreaterThanOrEqual(0);
        }
        for (const it of items) {
          const [row] = await db.select().from(storeItems).where(eq(storeItems.id, it.id));
          const taken = await db
            .select({ id: storeRedemptions.id })
            .from(storeRedemptions)
            .where(sql`${storeRedemptions.itemId} = ${it.id} and ${storeRedemptions.status} <> 'cancelled'`);
          expect(row?.stock).toBe(it.stock - taken.length);
        }
      }),
      { numRuns: 40 },
    );
    expect(Object.entries(done).filter(([, n]) => n === 0)).toEqual([]);
  }, 120_000);
});
