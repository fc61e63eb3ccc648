import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import { assertAcceptablePassword } from '../auth/changePassword';
import { hashPassword } from '../auth/password';
import { announceAuthChange } from '../auth/sessionCache';
import { deleteSessionsOfUser } from '../auth/sessions';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { writeAudit } from '../platform/audit';
import type { UserRow } from './queries';
import { userFor } from './userFor';

/** Renames or disables an account; disabling signs the person out everywhere at once. */
export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; disabled?: boolean | undefined },
): Promise<UserRow> {
  return db.transaction(async (tx) => {
    const user = await userFor(tx, actor, id, 'manage');
    if (input.name === undefined && input.disabled === undefined) return user;
    const changes: Partial<typeof users.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.disabled !== undefined)
      changes.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
    const [row] = await tx.update(users).set(changes).where(eq(users.id, id)).returning();
    if (input.disabled) await deleteSessionsOfUser(tx, id);
    else await announceAuthChange(tx, { userId: id });
    await writeAudit(tx, {
      actorId: actor.userId,
      subjectType: 'user',
      subjectId: id,
      action: 'updated',
      detail: { before: { name: user.name, disabled: user.disabledAt != null }, after: input },
    });
    return row as UserRow;
  });
}

/** An administrator sets a new password for someone who forgot theirs; their sessions end. */
export async function resetPassword(db: Db, actor: Actor, id: string, newPassword: string): Promise<void> {
  const user = await userFor(db, actor, id, 'manage');
  assertAcceptablePassword(newPassword, user.phone);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await userFor(tx, actor, id, 'manage');
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, id));
    await deleteSessionsOfUser(tx, id);
    await writeAudit(tx, {
      actorId: actor.userId,
      subjectType: 'user',
      subjectId: id,
      action: 'password_reset',
    });
  });
}
