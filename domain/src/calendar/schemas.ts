import { z } from 'zod';

export const CalendarDayKindSchema = z.enum(['holiday', 'workday']);

export const CalendarDaySchema = z.object({
  date: z.iso.date(),
  kind: CalendarDayKindSchema,
  name: z.string().trim().min(1).max(30),
});

export const Year = z.coerce.number().int().min(2000).max(2100);

/** What an admin saves for one year: the days that depart from the weekly rule, and whether it is still provisional. */
export const CalendarYearInput = z
  .object({
    days: z.array(CalendarDaySchema).max(120),
    provisional: z.boolean(),
    note: z.string().trim().max(500).default(''),
  })
  .strict();
export type CalendarYearInput = z.infer<typeof CalendarYearInput>;

export const CalendarYearView = z.object({
  year: z.number(),
  days: z.array(CalendarDaySchema),
  provisional: z.boolean(),
  note: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;

export const CalendarChangeView = z.object({
  id: z.string(),
  year: z.number(),
  actorName: z.string().nullable(),
  at: z.string(),
  added: z.array(CalendarDaySchema),
  removed: z.array(CalendarDaySchema),
  provisional: z.boolean(),
});
