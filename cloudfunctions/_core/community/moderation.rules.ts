import type { CommunityConfig } from './community-config.schema';

export type Standing = 'newcomer' | 'member' | 'trusted' | 'moderator';

export interface StandingFacts {
  isModerator: boolean;
  registeredAt: Date;
  posts: number;
  likesReceived: number;
  muted: boolean;
}

const DAY_MS = 86_400_000;

/** Discourse-style trust from behaviour: time in the community, visible posts and likes from others. */
export function standingOf(cfg: CommunityConfig['flags'], f: StandingFacts, now: Date): Standing {
  if (f.isModerator) return 'moderator';
  if (now.getTime() - f.registeredAt.getTime() < cfg.newMemberDays * DAY_MS) return 'newcomer';
  if (f.posts >= cfg.trustedMinPosts && f.likesReceived >= cfg.trustedMinLikes) return 'trusted';
  return 'member';
}

/** A muted member's flags weigh nothing (a restriction is not a licence to harass). */
export function flagWeight(cfg: CommunityConfig['flags'], f: StandingFacts, now: Date): number {
  if (f.muted && !f.isModerator) return 0;
  return cfg.weights[standingOf(cfg, f, now)];
}

export const shouldHide = (cfg: CommunityConfig['flags'], totalWeight: number) => totalWeight >= cfg.hideThreshold;

/** Posts and comments allowed per Beijing hour: stricter in the first hours after registering. */
export function hourlyLimit(cfg: CommunityConfig['rateLimits'], kind: 'post' | 'comment', registeredAt: Date, now: Date): number {
  const isNew = now.getTime() - registeredAt.getTime() < cfg.newMemberHours * 3_600_000;
  if (kind === 'post') return isNew ? cfg.newMemberPostsPerHour : cfg.postsPerHour;
  return isNew ? cfg.newMemberCommentsPerHour : cfg.commentsPerHour;
}

export const isMuted = (r: { mutedUntil: Date | null; suspended: boolean } | null, now: Date) =>
  r !== null && (r.suspended || (r.mutedUntil !== null && r.mutedUntil.getTime() > now.getTime()));

/** Flag reasons a member picks from; the key is stored, the label shown. */
export const FLAG_REASONS = {
  spam: '广告或垃圾信息',
  abuse: '辱骂或人身攻击',
  illegal: '违法违规内容',
  privacy: '泄露他人隐私',
  off_topic: '与社区无关',
  other: '其他',
} as const;
export type FlagReason = keyof typeof FLAG_REASONS;
