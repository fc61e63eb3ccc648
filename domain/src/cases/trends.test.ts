import { describe, expect, it } from 'vitest';
import { fillDays, fillSectors, msUntilNextShanghaiDay, shanghaiDay, trendWindow } from './trends';

describe('wall screen trends', () => {
  it('counts a case reported at 23:59 and one at 00:00 in Chongqing on different days', () => {
    // 2026-11-28 23:59 in Chongqing is 15:59 UTC; 2026-11-29 00:00 is 16:00 UTC the day before.
    expect(shanghaiDay(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28');
    expect(shanghaiDay(new Date('2026-11-28T16:00:00Z'))).toBe('2026-11-29');
  });

  it('a window of 3 days ends today and starts at midnight in Chongqing two days before', () => {
    const w = trendWindow(3, new Date('2026-11-29T01:00:00Z')); // 09:00 on the 29th in Chongqing
    expect(w.days).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    expect(w.since.toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('just after midnight in Chongqing, today is already the next day though UTC is still on the last', () => {
    const w = trendWindow(1, new Date('2026-11-30T16:30:00Z'));
    expect(w.days).toEqual(['2026-12-01']);
    expect(w.since.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('knows how long until the next midnight in Chongqing, which is 16:00 UTC', () => {
    expect(msUntilNextShanghaiDay(new Date('2026-11-29T15:59:50Z'))).toBe(10_000);
    expect(msUntilNextShanghaiDay(new Date('2026-11-29T16:00:00Z'))).toBe(24 * 3600_000);
    expect(msUntilNextShanghaiDay(new Date('2026-11-29T16:00:00.001Z'))).toBe(24 * 3600_000 - 1);
    // 08:00 in Chongqing is midnight UTC: 16 hours to go, whatever the UTC date says.
    expect(msUntilNextShanghaiDay(new Date('2026-12-31T00:00:00Z'))).toBe(16 * 3600_000);
  });

  it('fills the days and sectors with nothing to count with zeros, in order', () => {
    expect(
      fillDays(['2026-11-28', '2026-11-29'], new Map([['2026-11-29', 3]]), new Map([['2026-11-28', 1]])),
    ).toEqual([
      { day: '2026-11-28', received: 0, closed: 1 },
      { day: '2026-11-29', received: 3, closed: 0 },
    ]);
    expect(fillSectors(['party', 'safety'], [{ sector: 'safety', open: 2, closed: 5 }])).toEqual([
      { sector: 'party', open: 0, closed: 0 },
      { sector: 'safety', open: 2, closed: 5 },
    ]);
  });
});
