import { AppError } from '@domain/errors/codes';
import { isComplete, maxTotal, pointsAllowed, pointsFor, totalOf } from '@domain/evaluations/rules';
import type { PublishInput } from '@domain/evaluations/schemas';
import type { Actor } from '@domain/policies/scope';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { evaluationRounds, evaluationScorecards, evaluationTemplates, households } from '../db/schema';
import { type AuditEntry, writeAudit, writeAudits } from '../platform/audit';
import { newId } from '../platform/ids';
import { lockBalance, pointHouseholdOf, writeEntry } from '../points/ledger';
import { roundFor } from './rounds';

/** The ledger's action code for points from a published scorecard. */
export const EVALUATION_ACTION = 'EVALUATION';

/**
 * Publishes a round: every household of the courtyard is scored, or named as left unscored this month.
 * In one transaction the round freezes and each scored household's total turns into points through
 * the template's bands, written to the ledger with the scorecard as its source. The round's row lock
 * makes a second or concurrent publish find the round published and award nothing more.
 *
 * A deduction takes at most what the household has free (balance less held): publishing never fails
 * for one household's empty purse; the scorecard keeps both what the bands gave and what was taken.
 */
export async function publishRound(
  db: Db,
  actor: Actor,
  roundId: string,
  input: PublishInput,
  now = new Date(),
): Promise<void> {
  await roundFor(db, actor, roundId, 'score');
  await db.transaction(async (tx) => {
    const [round] = await tx
      .select()
      .from(evaluationRounds)
      .where(eq(evaluationRounds.id, roundId))
      .for('update');
    if (!round) throw new AppError('NOT_FOUND');
    if (round.status === 'published') return;
    const [template] = await tx
      .select()
      .from(evaluationTemplates)
      .where(eq(evaluationTemplates.id, round.templateId));
    if (!template) throw new AppError('NOT_FOUND');
    // Households in id order, so that balance locks are always taken in one order.
    const rows = await tx
      .select({ householdId: households.id, card: evaluationScorecards })
      .from(households)
      .leftJoin(
        evaluationScorecards,
        and(eq(evaluationScorecards.householdId, households.id), eq(evaluationScorecards.roundId, round.id)),
      )
      .where(eq(households.courtyardId, round.courtyardId))
      .orderBy(asc(households.id));
    const marked = new Set(input.unscoredHouseholdIds);
    const inYard = new Set(rows.map((r) => r.householdId));
    if ([...marked].some((id) => !inYard.has(id)))
      throw new AppError('VALIDATION_FAILED', {
        zh: '标记为不评的家庭户不属于本院',
        en: 'A household marked unscored is not of this courtyard',
      });
    const missing = rows
      .filter((r) => !marked.has(r.householdId) && !isComplete(template.criteria, r.card?.scores ?? []))
      .map((r) => r.householdId);
    if (missing.length > 0) throw new AppError('EVALUATION_UNSCORED', undefined, { householdIds: missing });

    const audits: AuditEntry[] = [];
    let awarded = 0;
    for (const { householdId, card } of rows) {
      const id = card?.id ?? newId();
      if (!card)
        await tx.insert(evaluationScorecards).values({
          id,
          roundId: round.id,
          townId: round.townId,
          householdId,
          scores: [],
          updatedBy: actor.userId,
          updatedAt: now,
        });
      if (marked.has(householdId)) {
        await tx
          .update(evaluationScorecards)
          .set({ status: 'unscored', total: null, pointsComputed: null, pointsAwarded: null })
          .where(eq(evaluationScorecards.id, id));
        audits.push({
          townId: round.townId,
          actorId: actor.userId,
          subjectType: 'evaluation_scorecard',
          subjectId: id,
          action: 'unscored',
          detail: { roundId: round.id, householdId },
        });
        continue;
      }
      const scores = card?.scores ?? [];
      const total = totalOf(scores);
      const computed = pointsFor(template.bands, total);
      const household = await pointHouseholdOf(tx, householdId);
      let points = 0;
      let entryId: string | null = null;
      if (household && computed !== 0) {
        const locked = await lockBalance(tx, household);
        points = pointsAllowed(computed, locked.balance, locked.held);
        if (points !== 0) {
          const entry = await writeEntry(tx, household, locked, {
            points,
            ruleId: null,
            actionCode: EVALUATION_ACTION,
            sourceType: 'evaluation',
            sourceId: id,
            actorId: actor.userId,
            reason: `${round.month} 自治考评 ${total}/${maxTotal(template.criteria)} 分`,
            at: now,
          });
          entryId = entry.id;
        }
      }
      awarded += points;
      await tx
        .update(evaluationScorecards)
        .set({ status: 'scored', total, pointsComputed: computed, pointsAwarded: points, entryId })
        .where(eq(evaluationScorecards.id, id));
      audits.push({
        townId: round.townId,
        actorId: actor.userId,
        subjectType: 'evaluation_scorecard',
        subjectId: id,
        action: points === computed ? 'published' : 'published_capped',
        detail: { roundId: round.id, householdId, total, pointsComputed: computed, pointsAwarded: points },
      });
    }
    await tx
      .update(evaluationRounds)
      .set({ status: 'published', publishedBy: actor.userId, publishedAt: now })
      .where(eq(evaluationRounds.id, round.id));
    await writeAudits(tx, audits);
    await writeAudit(tx, {
      townId: round.townId,
      actorId: actor.userId,
      subjectType: 'evaluation_round',
      subjectId: round.id,
      action: 'published',
      detail: {
        month: round.month,
        scored: rows.length - marked.size,
        unscored: [...marked],
        pointsAwarded: awarded,
      },
    });
  });
}
