import { describe, expect, it } from 'vitest';
import { BACKOFF_MAX_MS, backoffDelay } from './backoff';

describe('reconnect backoff of the wall screen', () => {
  it('doubles from one second and never waits more than 30 s (36 s with jitter)', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, mid))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(1000, () => 0.999)).toBeLessThanOrEqual(BACKOFF_MAX_MS * 1.2);
  });

  it('spreads screens out by up to 20 % either way', () => {
    expect(backoffDelay(2, () => 0)).toBe(3200);
    expect(backoffDelay(2, () => 1)).toBe(4800);
  });
});
