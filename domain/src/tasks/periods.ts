/**
 * Periods of recurring tasks and of rankings: a day, an ISO week (Monday to Sunday) or a calendar
 * month, always as the clock reads in Asia/Shanghai (UTC+8 all year, no daylight saving).
 */
export const RECURRENCES = ['daily', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

export interface Period {
  /** `2026-11-29`, `2026-W48` or `2026-11`: stable, sortable within a kind, and the instance key. */
  key: string;
  every: Recurrence;
  /** Inclusive start and exclusive end, as instants. */
  start: Date;
  end: Date;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Shanghai wall-clock midnight of a calendar day, as an instant. */
function midnight(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS);
}

function wall(at: Date): { y: number; m: number; d: number; weekday: number } {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  // getUTCDay: 0 = Sunday; ISO weekday: 1 = Monday … 7 = Sunday.
  const dow = local.getUTCDay();
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    weekday: dow === 0 ? 7 : dow,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 week-numbering year and week of a Shanghai calendar day. */
function isoWeek(y: number, m: number, d: number): { year: number; week: number; monday: Date } {
  const weekday = wall(midnight(y, m, d)).weekday;
  const monday = new Date(midnight(y, m, d).getTime() - (weekday - 1) * DAY_MS);
  const thursday = wall(new Date(monday.getTime() + 3 * DAY_MS));
  const jan1 = midnight(thursday.y, 1, 1);
  const week =
    Math.floor((midnight(thursday.y, thursday.m, thursday.d).getTime() - jan1.getTime()) / (7 * DAY_MS)) + 1;
  return { year: thursday.y, week, monday };
}

/** The period of the given kind that contains the instant. */
export function periodOf(every: Recurrence, at: Date): Period {
  const { y, m, d } = wall(at);
  if (every === 'daily') {
    const start = midnight(y, m, d);
    return { key: `${y}-${pad(m)}-${pad(d)}`, every, start, end: new Date(start.getTime() + DAY_MS) };
  }
  if (every === 'weekly') {
    const { year, week, monday } = isoWeek(y, m, d);
    return {
      key: `${year}-W${pad(week)}`,
      every,
      start: monday,
      end: new Date(monday.getTime() + 7 * DAY_MS),
    };
  }
  const start = midnight(y, m, 1);
  const end = m === 12 ? midnight(y + 1, 1, 1) : midnight(y, m + 1, 1);
  return { key: `${y}-${pad(m)}`, every, start, end };
}

/** A period from its key (as a ranking query names it); null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const p = periodOf('daily', midnight(y, m, d));
    return p.key === key ? p : null;
  }
  match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    if (week < 1 || week > 53) return null;
    // The week holding 4 January is week 1.
    const first = isoWeek(year, 1, 4).monday;
    const p = periodOf('weekly', new Date(first.getTime() + (week - 1) * 7 * DAY_MS));
    return p.key === key ? p : null;
  }
  match = /^(\d{4})-(\d{2})$/.exec(key);
  if (match) {
    const [y, m] = [Number(match[1]), Number(match[2])];
    if (m < 1 || m > 12) return null;
    return periodOf('monthly', midnight(y, m, 1));
  }
  return null;
}
