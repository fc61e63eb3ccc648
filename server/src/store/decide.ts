import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { authorizeStore, redemptionMayMove } from '@domain/store/policy';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pointBalances, storeItems, storeRedemptions } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { lockBalance, pointHouseholdOf, writeEntry } from '../points/ledger';
import type { RedemptionRow } from './redeem';

async function lockRedemption(tx: Db, actor: Actor, id: string): Promise<RedemptionRow> {
  const [row] = await tx.select().from(storeRedemptions).where(eq(storeRedemptions.id, id)).for('update');
  if (!row) enforce('not_found');
  const redemption = row as RedemptionRow;
  enforce(authorizeStore(actor, redemption.unitPath));
  if (!redemptionMayMove(redemption.status)) throw new AppError('STORE_REDEMPTION_DECIDED');
  return redemption;
}

/**
 * The goods are handed over: the held points become a spending entry in the ledger (released from
 * held in the same update) and the stock taken at the hold stays taken.
 */
export async function confirmRedemption(
  db: Db,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<RedemptionRow> {
  return db.transaction(async (tx) => {
    const redemption = await lockRedemption(tx, actor, id);
    const household = await pointHouseholdOf(tx, redemption.householdId);
    if (!household) enforce('not_found');
    const found = household as NonNullable<typeof household>;
    const locked = await lockBalance(tx, found);
    await writeEntry(
      tx,
      found,
      locked,
      {
        points: -redemption.points,
        ruleId: null,
        actionCode: null,
        sourceType: 'redemption',
        sourceId: redemption.id,
        actorId: actor.userId,
        at: now,
      },
      -redemption.points,
    );
    return decided(tx, actor, redemption, 'confirmed', null, now);
  });
}

/** Cancelled before hand-over: the stock goes back on the shelf and the held points are free again. */
export async function cancelRedemption(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  now = new Date(),
): Promise<RedemptionRow> {
  return db.transaction(async (tx) => {
    const redemption = await lockRedemption(tx, actor, id);
    await tx
      .update(storeItems)
      .set({ stock: sql`${storeItems.stock} + 1`, updatedAt: now })
      .where(eq(storeItems.id, redemption.itemId));
    await tx
      .update(pointBalances)
      .set({ held: sql`${pointBalances.held} - ${redemption.points}`, updatedAt: now })
      .where(eq(pointBalances.householdId, redemption.householdId));
    return decided(tx, actor, redemption, 'cancelled', reason, now);
  });
}

async function decided(
  tx: Db,
  actor: Actor,
  redemption: RedemptionRow,
  status: 'confirmed' | 'cancelled',
  reason: string | null,
  now: Date,
): Promise<RedemptionRow> {
  const [row] = await tx
    .update(storeRedemptions)
    .set({ status, reason, decidedBy: actor.userId, decidedAt: now })
    .where(eq(storeRedemptions.id, redemption.id))
    .returning();
  await writeAudit(tx, {
    townId: redemption.townId,
    actorId: actor.userId,
    subjectType: 'store_redemption',
    subjectId: redemption.id,
    action: status,
    detail: { points: redemption.points, householdId: redemption.householdId, reason },
  });
  return row as RedemptionRow;
}
