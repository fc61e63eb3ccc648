/**
 * Ranking with ties, as a posted board reads: equal scores share a place and the next place skips
 * (competition ranking, 1, 1, 3). Rows with no score (a courtyard without households) are listed
 * last without a place. Among equals the order is fixed by `tieBreak`, so a board never shuffles
 * between two refreshes.
 */
export interface Ranked<T> {
  item: T;
  rank: number | null;
}

export function rankWithTies<T>(
  items: readonly T[],
  score: (item: T) => number | null,
  tieBreak: (a: T, b: T) => number,
): Ranked<T>[] {
  const sorted = [...items].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    if (sa === null || sb === null) {
      if (sa !== sb) return sa === null ? 1 : -1;
      return tieBreak(a, b);
    }
    return sb - sa || tieBreak(a, b);
  });
  const out: Ranked<T>[] = [];
  let lastScore: number | null = null;
  let lastRank = 0;
  sorted.forEach((item, index) => {
    const s = score(item);
    if (s === null) {
      out.push({ item, rank: null });
      return;
    }
    const rank = index > 0 && s === lastScore ? lastRank : index + 1;
    lastScore = s;
    lastRank = rank;
    out.push({ item, rank });
  });
  return out;
}

/**
 * A courtyard's or village's figure: points earned per household, to one decimal. Ranking uses the
 * figure as shown, so two courtyards showing the same number share a place. Null without households.
 */
export function perHousehold(points: number, households: number): number | null {
  if (households <= 0) return null;
  return Math.round((points * 10) / households) / 10;
}

/** Source types that count as earning: awards, deductions and reversals. Spending does not. */
export const EARNING_SOURCES = ['case', 'manual', 'reversal'] as const;

/** Orders strings as a Chinese reader expects (pinyin for Han characters), then by id. */
export function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
