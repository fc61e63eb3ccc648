import { createHmac, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { announceAuthChange } from './sessionCache';

/** However active a session is, it ends this long after login; then one signs in again. */
const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600_000;
/** A session's expiry slides forward at most this often, so a busy user costs one write per interval. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('base64url');
}

export interface NewSession {
  token: string;
  tokenHash: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  input: { userId: string; secret: string; ttlHours: number; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const tokenHash = hashToken(input.secret, token);
  const expiresAt = new Date(Date.now() + input.ttlHours * 3600_000);
  await db.insert(sessions).values({
    tokenHash,
    userId: input.userId,
    csrfToken,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, tokenHash, csrfToken, expiresAt };
}

export interface LiveSession {
  tokenHash: string;
  csrfToken: string;
  user: { id: string; name: string; phone: string; locale: string };
  /** When it ends unless it is used again. */
  expiresAt: Date;
}

/** The session behind a cookie's hashed token, if it is live and its user is not disabled; slides its expiry. */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
  ttlHours: number,
): Promise<LiveSession | null> {
  const now = new Date();
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      name: users.name,
      phone: users.phone,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return null;
  const absoluteEnd = row.createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
  if (now.getTime() > absoluteEnd) return null;
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
    await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.tokenHash, tokenHash));
  }
  return {
    tokenHash: row.tokenHash,
    csrfToken: row.csrfToken,
    user: { id: row.userId, name: row.name, phone: row.phone, locale: row.locale },
    expiresAt: new Date(Math.min(expiresAt.getTime(), absoluteEnd)),
  };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    await announceAuthChange(tx, { tokenHash });
  });
}

/** Ends every session of a user (password change, account disabled), optionally keeping one. */
export async function deleteSessionsOfUser(db: Db, userId: string, keepTokenHash?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .delete(sessions)
      .where(
        keepTokenHash
          ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
          : eq(sessions.userId, userId),
      );
    // The kept session is forgotten too; it is read again on its next request.
    await announceAuthChange(tx, { userId });
  });
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
