import type { Period, Recurrence } from './periods';

/**
 * Deadlines of tasks, in calendar time for now. Kept in this one file so that the working-day
 * calendar (节假日与调休) can be plugged in here without touching the callers.
 */

/** A recurring task's instance is due when its period ends (the last moment of the day, week, month). */
export function instanceDueAt(period: Period): Date {
  return period.end;
}

/** How long before the deadline the assignee is reminded. */
const REMINDER_LEAD_MS: Record<Recurrence | 'once', number> = {
  daily: 2 * 3_600_000,
  weekly: 24 * 3_600_000,
  monthly: 48 * 3_600_000,
  once: 24 * 3_600_000,
};

/**
 * When to remind: a lead before the deadline fitting the task's rhythm, but never before the work
 * was handed out (a task due in an hour is reminded halfway to its deadline instead).
 */
export function reminderAt(issuedAt: Date, dueAt: Date, every: Recurrence | null): Date {
  const lead = REMINDER_LEAD_MS[every ?? 'once'];
  const at = dueAt.getTime() - lead;
  if (at > issuedAt.getTime()) return new Date(at);
  return new Date(issuedAt.getTime() + (dueAt.getTime() - issuedAt.getTime()) / 2);
}
