import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

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
