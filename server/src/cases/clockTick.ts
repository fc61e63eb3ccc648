import { dueAt } from '@domain/calendar/workingDays';
import { isDueSoon, overdueLevelAt } from '@domain/cases/overdue';
import { type CaseStatus, clockStageOf, OPEN_STATUSES } from '@domain/cases/states';
import type { ClockStage, TimeLimits, Urgency } from '@domain/matters/schemas';
import { and, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import { calendarAround } from '../calendar/queries';
import type { Db } from '../db/client';
import { caseAssignments, caseEvents, cases, matters, posts } from '../db/schema';
import { newId } from '../platform/ids';
import { raiseCaseEvent } from './events';
import { centerOperatorsOf, gridWorkersOf, notifyUsers, staffOfPosts, supervisorsOf } from './notify';
import type { CaseRow } from './queries';

export interface ClockTickResult {
  overdue: number;
  overdueTwice: number;
  reminded: number;
  checkInsMissed: number;
}

const BATCH = 500;

/** Who must act in each stage, and so who is reminded and told it is late. */
async function stageOwners(tx: Db, c: CaseRow): Promise<string[]> {
  switch (clockStageOf(c.status as CaseStatus)) {
    case 'handle':
      return [
        ...(await staffOfPosts(tx, c.leadPostId ? [c.leadPostId] : [])),
        ...(c.leadUserId ? [c.leadUserId] : []),
      ];
    case 'verify':
      return c.gridId ? gridWorkersOf(tx, c.gridId) : centerOperatorsOf(tx, c.townId);
    default:
      return centerOperatorsOf(tx, c.townId);
  }
}

/**
 * One tick of the case clock: marks cases overdue, raises those overdue twice to the supervisors,
 * reminds owners of stages about to run out, and flags missed check-ins after a whistle. Each case
 * changes in its own transaction under its row lock and re-checks under that lock, so however often
 * and from however many processes the tick runs, each step happens once.
 */
export async function runClockTick(db: Db, now: Date): Promise<ClockTickResult> {
  const result: ClockTickResult = { overdue: 0, overdueTwice: 0, reminded: 0, checkInsMissed: 0 };
  const soon = new Date(now.getTime() + 2 * 3600_000);
  const candidates = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        inArray(cases.status, [...OPEN_STATUSES]),
        isNull(cases.pausedSince),
        or(
          and(lt(cases.stageDueAt, now), lt(cases.overdueLevel, 2)),
          and(
            lt(cases.stageDueAt, soon),
            or(isNull(cases.remindedStage), ne(cases.remindedStage, cases.stage)),
          ),
        ),
      ),
    )
    .limit(BATCH);
  for (const { id } of candidates) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
      if (!row?.stage || !OPEN_STATUSES.includes(row.status as CaseStatus)) return;
      const [matter] = await tx
        .select({ limits: matters.limits, workingDays: matters.workingDays })
        .from(matters)
        .where(eq(matters.id, row.matterId));
      if (!matter) return;
      const limit = (matter.limits as TimeLimits)[row.urgency as Urgency][row.stage as ClockStage];
      const paused = row.pausedSince !== null;
      // A working-day limit runs out twice a further limit in working time after the first deadline.
      const twiceDueAt =
        matter.workingDays && row.stageDueAt
          ? dueAt(row.stageDueAt, limit, await calendarAround(tx, row.stageDueAt))
          : undefined;
      const level = overdueLevelAt(now, row.stageDueAt, limit, paused, twiceDueAt);
      if (level > row.overdueLevel) {
        const version = row.version + 1;
        await tx
          .update(cases)
          .set({ overdueLevel: level, everOverdue: true, version, updatedAt: now })
          .where(eq(cases.id, id));
        const action = level === 2 ? 'overdue_twice' : 'overdue';
        await tx.insert(caseEvents).values({
          id: newId(),
          caseId: id,
          townId: row.townId,
          seq: version,
          actorId: null,
          action,
          fromStatus: row.status,
          toStatus: row.status,
          note: null,
          detail: { stage: row.stage, level, dueAt: row.stageDueAt?.toISOString() },
          at: now,
        });
        const title =
          level === 2
            ? {
                zh: `事件二次超期，请督办：${row.description.slice(0, 30)}`,
                en: `Case overdue twice, please supervise: ${row.description.slice(0, 30)}`,
              }
            : {
                zh: `事件已超期：${row.description.slice(0, 30)}`,
                en: `Case overdue: ${row.description.slice(0, 30)}`,
              };
        const recipients = level === 2 ? await supervisorsOf(tx, row) : await stageOwners(tx, row);
        await notifyUsers(tx, recipients, row, title, `case_${action}`);
        await raiseCaseEvent(tx, { ...row, overdueLevel: level, version }, action);
        if (level === 2) result.overdueTwice += 1;
        else result.overdue += 1;
      } else if (
        level === 0 &&
        row.remindedStage !== row.stage &&
        isDueSoon(now, row.stageDueAt, limit, paused)
      ) {
        await tx.update(cases).set({ remindedStage: row.stage }).where(eq(cases.id, id));
        const title = {
          zh: `事件即将超期：${row.description.slice(0, 30)}`,
          en: `Case due soon: ${row.description.slice(0, 30)}`,
        };
        await notifyUsers(tx, await stageOwners(tx, row), row, title, 'case_due_soon');
        result.reminded += 1;
      }
    });
  }
  result.checkInsMissed = await flagMissedCheckIns(db, now);
  return result;
}

async function flagMissedCheckIns(db: Db, now: Date): Promise<number> {
  const missed = await db
    .select({ caseId: caseAssignments.caseId, postId: caseAssignments.postId })
    .from(caseAssignments)
    .where(
      and(
        lt(caseAssignments.checkInDueAt, now),
        isNull(caseAssignments.checkedInAt),
        eq(caseAssignments.checkInMissed, false),
      ),
    )
    .limit(BATCH);
  let flagged = 0;
  for (const m of missed) {
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, m.caseId)).for('update');
      if (!row) return;
      const updated = await tx
        .update(caseAssignments)
        .set({ checkInMissed: true })
        .where(
          and(
            eq(caseAssignments.caseId, m.caseId),
            eq(caseAssignments.postId, m.postId),
            eq(caseAssignments.checkInMissed, false),
            isNull(caseAssignments.checkedInAt),
          ),
        )
        .returning({ postId: caseAssignments.postId });
      if (updated.length === 0) return;
      const [post] = await tx.select({ name: posts.name }).from(posts).where(eq(posts.id, m.postId));
      const version = row.version + 1;
      await tx.update(cases).set({ version, updatedAt: now }).where(eq(cases.id, row.id));
      await tx.insert(caseEvents).values({
        id: newId(),
        caseId: row.id,
        townId: row.townId,
        seq: version,
        actorId: null,
        action: 'check_in_missed',
        fromStatus: row.status,
        toStatus: row.status,
        note: post?.name ?? null,
        detail: { postId: m.postId },
        at: now,
      });
      await notifyUsers(
        tx,
        await centerOperatorsOf(tx, row.townId),
        row,
        { zh: `${post?.name ?? ''}未按时报到`, en: `${post?.name ?? 'A post'} missed its check-in` },
        'case_check_in_missed',
      );
      flagged += 1;
    });
  }
  return flagged;
}
