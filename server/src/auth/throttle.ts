import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { loginAttempts } from '../db/schema';
import { newId } from '../platform/ids';

/**
 * Counted in the database, not in memory, so the limit holds however many server processes
 * answer logins. A phone is locked after 5 failures in 15 minutes (a success clears the count);
 * one address after 50, which still lets a village office behind one NAT sign everyone in.
 */
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_PHONE = 5;
export const MAX_FAILURES_PER_IP = 50;

export async function isLoginThrottled(db: Db, phone: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000);
  const [byPhone] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.phone, phone),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
        sql`${loginAttempts.at} > coalesce((select max(s.at) from login_attempts s where s.phone = ${phone} and s.succeeded), '-infinity'::timestamptz)`,
      ),
    );
  if (Number(byPhone?.n ?? 0) >= MAX_FAILURES_PER_PHONE) return true;
  const [byIp] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)));
  return Number(byIp?.n ?? 0) >= MAX_FAILURES_PER_IP;
}

export async function recordLoginAttempt(
  db: Db,
  phone: string,
  ip: string,
  succeeded: boolean,
): Promise<void> {
  await db.insert(loginAttempts).values({ id: newId(), phone, ip, succeeded });
}
