/** Largest amount the server accepts for a till purchase or a withdrawal (100,000,000 fen). */
export const MAX_FEN = 100_000_000;

/**
 * "128.00" -> 12800, "0.1" -> 10, "5" -> 500. Parses the decimal text itself (parseFloat(x) * 100 turns
 * 0.29 into 28.999999999999996). Null for anything else: more than two decimals, signs, zero, too much.
 */
export function yuanToFen(text: string): number | null {
  const m = /^(\d{0,9})(?:\.(\d{0,2}))?$/.exec(text.trim());
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const fen = Number(m[1] || '0') * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 && fen <= MAX_FEN ? fen : null;
}

/** 12800 -> "128.00". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
