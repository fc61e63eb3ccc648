import { describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../calendar/published';
import { buildCalendar, WEEKENDS_ONLY } from '../calendar/workingDays';
import { endOfShanghaiDay, instanceDueAt, reminderAt, workingDaysDueAt } from './deadline';
import { parsePeriod } from './periods';

const cal = buildCalendar([CALENDAR_2026]);
const sh = (local: string) => new Date(`${local}+08:00`);
const period = (key: string) => {
  const p = parsePeriod(key);
  if (!p) throw new Error(key);
  return p;
};

describe('a one-off task issued in working days', () => {
  it('is due at the end of the Nth working day after the issue day, skipping National Day', () => {
    // Tue 29 Sep: 30 Sep is the 1st, 1–7 Oct are off, Thu 8 Oct the 2nd, Fri 9 Oct the 3rd.
    expect(workingDaysDueAt(sh('2026-09-29T10:00:00'), 3, cal)).toEqual(sh('2026-10-09T23:59:59.999'));
    // Wall-clock days would have said 2 Oct; weekends alone would have said 2 Oct too.
    expect(workingDaysDueAt(sh('2026-09-29T10:00:00'), 3, WEEKENDS_ONLY)).toEqual(
      sh('2026-10-02T23:59:59.999'),
    );
    // Fri 9 Oct: Sat 10 Oct is an adjusted working day (调休), so one day is due that Saturday.
    expect(workingDaysDueAt(sh('2026-10-09T09:00:00'), 1, cal)).toEqual(sh('2026-10-10T23:59:59.999'));
  });

  it('counts the 调休 Saturday before Spring Festival and skips the festival', () => {
    // Thu 12 Feb: Fri 13 (1), Sat 14 调休 (2), 15–23 Feb off, Tue 24 (3).
    expect(workingDaysDueAt(sh('2026-02-12T16:00:00'), 2, cal)).toEqual(sh('2026-02-14T23:59:59.999'));
    expect(workingDaysDueAt(sh('2026-02-12T16:00:00'), 3, cal)).toEqual(sh('2026-02-24T23:59:59.999'));
  });

  it('does not count the issue day, even when issued on a holiday late at night Shanghai time', () => {
    // 17:00 UTC on 2 Oct is 01:00 on 3 Oct in Shanghai: the first working day after is 8 Oct.
    expect(workingDaysDueAt(new Date('2026-10-02T17:00:00Z'), 1, cal)).toEqual(sh('2026-10-08T23:59:59.999'));
    expect(endOfShanghaiDay('2026-10-08').toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });
});

describe('a recurring task counted in working days', () => {
  it('is due at the end of the last working day of its week', () => {
    // 2026-W39: 中秋 takes Fri 25 Sep off, so the week is due Thursday 24 Sep.
    expect(instanceDueAt(period('2026-W39'), cal)).toEqual(sh('2026-09-24T23:59:59.999'));
    // 2026-W38: Sun 20 Sep is worked (调休), so the week is due at the end of that Sunday.
    expect(instanceDueAt(period('2026-W38'), cal)).toEqual(sh('2026-09-20T23:59:59.999'));
    // 2026-W41 (5–11 Oct): off until the 7th, then 8, 9 and Saturday 10 Oct worked.
    expect(instanceDueAt(period('2026-W41'), cal)).toEqual(sh('2026-10-10T23:59:59.999'));
    // An ordinary week: Friday.
    expect(instanceDueAt(period('2026-W48'), cal)).toEqual(sh('2026-11-27T23:59:59.999'));
  });

  it('is due at the period end when the period has no working day (the week of Spring Festival)', () => {
    const festival = period('2026-W08'); // Mon 16 – Sun 22 Feb, all off
    expect(instanceDueAt(festival, cal)).toEqual(festival.end);
    // A daily task on a holiday is due at midnight; on a working day at the day's last moment.
    expect(instanceDueAt(period('2026-10-01'), cal)).toEqual(sh('2026-10-02T00:00:00'));
    expect(instanceDueAt(period('2026-10-08'), cal)).toEqual(sh('2026-10-08T23:59:59.999'));
  });

  it('falls due on the last working day of the month, and at the period end without a calendar', () => {
    expect(instanceDueAt(period('2026-10'), cal)).toEqual(sh('2026-10-30T23:59:59.999'));
    expect(instanceDueAt(period('2026-W39'))).toEqual(period('2026-W39').end);
  });

  it('still reminds before the earlier deadline', () => {
    const week = period('2026-W39');
    const due = instanceDueAt(week, cal);
    expect(reminderAt(week.start, due, 'weekly')).toEqual(sh('2026-09-23T23:59:59.999'));
  });
});
