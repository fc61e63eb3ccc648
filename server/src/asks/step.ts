import {
  ASK_ACTION_LABELS,
  ASK_STATUS_LABELS,
  type AskAction,
  type AskStatus,
  isHeadAction,
  nextAskStatus,
} from '@domain/asks/states';
import { AppError } from '@domain/errors/codes';
import { authorizeAsk } from '@domain/policies/asks';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { askEvents, asks } from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { headsOf, notifyAboutAsk } from './notify';
import { type AskRow, askTargetOf } from './queries';

export interface StepOutcome {
  note: string | null;
  detail?: Record<string, unknown>;
  /** Columns the step sets besides the status. */
  patch?: Partial<typeof asks.$inferInsert>;
}

/**
 * One step of an ask, in one transaction: lock it, ask the policy, do the step's own work, then move
 * the status, append the history row and tell the other side. Two steps at once queue on the row lock;
 * the second finds the ask moved on and is told so (409).
 */
export async function stepAsk(
  db: Db,
  actor: Actor,
  askId: string,
  action: AskAction,
  now: Date,
  work: (tx: Db, row: AskRow) => Promise<StepOutcome>,
): Promise<AskRow> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(asks).where(eq(asks.id, askId)).for('update');
    if (!locked) enforce('not_found');
    const row = locked as AskRow;
    const decision = authorizeAsk(actor, action, askTargetOf(row));
    if (decision === 'conflict') {
      const status = ASK_STATUS_LABELS[row.status as AskStatus];
      const step = ASK_ACTION_LABELS[action];
      throw new AppError(
        'ASK_STATE_CONFLICT',
        {
          zh: `该求助当前为「${status.zh}」，不能${step.zh}`,
          en: `The ask is ${status.en.toLowerCase()}; it cannot take "${step.en}"`,
        },
        { status: row.status, version: row.version },
      );
    }
    enforce(decision);
    const outcome = await work(tx, row);
    const byHead = isHeadAction(action);
    const to = nextAskStatus(row.status as AskStatus, action);
    const version = row.version + 1;
    const [updated] = await tx
      .update(asks)
      .set({
        ...outcome.patch,
        status: to,
        version,
        updatedAt: now,
        ...(byHead ? { residentUnread: true } : { headUnread: true }),
        ...(action === 'confirm' ? { settledAt: now } : {}),
      })
      .where(eq(asks.id, row.id))
      .returning();
    await tx.insert(askEvents).values({
      id: newId(),
      askId: row.id,
      townId: row.townId,
      seq: version,
      actorId: actor.userId,
      action,
      fromStatus: row.status,
      toStatus: to,
      note: outcome.note,
      detail: outcome.detail ?? {},
      at: now,
    });
    const next = updated as AskRow;
    const told = byHead ? [next.residentId] : await headsOf(tx, next.courtyardId);
    await notifyAboutAsk(tx, told, next, action, actor.userId);
    return next;
  });
}
