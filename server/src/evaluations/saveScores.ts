import { AppError } from '@domain/errors/codes';
import { scoreProblem } from '@domain/evaluations/rules';
import type { ScoreInput } from '@domain/evaluations/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { evaluationRounds, evaluationScorecards, evaluationTemplates, households } from '../db/schema';
import { writeAudit } from '../platform/audit';
import { newId } from '../platform/ids';
import { roundFor } from './rounds';

/**
 * Saves a household's draft scores as the head goes, criterion by criterion: the phone sends the
 * household's whole card each time, so a retried save is the same draft. Refused once published.
 */
export async function saveScores(
  db: Db,
  actor: Actor,
  roundId: string,
  input: ScoreInput,
  now = new Date(),
): Promise<void> {
  await roundFor(db, actor, roundId, 'score');
  await db.transaction(async (tx) => {
    // The round's row lock orders a save against a publish: nothing is scored into a frozen round.
    const [round] = await tx
      .select()
      .from(evaluationRounds)
      .where(eq(evaluationRounds.id, roundId))
      .for('update');
    if (!round) throw new AppError('NOT_FOUND');
    if (round.status !== 'open') throw new AppError('EVALUATION_PUBLISHED');
    const [household] = await tx
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, input.householdId), eq(households.courtyardId, round.courtyardId)));
    if (!household) throw new AppError('NOT_FOUND');
    const [template] = await tx
      .select()
      .from(evaluationTemplates)
      .where(eq(evaluationTemplates.id, round.templateId));
    const problem = scoreProblem(template?.criteria ?? [], input.scores);
    if (problem) throw new AppError('EVALUATION_SCORE_INVALID', { zh: problem, en: problem });
    const scores = input.scores.map((s) => (s.note ? s : { key: s.key, score: s.score }));
    const [card] = await tx
      .insert(evaluationScorecards)
      .values({
        id: newId(),
        roundId,
        townId: round.townId,
        householdId: input.householdId,
        scores,
        status: 'draft',
        updatedBy: actor.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [evaluationScorecards.roundId, evaluationScorecards.householdId],
        set: { scores, updatedBy: actor.userId, updatedAt: now },
      })
      .returning({ id: evaluationScorecards.id });
    await writeAudit(tx, {
      townId: round.townId,
      actorId: actor.userId,
      subjectType: 'evaluation_scorecard',
      subjectId: card?.id as string,
      action: 'scored',
      detail: { roundId, householdId: input.householdId, scores },
    });
  });
}
