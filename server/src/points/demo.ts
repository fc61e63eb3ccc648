import { and, asc, eq } from 'drizzle-orm';
import { actorOf, loadGrants } from '../auth/grants';
import type { Db } from '../db/client';
import { households, orgUnits, storeItems, users } from '../db/schema';
import { newId } from '../platform/ids';
import { awardPoints } from './award';

/** What 万宝村's points store (积分超市) starts with: everyday goods a household actually wants. */
const DEMO_ITEMS = [
  { name: '肥皂', price: 5, stock: 50 },
  { name: '毛巾', price: 10, stock: 30 },
  { name: '洗衣粉', price: 20, stock: 20 },
  { name: '食用油 5L', price: 60, stock: 10 },
  { name: '大米 10kg', price: 80, stock: 8 },
] as const;

/**
 * Stocks the demo village's store so the demo is alive. Idempotent: an item already there by name is
 * left as it is (its stock may have been redeemed), so a restart never restocks or duplicates.
 */
export async function seedPointsDemo(db: Db, villageName = '万宝村'): Promise<number> {
  const [village] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'village'), eq(orgUnits.name, villageName)))
    .limit(1);
  if (!village) return 0;
  const present = new Set(
    (
      await db.select({ name: storeItems.name }).from(storeItems).where(eq(storeItems.villageId, village.id))
    ).map((r) => r.name),
  );
  const rows = DEMO_ITEMS.filter((i) => !present.has(i.name)).map((i) => ({
    id: newId(),
    townId: village.townId ?? village.id,
    villageId: village.id,
    unitPath: village.path,
    name: i.name,
    price: i.price,
    stock: i.stock,
    photoId: null,
    active: true,
    createdBy: null,
  }));
  if (rows.length > 0) await db.insert(storeItems).values(rows);
  return rows.length;
}

/** Patrol shifts (参加巡逻值守) each household of the courtyard took over the last days, by address. */
const DEMO_SHIFTS = [5, 3, 2, 1] as const;
const DAY = 86_400_000;

/**
 * Gives the demo courtyard's households a few weeks of patrol shifts, awarded by its head on the days
 * they were walked, so that a new demo opens on rankings and balances that say something. Each award
 * goes through the ordinary award path (rule in force that day, daily cap, ledger, audit). Loaded once,
 * with the rest of the demo, into an empty database.
 */
export async function seedPointsHistoryDemo(
  db: Db,
  now = new Date(),
  courtyardName = '椒香小院',
  headPhone = '13800000006',
): Promise<number> {
  const [yard] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'courtyard'), eq(orgUnits.name, courtyardName)))
    .limit(1);
  const [head] = await db.select({ id: users.id }).from(users).where(eq(users.phone, headPhone));
  if (!yard || !head) return 0;
  const actor = actorOf(head.id, await loadGrants(db, head.id));
  const homes = await db
    .select({ id: households.id })
    .from(households)
    .where(eq(households.courtyardId, yard.id))
    .orderBy(asc(households.address));
  let awarded = 0;
  for (const [i, home] of homes.entries()) {
    for (let day = 1; day <= (DEMO_SHIFTS[i] ?? 0); day++) {
      await awardPoints(
        db,
        actor,
        { id: newId(), householdId: home.id, actionCode: 'PATROL_SHIFT', reason: '参加院落夜间巡逻' },
        new Date(now.getTime() - day * DAY),
      );
      awarded += 1;
    }
  }
  return awarded;
}
