import type { OutcomeInput } from '@domain/asks/schemas';
import type { Actor } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { stepAsk } from './step';

/** The resident's word: settled (已化解), not settled (未化解), or closed without more ado. */
export function recordOutcome(db: Db, actor: Actor, askId: string, input: OutcomeInput, now = new Date()) {
  return stepAsk(db, actor, askId, input.action, now, async () => ({ note: input.note ?? null }));
}
