/** 19900 -> "199", 990 -> "9.90": prices are integer fen. */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`;
}
