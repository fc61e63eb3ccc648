import type { CalendarYearView } from '@domain/calendar/schemas';
import {
  buildCalendar,
  type CalendarDay,
  type WorkCalendar,
  type YearCalendar,
} from '@domain/calendar/workingDays';
import { asc, between, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { calendarYears, users } from '../db/schema';

type YearRow = typeof calendarYears.$inferSelect;

/** node-postgres parses jsonb; PGlite may hand it over as text. */
export const daysOf = (value: unknown): CalendarDay[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as CalendarDay[];

export function toYearCalendar(row: Pick<YearRow, 'year' | 'days' | 'provisional'>): YearCalendar {
  return { year: row.year, days: daysOf(row.days), provisional: row.provisional };
}

/** The calendar around an instant (the year before to two years after), for a deadline counted from it. */
export async function calendarAround(db: Db, at: Date): Promise<WorkCalendar> {
  const year = at.getUTCFullYear();
  const rows = await db
    .select({ year: calendarYears.year, days: calendarYears.days, provisional: calendarYears.provisional })
    .from(calendarYears)
    .where(between(calendarYears.year, year - 1, year + 2));
  return buildCalendar(rows.map(toYearCalendar));
}

export async function listYears(db: Db): Promise<CalendarYearView[]> {
  const rows = await db
    .select({ row: calendarYears, by: users.name })
    .from(calendarYears)
    .leftJoin(users, eq(users.id, calendarYears.updatedBy))
    .orderBy(asc(calendarYears.year));
  return rows.map(({ row, by }) => toYearView(row, by));
}

export async function findYear(db: Db, year: number): Promise<CalendarYearView | null> {
  const [found] = await db
    .select({ row: calendarYears, by: users.name })
    .from(calendarYears)
    .leftJoin(users, eq(users.id, calendarYears.updatedBy))
    .where(eq(calendarYears.year, year));
  return found ? toYearView(found.row, found.by) : null;
}

export function toYearView(row: YearRow, updatedBy: string | null): CalendarYearView {
  return {
    year: row.year,
    days: daysOf(row.days).sort((a, b) => a.date.localeCompare(b.date)),
    provisional: row.provisional,
    note: row.note,
    updatedAt: row.updatedBy ? row.updatedAt.toISOString() : null,
    updatedBy,
  };
}
