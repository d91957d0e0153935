import { isDatabaseError } from '../../_platform/database.port';
import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { describeError, loadCursor, redactOpenid, saveCursor, startBudget, type BatchOptions, type BatchReport } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { addGrowth, rollingGrowth, tierAfterReview } from './growth.rules';
import type { TierConfig } from './tier-config.schema';
import { TIER_CHANGES, type TierChangeRecord } from './tier-change.record';

export const TIER_REVIEW_JOB = 'tier-review';

export interface TierReviewResult extends BatchReport {
  /** Members above the first tier looked at by this run. */
  reviewed: number;
  /** Members whose tier changed (each recorded in `tier_changes`). */
  tierChanges: number;
  /** Members whose rolling growth changed but not their tier. */
  growthUpdates: number;
  /** Members skipped after repeated write conflicts (they were changing right then); reviewed tomorrow. */
  skipped: number;
  /** Members that failed (logged); reviewed again tomorrow. */
  failed: number;
}

type Reviewed = Pick<MemberRecord, '_id' | 'tierCode' | 'growth' | 'growthByMonth'>;

function decide(cfg: TierConfig, member: Reviewed, month: string) {
  const growth = rollingGrowth(member.growthByMonth ?? {}, month, cfg.windowMonths);
  const tier = tierAfterReview(cfg.tiers, member.tierCode, growth, cfg.keepPercent);
  return { growth, tier, unchanged: growth === member.growth && tier.code === member.tierCode };
}

/**
 * The daily tier review (`member` timer, 02:30 Beijing, repeated at 02:40 and 02:50 to finish a long review). Tiers rise the moment growth crosses a threshold
 * (purchase.service); they fall only here: months leave the rolling window (or a refund took growth back),
 * and a member keeps the tier while growth stays at least `keepPercent` of its threshold (hysteresis).
 *
 * Only members above the first tier can fall, so only they are paged (by `_id`; page size and concurrency follow
 * the run's measured throughput, batch-job.ts). Most keep
 * their tier and growth and are not written at all, so nothing marks a member as done: the run stores how
 * far it got in `job_cursors/tier-review` (after every page, and when the time budget runs out), and a
 * rerun the same Beijing day (the 02:40 and 02:50 triggers) resumes there; after a finished run, a re-trigger
 * that day costs one read.
 */
export async function tierReviewJob(ctx: JobContext, opts: BatchOptions = {}): Promise<TierReviewResult> {
  const budget = startBudget(opts);
  const cfg = await loadConfig(ctx, tierConfig);
  const now = ctx.clock.now();
  const today = businessDay(now);
  const month = today.slice(0, 7);
  const _ = ctx.db.command;
  const totals = { reviewed: 0, tierChanges: 0, growthUpdates: 0, skipped: 0, failed: 0 };

  const cursor = await loadCursor(ctx.db, TIER_REVIEW_JOB, today);
  if (cursor.done) return { ...totals, ...budget.report(true) };
  let after = cursor.after;
  const finish = async (finished: boolean): Promise<TierReviewResult> => {
    await saveCursor(ctx.db, TIER_REVIEW_JOB, { day: today, after, done: finished, updatedAt: now });
    return { ...totals, ...budget.report(finished) };
  };

  const review = async (listed: Reviewed): Promise<void> => {
    totals.reviewed++;
    if (decide(cfg, listed, month).unchanged) return;
    try {
      const outcome = await ctx.db.runTransaction(async (tx) => {
        // Decide again on the member as of this transaction: a purchase may have just added growth. A
        // concurrent write to the member aborts and re-runs this, so the update is conditional on what we read.
        const members = tx.collection<MemberRecord>(MEMBERS);
        const member = await getOrNull<MemberRecord>(members.doc(listed._id));
        if (!member) return 'gone';
        const { growth, tier, unchanged } = decide(cfg, member, month);
        if (unchanged) return 'unchanged';
        await members.doc(member._id).update({
          data: {
            growth,
            tierCode: tier.code,
            // Months that left the window no longer count for anything: drop them while writing anyway.
            growthByMonth: _.set(addGrowth(member.growthByMonth ?? {}, month, 0, month, cfg.windowMonths)),
            updatedAt: now,
          },
        });
        if (tier.code === member.tierCode) return 'growth';
        const change: Omit<TierChangeRecord, '_id'> = { _openid: member._id, from: member.tierCode, to: tier.code, reason: 'review', growth, at: now };
        await tx.collection(TIER_CHANGES).add({ data: change });
        return 'tier';
      });
      if (outcome === 'tier') totals.tierChanges++;
      if (outcome === 'growth') totals.growthUpdates++;
    } catch (e) {
      if (isDatabaseError(e, 'conflict')) {
        totals.skipped++;
        return;
      }
      totals.failed++;
      ctx.log.error('tier.review.failed', { member: redactOpenid(listed._id), err: describeError(e) });
    }
  };

  const aboveFirst = _.neq(cfg.tiers[0].code);
  for (;;) {
    const where: Record<string, unknown> = { tierCode: aboveFirst };
    if (after !== null) where._id = _.gt(after);
    const size = budget.pageSize;
    const page = await budget.query(() =>
      ctx.db
        .collection<Reviewed>(MEMBERS)
        .where(where)
        .orderBy('_id', 'asc')
        .limit(size)
        .field({ _id: true, tierCode: true, growth: true, growthByMonth: true })
        .get(),
    );
    if (!page) return finish(false);
    const { data } = page;
    if (data.length === 0) return finish(true);
    const started = await budget.run(data, review);
    if (started > 0) after = data[started - 1]._id;
    if (started < data.length) return finish(false);
    if (data.length < size) return finish(true);
    await saveCursor(ctx.db, TIER_REVIEW_JOB, { day: today, after, done: false, updatedAt: now });
  }
}
