import { capAllows, chinaMonthStart, ruleInForce } from '@domain/points/rules';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { pointEntries, pointRules } from '../db/schema';
import type { PointHousehold } from './ledger';

export type RuleRow = typeof pointRules.$inferSelect;

/**
 * The rule version for an action in force at the event's time where the household lives: the
 * village's own version when one is in force then, else the town's.
 */
export async function ruleFor(
  db: Db,
  household: PointHousehold,
  actionCode: string,
  at: Date,
): Promise<RuleRow | null> {
  const versions = await db
    .select()
    .from(pointRules)
    .where(
      and(
        eq(pointRules.actionCode, actionCode),
        inArray(pointRules.unitId, [household.villageId, household.townId]),
      ),
    )
    .orderBy(asc(pointRules.validFrom));
  const village = versions.filter((v) => v.unitId === household.villageId);
  const town = versions.filter((v) => v.unitId === household.townId);
  return ruleInForce(village, at) ?? ruleInForce(town, at);
}

/** Whether the household's standing awards of this action this day and month leave room for one more. */
export async function capHasRoom(
  db: Db,
  household: PointHousehold,
  rule: RuleRow,
  at: Date,
): Promise<boolean> {
  if (rule.capPerDay === null && rule.capPerMonth === null) return true;
  const standing = await db
    .select({ at: pointEntries.at })
    .from(pointEntries)
    .where(
      and(
        eq(pointEntries.householdId, household.id),
        eq(pointEntries.actionCode, rule.actionCode),
        sql`${pointEntries.reversesEntryId} is null`,
        gte(pointEntries.at, chinaMonthStart(at)),
        sql`not exists (select 1 from point_entries r where r.reverses_entry_id = ${pointEntries.id})`,
      ),
    );
  return capAllows(rule, standing, at);
}
