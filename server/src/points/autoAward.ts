import { FACILITY_REPORT_RESOLVED, REPORT_VERIFIED } from '@domain/points/schemas';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { facilityReports, householdBindings } from '../db/schema';
import { awardOf, type EntryRow, lockBalance, pointHouseholdOf, writeEntry } from './ledger';
import { capHasRoom, ruleFor } from './ruleLookup';

interface AwardedCase {
  id: string;
  reporterId: string | null;
}

/**
 * Called in the transaction that verifies a case: the reporter's household earns the village's (or
 * town's) REPORT_VERIFIED rule in force at the verification.
 */
export function awardForVerifiedReport(
  tx: Db,
  verified: AwardedCase,
  actorId: string,
  at: Date,
): Promise<EntryRow | null> {
  return awardForCase(tx, verified.id, verified.reporterId, REPORT_VERIFIED, actorId, at);
}

/**
 * Called in the transaction that resolves a case: when the case was opened from a facility's QR code
 * (爱环境), the villager whose scan opened it earns FACILITY_REPORT_RESOLVED. Neighbours whose scans
 * joined it earn nothing, or a full bin would pay every passer-by who scanned it.
 */
export async function awardForResolvedFacilityReport(
  tx: Db,
  resolved: { id: string },
  actorId: string,
  at: Date,
): Promise<EntryRow | null> {
  const [first] = await tx
    .select({ reporterId: facilityReports.reporterId })
    .from(facilityReports)
    .where(and(eq(facilityReports.caseId, resolved.id), eq(facilityReports.joined, false)))
    .limit(1);
  if (!first) return null;
  return awardForCase(tx, resolved.id, first.reporterId, FACILITY_REPORT_RESOLVED, actorId, at);
}

/**
 * Nothing is awarded when the reporter is bound to no household, no automatic rule for the action is
 * in force, or the cap is reached: the step itself must never fail for the sake of points. However
 * often it is called for one case and action, it awards once.
 */
async function awardForCase(
  tx: Db,
  caseId: string,
  reporterId: string | null,
  actionCode: string,
  actorId: string,
  at: Date,
): Promise<EntryRow | null> {
  if (!reporterId) return null;
  const [binding] = await tx
    .select({ householdId: householdBindings.householdId })
    .from(householdBindings)
    .where(and(eq(householdBindings.userId, reporterId), eq(householdBindings.status, 'bound')));
  if (!binding?.householdId) return null;
  const household = await pointHouseholdOf(tx, binding.householdId);
  if (!household) return null;
  const rule = await ruleFor(tx, household, actionCode, at);
  if (!rule?.automatic) return null;
  const locked = await lockBalance(tx, household);
  const already = await awardOf(tx, rule.id, 'case', caseId);
  if (already) return already;
  if (!(await capHasRoom(tx, household, rule, at))) return null;
  if (locked.balance + rule.points < locked.held) return null;
  return writeEntry(tx, household, locked, {
    points: rule.points,
    ruleId: rule.id,
    actionCode: rule.actionCode,
    sourceType: 'case',
    sourceId: caseId,
    actorId,
    reason: null,
    at,
  });
}
