import { passwordProblems } from '@domain/auth/password';
import { AppError } from '@domain/errors/codes';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { hashPassword, verifyPassword } from './password';
import { deleteSessionsOfUser } from './sessions';

export function assertAcceptablePassword(password: string, phone: string): void {
  const problems = passwordProblems(password, phone);
  if (problems.length > 0) throw new AppError('WEAK_PASSWORD', undefined, { problems });
}

/** Signs the user out everywhere else: whoever knew the old password loses their sessions too. */
export async function changePassword(
  db: Db,
  input: {
    userId: string;
    phone: string;
    currentPassword: string;
    newPassword: string;
    keepTokenHash: string;
  },
): Promise<void> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError('WRONG_PASSWORD');
  assertAcceptablePassword(input.newPassword, input.phone);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, input.userId));
    await deleteSessionsOfUser(tx, input.userId, input.keepTokenHash);
    await writeAudit(tx, {
      actorId: input.userId,
      subjectType: 'user',
      subjectId: input.userId,
      action: 'password_changed',
    });
  });
}
