/**
 * 对单考核: each fulfilment is scored item by item against the task's criteria (0..the item's maximum),
 * and scores roll up into rankings.
 */

export interface ScoredItem {
  maxScore: number;
}

/** Whether a score sheet fits the task: one score per item, each a whole number within 0..max. */
export function validScores(items: readonly ScoredItem[], scores: readonly number[]): boolean {
  return (
    scores.length === items.length &&
    scores.every((s, i) => Number.isInteger(s) && s >= 0 && s <= (items[i] as ScoredItem).maxScore)
  );
}

/** An assignment's result as a percentage of the task's full marks, to one decimal. */
export function percentOf(items: readonly ScoredItem[], scores: readonly number[]): number {
  const max = items.reduce((sum, i) => sum + i.maxScore, 0);
  if (max === 0) return 0;
  const total = scores.reduce((sum, s) => sum + s, 0);
  return Math.round((total / max) * 1000) / 10;
}

/**
 * What one assignment counts for in a ranking:
 * - scored: its percentage;
 * - past its deadline and never submitted (still open): 0, a task left undone is a task failed;
 * - anything else (not yet due, or submitted and awaiting review): not counted yet.
 */
export function rankingResult(a: {
  status: string;
  percent: number | null;
  dueAt: Date;
  now: Date;
}): number | null {
  if (a.status === 'scored') return a.percent ?? 0;
  const open = a.status === 'assigned' || a.status === 'in_progress' || a.status === 'returned';
  if (open && a.now.getTime() >= a.dueAt.getTime()) return 0;
  return null;
}

export interface RankingInput {
  key: string;
  name: string;
  /** The counted results of this entity's assignments in the period (see rankingResult). */
  results: readonly number[];
  /** All its assignments due in the period, counted or not. */
  assigned: number;
  /** Of those, the ones whose deadline has passed or that were handed in: the on-time rate's base. */
  settled: number;
  /** Of those, the ones submitted by the deadline. */
  onTime: number;
}

export interface RankingRow {
  rank: number;
  key: string;
  name: string;
  /** Mean of the counted results, 0..100 to one decimal; null when nothing counts yet. */
  score: number | null;
  counted: number;
  assigned: number;
  /** Submitted by the deadline ÷ (handed in or past due), 0..100 to one decimal; null when none is. */
  onTimeRate: number | null;
}

/**
 * A ranking: entities by mean result, highest first; ties by more counted assignments, then by name
 * (zh-CN collation) so the order is stable. Entities with nothing counted come last, unranked by score.
 * Equal scores with equal counts share a rank (1, 2, 2, 4).
 */
export function rank(inputs: readonly RankingInput[]): RankingRow[] {
  const rows = inputs.map((i) => ({
    key: i.key,
    name: i.name,
    score: i.results.length
      ? Math.round((i.results.reduce((s, r) => s + r, 0) / i.results.length) * 10) / 10
      : null,
    counted: i.results.length,
    assigned: i.assigned,
    onTimeRate: i.settled ? Math.round((i.onTime / i.settled) * 1000) / 10 : null,
  }));
  rows.sort(
    (a, b) =>
      (b.score ?? -1) - (a.score ?? -1) || b.counted - a.counted || a.name.localeCompare(b.name, 'zh-CN'),
  );
  let previous: (typeof rows)[number] | null = null;
  let rankNo = 0;
  return rows.map((r, i) => {
    if (!previous || previous.score !== r.score || previous.counted !== r.counted) rankNo = i + 1;
    previous = r;
    return { rank: rankNo, ...r };
  });
}
