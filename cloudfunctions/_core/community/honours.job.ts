import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { startBudget, type BatchOptions } from '../shared/batch-job';
import type { JobContext } from '../shared/use-case-context';
import { activeBadges, awardBadge } from './badges.service';
import {
  COMMUNITY_MEMBERS,
  HONOURS,
  MEMBER_MONTHS,
  POSTS,
  RATE_LIMITS,
  type CommunityMemberRecord,
  type HonourRecord,
  type MemberMonthRecord,
  type PostRecord,
} from './community.record';
import { better, contributionOf, previousMonth } from './honours.rules';
import { isMuted } from './moderation.rules';

/** How many of the month's top tallies are re-counted from their posts before the king is chosen. */
export const CANDIDATES = 20;

/** `job_cursors`-like progress of one month's job, kept on its own document so a run can resume. */
interface HonourProgress {
  _id: string;
  month: string;
  /** Candidates in tally order; `next` is the first not yet re-counted. */
  candidates: string[];
  next: number;
  best: { openid: string; score: number } | null;
  done: boolean;
  updatedAt: Date;
}
const HONOUR_PROGRESS = 'community_honour_progress';

/** A member's exact contribution in a month, from their posts that still count (paged, ≤ 1,000 a query). */
async function recount(ctx: JobContext, openid: string, month: string): Promise<number> {
  const _ = ctx.db.command;
  let score = 0;
  let after = '';
  for (;;) {
    const { data } = await ctx.db
      .collection<PostRecord>(POSTS)
      .where({ _openid: openid, month, counted: true, latestKey: _.gt(after) })
      .orderBy('latestKey', 'asc')
      .field({ latestKey: true, likesFromOthers: true, commentsFromOthers: true, sharesFromOthers: true })
      .limit(1000)
      .get();
    for (const p of data) score += contributionOf(p);
    if (data.length < 1000) return score;
    after = data[data.length - 1].latestKey;
  }
}

/**
 * 每月分享王: after a Beijing month ends, the member whose content contributed most that month (posts plus
 * likes, comments and shares from others: honours.rules.ts) gets the `monthly_share_king` badge.
 *
 * Cost does not grow with the number of posts or members: each member's month is tallied as it happens
 * (`community_member_months`), so the job reads the month's top CANDIDATES tallies (one query), then re-counts
 * each candidate from the posts that still count (hidden and deleted posts drop out, as do muted and suspended
 * members), and crowns the best. Progress is saved after each candidate, so a run stopped by its time budget
 * resumes where it was; the honour's id (`monthly_share_king:<month>`) makes the award happen once.
 */
export async function monthlyHonoursJob(ctx: JobContext, opts: BatchOptions = {}): Promise<{ month: string; done: boolean; winner: string | null; recounted: number }> {
  const budget = startBudget(opts);
  const now = ctx.clock.now();
  const month = previousMonth(businessDay(now));
  const honourId = `monthly_share_king:${month}`;
  const honour = await getOrNull<HonourRecord>(ctx.db.collection<HonourRecord>(HONOURS).doc(honourId));
  if (honour) return { month, done: true, winner: honour._openid, recounted: 0 };

  const progressRef = ctx.db.collection<HonourProgress>(HONOUR_PROGRESS).doc(month);
  let progress = await getOrNull(progressRef);
  if (!progress) {
    const { data } = await ctx.db
      .collection<MemberMonthRecord>(MEMBER_MONTHS)
      .where({ month, score: ctx.db.command.gt(0) })
      .orderBy('score', 'desc')
      .limit(CANDIDATES)
      .get();
    progress = { _id: month, month, candidates: data.map((d) => d._openid), next: 0, best: null, done: false, updatedAt: now };
  }
  let recounted = 0;
  while (progress.next < progress.candidates.length && !budget.spent()) {
    const openid = progress.candidates[progress.next];
    const profile = await getOrNull<CommunityMemberRecord>(ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).doc(openid));
    if (profile && !isMuted(profile, now)) {
      const score = await recount(ctx, openid, month);
      if (score > 0 && better({ openid, score }, progress.best)) progress.best = { openid, score };
    }
    progress.next += 1;
    recounted += 1;
    const { _id, ...data } = { ...progress, updatedAt: ctx.clock.now() };
    await progressRef.set({ data });
  }
  if (progress.next < progress.candidates.length) return { month, done: false, winner: null, recounted };

  const winner = progress.best;
  const record: Omit<HonourRecord, '_id'> = { kind: 'monthly_share_king', period: month, _openid: winner?.openid ?? null, score: winner?.score ?? 0, awardedAt: now };
  await ctx.db.collection(HONOURS).doc(honourId).set({ data: record });
  if (winner) {
    const [y, m] = month.split('-');
    const badges = (await activeBadges(ctx)).filter((b) => b.rule.kind === 'monthly_share_king');
    // The badge is held once; each month's title is recorded as its own honour.
    for (const b of badges) await awardBadge(ctx.db, winner.openid, b, `${y} 年 ${Number(m)} 月分享王`, now);
  }
  return { month, done: true, winner: winner?.openid ?? null, recounted };
}

/** The community's nightly timer: the monthly honours (a no-op once done) and expired rate-limit counters. */
export async function communityNightlyJob(ctx: JobContext): Promise<unknown> {
  const honours = await monthlyHonoursJob(ctx);
  const purged = await ctx.db.collection(RATE_LIMITS).where({ expiresAt: ctx.db.command.lt(ctx.clock.now()) }).remove();
  return { honours, purgedRateLimits: purged.stats.removed };
}
