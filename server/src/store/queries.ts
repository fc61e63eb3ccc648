import { type Actor, isWithin } from '@domain/policies/scope';
import { authorizeStore } from '@domain/store/policy';
import type { MyStore, RedemptionView } from '@domain/store/schemas';
import { and, asc, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, storeItems, storeRedemptions } from '../db/schema';
import { enforce } from '../platform/enforce';
import { pointHouseholdOf } from '../points/ledger';
import { boundHouseholdOf } from '../points/queries';
import { toItemView } from './items';

type RedemptionJoin = {
  r: typeof storeRedemptions.$inferSelect;
  itemName: string;
  address: string;
  courtyard: string;
};
/** A redemption with its item's name and where its household lives. */
const joined = (db: Db) =>
  db
    .select({
      r: storeRedemptions,
      itemName: storeItems.name,
      address: households.address,
      courtyard: orgUnits.name,
    })
    .from(storeRedemptions)
    .innerJoin(storeItems, eq(storeItems.id, storeRedemptions.itemId))
    .innerJoin(households, eq(households.id, storeRedemptions.householdId))
    .innerJoin(orgUnits, eq(orgUnits.id, storeRedemptions.courtyardId));
const toView = ({ r, itemName, address, courtyard }: RedemptionJoin): RedemptionView => ({
  id: r.id,
  itemId: r.itemId,
  itemName,
  householdId: r.householdId,
  household: { address, courtyard },
  points: r.points,
  status: r.status as RedemptionView['status'],
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  reason: r.reason,
});

export async function toRedemptionView(db: Db, id: string): Promise<RedemptionView> {
  const [row] = await joined(db).where(eq(storeRedemptions.id, id));
  if (!row) enforce('not_found');
  return toView(row as RedemptionJoin);
}

/** Redemptions at or under a unit for the staff who hand goods over, newest first (the last 200). */
export async function redemptionsAt(
  db: Db,
  actor: Actor,
  unitId: string,
  status: RedemptionView['status'] | undefined,
): Promise<RedemptionView[]> {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, unitId));
  if (!unit) enforce('not_found');
  const path = (unit as NonNullable<typeof unit>).path;
  enforce(authorizeStore(actor, path));
  const rows = await joined(db)
    .where(
      and(
        like(storeRedemptions.unitPath, `${path}%`),
        status ? eq(storeRedemptions.status, status) : undefined,
      ),
    )
    .orderBy(desc(storeRedemptions.createdAt))
    .limit(200);
  return rows.map(toView);
}

/**
 * The store as a bound resident sees it: their village's goods on the shelf and their household's own
 * redemptions (the last 100). Someone not bound to a household gets an empty store that says so.
 */
export async function myStore(db: Db, userId: string): Promise<MyStore> {
  const householdId = await boundHouseholdOf(db, userId);
  const household = householdId ? await pointHouseholdOf(db, householdId) : null;
  if (!household) return { bound: false, villageId: null, items: [], redemptions: [] };
  const items = await db
    .select()
    .from(storeItems)
    .where(and(eq(storeItems.villageId, household.villageId), eq(storeItems.active, true)))
    .orderBy(asc(storeItems.price), asc(storeItems.id));
  const redemptions = await joined(db)
    .where(eq(storeRedemptions.householdId, household.id))
    .orderBy(desc(storeRedemptions.createdAt))
    .limit(100);
  return {
    bound: true,
    villageId: household.villageId,
    items: items.map(toItemView),
    redemptions: redemptions.map(toView),
  };
}

/**
 * Whether a photo is a store item's and the actor may see it: anyone whose grants reach the item's
 * village (its residents, the staff above it). False when the photo belongs to no item.
 */
export async function readableStorePhoto(db: Db, actor: Actor, photoId: string): Promise<boolean> {
  const [item] = await db
    .select({ path: storeItems.unitPath })
    .from(storeItems)
    .where(eq(storeItems.photoId, photoId))
    .limit(1);
  if (!item) return false;
  if (!actor.grants.some((g) => isWithin(item.path, g.unitPath) || isWithin(g.unitPath, item.path)))
    enforce('not_found');
  return true;
}
