import { AppError } from '@domain/errors/codes';
import { authorizeEvaluation, authorizeRoundRead } from '@domain/evaluations/policy';
import type { Actor } from '@domain/policies/scope';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { evaluationRounds, orgUnits } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { enforce } from '../platform/enforce';

export type RoundRow = typeof evaluationRounds.$inferSelect;
export interface RoundWithYard {
  round: RoundRow;
  courtyardName: string;
}

/** A round with its courtyard's name; scope is the caller's to check. */
export async function roundRow(db: Db, id: string): Promise<RoundWithYard | null> {
  const [row] = await db
    .select({ round: evaluationRounds, courtyardName: orgUnits.name })
    .from(evaluationRounds)
    .innerJoin(orgUnits, eq(orgUnits.id, evaluationRounds.courtyardId))
    .where(eq(evaluationRounds.id, id));
  return row ?? null;
}

/** A round the actor may act on (`score`) or read; outside the actor's area, or a resident asking, is 404. */
export async function roundFor(db: Db, actor: Actor, id: string, action: 'read' | 'score') {
  const found = await roundRow(db, id);
  if (!found) throw new AppError('NOT_FOUND');
  enforce(authorizeRoundRead(actor, found.round.unitPath));
  if (action === 'score') enforce(authorizeEvaluation(actor, 'score', found.round.unitPath));
  return found;
}

/** The round of a courtyard's month, if one was opened. */
export async function roundOfMonth(db: Db, courtyardId: string, month: string): Promise<RoundRow | null> {
  const [row] = await db
    .select()
    .from(evaluationRounds)
    .where(and(eq(evaluationRounds.courtyardId, courtyardId), eq(evaluationRounds.month, month)));
  return row ?? null;
}

/** A live courtyard, or 404: rounds belong to courtyards only. */
export async function courtyardUnit(db: Db, id: string): Promise<UnitRow> {
  const unit = await findUnit(db, id);
  if (unit?.kind !== 'courtyard' || unit.retiredAt) throw new AppError('NOT_FOUND');
  return unit;
}
