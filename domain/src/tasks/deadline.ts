import { shanghaiDate, shanghaiMidnight, type WorkCalendar } from '../calendar/workingDays';
import type { Period, Recurrence } from './periods';

/**
 * Deadlines of tasks: in calendar time, or, for a task issued "in working days" (按工作日计), on the
 * working-day calendar of China's public holidays and adjusted working days (调休), Asia/Shanghai.
 */

const DAY_MS = 86_400_000;

/** Working days a one-off task may be given: 1 to 60. */
export const MAX_TASK_WORKING_DAYS = 60;

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

function previousDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The last moment (23:59:59.999 Asia/Shanghai) of a Shanghai date. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(shanghaiMidnight(date).getTime() + DAY_MS - 1);
}

/**
 * A one-off task given N working days: due at the end of the Nth working day after the issue day (the
 * issue day itself never counts, working or not). Bounded: at most ten years are walked.
 */
export function workingDaysDueAt(issuedAt: Date, days: number, calendar: WorkCalendar): Date {
  let date = shanghaiDate(issuedAt);
  let left = Math.max(1, Math.floor(days));
  for (let guard = 0; guard < 3_660; guard++) {
    date = nextDate(date);
    if (calendar.isWorkingDay(date)) {
      left -= 1;
      if (left === 0) break;
    }
  }
  return endOfShanghaiDay(date);
}

/**
 * A recurring task's instance is due when its period ends (the last moment of the day, week, month);
 * counted in working days, at the end of the period's last working day (a week whose Friday is a
 * holiday is due Thursday), and at the period's end when the period has no working day at all (a week
 * of Spring Festival), so an instance is never due before it was handed out.
 */
export function instanceDueAt(period: Period, calendar: WorkCalendar | null = null): Date {
  if (!calendar) return period.end;
  const first = shanghaiDate(period.start);
  let date = shanghaiDate(new Date(period.end.getTime() - 1));
  for (;;) {
    if (calendar.isWorkingDay(date)) return endOfShanghaiDay(date);
    if (date <= first) return period.end;
    date = previousDate(date);
  }
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
