/**
 * Pure evaluation rules: whether scores fit a template, a scorecard's total, how a total converts to
 * points, and how far a deduction may go. The server decides with these; the phone shows the same.
 */
import { chinaMonth } from '../points/rules';
import type { ConversionBand, Criterion, ScoreLine } from './schemas';

export function maxTotal(criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, c) => sum + c.max, 0);
}

/** Why these scores do not fit the template, or null: an unknown criterion, or a score above its max. */
export function scoreProblem(criteria: readonly Criterion[], scores: readonly ScoreLine[]): string | null {
  for (const s of scores) {
    const c = criteria.find((x) => x.key === s.key);
    if (!c) return `no criterion ${s.key} in this template`;
    if (!Number.isInteger(s.score) || s.score < 0 || s.score > c.max)
      return `${c.name} is scored 0 to ${c.max}`;
  }
  return null;
}

/** A scorecard is complete when every criterion of its template has a score. */
export function isComplete(criteria: readonly Criterion[], scores: readonly ScoreLine[]): boolean {
  return criteria.every((c) => scores.some((s) => s.key === c.key));
}

export function totalOf(scores: readonly ScoreLine[]): number {
  return scores.reduce((sum, s) => sum + s.score, 0);
}

/** The points of the highest band the total reaches; 0 below every band. */
export function pointsFor(bands: readonly ConversionBand[], total: number): number {
  const band = [...bands].sort((a, b) => b.minTotal - a.minTotal).find((b) => total >= b.minTotal);
  return band?.points ?? 0;
}

/**
 * What the ledger may take for an evaluation's points: an award in full; a deduction only down to what
 * the household has free (balance less what redemptions hold), because a balance never goes below zero
 * and publishing a month's round must not fail for one household's empty purse.
 */
export function pointsAllowed(points: number, balance: number, held: number): number {
  if (points >= 0) return points;
  const free = Math.max(0, balance - held);
  return free === 0 ? 0 : Math.max(points, -free);
}

/** A round may be opened for the current month or one already past, never for a month to come. */
export function monthMayOpen(month: string, now: Date): boolean {
  return month <= chinaMonth(now);
}
