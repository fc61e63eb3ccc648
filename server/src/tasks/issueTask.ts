import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { instanceDueAt, workingDaysDueAt } from '@domain/tasks/deadline';
import { periodOf } from '@domain/tasks/periods';
import { authorizeTaskIssuing } from '@domain/tasks/policy';
import type { TaskInput } from '@domain/tasks/schemas';
import { calendarAround } from '../calendar/queries';
import type { Db } from '../db/client';
import { tasks } from '../db/schema';
import { findUnit } from '../org/queries';
import { writeAudit } from '../platform/audit';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { handOut, resolveAssignees } from './instances';
import type { TaskRow } from './queries';

/**
 * A district or town issues a task. A one-off task hands out its assignments now; a recurring one
 * hands out the current period's now, and the clock hands out each later period's as it begins.
 */
export async function issueTask(db: Db, actor: Actor, input: TaskInput, now = new Date()): Promise<string> {
  const unit = await findUnit(db, input.unitId);
  if (!unit || unit.retiredAt) enforce('not_found');
  const issuer = unit as NonNullable<typeof unit>;
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
  const assignees = await resolveAssignees(db, issuer.path, input.assignees);
  const id = newId();
  await db.transaction(async (tx) => {
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
  });
  return id;
}
