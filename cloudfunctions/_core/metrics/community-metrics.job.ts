import type { CollectionRef, Database } from '../../_platform/database.port';
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
import { CAMPAIGNS } from '../community/community-catalogue';
import { CAMPAIGN_COUNTS, CHECKINS, COMMENTS, POSTS, type CampaignCountRecord } from '../community/community.record';
import { loadDocs } from '../config/operator-collection';
import { MEMBER_LAYERS } from '../scoring/scoring.record';
import { ROLES } from '../staff/role.record';
import { COMMUNITY_METRICS, type CommunityMetricsRecord } from './community-metrics.record';
import { topTopicsOf, type CommunityCounts, type MetricsCounts } from './community-metrics.rules';

const PAGE = 1000;
/** Cohort members checked at once for retention (one count query each). */
const COHORT_CONCURRENCY = 20;

/** Topic groups the aggregate returns (the rules keep the top ones in a stable order). */
const TOP_TOPIC_CANDIDATES = 50;

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

/**
 * The day's community counts, each an indexed count: posts by `day, official, status`, comments by `createdAt`
 * (official authors are marked on the comment), check-ins by `day` (official ones by the operators' openids: a
 * check-in does not record its author's role). Campaigns running that day and their places: by id.
 */
async function communityCounts(ctx: JobContext, day: string): Promise<CommunityCounts> {
  const { db } = ctx;
  const _ = db.command;
  const [officials, campaigns] = await Promise.all([
    db.collection<{ _id: string }>(ROLES).where({ role: 'operator', active: true }).field({ _id: true }).limit(PAGE).get(),
    loadDocs(db, ctx.log, CAMPAIGNS),
  ]);
  const officialIds = officials.data.map((r) => r._id);
  const running = campaigns.filter((c) => c.active && c.from <= day && day <= c.to);
  const count = async (col: CollectionRef, where: Record<string, unknown>) => (await col.where(where).count()).total;
  const commentsOf = (official: boolean) => ({ createdAt: range(db, day, day), status: 'visible', 'author.official': official });
  const [memberPosts, officialPosts, memberComments, officialComments, campaignDays, officialCampaignDays, places] = await Promise.all([
    count(db.collection(POSTS), { day, official: false, status: 'visible' }),
    count(db.collection(POSTS), { day, official: true, status: 'visible' }),
    count(db.collection(COMMENTS), commentsOf(false)),
    count(db.collection(COMMENTS), commentsOf(true)),
    count(db.collection(CHECKINS), { day }),
    officialIds.length ? count(db.collection(CHECKINS), { day, _openid: _.in(officialIds) }) : Promise.resolve(0),
    running.length
      ? db.collection<CampaignCountRecord>(CAMPAIGN_COUNTS).where({ _id: _.in(running.map((c) => c.id)) }).limit(PAGE).get()
      : Promise.resolve({ data: [] as CampaignCountRecord[] }),
  ]);
  return {
    memberPosts,
    officialPosts,
    memberComments,
    officialComments,
    campaignDays,
    memberCampaignDays: campaignDays - officialCampaignDays,
    campaignsRunning: running.length,
    campaignPlaces: places.data.reduce((a, c) => a + c.joined, 0),
  };
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
  gmv: async ({ db }, day) => {
    // The core users are today's 超级用户 (the scoring job's layer): their purchases, one aggregate per page of them.
    const _ = db.command;
    const window = { createdAt: range(db, addDays(day, -29), day), status: _.neq('refunded') };
    const sumOf = async (match: Record<string, unknown>) => {
      const { list } = await db.collection(PURCHASES).aggregate().match(match).group({ _id: null, fen: _.aggregate.sum('$amountFen') }).end<{ fen: number }>();
      return list[0]?.fen ?? 0;
    };
    let coreGmvFen = 0;
    let coreMembers = 0;
    let after: string | null = null;
    for (;;) {
      const where: Record<string, unknown> = { layers: 'super', ...(after ? { _id: _.gt(after) } : {}) };
      const { data } = await db.collection<{ _id: string }>(MEMBER_LAYERS).where(where).orderBy('_id', 'asc').field({ _id: true }).limit(PAGE).get();
      coreMembers += data.length;
      if (data.length) coreGmvFen += await sumOf({ ...window, _openid: _.in(data.map((m) => m._id)) });
      if (data.length < PAGE) break;
      after = data[data.length - 1]._id;
    }
    return { gmvFen: await sumOf(window), coreGmvFen, coreMembers };
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
  community: async (ctx, day) => ({ community: await communityCounts(ctx, day) }),
  topics: async ({ db }, day) => {
    const { list } = await db
      .collection(POSTS)
      .aggregate()
      .match({ day: db.command.gte(addDays(day, -6)).and(db.command.lte(day)), status: 'visible' })
      .unwind('$topics')
      .group({ _id: '$topics', posts: db.command.aggregate.sum(1) })
      .sort({ posts: -1, _id: 1 })
      .limit(TOP_TOPIC_CANDIDATES)
      .end<{ _id: string; posts: number }>();
    return { topTopics: topTopicsOf(list.map((t) => ({ code: t._id, posts: t.posts }))) };
  },
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
