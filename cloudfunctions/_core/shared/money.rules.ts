/**
 * The one way numbers and money are written, on the server (reasons, line items, notes) and in the app
 * (src/utils/format.ts re-exports these): integer fen -> "¥1,000.00". Pure and without Intl, which not every
 * mini-program base library has.
 */

/** 12345 -> "12,345" (whole numbers; a fraction is cut off). */
export function formatNumber(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Money: integer fen -> "¥1,000.00" (grouped yuan, always two decimals), "-¥28.00" below zero. */
export function formatMoney(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${formatNumber(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}
