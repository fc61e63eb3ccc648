import { authorizePoints } from '@domain/points/policy';
import { available } from '@domain/points/rules';
import type { HouseholdPoints, PointEntryView } from '@domain/points/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client';
import {
  householdBindings,
  pointBalances,
  pointEntries,
  pointRules,
  storeItems,
  storeRedemptions,
} from '../db/schema';
import { enforce } from '../platform/enforce';
import { pointHouseholdOf } from './ledger';

const reversal = alias(pointEntries, 'reversal');

/** A household's balance, what redemptions hold, and its ledger newest first (the last 200 entries). */
export async function pointsOf(db: Db, householdId: string): Promise<HouseholdPoints> {
  const [bal] = await db.select().from(pointBalances).where(eq(pointBalances.householdId, householdId));
  const rows = await db
    .select({
      entry: pointEntries,
      reversedBy: reversal.id,
      ruleName: pointRules.name,
      itemName: storeItems.name,
    })
    .from(pointEntries)
    .leftJoin(reversal, eq(reversal.reversesEntryId, pointEntries.id))
    .leftJoin(pointRules, eq(pointRules.id, pointEntries.ruleId))
    .leftJoin(
      storeRedemptions,
      and(eq(pointEntries.sourceType, 'redemption'), eq(storeRedemptions.id, pointEntries.sourceId)),
    )
    .leftJoin(storeItems, eq(storeItems.id, storeRedemptions.itemId))
    .where(eq(pointEntries.householdId, householdId))
    .orderBy(desc(pointEntries.at), desc(pointEntries.id))
    .limit(200);
  const balance = bal?.balance ?? 0;
  const held = bal?.held ?? 0;
  return {
    householdId,
    balance,
    held,
    available: available(balance, held),
    entries: rows.map(
      ({ entry: e, reversedBy, ruleName, itemName }): PointEntryView => ({
        id: e.id,
        householdId: e.householdId,
        points: e.points,
        ruleId: e.ruleId,
        ruleName: ruleName ?? null,
        itemName: itemName ?? null,
        actionCode: e.actionCode,
        sourceType: e.sourceType,
        sourceId: e.sourceId,
        actorId: e.actorId,
        reversesEntryId: e.reversesEntryId,
        reversedBy: reversedBy ?? null,
        reason: e.reason,
        at: e.at.toISOString(),
      }),
    ),
  };
}

export async function householdPoints(db: Db, actor: Actor, householdId: string): Promise<HouseholdPoints> {
  const household = await pointHouseholdOf(db, householdId);
  if (!household) enforce('not_found');
  enforce(authorizePoints(actor, 'read', (household as NonNullable<typeof household>).unitPath));
  return pointsOf(db, householdId);
}

/** The household a signed-in person is bound to, if any. */
export async function boundHouseholdOf(db: Db, userId: string): Promise<string | null> {
  const [binding] = await db
    .select({ householdId: householdBindings.householdId })
    .from(householdBindings)
    .where(and(eq(householdBindings.userId, userId), eq(householdBindings.status, 'bound')));
  return binding?.householdId ?? null;
}

export async function myPoints(db: Db, userId: string) {
  const householdId = await boundHouseholdOf(db, userId);
  return householdId
    ? { bound: true, points: await pointsOf(db, householdId) }
    : { bound: false, points: null };
}
