import { AppError } from '@domain/errors/codes';
import { authorizeEvaluation } from '@domain/evaluations/policy';
import { monthMayOpen } from '@domain/evaluations/rules';
import type { OpenRoundInput } from '@domain/evaluations/schemas';
import type { Actor } from '@domain/policies/scope';
import type { Db } from '../db/client';
import { evaluationRounds } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { courtyardUnit, type RoundRow, roundOfMonth } from './rounds';
import { templateInForce } from './templates';

/**
 * Opens a courtyard's round of a month under the template in force now. One round per courtyard and
 * month: opening it again (a retry, or a second committee member) answers with the round already open.
 */
export async function openRound(
  db: Db,
  actor: Actor,
  input: OpenRoundInput,
  now = new Date(),
): Promise<{ round: RoundRow; created: boolean }> {
  const courtyard = await courtyardUnit(db, input.courtyardId);
  enforce(authorizeEvaluation(actor, 'score', courtyard.path));
  const existing = await roundOfMonth(db, courtyard.id, input.month);
  if (existing) return { round: existing, created: false };
  if (!monthMayOpen(input.month, now)) throw new AppError('EVALUATION_MONTH_AHEAD');
  const template = await templateInForce(db, courtyard, now);
  if (!template) throw new AppError('EVALUATION_TEMPLATE_MISSING');
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(evaluationRounds)
      .values({
        id: newId(),
        townId: courtyard.townId ?? template.townId,
        courtyardId: courtyard.id,
        unitPath: courtyard.path,
        month: input.month,
        templateId: template.id,
        status: 'open',
        openedBy: actor.userId,
        openedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted)
      return { round: (await roundOfMonth(tx, courtyard.id, input.month)) as RoundRow, created: false };
    await writeAudit(tx, {
      townId: inserted.townId,
      actorId: actor.userId,
      subjectType: 'evaluation_round',
      subjectId: inserted.id,
      action: 'opened',
      detail: { courtyardId: courtyard.id, month: input.month, templateId: template.id },
    });
    return { round: inserted, created: true };
  });
}
