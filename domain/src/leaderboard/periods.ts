/**
 * The periods a leaderboard covers (月榜, 季榜, 年榜), cut at local midnight in Asia/Shanghai, which
 * has kept UTC+8 without daylight saving since 1991: a fixed offset is exact for every date we hold.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** `2026-11`, `2026-Q4`, `2026`: the name a board and a cache use for it. */
  key: string;
  /** First instant inside the period. */
  start: Date;
  /** First instant after it: the period is [start, end). */
  end: Date;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

function chinaMidnight(year: number, month0: number): Date {
  // Date.UTC rolls month 12 over into January of the next year.
  return new Date(Date.UTC(year, month0, 1) - CHINA_OFFSET_MS);
}

/** The month, quarter or year of Asia/Shanghai that holds the instant `at`. */
export function periodOf(kind: PeriodKind, at: Date): Period {
  const local = new Date(at.getTime() + CHINA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month0 = local.getUTCMonth();
  if (kind === 'month') {
    return {
      kind,
      key: `${year}-${String(month0 + 1).padStart(2, '0')}`,
      start: chinaMidnight(year, month0),
      end: chinaMidnight(year, month0 + 1),
    };
  }
  if (kind === 'quarter') {
    const q0 = Math.floor(month0 / 3);
    return {
      kind,
      key: `${year}-Q${q0 + 1}`,
      start: chinaMidnight(year, q0 * 3),
      end: chinaMidnight(year, q0 * 3 + 3),
    };
  }
  return { kind, key: String(year), start: chinaMidnight(year, 0), end: chinaMidnight(year + 1, 0) };
}

/** The period just before `period`, of the same kind (last month, last quarter, last year). */
export function previousPeriod(period: Period): Period {
  return periodOf(period.kind, new Date(period.start.getTime() - 1));
}

/**
 * What `at=` means in a query: a calendar day (`2026-11-29`) is that day in Asia/Shanghai, whatever
 * the caller's clock says; a full timestamp is taken as the instant it names. Null if neither.
 */
export function instantOf(at: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const d = new Date(`${at}T12:00:00+08:00`);
    return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== at ? null : d;
  }
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : d;
}
