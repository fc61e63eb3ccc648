import { AppError } from '@domain/errors/codes';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { users } from '../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { createSession, type NewSession } from './sessions';
import { isLoginThrottled, recordLoginAttempt } from './throttle';

export interface LoginInput {
  phone: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

/**
 * Always a fresh session token: whatever cookie the browser came with is never promoted, so a
 * planted session id cannot be fixed onto the victim's login.
 */
export async function login(
  db: Db,
  settings: { secret: string; ttlHours: number },
  input: LoginInput,
): Promise<NewSession & { userId: string }> {
  if (await isLoginThrottled(db, input.phone, input.ip)) throw new AppError('LOGIN_THROTTLED');
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.phone, input.phone));
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok) {
    await recordLoginAttempt(db, input.phone, input.ip, false);
    throw new AppError('LOGIN_FAILED');
  }
  if (user.disabledAt) throw new AppError('ACCOUNT_DISABLED');
  await recordLoginAttempt(db, input.phone, input.ip, true);
  const session = await createSession(db, {
    userId: user.id,
    secret: settings.secret,
    ttlHours: settings.ttlHours,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  return { ...session, userId: user.id };
}
