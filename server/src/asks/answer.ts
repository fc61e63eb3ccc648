import type { AnswerInput } from '@domain/asks/schemas';
import type { Actor } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { stepAsk } from './step';

/** The head's reply, which the resident reads on the phone; kept as the step's note in the history. */
export function answerAsk(db: Db, actor: Actor, askId: string, input: AnswerInput, now = new Date()) {
  return stepAsk(db, actor, askId, 'answer', now, async () => ({ note: input.text }));
}
