const HOUR = 3600_000;

/**
 * How far a stage has run past its limit: 0 on time, 1 once past its deadline, 2 when a whole
 * further limit has gone by as well ("overdue twice", which goes up to the center's supervisor).
 * A paused clock is never overdue.
 */
export function overdueLevelAt(
  now: Date,
  stageDueAt: Date | null,
  stageLimitHours: number,
  paused: boolean,
  /** When the further limit runs out, if not a plain `stageLimitHours` later (working-day limits). */
  twiceDueAt?: Date,
): 0 | 1 | 2 {
  if (!stageDueAt || paused) return 0;
  const late = now.getTime() - stageDueAt.getTime();
  if (late <= 0) return 0;
  if (twiceDueAt) return now.getTime() > twiceDueAt.getTime() ? 2 : 1;
  return late > stageLimitHours * HOUR ? 2 : 1;
}

/** A stage is "due soon" in its last fifth, or its last two hours if that is shorter; reminded once. */
export function isDueSoon(
  now: Date,
  stageDueAt: Date | null,
  stageLimitHours: number,
  paused: boolean,
): boolean {
  if (!stageDueAt || paused) return false;
  const left = stageDueAt.getTime() - now.getTime();
  return left > 0 && left <= Math.min(stageLimitHours * HOUR * 0.2, 2 * HOUR);
}
