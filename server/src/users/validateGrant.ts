import { roleFitsUnit, roleNeedsPost } from '@domain/auth/roles';
import { AppError } from '@domain/errors/codes';
import type { UnitKind } from '@domain/org/kinds';
import type { Actor } from '@domain/policies/scope';
import { canAssignRole } from '@domain/policies/users';
import type { GrantInput } from '@domain/users/schemas';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { posts } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';

/** Checks that the actor may hand out this role at this unit, and that the role belongs there. */
export async function validateGrant(tx: Db, actor: Actor, grant: GrantInput): Promise<UnitRow> {
  const unit = await findUnit(tx, grant.unitId);
  if (!unit) enforce('not_found');
  enforce(canAssignRole(actor, grant.role, (unit as UnitRow).path));
  const u = unit as UnitRow;
  if (u.retiredAt) throw new AppError('ORG_UNIT_RETIRED');
  if (!roleFitsUnit(grant.role, u.kind as UnitKind))
    throw new AppError('ROLE_UNIT_MISMATCH', undefined, { role: grant.role, unitKind: u.kind });
  if (roleNeedsPost(grant.role)) {
    if (!grant.postId) throw new AppError('POST_REQUIRED');
    const [post] = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.id, grant.postId), eq(posts.townId, u.id), isNull(posts.retiredAt)));
    if (!post)
      throw new AppError('NOT_FOUND', { zh: '该镇街没有这个岗位', en: 'This town has no such post' });
  } else if (grant.postId) {
    throw new AppError('VALIDATION_FAILED', {
      zh: '只有岗位人员需要指定岗位',
      en: 'Only post staff are given a post',
    });
  }
  return u;
}
