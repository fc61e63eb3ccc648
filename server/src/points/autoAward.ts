import { REPORT_VERIFIED } from '@domain/points/schemas';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdBindings } from '../db/schema';
import { awardOf, type EntryRow, lockBalance, pointHouseholdOf, writeEntry } from './ledger';
import { capHasRoom, ruleFor } from './ruleLookup';

interface VerifiedCase {
  id: string;
  reporterId: string | null;
}

/**
 * Called in the transaction that verifies a case: the reporter's household earns the village's (or
 * town's) REPORT_VERIFIED rule in force at the verification. Nothing is awarded when the reporter is
 * bound to no household, no automatic rule is in force, or the cap is reached: the verification itself
 * must never fail for the sake of points. However often it is called for one case, it awards once.
 */
export async function awardForVerifiedReport(
  tx: Db,
  verified: VerifiedCase,
  actorId: string,
  at: Date,
): Promise<EntryRow | null> {
  if (!verified.reporterId) return null;
  const [binding] = await tx
    .select({ householdId: householdBindings.householdId })
    .from(householdBindings)
    .where(and(eq(householdBindings.userId, verified.reporterId), eq(householdBindings.status, 'bound')));
  if (!binding?.householdId) return null;
  const household = await pointHouseholdOf(tx, binding.householdId);
  if (!household) return null;
  const rule = await ruleFor(tx, household, REPORT_VERIFIED, at);
  if (!rule?.automatic) return null;
  const locked = await lockBalance(tx, household);
  const already = await awardOf(tx, rule.id, 'case', verified.id);
  if (already) return already;
  if (!(await capHasRoom(tx, household, rule, at))) return null;
  if (locked.balance + rule.points < locked.held) return null;
  return writeEntry(tx, household, locked, {
    points: rule.points,
    ruleId: rule.id,
    actionCode: rule.actionCode,
    sourceType: 'case',
    sourceId: verified.id,
    actorId,
    reason: null,
    at,
  });
}
