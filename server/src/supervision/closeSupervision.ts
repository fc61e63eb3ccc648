import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { authorizeSupervising } from '@domain/supervision/policy';
import type { SupervisionCloseInput } from '@domain/supervision/schemas';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { supervisionEvents, supervisions } from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import type { SupervisionRow } from './queries';

/** The closing review (督办销号): outcome met or not met, with a note; once only, under the row lock. */
export async function closeSupervision(
  db: Db,
  actor: Actor,
  id: string,
  input: SupervisionCloseInput,
  now: Date,
): Promise<SupervisionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update');
    if (!row) enforce('not_found');
    const s = row as SupervisionRow;
    enforce(authorizeSupervising(actor, s.unitPath));
    if (s.status !== 'open') throw new AppError('SUPERVISION_CLOSED');
    if (input.expectedVersion !== undefined && input.expectedVersion !== s.version)
      throw new AppError('SUPERVISION_CLOSED');
    const [updated] = await tx
      .update(supervisions)
      .set({
        status: 'closed',
        outcome: input.outcome,
        reviewNote: input.note,
        closedBy: actor.userId,
        closedAt: now,
        version: s.version + 1,
      })
      .where(eq(supervisions.id, id))
      .returning();
    await tx.insert(supervisionEvents).values({
      id: newId(),
      supervisionId: id,
      townId: s.townId,
      actorId: actor.userId,
      action: 'closed',
      note: input.note,
      detail: { outcome: input.outcome },
      at: now,
    });
    return updated as SupervisionRow;
  });
}
