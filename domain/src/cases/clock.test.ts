import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeLimits } from '../matters/schemas';
import {
  formatDuration,
  isOverdue,
  isPaused,
  limitFor,
  overdueLevel,
  type PauseInterval,
  pausedMillis,
  stageDueAt,
} from './clock';

const HOUR = 3600_000;
const start = new Date('2026-11-02T01:00:00Z'); // 09:00 in Shanghai, the stage starts
const at = (h: number) => new Date(start.getTime() + h * HOUR);
const pause = (from: number, to: number | null): PauseInterval => ({
  from: at(from),
  to: to === null ? null : at(to),
});

describe('paused time', () => {
  it('counts only the part of each pause inside the window', () => {
    const pauses = [pause(-2, 1), pause(3, 5), pause(10, 12)];
    // 0–1, 3–5 and 10–11 of the window 0–11.
    expect(pausedMillis(pauses, at(0), at(11))).toBe(4 * HOUR);
  });
  it('counts a pause still running up to the end of the window', () => {
    expect(pausedMillis([pause(2, null)], at(0), at(7))).toBe(5 * HOUR);
  });
  it('counts overlapping pauses once', () => {
    expect(pausedMillis([pause(1, 4), pause(2, 6), pause(3, 5)], at(0), at(10))).toBe(5 * HOUR);
  });
  it('is zero without pauses or for an empty window', () => {
    expect(pausedMillis([], at(0), at(10))).toBe(0);
    expect(pausedMillis([pause(1, 4)], at(5), at(3))).toBe(0);
  });
  it('never exceeds the window, whatever the pauses', () => {
    const interval = fc
      .tuple(fc.integer({ min: -50, max: 50 }), fc.option(fc.integer({ min: 0, max: 30 })))
      .map(([from, length]) => pause(from, length === null ? null : from + length));
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), (pauses, h) => {
        const ms = pausedMillis(pauses, at(0), at(h));
        expect(ms).toBeGreaterThanOrEqual(0);
        expect(ms).toBeLessThanOrEqual(h * HOUR);
      }),
    );
  });
});

describe('stage deadline', () => {
  it('is the limit after the start without pauses', () => {
    expect(stageDueAt(start, 72, [], at(1))).toEqual(at(72));
  });
  it('is pushed back by the time paused since the stage started, not before', () => {
    // A pause from before the stage (-5 to 2) counts 2 h; one of 3 h inside it counts whole.
    expect(stageDueAt(start, 72, [pause(-5, 2), pause(10, 13)], at(20))).toEqual(at(77));
  });
  it('while still paused, is the deadline the stage would have if it resumed now', () => {
    const pauses = [pause(10, null)];
    expect(stageDueAt(start, 24, pauses, at(15))).toEqual(at(29));
    expect(stageDueAt(start, 24, pauses, at(40))).toEqual(at(54));
  });
  it('takes fractional limits of urgent stages to the minute', () => {
    expect(stageDueAt(start, 0.5, [], at(0))).toEqual(new Date('2026-11-02T01:30:00Z'));
  });
});

describe('overdue', () => {
  const due = at(24);
  it('is late only after the deadline, and never while paused', () => {
    expect(isOverdue(at(24), due, [])).toBe(false);
    expect(isOverdue(at(24.01), due, [])).toBe(true);
    expect(isOverdue(at(30), due, [pause(29, null)])).toBe(false);
    expect(isOverdue(at(30), due, [pause(25, 28)])).toBe(true);
  });
  it('a pause is over at its end', () => {
    expect(isPaused([pause(1, 3)], at(1))).toBe(true);
    expect(isPaused([pause(1, 3)], at(3))).toBe(false);
  });
  it('is missed once after the deadline, twice after a further whole limit', () => {
    expect(overdueLevel(at(24), due, 24, [])).toBe(0);
    expect(overdueLevel(at(25), due, 24, [])).toBe(1);
    expect(overdueLevel(at(48), due, 24, [])).toBe(1);
    expect(overdueLevel(at(48.5), due, 24, [])).toBe(2);
    expect(overdueLevel(at(100), due, 24, [pause(90, null)])).toBe(0);
  });
  it('uses the pushed-back deadline: a 4 h pause moves both thresholds by 4 h', () => {
    const pauses = [pause(5, 9)];
    const pushed = stageDueAt(start, 24, pauses, at(30));
    expect(pushed).toEqual(at(28));
    expect(overdueLevel(at(27), pushed, 24, pauses)).toBe(0);
    expect(overdueLevel(at(29), pushed, 24, pauses)).toBe(1);
    expect(overdueLevel(at(53), pushed, 24, pauses)).toBe(2);
  });
});

describe('stage limits', () => {
  const limits: TimeLimits = {
    normal: { accept: 2, dispatch: 4, handle: 72, verify: 24, close: 24 },
    urgent: { accept: 0.5, dispatch: 1, handle: 24, verify: 4, close: 8 },
  };
  it('reads the limit of a stage at an urgency', () => {
    expect(limitFor(limits, 'normal', 'handle')).toBe(72);
    expect(limitFor(limits, 'urgent', 'accept')).toBe(0.5);
    expect(limitFor(limits, 'urgent', 'close')).toBe(8);
  });
});

describe('durations for people', () => {
  const ms = (d: number, h: number, m = 0) => ((d * 24 + h) * 60 + m) * 60_000;
  it('shows days and hours, or hours and minutes, truncated', () => {
    expect(formatDuration(ms(2, 3, 59), 'zh-CN')).toBe('2天3小时');
    expect(formatDuration(ms(2, 3, 59), 'en')).toBe('2 d 3 h');
    expect(formatDuration(ms(0, 3, 20), 'zh-CN')).toBe('3小时20分钟');
    expect(formatDuration(ms(0, 3, 20), 'en')).toBe('3 h 20 min');
    expect(formatDuration(ms(0, 0, 45), 'zh-CN')).toBe('45分钟');
    expect(formatDuration(ms(0, 0, 45), 'en')).toBe('45 min');
  });
  it('leaves out a zero second part', () => {
    expect(formatDuration(ms(3, 0, 30), 'zh-CN')).toBe('3天');
    expect(formatDuration(ms(0, 5), 'en')).toBe('5 h');
  });
  it('says less than a minute rather than zero, and ignores the sign', () => {
    expect(formatDuration(30_000, 'zh-CN')).toBe('不足1分钟');
    expect(formatDuration(0, 'en')).toBe('< 1 min');
    expect(formatDuration(-ms(1, 2), 'zh-CN')).toBe('1天2小时');
  });
});
