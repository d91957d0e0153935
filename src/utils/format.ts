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

/** 12345 -> "12,345" without relying on Intl (not on every mini-program base library). */
export function formatNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Money, the one way it is shown: integer fen -> "¥1,000.00" (grouped yuan, always two decimals). No floats,
 * no Intl (not on every mini-program base library).
 */
export function formatMoney(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${formatNumber(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** Points, the one way they are shown: "1,200 积分". */
export function formatPoints(points: number): string {
  return `${formatNumber(points)} 积分`;
}
