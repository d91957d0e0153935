import type { Database } from '../../_platform/database.port';
import type { Logger } from '../../_platform/logger.port';
import { loadDocs } from '../config/operator-collection';
import { earnedBadges } from './badge.rules';
import { BADGES } from './community-catalogue';
import type { Badge } from './community-config.schema';
import { COMMUNITY_MEMBERS, type CommunityMemberRecord } from './community.record';
import { loadProfile } from './community-members.service';

type Ctx = { db: Database; log: Logger; clock: { now(): Date } };

/** Gives a badge once: a conditional update on the profile (`badgeCodes` not containing it yet). */
export async function awardBadge(db: Database, openid: string, badge: Badge, reason: string, now: Date): Promise<boolean> {
  const _ = db.command;
  const r = await db
    .collection<CommunityMemberRecord>(COMMUNITY_MEMBERS)
    .where({ _id: openid, badgeCodes: _.nin([badge.code]) })
    .update({
      data: {
        badges: _.push([{ code: badge.code, name: badge.name, color: badge.color, awardedAt: now, reason }]),
        badgeCodes: _.push([badge.code]),
        updatedAt: now,
      },
    });
  return r.stats.updated === 1;
}

// Filtered after parsing: a document that omits `active` is active by its default.
export const activeBadges = async (ctx: Ctx) => (await loadDocs(ctx.db, ctx.log, BADGES)).filter((b) => b.active);

/**
 * Awards the badges a member's counters have earned (first post, likes received) and records the next likes
 * threshold, so that likes read the catalogue only when they reach it.
 */
export async function awardCounterBadges(ctx: Ctx, openid: string): Promise<string[]> {
  const [profile, catalogue] = await Promise.all([loadProfile(ctx.db, openid), activeBadges(ctx)]);
  if (!profile) return [];
  const now = ctx.clock.now();
  const held = new Set(profile.badgeCodes);
  const awarded: string[] = [];
  for (const b of earnedBadges(catalogue, { posts: profile.posts, likesReceived: profile.likesReceived, held })) {
    const reason = b.rule.kind === 'first_post' ? '发布了第一条内容' : `累计获得 ${profile.likesReceived} 个赞`;
    if (await awardBadge(ctx.db, openid, b, reason, now)) awarded.push(b.code);
    held.add(b.code);
  }
  const next = catalogue
    .filter((b) => !held.has(b.code) && b.rule.kind === 'likes_received')
    .map((b) => (b.rule.kind === 'likes_received' ? b.rule.count : Infinity))
    .reduce((m, n) => Math.min(m, n), Infinity);
  const nextLikeBadgeAt = Number.isFinite(next) ? next : null;
  if (nextLikeBadgeAt !== profile.nextLikeBadgeAt) {
    await ctx.db.collection(COMMUNITY_MEMBERS).doc(openid).update({ data: { nextLikeBadgeAt } });
  }
  return awarded;
}
