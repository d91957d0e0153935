import type { Database } from '../../_platform/database.port';
import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { COUPONS } from '../coupons/coupon.record';
import { MEMBERS } from '../member/member.record';
import { MESSAGE_OUTBOX } from '../messaging/outbox.record';
import { FREQUENCY_CAPS } from '../messaging/outbox.rules';
import { PURCHASES } from '../points/purchase.service';
import { POINT_ENTRIES } from '../points/points.record';
import { startBudget, type BatchOptions } from '../shared/batch-job';
import { addDays, businessDay, startOfBusinessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { TIER_CHANGES } from '../tier/tier-change.record';
import { COMMUNITY_METRICS, type CommunityMetricsRecord } from './community-metrics.record';
import type { MetricsCounts } from './community-metrics.rules';

const PAGE = 1000;
/** Cohort members checked at once for retention (one count query each). */
const COHORT_CONCURRENCY = 20;

type Stage = (ctx: JobContext, day: string) => Promise<Partial<MetricsCounts>>;

const range = (db: Database, from: string, toInclusive: string) => {
  const _ = db.command;
  return _.gte(startOfBusinessDay(from)).and(_.lt(startOfBusinessDay(addDays(toInclusive, 1))));
};

/** Members who joined on `joinDay`, and how many of them have points activity after that day up to `day`. */
async function cohort(db: Database, joinDay: string, day: string): Promise<{ cohort: number; retained: number }> {
  const _ = db.command;
  let cohortSize = 0;
  let retained = 0;
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { createdAt: range(db, joinDay, joinDay), ...(after ? { _id: _.gt(after) } : {}) };
    const { data } = await db.collection<{ _id: string }>(MEMBERS).where(where).orderBy('_id', 'asc').field({ _id: true }).limit(PAGE).get();
    cohortSize += data.length;
    for (let i = 0; i < data.length; i += COHORT_CONCURRENCY) {
      const counts = await Promise.all(
        data.slice(i, i + COHORT_CONCURRENCY).map((m) =>
          db.collection(POINT_ENTRIES).where({ _openid: m._id, day: _.gt(joinDay).and(_.lte(day)) }).count(),
        ),
      );
      retained += counts.filter((c) => c.total > 0).length;
    }
    if (data.length < PAGE) return { cohort: cohortSize, retained };
    after = data[data.length - 1]._id;
  }
}

/** The counting stages, in order; each is one or a few indexed queries. */
const STAGES: Record<string, Stage> = {
  members: async ({ db }, day) => ({
    members: (await db.collection(MEMBERS).where({ createdAt: db.command.lt(startOfBusinessDay(addDays(day, 1))) }).count()).total,
    newMembers: (await db.collection(MEMBERS).where({ createdAt: range(db, day, day) }).count()).total,
  }),
  layers: async (ctx, day) => {
    const { tiers } = await loadConfig(ctx, tierConfig);
    const sizes = await Promise.all(tiers.map(async (t) => [t.code, (await ctx.db.collection(MEMBERS).where({ tierCode: t.code }).count()).total] as const));
    const flows: Record<string, number> = {};
    for (let skip = 0; ; skip += PAGE) {
      const { data } = await ctx.db.collection<{ from: string; to: string }>(TIER_CHANGES).where({ at: range(ctx.db, day, day) }).orderBy('_id', 'asc').skip(skip).limit(PAGE).get();
      for (const c of data) flows[`${c.from}>${c.to}`] = (flows[`${c.from}>${c.to}`] ?? 0) + 1;
      if (data.length < PAGE) break;
    }
    return { tierSizes: Object.fromEntries(sizes), tierFlows: flows };
  },
  checkIns: async ({ db }, day) => ({ checkIns: (await db.collection(POINT_ENTRIES).where({ day, source: 'checkin' }).count()).total }),
  gmv: async (ctx, day) => {
    const { tiers } = await loadConfig(ctx, tierConfig);
    // Until super-user scoring exists, the core users are the members of the top tier.
    const core = [...tiers].sort((a, b) => b.threshold - a.threshold)[0]?.code ?? '';
    const { list } = await ctx.db
      .collection(PURCHASES)
      .aggregate()
      .match({ createdAt: range(ctx.db, addDays(day, -29), day), status: ctx.db.command.neq('refunded') })
      .group({ _id: '$tierTo', fen: ctx.db.command.aggregate.sum('$amountFen') })
      .end<{ _id: string; fen: number }>();
    return { gmvFen: list.reduce((a, g) => a + g.fen, 0), coreGmvFen: list.find((g) => g._id === core)?.fen ?? 0 };
  },
  coupons: async ({ db }, day) => {
    const claimedAt = range(db, addDays(day, -29), day);
    const [unused, used, expired] = await Promise.all(['unused', 'used', 'expired'].map(async (status) => (await db.collection(COUPONS).where({ status, claimedAt }).count()).total));
    return { couponsClaimed: unused + used + expired, couponsUsed: used };
  },
  messages: async ({ db }, day) => ({
    messagesSent: (await db.collection(MESSAGE_OUTBOX).where({ status: 'sent', sentAt: range(db, addDays(day, -6), day) }).count()).total,
    weeklyCap: FREQUENCY_CAPS.promotion.find((c) => c.period === 'week')?.max ?? 0,
  }),
  retention7: async ({ db }, day) => {
    const r = await cohort(db, addDays(day, -7), day);
    return { cohort7: r.cohort, retained7: r.retained };
  },
  retention30: async ({ db }, day) => {
    const r = await cohort(db, addDays(day, -30), day);
    return { cohort30: r.cohort, retained30: r.retained };
  },
  // The community feed is not built yet: its counts stay null until it is.
  community: async () => ({ community: null }),
};

export const METRIC_STAGES = Object.keys(STAGES);

/**
 * The nightly metrics job: counts yesterday (Beijing) into `community_metrics/{day}`, stage by stage within the
 * time budget; a run that stops resumes at the next stage on the next trigger. A finished day is left alone.
 */
export async function communityMetricsJob(ctx: JobContext, opts: BatchOptions & { day?: string } = {}): Promise<{ day: string; stages: number; done: boolean }> {
  const budget = startBudget(opts);
  const day = opts.day ?? addDays(businessDay(ctx.clock.now()), -1);
  const ref = ctx.db.collection<CommunityMetricsRecord>(COMMUNITY_METRICS).doc(day);
  const existing = await getOrNull<CommunityMetricsRecord>(ref);
  if (existing?.done) return { day, stages: 0, done: true };
  const record: Omit<CommunityMetricsRecord, '_id'> = existing
    ? { day, counts: existing.counts, stages: existing.stages, done: false, updatedAt: existing.updatedAt }
    : { day, counts: { day }, stages: [], done: false, updatedAt: ctx.clock.now() };
  let ran = 0;
  for (const name of METRIC_STAGES) {
    if (record.stages.includes(name)) continue;
    if (budget.spent()) {
      await ref.set({ data: { ...record, updatedAt: ctx.clock.now() } });
      return { day, stages: ran, done: false };
    }
    Object.assign(record.counts, await STAGES[name](ctx, day));
    record.stages.push(name);
    ran++;
    // Each stage is saved, so a run killed at the time limit loses at most the stage it was in.
    await ref.set({ data: { ...record, done: record.stages.length === METRIC_STAGES.length, updatedAt: ctx.clock.now() } });
  }
  return { day, stages: ran, done: true };
}
