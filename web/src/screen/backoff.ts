/** The first wait before reconnecting; doubled after each failed attempt up to the ceiling. */
export const BACKOFF_FIRST_MS = 1_000;
/** A wall screen retries at least this often however long the server has been away. */
export const BACKOFF_MAX_MS = 30_000;

/**
 * How long to wait before reconnect attempt `attempt` (0 for the first): exponential with ±20 %
 * jitter, so that the screens of a district do not all knock at once when the server comes back.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.8 + 0.4 * random()));
}
