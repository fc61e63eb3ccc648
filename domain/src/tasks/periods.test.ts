import { describe, expect, it } from 'vitest';
import { instanceDueAt, reminderAt } from './deadline';
import { parsePeriod, periodOf } from './periods';

describe('periods in Asia/Shanghai', () => {
  it('a Sunday 23:30 in Shanghai (15:30 UTC) is still that day and that ISO week', () => {
    const at = new Date('2026-11-29T15:30:00Z');
    expect(periodOf('daily', at).key).toBe('2026-11-29');
    const week = periodOf('weekly', at);
    expect(week.key).toBe('2026-W48');
    expect(week.start.toISOString()).toBe('2026-11-22T16:00:00.000Z'); // Monday 23 Nov 00:00 +08
    expect(week.end.toISOString()).toBe('2026-11-29T16:00:00.000Z');
  });

  it('Sunday 16:00 UTC is Monday 00:00 in Shanghai: the next day, week and (here) the same month', () => {
    const at = new Date('2026-11-29T16:00:00Z');
    expect(periodOf('daily', at).key).toBe('2026-11-30');
    expect(periodOf('weekly', at).key).toBe('2026-W49');
    expect(periodOf('monthly', at).key).toBe('2026-11');
  });

  it('the last evening of a month in UTC is already the next month in Shanghai', () => {
    const at = new Date('2026-11-30T16:30:00Z');
    const month = periodOf('monthly', at);
    expect(month.key).toBe('2026-12');
    expect(month.start.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(month.end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('ISO weeks across the new year: 1 January 2027 (a Friday) lies in 2026-W53', () => {
    expect(periodOf('weekly', new Date('2027-01-01T04:00:00Z')).key).toBe('2026-W53');
    expect(periodOf('weekly', new Date('2027-01-04T04:00:00Z')).key).toBe('2027-W01');
  });

  it('parses the keys it makes, and refuses others', () => {
    for (const every of ['daily', 'weekly', 'monthly'] as const) {
      const p = periodOf(every, new Date('2026-03-15T10:00:00Z'));
      const back = parsePeriod(p.key);
      expect(back?.start.toISOString()).toBe(p.start.toISOString());
      expect(back?.end.toISOString()).toBe(p.end.toISOString());
    }
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('2026-02-30')).toBeNull();
    expect(parsePeriod('2026-W54')).toBeNull();
    expect(parsePeriod('last week')).toBeNull();
  });

  it('an instance is due when its period ends, reminded a day before for weekly work', () => {
    const week = periodOf('weekly', new Date('2026-11-25T02:00:00Z'));
    const due = instanceDueAt(week);
    expect(due.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(reminderAt(week.start, due, 'weekly').toISOString()).toBe('2026-11-28T16:00:00.000Z');
  });

  it('a task due sooner than its reminder lead is reminded halfway to its deadline', () => {
    const issued = new Date('2026-11-29T00:00:00Z');
    const due = new Date('2026-11-29T04:00:00Z');
    expect(reminderAt(issued, due, null).toISOString()).toBe('2026-11-29T02:00:00.000Z');
  });
});
