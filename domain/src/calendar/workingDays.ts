/**
 * The working-day calendar (工作日历): China's public holidays and adjusted working days (调休), one
 * calendar per year, and deadlines counted on it in Asia/Shanghai. Pure, so the server, the tasks
 * feature and the tests count the same way.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** China keeps UTC+8 all year (no daylight saving since 1991), so a fixed offset is exact. */
const SHANGHAI_OFFSET = 8 * HOUR;

export type CalendarDayKind = 'holiday' | 'workday';

/** One day that departs from the weekly rule: a holiday on a weekday, or a weekend worked (调休上班). */
export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** One year's published arrangement; `provisional` until checked against the State Council's notice. */
export interface YearCalendar {
  year: number;
  days: readonly CalendarDay[];
  provisional: boolean;
}

/** What a deadline needs to know of the calendar: whether a Shanghai date is a working day. */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

/** The instant a Shanghai date begins (its 00:00 in Asia/Shanghai). */
export function shanghaiMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET);
}

/** 0 Sunday … 6 Saturday, of a YYYY-MM-DD date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/**
 * Whether a date is a working day: a day listed in its year's calendar says so itself (a holiday is
 * off, an adjusted working day 调休 is on, even on a weekend); any other day works Monday to Friday.
 */
export function isWorkingDay(date: string, days: ReadonlyMap<string, CalendarDayKind>): boolean {
  const listed = days.get(date);
  if (listed) return listed === 'workday';
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/** A calendar over the given years; a year that has no calendar falls back to weekends off. */
export function buildCalendar(years: readonly YearCalendar[]): WorkCalendar {
  const days = new Map<string, CalendarDayKind>();
  for (const year of years) for (const day of year.days) days.set(day.date, day.kind);
  return { isWorkingDay: (date) => isWorkingDay(date, days) };
}

/** Weekends off and nothing else: what counts when no year calendar is known. */
export const WEEKENDS_ONLY: WorkCalendar = buildCalendar([]);

/**
 * Adds working time to an instant: the clock runs only on working days (Asia/Shanghai), and a whole
 * working day counts 24 hours, so a limit of 72 hours is three working days. A start on a day off
 * begins counting at the next working day's midnight. Bounded: at most ten years are walked.
 */
export function addWorkingHours(start: Date, hours: number, calendar: WorkCalendar): Date {
  let left = Math.max(0, hours) * HOUR;
  let date = shanghaiDate(start);
  let at = start.getTime();
  for (let guard = 0; guard < 3_660; guard++) {
    const dayEnd = shanghaiMidnight(date).getTime() + DAY;
    if (calendar.isWorkingDay(date)) {
      const room = dayEnd - at;
      if (left <= room) return new Date(at + left);
      left -= room;
    }
    date = nextDate(date);
    at = dayEnd;
  }
  return new Date(at + left);
}

/** Adds whole working days: the same time of day, N working days on (a day off starts at its next working day). */
export function addWorkingDays(start: Date, days: number, calendar: WorkCalendar): Date {
  return addWorkingHours(start, days * 24, calendar);
}

/**
 * When a limit started at `start` runs out: in working time on the calendar when one is given (a matter
 * whose limits are declared in working days), else in plain hours on the wall clock.
 */
export function dueAt(start: Date, limitHours: number, calendar: WorkCalendar | null): Date {
  return calendar
    ? addWorkingHours(start, limitHours, calendar)
    : new Date(start.getTime() + limitHours * HOUR);
}

/** The problems of a year's list of days, for the editor; empty when it can be saved. */
export function calendarProblems(year: number, days: readonly CalendarDay[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const day of days) {
    if (!day.date.startsWith(`${year}-`)) problems.push(`${day.date} is not in ${year}`);
    if (seen.has(day.date)) problems.push(`${day.date} is listed twice`);
    seen.add(day.date);
  }
  return problems;
}
