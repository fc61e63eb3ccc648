import { z } from 'zod';
import { type MediationFacts, withCourtyardMediations } from '../asks/kpi';
import { type CaseFacts, type KpiPanel, kpiPanel, type Period, periodOf } from '../cases/kpi';
import type { Ranking, RankingLevel } from '../tasks/schemas';
import type { RankingRow } from '../tasks/scoring';

/**
 * 日通报 / 周小结 / 月总结: one unit's figures for one Asia/Shanghai day, ISO week (Mon–Sun) or month,
 * each against the period before. Every rate comes from domain/src/cases/kpi.ts (and the courtyard
 * mediations of domain/src/asks/kpi.ts): a report never has a formula of its own.
 */
export const REPORT_KINDS = ['day', 'week', 'month'] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

/** The period of a kind holding `at` (Asia/Shanghai). */
export const reportPeriod = (kind: ReportKind, at: Date): Period => periodOf(kind, at);

/**
 * The period of the same kind just before: the day before, the week before, the calendar month before
 * (not "as many days back" — February is shorter than March).
 */
export const previousReportPeriod = (kind: ReportKind, p: Period): Period =>
  periodOf(kind, new Date(p.from.getTime() - 1));

/** The last period of a kind that has fully ended at `now`: what the scheduler reports on. */
export const lastEndedPeriod = (kind: ReportKind, now: Date): Period =>
  previousReportPeriod(kind, periodOf(kind, now));

/** A case as the report reads it: the KPI facts plus where it belongs. */
export interface ReportCase extends CaseFacts {
  sector: string;
  matterCode: string;
  matterName: string;
}

export interface ReportSupervision {
  id: string;
  level: string;
  subjectType: string;
  subjectId: string;
  requiredOutcome: string;
  status: string;
  dueAt: Date;
  overdueAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

export interface ReportAssignment {
  assigneeName: string;
  status: string;
  dueAt: Date;
  submittedAt: Date | null;
  overdueAt: Date | null;
  percent: number | null;
}

export const Figure = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** value − previous; null when either is unknown (a rate with nothing to count). */
  delta: z.number().nullable(),
});
export type Figure = z.infer<typeof Figure>;

export const figure = (value: number | null, previous: number | null): Figure => ({
  value,
  previous,
  delta: value === null || previous === null ? null : value - previous,
});

const CountRow = z.object({ received: Figure, closed: Figure });

/**
 * How much of each ranking a report keeps: the ten best and the three last of those scored, as a
 * bulletin names the 前十名 and 后三名; `total` says how many were ranked. The full list stays one
 * click away on the live ranking page.
 */
export const RANKING_TOP = 10;
export const RANKING_BOTTOM = 3;

const RankedRow = z.object({
  key: z.string(),
  name: z.string(),
  /** Rank now and in the previous period (null when it had nothing due then); delta < 0 is a rise. */
  rank: Figure,
  /** Mean result 0..100, against the previous period's. */
  score: Figure,
  counted: z.number().int(),
  assigned: z.number().int(),
  onTimeRate: z.number().nullable(),
});
export type RankedRow = z.infer<typeof RankedRow>;

export const RankingSection = z.object({
  total: z.number().int(),
  top: z.array(RankedRow),
  bottom: z.array(RankedRow),
});
export type RankingSection = z.infer<typeof RankingSection>;

const Rankings = z.object({
  grid_workers: RankingSection,
  grids: RankingSection,
  villages: RankingSection,
  sectors: RankingSection,
} satisfies Record<RankingLevel, typeof RankingSection>);
export type Rankings = z.infer<typeof Rankings>;

export const ReportBody = z.object({
  kind: ReportKind,
  unit: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: z.string(), to: z.string() }),
  previousPeriod: z.object({ from: z.string(), to: z.string() }),
  kpi: z.object({
    received: Figure,
    accepted: Figure,
    closed: Figure,
    onTimeRate: Figure,
    satisfactionRate: Figure,
    reworkRate: Figure,
    grassrootsResolutionRate: Figure,
    /** Open past their deadline at the end of the period (previous: at the end of the one before). */
    overdue: Figure,
  }),
  bySector: z.array(CountRow.extend({ sector: z.string() })),
  byMatter: z.array(CountRow.extend({ code: z.string(), name: z.string() })),
  supervision: z.object({
    placed: Figure,
    closed: Figure,
    /** Open and past due at the end of the period. */
    overdue: Figure,
    list: z.array(
      z.object({
        id: z.string(),
        level: z.string(),
        subjectType: z.string(),
        subjectId: z.string(),
        requiredOutcome: z.string(),
        status: z.string(),
        dueAt: z.string(),
        overdue: z.boolean(),
      }),
    ),
  }),
  tasks: z.object({
    /** Assignments whose deadline fell in the period. */
    due: Figure,
    /** Of those, submitted by the deadline. */
    completedOnTime: Figure,
    completionRate: Figure,
    averageScore: Figure,
    top: z.array(z.object({ assigneeName: z.string(), percent: z.number() })),
  }),
  /** 对单考核 rankings of the period's assignments; absent from snapshots made before they existed. */
  rankings: Rankings.optional(),
});
export type ReportBody = z.infer<typeof ReportBody>;

export interface ReportInput {
  kind: ReportKind;
  unit: { id: string; name: string };
  period: Period;
  cases: readonly ReportCase[];
  mediations: readonly MediationFacts[];
  supervisions: readonly ReportSupervision[];
  assignments: readonly ReportAssignment[];
  /** The rankings of each level for this period and for the one before (domain/src/tasks/scoring.ts). */
  rankings?: { current: readonly Ranking[]; previous: readonly Ranking[] };
  /** When the report is made; a period not yet over is measured up to this moment. */
  asOf?: Date;
}

const within = (d: Date | null, p: Period) => d !== null && d >= p.from && d < p.to;
const iso = (p: Period) => ({ from: p.from.toISOString(), to: p.to.toISOString() });

/** The moment a period is measured at: its end, or now while it is still running. */
const endOf = (input: ReportInput, p: Period) => (input.asOf && input.asOf < p.to ? input.asOf : p.to);

function panel(input: ReportInput, p: Period): KpiPanel {
  // "Overdue now" as of the period's end: a report read later still says what was true then.
  return withCourtyardMediations(kpiPanel(input.cases, p, endOf(input, p)), input.cases, input.mediations, p);
}

/** An open case at a moment in the past: reported by then and not closed or rejected by then. */
const overdueAt = (cases: readonly CaseFacts[], at: Date) =>
  cases.filter(
    (c) =>
      c.reportedAt < at &&
      c.dueAt !== null &&
      c.dueAt < at &&
      (c.closedAt === null || c.closedAt >= at) &&
      (c.rejectedAt === null || c.rejectedAt >= at),
  ).length;

function counts<K extends string>(
  cases: readonly ReportCase[],
  key: (c: ReportCase) => K,
  cur: Period,
  prev: Period,
) {
  const tally = new Map<K, { rc: number; cc: number; rp: number; cp: number }>();
  for (const c of cases) {
    const k = key(c);
    const t = tally.get(k) ?? { rc: 0, cc: 0, rp: 0, cp: 0 };
    if (within(c.reportedAt, cur)) t.rc++;
    if (within(c.closedAt, cur)) t.cc++;
    if (within(c.reportedAt, prev)) t.rp++;
    if (within(c.closedAt, prev)) t.cp++;
    tally.set(k, t);
  }
  return [...tally.entries()]
    .filter(([, t]) => t.rc + t.cc + t.rp + t.cp > 0)
    .sort(([a, x], [b, y]) => y.rc - x.rc || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, t]) => ({ key: k, received: figure(t.rc, t.rp), closed: figure(t.cc, t.cp) }));
}

function supervisionFigures(rows: readonly ReportSupervision[], p: Period, end: Date) {
  const overdueAtEnd = (s: ReportSupervision) =>
    s.createdAt < end && s.dueAt < end && (s.closedAt === null || s.closedAt >= end);
  return {
    placed: rows.filter((s) => within(s.createdAt, p)).length,
    closed: rows.filter((s) => within(s.closedAt, p)).length,
    overdue: rows.filter(overdueAtEnd).length,
    overdueAtEnd,
  };
}

function taskFigures(rows: readonly ReportAssignment[], p: Period) {
  const due = rows.filter((a) => within(a.dueAt, p));
  const onTime = due.filter((a) => a.submittedAt !== null && a.submittedAt <= a.dueAt);
  const scored = due.filter((a) => a.percent !== null);
  return {
    due: due.length,
    onTime: onTime.length,
    rate: due.length === 0 ? null : onTime.length / due.length,
    average:
      scored.length === 0 ? null : scored.reduce((s, a) => s + (a.percent as number), 0) / scored.length,
    scored,
  };
}

/** A ranking as the report keeps it: its head and tail, each row beside its place in the period before. */
export function rankingSection(
  current: readonly RankingRow[],
  previous: readonly RankingRow[],
): RankingSection {
  const before = new Map(previous.map((r) => [r.key, r]));
  const row = (r: RankingRow): RankedRow => {
    const p = before.get(r.key);
    return {
      key: r.key,
      name: r.name,
      rank: figure(r.rank, p?.rank ?? null),
      score: figure(r.score, p?.score ?? null),
      counted: r.counted,
      assigned: r.assigned,
      onTimeRate: r.onTimeRate,
    };
  };
  const top = current.slice(0, RANKING_TOP);
  // Unscored entities sort last but have no standing to be named among the last.
  const scoredRest = current.slice(RANKING_TOP).filter((r) => r.score !== null);
  return {
    total: current.length,
    top: top.map(row),
    bottom: scoredRest.slice(-RANKING_BOTTOM).map(row),
  };
}

function rankingSections(r: NonNullable<ReportInput['rankings']>): Rankings {
  const rows = (of: readonly Ranking[], l: RankingLevel) => of.find((x) => x.level === l)?.rows ?? [];
  const at = (l: RankingLevel) => rankingSection(rows(r.current, l), rows(r.previous, l));
  return {
    grid_workers: at('grid_workers'),
    grids: at('grids'),
    villages: at('villages'),
    sectors: at('sectors'),
  };
}

/** The whole bulletin from the rows of the period and the one before it. Pure: same rows, same report. */
export function buildReport(input: ReportInput): ReportBody {
  const cur = input.period;
  const prev = previousReportPeriod(input.kind, cur);
  const a = panel(input, cur);
  const b = panel(input, prev);
  const sa = supervisionFigures(input.supervisions, cur, endOf(input, cur));
  const sb = supervisionFigures(input.supervisions, prev, prev.to);
  const ta = taskFigures(input.assignments, cur);
  const tb = taskFigures(input.assignments, prev);
  return {
    kind: input.kind,
    unit: input.unit,
    period: iso(cur),
    previousPeriod: iso(prev),
    kpi: {
      received: figure(a.received, b.received),
      accepted: figure(a.accepted, b.accepted),
      closed: figure(a.closed, b.closed),
      onTimeRate: figure(a.onTimeRate, b.onTimeRate),
      satisfactionRate: figure(a.satisfactionRate, b.satisfactionRate),
      reworkRate: figure(a.reworkRate, b.reworkRate),
      grassrootsResolutionRate: figure(a.grassrootsResolutionRate, b.grassrootsResolutionRate),
      overdue: figure(overdueAt(input.cases, endOf(input, cur)), overdueAt(input.cases, prev.to)),
    },
    bySector: counts(input.cases, (c) => c.sector, cur, prev).map(({ key, ...r }) => ({ sector: key, ...r })),
    byMatter: counts(input.cases, (c) => `${c.matterCode}\u0000${c.matterName}`, cur, prev).map(
      ({ key, ...r }) => {
        const [code, name] = key.split('\u0000');
        return { code: code as string, name: name as string, ...r };
      },
    ),
    supervision: {
      placed: figure(sa.placed, sb.placed),
      closed: figure(sa.closed, sb.closed),
      overdue: figure(sa.overdue, sb.overdue),
      list: input.supervisions
        .filter((s) => within(s.createdAt, cur) || within(s.closedAt, cur) || sa.overdueAtEnd(s))
        .sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime())
        .map((s) => ({
          id: s.id,
          level: s.level,
          subjectType: s.subjectType,
          subjectId: s.subjectId,
          requiredOutcome: s.requiredOutcome,
          status: s.closedAt !== null && s.closedAt < cur.to ? 'closed' : 'open',
          dueAt: s.dueAt.toISOString(),
          overdue: sa.overdueAtEnd(s),
        })),
    },
    tasks: {
      due: figure(ta.due, tb.due),
      completedOnTime: figure(ta.onTime, tb.onTime),
      completionRate: figure(ta.rate, tb.rate),
      averageScore: figure(ta.average, tb.average),
      top: [...ta.scored]
        .sort(
          (x, y) =>
            (y.percent as number) - (x.percent as number) || x.assigneeName.localeCompare(y.assigneeName),
        )
        .slice(0, 10)
        .map((s) => ({ assigneeName: s.assigneeName, percent: s.percent as number })),
    },
    ...(input.rankings && { rankings: rankingSections(input.rankings) }),
  };
}
