import { describe, expect, it } from 'vitest';
import { isDueSoon, overdueLevelAt } from './overdue';

const due = new Date('2026-11-28T10:00:00Z');
const at = (h: number) => new Date(due.getTime() + h * 3600_000);

describe('the stage clock', () => {
  it('is on time up to the deadline, overdue after it, overdue twice after a further whole limit', () => {
    expect(overdueLevelAt(at(0), due, 24, false)).toBe(0);
    expect(overdueLevelAt(at(0.1), due, 24, false)).toBe(1);
    expect(overdueLevelAt(at(24), due, 24, false)).toBe(1);
    expect(overdueLevelAt(at(24.1), due, 24, false)).toBe(2);
  });
  it('a paused clock is never overdue', () => {
    expect(overdueLevelAt(at(100), due, 24, true)).toBe(0);
  });
  it('reminds in the last fifth of a short stage, or the last two hours of a long one', () => {
    expect(isDueSoon(at(-0.3), due, 2, false)).toBe(true);
    expect(isDueSoon(at(-0.3), due, 2, true)).toBe(false);
    expect(isDueSoon(at(-0.5), due, 2, false)).toBe(false);
    expect(isDueSoon(at(-1.5), due, 72, false)).toBe(true);
    expect(isDueSoon(at(-3), due, 72, false)).toBe(false);
    expect(isDueSoon(at(1), due, 72, false)).toBe(false);
  });
});

describe('the stage clock on working-day limits', () => {
  it('is overdue twice only once the further limit has run out in working time', () => {
    const twice = new Date(due.getTime() + 72 * 3600_000);
    expect(overdueLevelAt(at(30), due, 24, false, twice)).toBe(1);
    expect(overdueLevelAt(at(72.1), due, 24, false, twice)).toBe(2);
  });
});
