/**
 * A post's contribution to its author's month, the measure of 每月分享王 (the month's top sharer of content):
 * the post itself plus what it gave others to react to: likes, comments and shares by other members.
 */
export function contributionOf(p: { likesFromOthers: number; commentsFromOthers: number; sharesFromOthers: number }): number {
  return 1 + Math.max(0, p.likesFromOthers) + Math.max(0, p.commentsFromOthers) + Math.max(0, p.sharesFromOthers);
}

/** The month before a Beijing day's month ('2026-12-01' → '2026-11'). */
export function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Highest score wins; a tie goes to the smaller openid, so a re-run picks the same member. */
export function better(a: { openid: string; score: number }, b: { openid: string; score: number } | null): boolean {
  if (!b) return true;
  return a.score > b.score || (a.score === b.score && a.openid < b.openid);
}
