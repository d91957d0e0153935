import type { Badge } from './community-config.schema';

export interface BadgeFacts {
  posts: number;
  likesReceived: number;
  held: ReadonlySet<string>;
}

/** Badges a member's counters have earned and they don't hold yet (campaign and monthly badges are awarded by their own flows). */
export function earnedBadges(catalogue: readonly Badge[], f: BadgeFacts): Badge[] {
  return catalogue.filter((b) => {
    if (!b.active || f.held.has(b.code)) return false;
    if (b.rule.kind === 'first_post') return f.posts >= 1;
    if (b.rule.kind === 'likes_received') return f.likesReceived >= b.rule.count;
    return false;
  });
}

/** The badge shown next to a name: the most recent one. */
export function displayBadge<T extends { awardedAt: Date }>(badges: readonly T[]): T | null {
  return badges.reduce<T | null>((best, b) => (!best || b.awardedAt.getTime() > best.awardedAt.getTime() ? b : best), null);
}
