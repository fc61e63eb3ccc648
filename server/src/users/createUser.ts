import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import type { CreateUserInput } from '@domain/users/schemas';
import { eq } from 'drizzle-orm';
import { assertAcceptablePassword } from '../auth/changePassword';
import { hashPassword } from '../auth/password';
import type { Db } from '../db/client';
import { roleGrants, users } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import type { UserRow } from './queries';
import { validateGrant } from './validateGrant';

export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<UserRow> {
  assertAcceptablePassword(input.password, input.phone);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const units = [];
    for (const grant of input.grants) units.push(await validateGrant(tx, actor, grant));
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.phone, input.phone));
    if (taken) throw new AppError('PHONE_TAKEN', undefined, { field: 'phone' });
    const id = newId();
    const [row] = await tx
      .insert(users)
      .values({ id, phone: input.phone, name: input.name, passwordHash })
      .returning();
    const seen = new Set<string>();
    for (const [i, grant] of input.grants.entries()) {
      const key = `${grant.role}|${grant.unitId}|${grant.postId ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const grantId = newId();
      await tx.insert(roleGrants).values({
        id: grantId,
        userId: id,
        role: grant.role,
        unitId: grant.unitId,
        postId: grant.postId ?? null,
      });
      await writeAudit(tx, {
        townId: units[i]?.townId ?? null,
        actorId: actor.userId,
        subjectType: 'role_grant',
        subjectId: grantId,
        action: 'granted',
        detail: { userId: id, role: grant.role, unitId: grant.unitId, postId: grant.postId ?? null },
      });
    }
    await writeAudit(tx, {
      townId: units[0]?.townId ?? null,
      actorId: actor.userId,
      subjectType: 'user',
      subjectId: id,
      action: 'created',
      detail: { phone: input.phone, name: input.name },
    });
    return row as UserRow;
  });
}
