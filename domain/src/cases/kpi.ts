import { z } from 'zod';

/** The facts of one case that the KPI formulas read; the server selects exactly these columns. */
export interface CaseFacts {
  reportedAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  rejectedAt: Date | null;
  /** The final deadline of the case (all stage limits, pushed back by paused time). */
  dueAt: Date | null;
  isDispute: boolean;
  /** Where it was settled: grid, village, town, or the district after escalation. */
  resolvedLevel: string | null;
  reworkCount: number;
  everResolved: boolean;
  rating: string | null;
  /** Not closed and not rejected. */
  open: boolean;
}

/** Half-open [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

const within = (d: Date | null, p: Period) => d !== null && d >= p.from && d < p.to;
const rate = (num: number, den: number) => (den === 0 ? null : num / den);

export const received = (cases: readonly CaseFacts[], p: Period) =>
  cases.filter((c) => within(c.reportedAt, p)).length;
export const accepted = (cases: readonly CaseFacts[], p: Period) =>
  cases.filter((c) => within(c.acceptedAt, p)).length;
export const closed = (cases: readonly CaseFacts[], p: Period) =>
  cases.filter((c) => within(c.closedAt, p)).length;

/**
 * 按期办结率: closed within the limit ÷ due. "Due" are the cases closed in the period and the open
 * ones whose deadline fell in it (those are already late, whenever they close).
 */
export function onTimeRate(cases: readonly CaseFacts[], p: Period): number | null {
  const due = cases.filter((c) => within(c.closedAt, p) || (c.open && within(c.dueAt, p)));
  const onTime = due.filter((c) => c.closedAt !== null && c.dueAt !== null && c.closedAt <= c.dueAt);
  return rate(onTime.length, due.length);
}

/** 群众满意率: (满意 + 基本满意) ÷ rated, over cases closed in the period. */
export function satisfactionRate(cases: readonly CaseFacts[], p: Period): number | null {
  const rated = cases.filter((c) => within(c.closedAt, p) && c.rating !== null);
  return rate(
    rated.filter((c) => c.rating === 'satisfied' || c.rating === 'basically_satisfied').length,
    rated.length,
  );
}

/** 返工率: cases sent back at least once ÷ cases that were resolved, over cases closed in the period. */
export function reworkRate(cases: readonly CaseFacts[], p: Period): number | null {
  const resolved = cases.filter((c) => within(c.closedAt, p) && c.everResolved);
  return rate(resolved.filter((c) => c.reworkCount > 0).length, resolved.length);
}

export const GRASSROOTS = new Set(['grid', 'village', 'town']);

/** 矛盾纠纷基层化解率: disputes settled at town level or below ÷ all disputes closed in the period. */
export function grassrootsResolutionRate(cases: readonly CaseFacts[], p: Period): number | null {
  const disputes = cases.filter((c) => c.isDispute && within(c.closedAt, p));
  return rate(
    disputes.filter((c) => c.resolvedLevel !== null && GRASSROOTS.has(c.resolvedLevel)).length,
    disputes.length,
  );
}

export const overdueNow = (cases: readonly CaseFacts[], now: Date) =>
  cases.filter((c) => c.open && c.dueAt !== null && c.dueAt < now).length;

export const KpiPanel = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  closed: z.number().int(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
  reworkRate: z.number().nullable(),
  grassrootsResolutionRate: z.number().nullable(),
  overdueNow: z.number().int(),
});
export type KpiPanel = z.infer<typeof KpiPanel>;

export function kpiPanel(cases: readonly CaseFacts[], p: Period, now: Date): KpiPanel {
  return {
    received: received(cases, p),
    accepted: accepted(cases, p),
    closed: closed(cases, p),
    onTimeRate: onTimeRate(cases, p),
    satisfactionRate: satisfactionRate(cases, p),
    reworkRate: reworkRate(cases, p),
    grassrootsResolutionRate: grassrootsResolutionRate(cases, p),
    overdueNow: overdueNow(cases, now),
  };
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * The Asia/Shanghai day, ISO week (from Monday) or calendar month holding `at`. China keeps UTC+8
 * all year, so a fixed offset is exact.
 */
export function periodOf(kind: 'day' | 'week' | 'month', at: Date): Period {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  const toUtc = (yy: number, mm: number, dd: number) => new Date(Date.UTC(yy, mm, dd) - SHANGHAI_OFFSET_MS);
  if (kind === 'day') return { from: toUtc(y, m, d), to: toUtc(y, m, d + 1) };
  if (kind === 'month') return { from: toUtc(y, m, 1), to: toUtc(y, m + 1, 1) };
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return { from: toUtc(y, m, d - sinceMonday), to: toUtc(y, m, d - sinceMonday + 7) };
}

/** The period of the same length just before, for "against last period" figures. */
export function previousPeriod(p: Period): Period {
  const length = p.to.getTime() - p.from.getTime();
  return { from: new Date(p.from.getTime() - length), to: p.from };
}

export function formatRate(value: number | null, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}
