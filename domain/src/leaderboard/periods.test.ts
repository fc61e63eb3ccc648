import { describe, expect, it } from 'vitest';
import { instantOf, periodOf, previousPeriod } from './periods';

describe('leaderboard periods in Asia/Shanghai', () => {
  it('a minute after local midnight on 1 December is December, though UTC still says November', () => {
    const at = new Date('2026-11-30T16:01:00Z'); // 00:01 on 1 Dec in Chongqing
    const p = periodOf('month', at);
    expect(p.key).toBe('2026-12');
    expect(p.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('a minute before local midnight stays in the old month', () => {
    expect(periodOf('month', new Date('2026-11-30T15:59:00Z')).key).toBe('2026-11');
  });

  it('quarters run Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec and the year rolls over', () => {
    expect(periodOf('quarter', new Date('2026-03-31T15:59:59Z')).key).toBe('2026-Q1');
    expect(periodOf('quarter', new Date('2026-03-31T16:00:00Z')).key).toBe('2026-Q2');
    const q4 = periodOf('quarter', new Date('2026-11-15T00:00:00Z'));
    expect(q4.key).toBe('2026-Q4');
    expect(q4.start.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(q4.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodOf('year', new Date('2026-12-31T16:00:00Z')).key).toBe('2027');
  });

  it('the previous period is the one just before, across a year boundary', () => {
    expect(previousPeriod(periodOf('month', new Date('2027-01-05T00:00:00Z'))).key).toBe('2026-12');
    expect(previousPeriod(periodOf('quarter', new Date('2027-01-05T00:00:00Z'))).key).toBe('2026-Q4');
    expect(previousPeriod(periodOf('year', new Date('2027-01-05T00:00:00Z'))).key).toBe('2026');
  });

  it('periods tile time: each ends where the next starts', () => {
    let p = periodOf('month', new Date('2026-01-10T00:00:00Z'));
    for (let i = 0; i < 14; i++) {
      const next = periodOf('month', p.end);
      expect(next.start.getTime()).toBe(p.end.getTime());
      expect(previousPeriod(next).key).toBe(p.key);
      p = next;
    }
  });

  it('a day in a query is that day in China; a bad day is refused', () => {
    expect(periodOf('month', instantOf('2026-12-01') as Date).key).toBe('2026-12');
    expect(periodOf('month', instantOf('2026-11-30T23:30:00+08:00') as Date).key).toBe('2026-11');
    expect(instantOf('2026-02-30')).toBeNull();
    expect(instantOf('not a date')).toBeNull();
  });
});
