import type { CalendarDay, YearCalendar } from './workingDays';

const range = (from: string, to: string, name: string): CalendarDay[] => {
  const days: CalendarDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return days;
};
const workday = (date: string, name: string): CalendarDay => ({ date, kind: 'workday', name });

/**
 * 2026: the State Council General Office's notice 国办发明电 of 2025-11-04 (关于2026年部分节假日安排的
 * 通知), checked against its text as republished by Xinhua on 2025-11-05.
 */
export const CALENDAR_2026: YearCalendar = {
  year: 2026,
  provisional: false,
  days: [
    ...range('2026-01-01', '2026-01-03', '元旦'),
    workday('2026-01-04', '元旦调休上班'),
    workday('2026-02-14', '春节调休上班'),
    ...range('2026-02-15', '2026-02-23', '春节'),
    workday('2026-02-28', '春节调休上班'),
    ...range('2026-04-04', '2026-04-06', '清明节'),
    ...range('2026-05-01', '2026-05-05', '劳动节'),
    workday('2026-05-09', '劳动节调休上班'),
    ...range('2026-06-19', '2026-06-21', '端午节'),
    workday('2026-09-20', '国庆节调休上班'),
    ...range('2026-09-25', '2026-09-27', '中秋节'),
    ...range('2026-10-01', '2026-10-07', '国庆节'),
    workday('2026-10-10', '国庆节调休上班'),
  ],
};

/**
 * 2027: the official arrangement was not available when this was written. Only the statutory holidays
 * (全国年节及纪念日放假办法, as amended in 2024) on their fixed or lunar dates are listed, with no 调休:
 * 元旦 1/1; 春节 除夕 to 初三 (2/5–2/8); 清明 4/5; 劳动节 5/1–5/2; 端午 6/9; 中秋 9/15; 国庆 10/1–10/3.
 * Marked provisional (待公布核对) until an admin enters the published notice.
 */
export const CALENDAR_2027_PROVISIONAL: YearCalendar = {
  year: 2027,
  provisional: true,
  days: [
    ...range('2027-01-01', '2027-01-01', '元旦（待公布核对）'),
    ...range('2027-02-05', '2027-02-08', '春节（待公布核对）'),
    ...range('2027-04-05', '2027-04-05', '清明节（待公布核对）'),
    ...range('2027-05-01', '2027-05-02', '劳动节（待公布核对）'),
    ...range('2027-06-09', '2027-06-09', '端午节（待公布核对）'),
    ...range('2027-09-15', '2027-09-15', '中秋节（待公布核对）'),
    ...range('2027-10-01', '2027-10-03', '国庆节（待公布核对）'),
  ],
};

export const PRELOADED_CALENDARS: readonly YearCalendar[] = [CALENDAR_2026, CALENDAR_2027_PROVISIONAL];
