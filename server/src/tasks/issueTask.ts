import type { WorkCalendar } from '@domain/calendar/workingDays';
import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { instanceDueAt, workingDaysDueAt } from '@domain/tasks/deadline';
import { periodOf } from '@domain/tasks/periods';
import { authorizeTaskIssuing } from '@domain/tasks/policy';
import type { TaskInput } from '@domain/tasks/schemas';
import { calendarAround } from '../calendar/queries';
import type { Db } from '../db/client';
import { tasks } from '../db/schema';
import { findUnit, type UnitRow } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { handOut, type ResolvedAssignee, resolveAssignees } from './instances';
import type { TaskRow } from './queries';

/** A task checked and resolved against the org tree and the calendar, ready to be written. */
export interface PreparedTask {
  input: TaskInput;
  issuer: UnitRow;
  calendar: WorkCalendar | null;
  dueAt: Date | null;
  assignees: ResolvedAssignee[];
}

/**
 * Checks a task before anything is written: the issuer may issue at its unit, the deadline lies ahead,
 * every assignee lies under `assigneesUnder` (the issuing unit unless the caller narrows it).
 */
export async function prepareTask(
  db: Db,
  actor: Actor,
  input: TaskInput,
  now: Date,
  assigneesUnder?: string,
): Promise<PreparedTask> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const issuer = unit as UnitRow;
  enforce(authorizeTaskIssuing(actor, issuer.path));
  if (issuer.kind !== 'district' && issuer.kind !== 'town') throw new AppError('TASK_ISSUER_KIND');
  // The calendar is read once for the whole task (a few rows around now), never per assignment.
  const calendar = input.workingDays ? await calendarAround(db, now) : null;
  const dueAt =
    calendar && input.recurrence === null
      ? workingDaysDueAt(now, input.dueInWorkingDays as number, calendar)
      : input.dueAt
        ? new Date(input.dueAt)
        : null;
  if (input.recurrence === null && dueAt && dueAt.getTime() <= now.getTime())
    throw new AppError('TASK_DUE_PASSED');
  const assignees = await resolveAssignees(db, assigneesUnder ?? issuer.path, input.assignees);
  return { input, issuer, calendar, dueAt, assignees };
}

/**
 * Writes a prepared task, its audit row and its first assignments inside the caller's transaction, so a
 * task can be issued together with what gave rise to it (a field visit's follow-ups).
 */
export async function insertTask(
  tx: Db,
  actor: Actor,
  prepared: PreparedTask,
  now: Date,
  origin: { fieldVisitId: string } | null = null,
): Promise<string> {
  const { input, issuer, calendar, dueAt, assignees } = prepared;
  const id = newId();
  const [task] = await tx
    .insert(tasks)
    .values({
      id,
      townId: issuer.kind === 'town' ? issuer.id : null,
      unitId: issuer.id,
      unitPath: issuer.path,
      title: input.title,
      instructions: input.instructions,
      items: input.items,
      assignees: input.assignees,
      dueAt: input.recurrence ? null : dueAt,
      recurrence: input.recurrence,
      workingDays: input.workingDays,
      dueInWorkingDays:
        input.recurrence === null && input.workingDays ? (input.dueInWorkingDays ?? null) : null,
      endsAt: input.endsAt ? new Date(input.endsAt) : null,
      issuedBy: actor.userId,
      fieldVisitId: origin?.fieldVisitId ?? null,
    })
    .returning();
  const row = task as TaskRow;
  await writeAudit(tx, {
    townId: row.townId,
    actorId: actor.userId,
    subjectType: 'task',
    subjectId: id,
    action: 'issued',
    detail: {
      unitId: issuer.id,
      assignees: assignees.length,
      recurrence: input.recurrence,
      workingDays: input.workingDays,
      dueInWorkingDays: input.dueInWorkingDays ?? null,
      fieldVisitId: origin?.fieldVisitId ?? null,
    },
  });
  if (input.recurrence) {
    const period = periodOf(input.recurrence, now);
    await handOut(
      tx,
      row,
      assignees,
      { key: period.key, dueAt: instanceDueAt(period, calendar), startsAt: now },
      actor.userId,
    );
  } else {
    await handOut(tx, row, assignees, { key: 'once', dueAt: dueAt as Date, startsAt: now }, actor.userId);
  }
  return id;
}

/**
 * A district or town issues a task. A one-off task hands out its assignments now; a recurring one
 * hands out the current period's now, and the clock hands out each later period's as it begins.
 */
export async function issueTask(db: Db, actor: Actor, input: TaskInput, now = new Date()): Promise<string> {
  const prepared = await prepareTask(db, actor, input, now);
  return db.transaction((tx) => insertTask(tx, actor, prepared, now));
}
