import { describe, expect, it } from 'vitest';
import { CALENDAR_2026, CALENDAR_2027_PROVISIONAL } from './published';
import {
  addWorkingDays,
  addWorkingHours,
  buildCalendar,
  calendarProblems,
  dueAt,
  shanghaiDate,
  shanghaiMidnight,
  WEEKENDS_ONLY,
} from './workingDays';

const cal = buildCalendar([CALENDAR_2026, CALENDAR_2027_PROVISIONAL]);
/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('the working-day calendar', () => {
  it('takes weekends off, public holidays off and adjusted working days (调休) on', () => {
    expect(cal.isWorkingDay('2026-03-02')).toBe(true); // a Monday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // a Saturday
    expect(cal.isWorkingDay('2026-02-18')).toBe(false); // 春节, a Wednesday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday worked for 春节
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday worked for 元旦
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-10-05')).toBe(false);
  });

  it('reads dates in Asia/Shanghai: 16:30 UTC on Dec 31 is already New Year’s Day', () => {
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(shanghaiMidnight('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it('counts a working-day limit over the Spring Festival', () => {
    // Friday 13 Feb 10:00 + 2 working days: Sat 14 (调休) works, 15–23 off, so Tuesday 24 Feb 10:00.
    expect(addWorkingDays(sh('2026-02-13T10:00:00'), 2, cal)).toEqual(sh('2026-02-24T10:00:00'));
    // The same on weekends only would be Tuesday 17 Feb.
    expect(addWorkingDays(sh('2026-02-13T10:00:00'), 2, WEEKENDS_ONLY)).toEqual(sh('2026-02-17T10:00:00'));
  });

  it('starts a report filed on a day off at the next working day’s midnight', () => {
    // Filed on National Day; 8 working hours run from 00:00 on Thursday 8 Oct.
    expect(addWorkingHours(sh('2026-10-03T15:00:00'), 8, cal)).toEqual(sh('2026-10-08T08:00:00'));
  });

  it('crosses the year boundary into a provisional next year', () => {
    // Thursday 31 Dec 2026 12:00 + 1 working day: 1 Jan 2027 is 元旦 (provisional), then the weekend.
    expect(addWorkingDays(sh('2026-12-31T12:00:00'), 1, cal)).toEqual(sh('2027-01-04T12:00:00'));
    // Exactly at Shanghai midnight opening a working day: one day later is the next midnight.
    expect(addWorkingHours(sh('2026-03-02T00:00:00'), 24, cal)).toEqual(sh('2026-03-03T00:00:00'));
  });

  it('dueAt counts wall-clock hours without a calendar and working time with one', () => {
    const start = sh('2026-05-01T09:00:00');
    expect(dueAt(start, 24, null)).toEqual(sh('2026-05-02T09:00:00'));
    // 劳动节 5/1–5/5 off, Wednesday 6 May counts from midnight.
    expect(dueAt(start, 24, cal)).toEqual(sh('2026-05-07T00:00:00'));
  });

  it('finds days outside the year and days listed twice', () => {
    expect(
      calendarProblems(2026, [
        { date: '2027-01-01', kind: 'holiday', name: 'x' },
        { date: '2026-05-01', kind: 'holiday', name: 'x' },
        { date: '2026-05-01', kind: 'workday', name: 'y' },
      ]),
    ).toHaveLength(2);
    expect(calendarProblems(2026, CALENDAR_2026.days)).toEqual([]);
    expect(calendarProblems(2027, CALENDAR_2027_PROVISIONAL.days)).toEqual([]);
  });
});
