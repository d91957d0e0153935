import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business days, birthdays, member days and timers all follow Beijing time, whatever zone the server has. */
export const BUSINESS_TZ = 'Asia/Shanghai';

/** The business day of an instant as 'YYYY-MM-DD'. */
export function businessDay(at: Date): string {
  return dayjs(at).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

/** The business day `n` days after `day` ('YYYY-MM-DD'); calendar arithmetic, no DST in China. */
export function addDays(day: string, n: number): string {
  return dayjs.tz(day, BUSINESS_TZ).add(n, 'day').format('YYYY-MM-DD');
}

/** Month (1-12) and day of month of an instant in business time. */
export function businessMonthDay(at: Date): { month: number; day: number } {
  const d = dayjs(at).tz(BUSINESS_TZ);
  return { month: d.month() + 1, day: d.date() };
}

/** The instant a business day starts. */
export function startOfBusinessDay(day: string): Date {
  return dayjs.tz(day, BUSINESS_TZ).toDate();
}
