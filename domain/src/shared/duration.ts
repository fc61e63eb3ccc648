const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS = {
  'zh-CN': { day: '天', hour: '小时', minute: '分钟', underMinute: '不足1分钟', sep: '' },
  en: { day: ' d', hour: ' h', minute: ' min', underMinute: '< 1 min', sep: ' ' },
} as const;

/**
 * A duration for people, for paused time or time left: the largest unit and the next one down,
 * truncated ('2天3小时', '3 h 20 min'), a zero second part left out. The sign is dropped: the
 * caller says whether it is time left or time overdue.
 */
export function formatDuration(ms: number, locale: 'zh-CN' | 'en'): string {
  const u = UNITS[locale];
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const minutes = Math.floor((abs % HOUR) / MINUTE);
  const [big, bigUnit, small, smallUnit] =
    days > 0 ? [days, u.day, hours, u.hour] : [hours, u.hour, minutes, u.minute];
  if (big === 0) return minutes > 0 ? `${minutes}${u.minute}` : u.underMinute;
  return small > 0 ? `${big}${bigUnit}${u.sep}${small}${smallUnit}` : `${big}${bigUnit}`;
}
