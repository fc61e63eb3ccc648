import { isSupervisionDueSoon, isSupervisionOverdue } from '@domain/supervision/policy';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications, supervisionEvents, supervisions } from '../db/schema';
import { newId } from '../platform/ids';
import type { SupervisionRow } from './queries';

const DAY = 24 * 3_600_000;
const BATCH = 500;

export interface SupervisionTickResult {
  reminded: number;
  overdue: number;
}

async function tell(tx: Db, s: SupervisionRow, kind: string, title: { zh: string; en: string }) {
  const to = [...new Set([s.supervisorId, s.placedBy])];
  await tx.insert(notifications).values(
    to.map((userId) => ({
      id: newId(),
      userId,
      townId: s.townId,
      caseId: s.subjectType === 'case' ? s.subjectId : null,
      kind,
      title,
    })),
  );
}

/**
 * One tick of the supervision clock: reminds the supervisor and the official who placed it a day before
 * the due date, and flags it overdue once past it. Each row is re-checked under its lock, so however
 * often and from however many processes the tick runs, each reminder and flag happens once.
 */
export async function runSupervisionTick(db: Db, now: Date): Promise<SupervisionTickResult> {
  const result: SupervisionTickResult = { reminded: 0, overdue: 0 };
  const candidates = await db
    .select({ id: supervisions.id })
    .from(supervisions)
    .where(
      and(
        eq(supervisions.status, 'open'),
        or(
          and(lt(supervisions.dueAt, now), isNull(supervisions.overdueAt)),
          and(lt(supervisions.dueAt, new Date(now.getTime() + DAY)), isNull(supervisions.remindedAt)),
        ),
      ),
    )
    .limit(BATCH);
  for (const { id } of candidates) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(supervisions).where(eq(supervisions.id, id)).for('update');
      if (!row) return;
      if (isSupervisionOverdue(row, now) && !row.overdueAt) {
        await tx
          .update(supervisions)
          .set({ overdueAt: now, remindedAt: row.remindedAt ?? now })
          .where(eq(supervisions.id, id));
        await tx.insert(supervisionEvents).values({
          id: newId(),
          supervisionId: id,
          townId: row.townId,
          actorId: null,
          action: 'overdue',
          at: now,
        });
        await tell(tx, row, 'supervision_overdue', {
          zh: '督办事项已超期',
          en: 'A supervised item is overdue',
        });
        result.overdue++;
      } else if (isSupervisionDueSoon(row, now)) {
        await tx.update(supervisions).set({ remindedAt: now }).where(eq(supervisions.id, id));
        await tx.insert(supervisionEvents).values({
          id: newId(),
          supervisionId: id,
          townId: row.townId,
          actorId: null,
          action: 'reminded',
          at: now,
        });
        await tell(tx, row, 'supervision_due_soon', {
          zh: '督办事项将于一天内到期',
          en: 'A supervised item is due within a day',
        });
        result.reminded++;
      }
    });
  }
  return result;
}
