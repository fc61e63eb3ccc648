import { randomInt } from 'node:crypto';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { courtyardInvites } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { courtyardFor, townOf } from './queries';

/** No 0/O, 1/I/L: the code is read aloud at a courtyard meeting and typed on a cheap phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_LENGTH = 6;

function newCode(): string {
  return Array.from({ length: INVITE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export interface InviteView {
  courtyardId: string;
  code: string;
  rotatedAt: string;
}

function toView(row: typeof courtyardInvites.$inferSelect): InviteView {
  return { courtyardId: row.courtyardId, code: row.code, rotatedAt: row.rotatedAt.toISOString() };
}

/** The courtyard's current code, made on first asking. */
export async function inviteOf(db: Db, actor: Actor, courtyardId: string): Promise<InviteView> {
  return db.transaction(async (tx) => {
    const courtyard = await courtyardFor(tx, actor, courtyardId, 'bind');
    const [current] = await tx
      .select()
      .from(courtyardInvites)
      .where(eq(courtyardInvites.courtyardId, courtyard.id));
    if (current) return toView(current);
    const [made] = await tx
      .insert(courtyardInvites)
      .values({ courtyardId: courtyard.id, townId: townOf(courtyard), code: newCode() })
      .onConflictDoNothing()
      .returning();
    if (made) return toView(made);
    const [raced] = await tx
      .select()
      .from(courtyardInvites)
      .where(eq(courtyardInvites.courtyardId, courtyard.id));
    return toView(raced as typeof courtyardInvites.$inferSelect);
  });
}

/** A new code; the old one stops working at once (a code that went round the wrong chat group). */
export async function rotateInvite(db: Db, actor: Actor, courtyardId: string): Promise<InviteView> {
  return db.transaction(async (tx) => {
    const courtyard = await courtyardFor(tx, actor, courtyardId, 'bind');
    const values = { code: newCode(), rotatedBy: actor.userId, rotatedAt: new Date() };
    const [row] = await tx
      .insert(courtyardInvites)
      .values({ courtyardId: courtyard.id, townId: townOf(courtyard), ...values })
      .onConflictDoUpdate({ target: courtyardInvites.courtyardId, set: values })
      .returning();
    await writeAudit(tx, {
      townId: townOf(courtyard),
      actorId: actor.userId,
      subjectType: 'courtyard_invite',
      subjectId: courtyard.id,
      action: 'rotated',
    });
    return toView(row as typeof courtyardInvites.$inferSelect);
  });
}
