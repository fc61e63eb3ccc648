import type { Actor } from '@domain/policies/scope';
import { authorizeStore } from '@domain/store/policy';
import type { RedemptionView } from '@domain/store/schemas';
import { and, desc, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client';
import { orgUnits, storeItems, storeRedemptions } from '../db/schema';
import { enforce } from '../platform/enforce';

export async function toRedemptionView(db: Db, id: string): Promise<RedemptionView> {
  const [row] = await db
    .select({ r: storeRedemptions, itemName: storeItems.name })
    .from(storeRedemptions)
    .innerJoin(storeItems, eq(storeItems.id, storeRedemptions.itemId))
    .where(eq(storeRedemptions.id, id));
  if (!row) enforce('not_found');
  const { r, itemName } = row as NonNullable<typeof row>;
  return {
    id: r.id,
    itemId: r.itemId,
    itemName,
    householdId: r.householdId,
    points: r.points,
    status: r.status as RedemptionView['status'],
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
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
  const rows = await db
    .select({ r: storeRedemptions, itemName: storeItems.name })
    .from(storeRedemptions)
    .innerJoin(storeItems, eq(storeItems.id, storeRedemptions.itemId))
    .where(
      and(
        like(storeRedemptions.unitPath, `${path}%`),
        status ? eq(storeRedemptions.status, status) : undefined,
      ),
    )
    .orderBy(desc(storeRedemptions.createdAt))
    .limit(200);
  return rows.map(({ r, itemName }) => ({
    id: r.id,
    itemId: r.itemId,
    itemName,
    householdId: r.householdId,
    points: r.points,
    status: r.status as RedemptionView['status'],
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
}
