import { AppError } from '@domain/errors/codes';
import type { RedeemInput } from '@domain/store/schemas';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pointBalances, storeItems, storeRedemptions } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { lockBalance, pointHouseholdOf } from '../points/ledger';
import { boundHouseholdOf } from '../points/queries';

export type RedemptionRow = typeof storeRedemptions.$inferSelect;

/**
 * A bound resident redeems an item of their village: one unit of stock and the price in points are
 * held in one transaction. The conditional updates take the item's and then the balance's row lock, so
 * however many tap at once, stock and available points never go below zero. A retried tap (same id)
 * answers with the redemption already made.
 */
export async function redeem(db: Db, userId: string, input: RedeemInput): Promise<RedemptionRow> {
  const householdId = await boundHouseholdOf(db, userId);
  if (!householdId) throw new AppError('POINT_NOT_BOUND');
  const household = await pointHouseholdOf(db, householdId);
  if (!household) throw new AppError('POINT_NOT_BOUND');
  return db.transaction(async (tx) => {
    const [item] = await tx.select().from(storeItems).where(eq(storeItems.id, input.itemId));
    if (!item?.active || item.villageId !== household.villageId) throw new AppError('STORE_ITEM_UNAVAILABLE');
    const inserted = await tx
      .insert(storeRedemptions)
      .values({
        id: input.id,
        townId: household.townId,
        villageId: household.villageId,
        courtyardId: household.courtyardId,
        unitPath: household.unitPath,
        householdId: household.id,
        itemId: item.id,
        userId,
        points: item.price,
      })
      .onConflictDoNothing()
      .returning();
    const redemption = inserted[0];
    if (!redemption) {
      const [existing] = await tx.select().from(storeRedemptions).where(eq(storeRedemptions.id, input.id));
      if (!existing || existing.householdId !== household.id || existing.itemId !== item.id)
        throw new AppError('VALIDATION_FAILED');
      return existing;
    }
    const taken = await tx
      .update(storeItems)
      .set({ stock: sql`${storeItems.stock} - 1`, updatedAt: new Date() })
      .where(and(eq(storeItems.id, item.id), gt(storeItems.stock, 0)))
      .returning({ id: storeItems.id });
    if (taken.length === 0) throw new AppError('STORE_OUT_OF_STOCK');
    await lockBalance(tx, household);
    const held = await tx
      .update(pointBalances)
      .set({ held: sql`${pointBalances.held} + ${item.price}`, updatedAt: new Date() })
      .where(
        and(
          eq(pointBalances.householdId, household.id),
          sql`${pointBalances.balance} - ${pointBalances.held} >= ${item.price}`,
        ),
      )
      .returning({ householdId: pointBalances.householdId });
    if (held.length === 0) throw new AppError('STORE_POINTS_INSUFFICIENT');
    await writeAudit(tx, {
      townId: household.townId,
      actorId: userId,
      subjectType: 'store_redemption',
      subjectId: redemption.id,
      action: 'held',
      detail: { itemId: item.id, points: item.price, householdId: household.id },
    });
    return redemption;
  });
}
