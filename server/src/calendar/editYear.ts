import type { CalendarYearInput } from '@domain/calendar/schemas';
import { calendarProblems } from '@domain/calendar/workingDays';
import { AppError } from '@domain/errors/codes';
import type { Actor } from '@domain/policies/scope';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { calendarChanges, calendarYears } from '../db/schema';
import { enforce } from '../platform/enforce';
import { newId } from '../platform/ids';
import { announceReferenceChange } from '../platform/referenceChanges';
import { daysOf } from './queries';

/**
 * Saves one year's calendar (creating the year if new), with its history row in the same transaction,
 * and announces the change so that every process's in-memory calendar is forgotten at once. Deadlines
 * already set are kept; the new calendar counts from the next stage on.
 */
export async function editYear(db: Db, actor: Actor, year: number, input: CalendarYearInput): Promise<void> {
  enforce(actor.grants.some((g) => g.role === 'admin') ? 'allow' : 'forbidden');
  const problems = calendarProblems(year, input.days);
  if (problems.length) throw new AppError('CALENDAR_INVALID', undefined, { problems });
  const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year)).for('update');
    const values = {
      days,
      provisional: input.provisional,
      note: input.note,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    };
    if (before) await tx.update(calendarYears).set(values).where(eq(calendarYears.year, year));
    else await tx.insert(calendarYears).values({ year, ...values });
    await tx.insert(calendarChanges).values({
      id: newId(),
      year,
      actorId: actor.userId,
      before: before
        ? { days: daysOf(before.days), provisional: before.provisional, note: before.note }
        : null,
      after: { days, provisional: input.provisional, note: input.note },
    });
    await announceReferenceChange(tx);
  });
}
