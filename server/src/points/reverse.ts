import { AppError } from '@domain/errors/codes';
import { authorizePoints } from '@domain/points/policy';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pointEntries } from '../db/schema';
import { enforce } from '../platform/enforce';
import { type EntryRow, lockBalance, pointHouseholdOf, writeEntry } from './ledger';

/**
 * A mistaken award or deduction is undone by an entry of the opposite sign naming it, never by an edit.
 * Spending is undone by cancelling its redemption instead, and a reversal is final.
 */
export async function reverseEntry(
  db: Db,
  actor: Actor,
  entryId: string,
  reason: string,
  now = new Date(),
): Promise<EntryRow> {
  return db.transaction(async (tx) => {
    const [original] = await tx.select().from(pointEntries).where(eq(pointEntries.id, entryId));
    if (!original) enforce('not_found');
    const entry = original as EntryRow;
    const household = await pointHouseholdOf(tx, entry.householdId);
    if (!household) enforce('not_found');
    const found = household as NonNullable<typeof household>;
    enforce(authorizePoints(actor, 'keep', found.unitPath));
    if (entry.reversesEntryId || entry.sourceType === 'redemption')
      throw new AppError('POINT_ENTRY_NOT_REVERSIBLE');
    const locked = await lockBalance(tx, found);
    const [done] = await tx
      .select({ id: pointEntries.id })
      .from(pointEntries)
      .where(eq(pointEntries.reversesEntryId, entry.id));
    if (done) throw new AppError('POINT_ENTRY_REVERSED');
    return writeEntry(tx, found, locked, {
      points: -entry.points,
      ruleId: entry.ruleId,
      actionCode: entry.actionCode,
      sourceType: 'reversal',
      sourceId: entry.id,
      actorId: actor.userId,
      reversesEntryId: entry.id,
      reason,
      at: now,
    });
  });
}
