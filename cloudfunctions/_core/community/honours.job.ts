import { expireDueRules } from '../cocreate/community-rules.service';
import { closeDuePolls } from '../cocreate/polls.service';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { startBudget, type BatchOptions } from '../shared/batch-job';
import type { JobContext } from '../shared/use-case-context';
import { activeBadges, awardBadge } from './badges.service';
import {
  COMMUNITY_MEMBERS,
  HONOURS,
  HONOUR_PROGRESS,
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

/** Progress of one month's job on its own document, so a run stopped by its budget resumes there. */
interface HonourProgress {
  _id: string;
  month: string;
  /** The month's top tallies (the candidates) that are not muted or suspended. */
  candidates: string[];
  /** Re-counted contributions so far, and the last post read (posts are read in `latestKey` order). */
  sums: Record<string, number>;
  after: string;
  done: boolean;
  updatedAt: Date;
}

/**
 * 每月分享王: after a Beijing month ends, the member whose content contributed most that month (posts plus
 * likes, comments and shares from others: honours.rules.ts) gets the `monthly_share_king` badge.
 *
 * The cost does not grow with the number of members or posts. Each member's month is tallied as it happens
 * (`community_member_months`), so the job reads the month's top CANDIDATES tallies (one query), leaves out
 * muted and suspended members (one query), then re-counts the candidates exactly from the posts that still
 * count (hidden and deleted ones drop out), a page of up to 1,000 posts per query, and crowns the best. The
 * progress is saved after each page, so a run stopped by its time budget resumes where it was; the honour's id
 * (`monthly_share_king:<month>`) makes the award happen once.
 */
export async function monthlyHonoursJob(
  ctx: JobContext,
  opts: BatchOptions = {},
): Promise<{ month: string; done: boolean; winner: string | null; pages: number; posts: number }> {
  const budget = startBudget(opts);
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  const month = previousMonth(businessDay(now));
  const honourId = `monthly_share_king:${month}`;
  const honour = await getOrNull<HonourRecord>(ctx.db.collection<HonourRecord>(HONOURS).doc(honourId));
  if (honour) return { month, done: true, winner: honour._openid, pages: 0, posts: 0 };

  const progressRef = ctx.db.collection<HonourProgress>(HONOUR_PROGRESS).doc(month);
  let progress = await getOrNull(progressRef);
  if (!progress) {
    const { data: top } = await ctx.db
      .collection<MemberMonthRecord>(MEMBER_MONTHS)
      .where({ month, score: _.gt(0) })
      .orderBy('score', 'desc')
      .limit(CANDIDATES)
      .get();
    const ids = top.map((d) => d._openid);
    const { data: profiles } = ids.length
      ? await ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).where({ _id: _.in(ids) }).limit(CANDIDATES).get()
      : { data: [] as CommunityMemberRecord[] };
    const listed = new Set(profiles.filter((p) => !isMuted(p, now)).map((p) => p._id));
    const candidates = ids.filter((id) => listed.has(id));
    progress = { _id: month, month, candidates, sums: Object.fromEntries(candidates.map((c) => [c, 0])), after: '', done: candidates.length === 0, updatedAt: now };
  }
  let pages = 0;
  let posts = 0;
  while (!progress.done && !budget.spent()) {
    const { data } = await ctx.db
      .collection<PostRecord>(POSTS)
      .where({ _openid: _.in(progress.candidates), month, counted: true, latestKey: _.gt(progress.after) })
      .orderBy('latestKey', 'asc')
      .field({ _openid: true, latestKey: true, likesFromOthers: true, commentsFromOthers: true, sharesFromOthers: true })
      .limit(budget.pageSize)
      .get();
    for (const p of data) progress.sums[p._openid] = (progress.sums[p._openid] ?? 0) + contributionOf(p);
    posts += data.length;
    if (data.length) progress.after = data[data.length - 1].latestKey;
    progress.done = data.length < budget.pageSize;
    pages += 1;
    const { _id, ...doc } = { ...progress, updatedAt: ctx.clock.now() };
    void _id;
    await progressRef.set({ data: doc });
  }
  if (!progress.done) return { month, done: false, winner: null, pages, posts };

  let winner: { openid: string; score: number } | null = null;
  for (const [openid, score] of Object.entries(progress.sums)) if (score > 0 && better({ openid, score }, winner)) winner = { openid, score };
  const record: Omit<HonourRecord, '_id'> = { kind: 'monthly_share_king', period: month, _openid: winner?.openid ?? null, score: winner?.score ?? 0, awardedAt: now };
  await ctx.db.collection(HONOURS).doc(honourId).set({ data: record });
  if (winner) {
    const [y, m] = month.split('-');
    const badges = (await activeBadges(ctx)).filter((b) => b.rule.kind === 'monthly_share_king');
    // The badge is held once; each month's title is its own honour record.
    for (const b of badges) await awardBadge(ctx.db, winner.openid, b, `${y} 年 ${Number(m)} 月分享王`, now);
  }
  return { month, done: true, winner: winner?.openid ?? null, pages, posts };
}

/** The community's nightly timer: the monthly honours (a no-op once done) and expired rate-limit counters. */
export async function communityNightlyJob(
  ctx: JobContext,
  opts: BatchOptions = {},
): Promise<{ honours: Awaited<ReturnType<typeof monthlyHonoursJob>>; purgedRateLimits: number; closedPolls: number; expiredRules: number }> {
  const honours = await monthlyHonoursJob(ctx, opts);
  const now = ctx.clock.now();
  const purged = await ctx.db.collection(RATE_LIMITS).where({ expiresAt: ctx.db.command.lt(now) }).remove();
  // Co-creation: reads close polls and expire proposals on the way; the night catches the ones nobody opened.
  const closedPolls = await closeDuePolls(ctx.db, now);
  const expiredRules = await expireDueRules(ctx.db, now);
  return { honours, purgedRateLimits: purged.stats.removed, closedPolls, expiredRules };
}
