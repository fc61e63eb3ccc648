import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { canAssignRole } from '@domain/policies/users';
import type { GrantInput } from '@domain/users/schemas';
import { and, eq, sql } from 'drizzle-orm';
import { announceAuthChange } from '../auth/sessionCache';
import type { Db } from '../db/client';
import { orgUnits, roleGrants, users } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { userFor } from './userFor';
import { validateGrant } from './validateGrant';

export async function addGrant(db: Db, actor: Actor, userId: string, grant: GrantInput): Promise<void> {
  await db.transaction(async (tx) => {
    await userFor(tx, actor, userId, 'read');
    const unit = await validateGrant(tx, actor, grant);
    const [existing] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.userId, userId),
          eq(roleGrants.role, grant.role),
          eq(roleGrants.unitId, grant.unitId),
          grant.postId ? eq(roleGrants.postId, grant.postId) : sql`${roleGrants.postId} is null`,
        ),
      );
    if (existing) throw new AppError('GRANT_EXISTS');
    const id = newId();
    await tx
      .insert(roleGrants)
      .values({ id, userId, role: grant.role, unitId: grant.unitId, postId: grant.postId ?? null });
    await announceAuthChange(tx, { userId });
    await writeAudit(tx, {
      townId: unit.townId,
      actorId: actor.userId,
      subjectType: 'role_grant',
      subjectId: id,
      action: 'granted',
      detail: { userId, role: grant.role, unitId: grant.unitId, postId: grant.postId ?? null },
    });
  });
}

/** A person keeps at least one role: an account with none would be invisible to everyone who manages it. */
export async function removeGrant(db: Db, actor: Actor, userId: string, grantId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await userFor(tx, actor, userId, 'read');
    // Serialises removals for one person, so two at once cannot both pass the "not the last" check.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [grant] = await tx
      .select({
        id: roleGrants.id,
        role: roleGrants.role,
        unitId: roleGrants.unitId,
        path: orgUnits.path,
        townId: orgUnits.townId,
      })
      .from(roleGrants)
      .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.unitId))
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)))
      .for('update');
    if (!grant) enforce('not_found');
    const g = grant as NonNullable<typeof grant>;
    enforce(canAssignRole(actor, g.role as never, g.path));
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(roleGrants)
      .where(eq(roleGrants.userId, userId));
    if (Number(count?.n ?? 0) <= 1) throw new AppError('LAST_GRANT');
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await announceAuthChange(tx, { userId });
    await writeAudit(tx, {
      townId: g.townId,
      actorId: actor.userId,
      subjectType: 'role_grant',
      subjectId: grantId,
      action: 'revoked',
      detail: { userId, role: g.role, unitId: g.unitId },
    });
  });
}
