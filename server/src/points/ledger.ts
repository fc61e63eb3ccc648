import { AppError } from '@domain/errors/codes';
import { mayApply } from '@domain/points/rules';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { households, orgUnits, pointBalances, pointEntries } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { notifyInTransaction } from '../platform/realtime';
import { villagePointsTopic } from './events';

export type EntryRow = typeof pointEntries.$inferSelect;

/** A household with the units its ledger rows carry: its courtyard, village and town. */
export interface PointHousehold {
  id: string;
  townId: string;
  villageId: string;
  courtyardId: string;
  unitPath: string;
}

export async function pointHouseholdOf(db: Db, householdId: string): Promise<PointHousehold | null> {
  const [row] = await db
    .select({
      id: households.id,
      townId: households.townId,
      courtyardId: households.courtyardId,
      unitPath: households.unitPath,
      villageId: sql<string | null>`(select ${orgUnits.id} from ${orgUnits}
        where ${orgUnits.kind} = 'village' and ${households.unitPath} like ${orgUnits.path} || '%' limit 1)`,
    })
    .from(households)
    .where(eq(households.id, householdId));
  if (!row) return null;
  return { ...row, villageId: row.villageId ?? row.courtyardId };
}

export interface LockedBalance {
  householdId: string;
  balance: number;
  held: number;
}

/**
 * Every write to a household's points first takes its balance row's lock, so concurrent awards,
 * reversals and redemptions of one household run one after another and each sees the last one's sums.
 */
export async function lockBalance(tx: Db, household: PointHousehold): Promise<LockedBalance> {
  await tx
    .insert(pointBalances)
    .values({ householdId: household.id, townId: household.townId })
    .onConflictDoNothing();
  const [row] = await tx
    .select({
      householdId: pointBalances.householdId,
      balance: pointBalances.balance,
      held: pointBalances.held,
    })
    .from(pointBalances)
    .where(eq(pointBalances.householdId, household.id))
    .for('update');
  return row as LockedBalance;
}

export interface NewEntry {
  points: number;
  ruleId: string | null;
  actionCode: string | null;
  sourceType: 'case' | 'manual' | 'redemption' | 'reversal' | 'evaluation';
  sourceId: string;
  actorId: string | null;
  reversesEntryId?: string | null;
  reason?: string | null;
  photoId?: string | null;
  at: Date;
}

/**
 * Appends one entry and moves the balance (and what is held, when a hand-over spends held points)
 * in the same transaction, with its audit row. Refused when the balance would drop below what is held.
 */
export async function writeEntry(
  tx: Db,
  household: PointHousehold,
  locked: LockedBalance,
  entry: NewEntry,
  heldDelta = 0,
): Promise<EntryRow> {
  if (!mayApply(locked.balance, locked.held + heldDelta, entry.points))
    throw new AppError('POINT_BALANCE_TOO_LOW');
  const [row] = await tx
    .insert(pointEntries)
    .values({
      id: newId(),
      townId: household.townId,
      villageId: household.villageId,
      courtyardId: household.courtyardId,
      householdId: household.id,
      points: entry.points,
      ruleId: entry.ruleId,
      actionCode: entry.actionCode,
      sourceType: entry.sourceType,
      sourceId: entry.sourceId,
      actorId: entry.actorId,
      reversesEntryId: entry.reversesEntryId ?? null,
      reason: entry.reason ?? null,
      photoId: entry.photoId ?? null,
      at: entry.at,
    })
    .returning();
  await tx
    .update(pointBalances)
    .set({
      balance: sql`${pointBalances.balance} + ${entry.points}`,
      held: sql`${pointBalances.held} + ${heldDelta}`,
      updatedAt: new Date(),
    })
    .where(eq(pointBalances.householdId, household.id));
  locked.balance += entry.points;
  locked.held += heldDelta;
  const written = row as EntryRow;
  await writeAudit(tx, {
    townId: household.townId,
    actorId: entry.actorId,
    subjectType: 'point_entry',
    subjectId: written.id,
    action: entry.reversesEntryId ? 'reversed' : entry.points >= 0 ? 'awarded' : 'deducted',
    detail: {
      householdId: household.id,
      points: entry.points,
      actionCode: entry.actionCode,
      source: `${entry.sourceType}:${entry.sourceId}`,
    },
  });
  // Delivered at commit, never for a rolled-back entry: the village's boards re-read their rankings.
  // The same payload for every entry of the village, so a transaction awarding a whole courtyard
  // (PostgreSQL folds identical notifications of one transaction) wakes each board once.
  await notifyInTransaction(tx, villagePointsTopic(household.villageId), { villageId: household.villageId });
  return written;
}

/** The entry a source already earned under a rule: a retried trigger finds it and awards nothing more. */
export async function awardOf(
  tx: Db,
  ruleId: string,
  sourceType: string,
  sourceId: string,
): Promise<EntryRow | null> {
  const [row] = await tx
    .select()
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.ruleId, ruleId),
        eq(pointEntries.sourceType, sourceType),
        eq(pointEntries.sourceId, sourceId),
        sql`${pointEntries.reversesEntryId} is null`,
      ),
    );
  return row ?? null;
}
