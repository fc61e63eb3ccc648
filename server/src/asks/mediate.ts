import type { MediationInput } from '@domain/asks/schemas';
import type { Actor } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { mediations } from '../db/schema';
import { newId } from '../platform/ids';
import { stepAsk } from './step';

/** 调解: the head records who sat down together, what they agreed and when to look in again. */
export function mediateAsk(db: Db, actor: Actor, askId: string, input: MediationInput, now = new Date()) {
  return stepAsk(db, actor, askId, 'mediate', now, async (tx, row) => {
    const id = newId();
    await tx.insert(mediations).values({
      id,
      askId: row.id,
      townId: row.townId,
      courtyardPath: row.courtyardPath,
      mediatorId: actor.userId,
      parties: input.parties,
      agreement: input.agreement,
      followUpOn: input.followUpOn ?? null,
      createdAt: now,
    });
    return { note: input.agreement, detail: { mediationId: id } };
  });
}
