import { PRELOADED_CALENDARS } from '@domain/calendar/published';
import type { Db } from '../db/client';
import { calendarYears } from '../db/schema';

/**
 * Puts the preloaded years (2026 as published, 2027 provisional) into an empty calendar table. A year
 * already there is left as the admins made it; run at every start, so any database has them.
 */
export async function preloadCalendars(db: Db): Promise<void> {
  await db
    .insert(calendarYears)
    .values(
      PRELOADED_CALENDARS.map((c) => ({
        year: c.year,
        days: c.days,
        provisional: c.provisional,
        note: c.provisional
          ? '官方安排尚未公布，按法定节日日期预置，待公布核对 (provisional: statutory dates only, to be checked)'
          : '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)',
      })),
    )
    .onConflictDoNothing();
}
