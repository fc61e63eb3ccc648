import type { WorkCalendar } from '@domain/calendar/workingDays';
import { AppError } from '@domain/errors/codes';
import { instanceDueAt } from '@domain/tasks/deadline';
import { periodOf, type Recurrence } from '@domain/tasks/periods';
import type { AssigneeRef } from '@domain/tasks/schemas';
import { and, eq, gt, inArray, isNull, lte, notExists, or, sql } from 'drizzle-orm';
import { calendarAround } from '../calendar/queries';
import type { Db } from '../db/client';
import { taskAssignments, tasks } from '../db/schema';
import { handOut, type ResolvedAssignee, resolveAssignees } from './instances';
import { fulfillersOf, notifyAboutTask, type TaskRow, writeTaskEvent } from './queries';

const OPEN = ['assigned', 'in_progress', 'returned'];

/**
 * The task clock, run by the scheduler under its advisory lock: hands out the current period's
 * instances of recurring tasks, reminds assignees before deadlines, and flags overdue work. Each part
 * is safe to run twice at once: instances by the unique index, reminders and overdue flags by a
 * conditional update that only one transaction can win.
 */
export async function runTaskClock(db: Db, now: Date) {
  return {
    created: await handOutRecurring(db, now),
    reminded: await remindDue(db, now),
    overdue: await flagOverdue(db, now),
  };
}

async function handOutRecurring(db: Db, now: Date): Promise<number> {
  let created = 0;
  // Read once per tick, and only when a working-day task is due: never per task or assignment.
  let calendar: WorkCalendar | null = null;
  for (const every of ['daily', 'weekly', 'monthly'] as Recurrence[]) {
    const period = periodOf(every, now);
    // Only tasks whose current period has not been handed out yet: a tick costs one query when idle.
    const due = await db
      .select()
      .from(tasks)
      .where(
        and(
          eq(tasks.recurrence, every),
          lte(tasks.createdAt, now),
          or(isNull(tasks.endsAt), gt(tasks.endsAt, period.start)),
          notExists(
            db
              .select({ one: sql`1` })
              .from(taskAssignments)
              .where(and(eq(taskAssignments.taskId, tasks.id), eq(taskAssignments.periodKey, period.key))),
          ),
        ),
      );
    for (const task of due) {
      if (task.workingDays && !calendar) calendar = await calendarAround(db, now);
      const dueAt = instanceDueAt(period, task.workingDays ? calendar : null);
      const assignees = await stillThere(db, task);
      created += await db.transaction((tx) =>
        handOut(tx, task, assignees, { key: period.key, dueAt, startsAt: period.start }, null),
      );
    }
  }
  return created;
}

/** The task's assignees as they are now; one retired since the task was issued is skipped. */
async function stillThere(db: Db, task: TaskRow): Promise<ResolvedAssignee[]> {
  const out: ResolvedAssignee[] = [];
  for (const ref of task.assignees as AssigneeRef[]) {
    try {
      out.push(...(await resolveAssignees(db, task.unitPath, [ref])));
    } catch (failure) {
      if (!(failure instanceof AppError)) throw failure;
    }
  }
  return out;
}

async function remindDue(db: Db, now: Date): Promise<number> {
  let reminded = 0;
  const candidates = await db
    .select({ id: taskAssignments.id })
    .from(taskAssignments)
    .where(
      and(
        inArray(taskAssignments.status, OPEN),
        isNull(taskAssignments.remindedAt),
        lte(taskAssignments.remindAt, now),
        gt(taskAssignments.dueAt, now),
      ),
    )
    .limit(5_000);
  for (const { id } of candidates) {
    await db.transaction(async (tx) => {
      // Claimed by a conditional update: of two ticks, one reminds and the other finds it done.
      const [a] = await tx
        .update(taskAssignments)
        .set({ remindedAt: now })
        .where(and(eq(taskAssignments.id, id), isNull(taskAssignments.remindedAt)))
        .returning();
      if (!a) return;
      reminded += 1;
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, a.taskId));
      await writeTaskEvent(tx, a, null, 'reminded', a.status, null);
      await notifyAboutTask(tx, await fulfillersOf(tx, a), a.townId, 'task_due_soon', {
        zh: `任务即将到期：${task?.title ?? ''}`,
        en: `Task due soon: ${task?.title ?? ''}`,
      });
    });
  }
  return reminded;
}

async function flagOverdue(db: Db, now: Date): Promise<number> {
  let flagged = 0;
  const candidates = await db
    .select({ id: taskAssignments.id })
    .from(taskAssignments)
    .where(
      and(
        inArray(taskAssignments.status, OPEN),
        isNull(taskAssignments.overdueAt),
        lte(taskAssignments.dueAt, now),
      ),
    )
    .limit(5_000);
  for (const { id } of candidates) {
    await db.transaction(async (tx) => {
      // The second of two ticks finds overdue_at already set and changes nothing.
      const [a] = await tx
        .update(taskAssignments)
        .set({ overdueAt: now })
        .where(
          and(
            eq(taskAssignments.id, id),
            isNull(taskAssignments.overdueAt),
            inArray(taskAssignments.status, OPEN),
          ),
        )
        .returning();
      if (!a) return;
      flagged += 1;
      const [task] = await tx.select().from(tasks).where(eq(tasks.id, a.taskId));
      await writeTaskEvent(tx, a, null, 'overdue', a.status, null);
      await notifyAboutTask(
        tx,
        [...(await fulfillersOf(tx, a)), ...(task ? [task.issuedBy] : [])],
        a.townId,
        'task_overdue',
        {
          zh: `任务已超期：${task?.title ?? ''}（${a.assigneeName}）`,
          en: `Task overdue: ${task?.title ?? ''} (${a.assigneeName})`,
        },
      );
    });
  }
  return flagged;
}
