/**
 * Feed ordering as pure rules.
 *
 * Hot score (README "Community → Hot feed"): engagement decays exponentially with age, halving every
 * HALF_LIFE_HOURS:  rank = (1 + likes + 2·comments) · 2^(−age / halfLife).
 * Ranking by its logarithm is the same order: log2(1 + likes + 2·comments) − age/halfLife, and since
 * age = now − createdAt, the `now` term is common to every post and drops out:
 *   hot = log2(1 + likes + 2·comments) + createdAt / halfLife.
 * So the stored score never goes stale as time passes (no decay job rewrites every post): it changes only when
 * the post's likes or comments change, and is recomputed then. A post twice as engaging ranks like one
 * HALF_LIFE_HOURS newer. Stored as an integer (× SCALE) so the cursor compares exactly.
 */

export const HALF_LIFE_HOURS = 12;
const HALF_LIFE_MS = HALF_LIFE_HOURS * 3_600_000;
const SCALE = 1_000_000;
export const COMMENT_WEIGHT = 2;

export function hotScore(likes: number, comments: number, createdAt: Date): number {
  const engagement = 1 + Math.max(0, likes) + COMMENT_WEIGHT * Math.max(0, comments);
  return Math.floor(SCALE * (Math.log2(engagement) + createdAt.getTime() / HALF_LIFE_MS));
}

const pad = (n: number, width: number) => String(Math.max(0, Math.floor(n))).padStart(width, '0');

/** Feed keys are `<fixed-width number>~<id>`: unique, ordered as strings, one field to page by. */
export const hotKey = (hot: number, id: string) => `${pad(hot, 15)}~${id}`;
export const timeKey = (at: Date, id: string) => `${pad(at.getTime(), 15)}~${id}`;

/** A cursor is the key of the last item of the previous page. */
export const CURSOR_PATTERN = /^\d{15}(\d{8})?~[A-Za-z0-9_:.-]{1,80}$/;

/** Pages are read one item longer than shown: the extra item says whether there is a next page. */
export function pageOf<T>(rows: readonly T[], size: number, keyOf: (row: T) => string): { items: T[]; next: string | null } {
  const items = rows.slice(0, size);
  return { items, next: rows.length > size && items.length ? keyOf(items[items.length - 1]) : null };
}
