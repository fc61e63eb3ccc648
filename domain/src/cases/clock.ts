import type { ClockStage, TimeLimits, Urgency } from '../matters/schemas';
import { overdueLevelAt } from './overdue';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A stretch during which the clock stood still (挂起); `to` is null while the case is still paused. */
export interface PauseInterval {
  from: Date;
  to: Date | null;
}

/**
 * Paused time inside [from, until]. A pause still running counts up to `until`. Overlapping pauses
 * are counted once, so a doubled pause row can never buy twice the time.
 */
export function pausedMillis(pauses: readonly PauseInterval[], from: Date, until: Date): number {
  const start = from.getTime();
  const end = until.getTime();
  const clipped = pauses
    .map((p) => [Math.max(p.from.getTime(), start), Math.min(p.to?.getTime() ?? end, end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let reached = start;
  for (const [a, b] of clipped) {
    if (b <= reached) continue;
    total += b - Math.max(a, reached);
    reached = b;
  }
  return total;
}

/** True when a pause covers `now`. */
export function isPaused(pauses: readonly PauseInterval[], now: Date): boolean {
  const t = now.getTime();
  return pauses.some((p) => p.from.getTime() <= t && (p.to === null || p.to.getTime() > t));
}

/**
 * The deadline of a stage: its limit from the stage's start, pushed back by all time paused since
 * then. While the case is still paused the answer is the deadline it would have if it resumed at
 * `now`, so it moves on as the pause goes on; show it as "paused", not as a fixed date.
 */
export function stageDueAt(
  stageStartedAt: Date,
  limitHours: number,
  pauses: readonly PauseInterval[],
  now: Date,
): Date {
  const paused = pausedMillis(pauses, stageStartedAt, now);
  return new Date(stageStartedAt.getTime() + limitHours * HOUR + paused);
}

/** Whether a stage is late at `now`, given its deadline from `stageDueAt`. A paused clock is never late. */
export function isOverdue(now: Date, dueAt: Date, pauses: readonly PauseInterval[]): boolean {
  return !isPaused(pauses, now) && now.getTime() > dueAt.getTime();
}

/** The limit in hours of one stage of a matter at an urgency. */
export function limitFor(limits: TimeLimits, urgency: Urgency, stage: ClockStage): number {
  return limits[urgency][stage];
}

/**
 * How many times a stage has missed its deadline at `now`: 0 on time (or paused), 1 once past
 * `dueAt`, 2 once a further whole `limitHours` has gone by after it. Level 2 is "overdue twice",
 * which the clock tick raises to the center's supervisor. `dueAt` is the deadline from `stageDueAt`,
 * `limitHours` the stage's limit from `limitFor`.
 */
export function overdueLevel(
  now: Date,
  dueAt: Date,
  limitHours: number,
  pauses: readonly PauseInterval[],
): 0 | 1 | 2 {
  return overdueLevelAt(now, dueAt, limitHours, isPaused(pauses, now));
}

const UNITS = {
  'zh-CN': { day: '天', hour: '小时', minute: '分钟', underMinute: '不足1分钟', sep: '' },
  en: { day: ' d', hour: ' h', minute: ' min', underMinute: '< 1 min', sep: ' ' },
} as const;

/**
 * A duration for people, for paused time or time left: the largest unit and the next one down,
 * truncated ('2天3小时', '3 h 20 min'), a zero second part left out. The sign is dropped: the
 * caller says whether it is time left or time overdue.
 */
export function formatDuration(ms: number, locale: 'zh-CN' | 'en'): string {
  const u = UNITS[locale];
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const [big, bigUnit, small, smallUnit] =
    days > 0 ? [days, u.day, hours, u.hour] : [hours, u.hour, minutes, u.minute];
  if (big === 0) return minutes > 0 ? `${minutes}${u.minute}` : u.underMinute;
  return small > 0 ? `${big}${bigUnit}${u.sep}${small}${smallUnit}` : `${big}${bigUnit}`;
}
