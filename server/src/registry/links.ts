import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { householdLinks, orgUnits, roleGrants } from '../db/schema';
import { idsOfPath } from '../org/paths';
import { writeAudit } from '../platform/audit';
import { householdFor } from './queries';

/** The village part of a courtyard's path: district, town, village. */
function villagePath(unitPath: string): string {
  return `/${idsOfPath(unitPath).slice(0, 3).join('/')}/`;
}

/**
 * 党员联系户: a party member of the household's village takes on a standing duty to it. A member
 * held at a courtyard or grid of another village is refused: the duty is to neighbours.
 */
export async function linkPartyMember(
  db: Db,
  actor: Actor,
  householdId: string,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const household = await householdFor(tx, actor, householdId, 'keep');
    const village = villagePath(household.unitPath);
    const grants = await tx
      .select({ path: orgUnits.path })
      .from(roleGrants)
      .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
      .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, 'party_member')));
    if (!grants.some((g) => g.path.startsWith(village)))
      throw new AppError('VALIDATION_FAILED', {
        zh: '只能联系本村（社区）的党员',
        en: 'Only a party member of this village can be linked',
      });
    const [made] = await tx
      .insert(householdLinks)
      .values({ householdId, userId, townId: household.townId })
      .onConflictDoNothing()
      .returning();
    if (made)
      await writeAudit(tx, {
        townId: household.townId,
        actorId: actor.userId,
        subjectType: 'household',
        subjectId: householdId,
        action: 'linked',
        detail: { partyMemberId: userId },
      });
  });
}

export async function unlinkPartyMember(
  db: Db,
  actor: Actor,
  householdId: string,
  userId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const household = await householdFor(tx, actor, householdId, 'keep');
    const gone = await tx
      .delete(householdLinks)
      .where(and(eq(householdLinks.householdId, householdId), eq(householdLinks.userId, userId)))
      .returning();
    if (gone.length > 0)
      await writeAudit(tx, {
        townId: household.townId,
        actorId: actor.userId,
        subjectType: 'household',
        subjectId: householdId,
        action: 'unlinked',
        detail: { partyMemberId: userId },
      });
  });
}
