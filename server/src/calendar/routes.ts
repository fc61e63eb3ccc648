import { CalendarChangeView, CalendarYearInput, CalendarYearView, Year } from '@domain/calendar/schemas';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { calendarChanges, users } from '../db/schema';
import { requireAuth } from '../platform/authenticate';
import { enforce } from '../platform/enforce';
import type { App, Deps } from '../platform/types';
import { editYear } from './editYear';
import { daysOf, findYear, listYears } from './queries';

const tags = ['calendar'];
const YearParams = z.object({ year: Year });

/** The working-day calendar (工作日历): one per year, read by anyone signed in, edited by admins. */
export function calendarRoutes(app: App, { db }: Deps) {
  app.get(
    '/api/v1/calendar/years',
    {
      schema: {
        tags,
        summary: '工作日历（各年）Working-day calendars, one per year',
        response: { 200: z.array(CalendarYearView) },
      },
    },
    async (request) => {
      requireAuth(request);
      return listYears(db);
    },
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '保存某年的节假日与调休 Save a year’s holidays and adjusted working days',
        params: YearParams,
        body: CalendarYearInput,
        response: { 200: CalendarYearView },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      await editYear(db, actor, request.params.year, request.body);
      return (await findYear(db, request.params.year)) as CalendarYearView;
    },
  );

  app.get(
    '/api/v1/calendar/years/:year/changes',
    {
      schema: {
        tags,
        summary: '某年日历的修改记录 Changes of a year’s calendar',
        params: YearParams,
        response: { 200: z.array(CalendarChangeView) },
      },
    },
    async (request) => {
      const { actor } = requireAuth(request);
      enforce(actor.grants.some((g) => g.role === 'admin') ? 'allow' : 'forbidden');
      const rows = await db
        .select({ change: calendarChanges, actorName: users.name })
        .from(calendarChanges)
        .leftJoin(users, eq(users.id, calendarChanges.actorId))
        .where(eq(calendarChanges.year, request.params.year))
        .orderBy(desc(calendarChanges.at))
        .limit(100);
      return rows.map(({ change, actorName }) => {
        const before = daysOf((change.before as { days?: unknown } | null)?.days ?? []);
        const after = change.after as { days: unknown; provisional: boolean };
        const afterDays = daysOf(after.days);
        const key = (d: { date: string; kind: string; name: string }) => `${d.date} ${d.kind} ${d.name}`;
        const beforeKeys = new Set(before.map(key));
        const afterKeys = new Set(afterDays.map(key));
        return {
          id: change.id,
          year: change.year,
          actorName,
          at: change.at.toISOString(),
          added: afterDays.filter((d) => !beforeKeys.has(key(d))),
          removed: before.filter((d) => !afterKeys.has(key(d))),
          provisional: after.provisional,
        };
      });
    },
  );
}
