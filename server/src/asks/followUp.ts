import { and, inArray, isNotNull, isNull, lte, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { asks, mediations, notifications } from '../db/schema';
import { newId } from '../platform/ids';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar day of a moment, as the YYYY-MM-DD a follow-up date is written in. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * 回访提醒: on the follow-up day of a mediation, its head is reminded to look in on the parties. Each
 * mediation is claimed by setting reminded_at in the same transaction as the inbox row, so two server
 * processes, or a retried run, remind once. An ask closed or handed to the center needs no visit.
 */
export async function remindFollowUps(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const live = tx
      .select({ id: asks.id })
      .from(asks)
      .where(notInArray(asks.status, ['closed', 'handed_over']));
    const due = await tx
      .update(mediations)
      .set({ remindedAt: now })
      .where(
        and(
          isNull(mediations.remindedAt),
          isNotNull(mediations.followUpOn),
          lte(mediations.followUpOn, shanghaiDay(now)),
          inArray(mediations.askId, live),
        ),
      )
      .returning();
    if (due.length === 0) return 0;
    await tx.insert(notifications).values(
      due.map((m) => ({
        id: newId(),
        userId: m.mediatorId,
        townId: m.townId,
        caseId: null,
        kind: 'ask_follow_up',
        title: {
          zh: `回访提醒：${m.parties.slice(0, 20)}（${m.followUpOn}）`,
          en: `Follow-up visit due: ${m.parties.slice(0, 20)} (${m.followUpOn})`,
        },
      })),
    );
    return due.length;
  });
}
