import { formatMoney, formatNumber } from '../../cloudfunctions/_core/shared/money.rules';

/** "123456789012" -> "1234 5678 9012": easier to read aloud at the counter. */
export function formatMemberNo(memberNo: string): string {
  return memberNo.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** "2024-11-23" (a business day) or an ISO timestamp -> "2024年11月23日". */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export function formatBirthday(b: { month: number; day: number }): string {
  return `${b.month}月${b.day}日`;
}

// Numbers and money are written the way the server writes them in its reasons (one formatter for both).
export { formatMoney, formatNumber };

/** Points, the one way they are shown: "1,200 积分". */
export function formatPoints(points: number): string {
  return `${formatNumber(points)} 积分`;
}

/** "2026-11-23T03:10:00.000Z" -> "11:10" (or "11月23日 11:10" with the date), Beijing time whatever the device's zone: the one way the app shows an instant. */
export function formatBeijingTime(iso: string, withDate = false): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withDate ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${time}` : time;
}

/** Basis points as a percentage with two decimals (3700 → "37.00%"); null (not measured) → "—". */
export function formatBasisPoints(bp: number | null): string {
  return bp === null ? '—' : `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

/** Hundredths as a decimal (250 → "2.5", 50 → "0.5"); null → "—". */
export function formatHundredths(x: number | null): string {
  if (x === null) return '—';
  const whole = Math.floor(x / 100);
  const frac = String(x % 100).padStart(2, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}
