/**
 * Every timer job with a dataset generator, for `npm run bench:jobs` (throughput at 0 ms and at the modelled
 * latency, runs needed, what a day's timer window can do), the README test (per-item operations, deterministic)
 * and the resume tests (an interrupted run ends in the same state as an uninterrupted one).
 */
import { housekeepingJob } from '../../cloudfunctions/_core/admin/housekeeping.job';
import { communityNightlyJob } from '../../cloudfunctions/_core/community/honours.job';
import { ALL_CONFIGS } from '../../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import { couponsDailyJob } from '../../cloudfunctions/_core/coupons/coupons-daily.job';
import { groupBuyJob } from '../../cloudfunctions/_core/groupbuy/groupbuy.job';
import { birthdayJob } from '../../cloudfunctions/_core/birthday/birthday.job';
import { settlementJob } from '../../cloudfunctions/_core/distribution/settlement.job';
import { PAYMENT_WINDOW_MS, expireUnpaidOrdersJob } from '../../cloudfunctions/_core/mall/unpaid-orders.job';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import { releaseAndExpireJob } from '../../cloudfunctions/_core/points/release-and-expire.job';
import type { BatchOptions } from '../../cloudfunctions/_core/shared/batch-job';
import type { JobContext } from '../../cloudfunctions/_core/shared/use-case-context';
import { tierReviewJob } from '../../cloudfunctions/_core/tier/tier-review.job';
import { scoringJob } from '../../cloudfunctions/_core/scoring/scoring.job';
import { layerMessagesJob } from '../../cloudfunctions/_core/messaging/layer-messages.job';
import type { DocData } from '../../cloudfunctions/_platform/database.port';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { countRoundTrips, startBenchCloud, type OpsCount } from './bench-cloud';
import { memberDoc, pointAccountDoc, SETTLE_AT, setUpBirthday, tierOf, writeCommissions } from './distribution-data';
import { seedExpiringGroup } from './expiring-groups';
import { BENCH_AT, generatePointAccounts, isDue } from './point-accounts';
import { tableRows } from './readme-section';
import { timerWindow } from './timer-window';

export interface JobOutcome {
  done: boolean;
  /** Items this run handled (the job's unit). */
  items: number;
  failed: number;
  /** Items at the same time when the run ended, where the job chooses it. */
  concurrency: number | null;
}

export interface JobBench {
  /** `<function>.<trigger>` */
  id: string;
  title: string;
  unit: string;
  /** What a brand of 100,000 members may have to handle in one day (an assumption, said in `volumeNote`). */
  volume: number;
  volumeNote: string;
  /** Timing sample for `npm run bench:jobs` (items). */
  sample: number;
  /** Creates `n` items for the job and sets the clock to when its timer fires. */
  setup(cloud: LocalCloud, n: number): Promise<void>;
  run(ctx: JobContext, opts: BatchOptions): Promise<JobOutcome>;
  /** What the job changes: compared between an interrupted and an uninterrupted run. */
  collections: string[];
}

async function writeConfigs(cloud: LocalCloud): Promise<void> {
  for (const def of ALL_CONFIGS) await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
}

/** A document to write while seeding: collection, id, data. */
type Doc = [string, string, DocData];

/** Plain writes, `width` at a time (generation is not measured). */
async function writeAll(cloud: LocalCloud, docs: Doc[], width = 500): Promise<void> {
  for (let i = 0; i < docs.length; i += width) {
    await Promise.all(docs.slice(i, i + width).map(([collection, id, data]) => cloud.db.collection(collection).doc(id).set({ data })));
  }
}

/** What one bench declares; `jobBench` turns it into a `JobBench` with the setup every bench shares. */
interface JobBenchSpec<R> extends Omit<JobBench, 'setup' | 'run'> {
  /** When the job's timer fires: the clock is set there once the data is in place. */
  at: Date;
  /** Every operator document at its default (the default), or none. */
  configs?: boolean;
  /** The clock while seeding, where the seeding goes through use cases that read it. */
  seedAt?: Date;
  /** Seeding beyond plain documents (use cases, shared generators); after the configs, before `docs`. */
  seed?: (cloud: LocalCloud, n: number) => Promise<unknown>;
  /** The documents for `n` items, written plainly. */
  docs?: (n: number) => Doc[];
  job: (ctx: JobContext, opts: BatchOptions) => Promise<R>;
  /** The job's result as the bench's outcome. */
  outcome: (r: R) => JobOutcome;
}

function jobBench<R>({ at, configs = true, seedAt, seed, docs, job, outcome, ...bench }: JobBenchSpec<R>): JobBench {
  return {
    ...bench,
    async setup(cloud, n) {
      if (configs) await writeConfigs(cloud);
      if (seedAt) cloud.clock.set(seedAt);
      await seed?.(cloud, n);
      if (docs) await writeAll(cloud, docs(n));
      cloud.clock.set(at);
    },
    run: async (ctx, opts) => outcome(await job(ctx, opts)),
  };
}

const pad = (i: number) => String(i).padStart(6, '0');
const DAY = 86_400_000;

const points = jobBench({
  id: 'points.daily',
  title: 'Points release and expiry',
  unit: 'accounts',
  volume: 95_000,
  volumeNote: '95% of 100,000 accounts due the same night (the bench:expiry case)',
  sample: 4_000,
  at: BENCH_AT,
  seed: (cloud, n) => generatePointAccounts(cloud, n),
  job: releaseAndExpireJob,
  outcome: (r) => ({ done: r.done, items: r.processed, failed: r.failed + r.skipped, concurrency: r.concurrency }),
  collections: ['point_accounts', 'point_entries'],
});

const tier = jobBench({
  id: 'member.daily',
  title: 'Tier review',
  unit: 'members',
  volume: 30_000,
  volumeNote: 'members above the first tier (30% of 100,000); one in ten falls',
  sample: 10_000,
  // Tiers: silver 0, gold 1000 (kept down to 900); the review runs at 02:30 Beijing on Dec 2, 2026 (window 2026-01..12).
  at: new Date('2026-12-01T18:30:00Z'),
  docs: (n) =>
    Array.from({ length: n }, (_, i): Doc => {
      // One in ten earned its growth in a month that has left the window: it falls to silver.
      const month = i % 10 === 0 ? '2025-06' : '2026-06';
      return ['members', `tier-${pad(i)}`, { _openid: `tier-${pad(i)}`, memberNo: `9${pad(i)}`, tierCode: 'gold', growth: 1200, growthByMonth: { [month]: 1200 } }];
    }),
  job: tierReviewJob,
  outcome: (r) => ({ done: r.done, items: r.reviewed, failed: r.failed + r.skipped, concurrency: r.concurrency }),
  collections: ['members', 'tier_changes', 'job_cursors'],
});

// 10:00 Beijing, Dec 1 2026: coupons valid through Nov 30 expire, reminders for Dec 5 are due.
const COUPONS_AT = new Date('2026-12-01T02:00:00Z');
const coupons = jobBench({
  id: 'coupons.daily',
  title: 'Coupons daily (reconcile, expire, remind, dispatch)',
  unit: 'coupons',
  volume: 100_000,
  volumeNote: 'coupons to look at in a day: 70% expire, 20% get a reminder (2 per member), 10% used',
  sample: 20_000,
  at: COUPONS_AT,
  seed: async (cloud) => {
    await cloud.db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: 'TPL_EXPIRY' } });
  },
  docs: (n) => {
    const base = { templateId: 'T1', channel: 'claim_center', sourceKey: 'bench', title: '满100减20', description: '', kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 }, stores: [], validFrom: '2026-11-01', undoMinutes: 10, claimDay: '2026-11-01', claimedAt: new Date('2026-11-01T02:00:00Z'), updatedAt: new Date('2026-11-01T02:00:00Z'), usedAt: null, redemptionNo: null };
    const docs: Doc[] = [];
    for (let i = 0; i < n; i++) {
      const k = i % 10;
      const member = k < 7 ? `cm-${pad(i)}` : `cr-${pad(Math.floor(i / 20))}`; // reminder coupons: two per member
      const coupon =
        k < 7
          ? { status: 'unused', validTo: '2026-11-30', remindOn: null }
          : k < 9
            ? { status: 'unused', validTo: '2026-12-05', remindOn: '2026-12-01' }
            : { status: 'used', validTo: '2026-12-05', remindOn: null };
      docs.push(['coupons', `cp-${pad(i)}`, { ...base, _openid: member, ...coupon }]);
    }
    // Half the reminded members accepted a subscription (their reminder is sent; the rest are skipped).
    for (let m = 0; m * 20 < n; m += 2) docs.push(['message_subscriptions', `cr-${pad(m)}:TPL_EXPIRY`, { _openid: `cr-${pad(m)}`, template: 'TPL_EXPIRY', count: 1, updatedAt: base.updatedAt }]);
    // What a crash mid-claim left: two stale claim documents and counters one too high.
    for (let i = 0; i < 2; i++) docs.push(['coupons', `cs-${pad(i)}`, { ...base, templateId: 'T2', _openid: 'cs-member', status: 'claiming', validTo: '2026-12-31', remindOn: null, claimDay: '2026-12-01', claimedAt: new Date(COUPONS_AT.getTime() - DAY) }]);
    docs.push(['coupon_holdings', 'T2:cs-member', { _openid: 'cs-member', templateId: 'T2', held: 2, day: '2026-11-30', dayCount: 2, ops: 2 }]);
    docs.push(['coupon_stock', 'T2', { issued: 2, ops: 2 }]);
    docs.push(['coupon_stock', 'T1', { issued: n, ops: n }]);
    return docs;
  },
  job: couponsDailyJob,
  outcome: (r) => ({ done: r.done, items: r.expired + r.reminded, failed: r.dispatch.failed, concurrency: null }),
  collections: ['coupons', 'coupon_holdings', 'coupon_stock', 'message_outbox', 'message_subscriptions', 'message_caps'],
});

const MALL_AT = new Date('2026-11-23T02:00:00Z');
const mall = jobBench({
  id: 'mall.unpaid',
  title: 'Mall unpaid orders',
  unit: 'orders',
  volume: 1_000,
  volumeNote: 'cash orders left unpaid within 5 minutes in a flash sale',
  sample: 600,
  seedAt: MALL_AT,
  at: new Date(MALL_AT.getTime() + PAYMENT_WINDOW_MS + 60_000),
  async seed(cloud, n) {
    await cloud.db.collection('mall_items').doc('TOTE').set({
      data: { title: '帆布包', kind: 'physical', delivery: ['pickup'], pricePoints: 100, cashFen: 1990, stock: n + 10, perMember: 2 },
    });
    const consent = { policyVersion: '2026-11-01', accepted: true };
    for (let i = 0; i < n; i++) {
      const openid = `mall-${pad(Math.floor(i / 2))}`; // two orders per member
      if (i % 2 === 0) {
        await must(cloud.call('member', { action: 'register', input: { consent, nickname: '压测', avatarUrl: 'preset:1' } }, openid));
        await cloud.db.runTransaction((tx) =>
          postInTx(tx, openid, { key: `seed:${openid}`, kind: 'earn', reason: '压测', source: 'bench', sourceId: openid, plan: (s) => planEarn(s, { amount: 1000, expiresOn: '2027-12-31' }) }, cloud.clock.now()),
        );
      }
      const input = { itemId: 'TOTE', quantity: 1, requestId: `bench-unpaid-${pad(i)}`, delivery: { mode: 'pickup', storeId: 'S001' } };
      const r = await must(cloud.call<{ order: { orderNo: string } }>('mall', { action: 'redeem', input }, openid));
      if (i % 5 === 0) await cloud.payments.pay(r.order.orderNo); // paid, never confirmed: the job makes it pending
    }
  },
  job: expireUnpaidOrdersJob,
  outcome: (r) => ({ done: r.done, items: r.cancelled + r.paid, failed: r.failed, concurrency: r.concurrency }),
  collections: ['mall_orders', 'mall_stock', 'mall_holdings', 'point_accounts', 'point_entries', '_dev_payments'],
});

async function must<T>(p: Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

const ADMIN_AT = new Date('2026-11-30T19:00:00Z'); // 03:00 Beijing
const admin = jobBench({
  id: 'admin.daily',
  title: 'Housekeeping (request ids, used codes, visits, message caps, code attempts)',
  unit: 'records',
  volume: 300_000,
  volumeNote: "a busy day's request ids and codes 30 days on",
  sample: 40_000,
  at: ADMIN_AT,
  configs: false,
  docs: (n) => {
    const old = new Date(ADMIN_AT.getTime() - 40 * DAY);
    const docs: Doc[] = [];
    for (let i = 0; i < n; i++) {
      const k = i % 10;
      if (k < 6) docs.push(['request_log', `rq-${pad(i)}`, { _openid: `m-${i % 997}`, scope: 'bench', requestId: `r${pad(i)}`, createdAt: old }]);
      else if (k < 8) docs.push(['used_codes', `uc-${pad(i)}`, { expiresAt: new Date(ADMIN_AT.getTime() - DAY) }]);
      else if (k < 9) docs.push(['staff_visits', `sv-${pad(i)}`, { expiresAt: new Date(ADMIN_AT.getTime() - DAY) }]);
      else if (i % 20 === 9) docs.push(['message_caps', `mc-${pad(i)}`, { count: 1, expiresAt: new Date(ADMIN_AT.getTime() - DAY) }]);
      else docs.push(['pin_attempts', `pa-${pad(i)}`, { n: 1, expiresAt: new Date(ADMIN_AT.getTime() - DAY) }]);
    }
    // Records that must stay: recent request ids and a code still valid.
    docs.push(['request_log', 'rq-recent', { _openid: 'm-1', scope: 'bench', requestId: 'recent-1', createdAt: new Date(ADMIN_AT.getTime() - DAY) }]);
    docs.push(['used_codes', 'uc-live', { expiresAt: new Date(ADMIN_AT.getTime() + 60_000) }]);
    return docs;
  },
  job: housekeepingJob,
  outcome: (r) => ({ done: r.done, items: r.requests + r.usedCodes + r.visits + r.messageCaps + r.pinAttempts, failed: 0, concurrency: null }),
  collections: ['request_log', 'used_codes', 'staff_visits', 'message_caps', 'pin_attempts'],
});

const birthday = jobBench({
  id: 'birthday.daily',
  title: 'Birthday benefits (points, a coupon, the greeting)',
  unit: 'members',
  volume: 8_500,
  volumeNote: 'a month window opening on the 1st: a twelfth of 100,000 members at once (a day window: ~275)',
  sample: 1_000,
  // 00:10 Beijing on 1 December 2026, a one-month window: every member born in December gets the benefit tonight.
  at: new Date('2026-11-30T16:10:00Z'),
  seed: (cloud) => setUpBirthday(cloud, 'month'),
  docs: (n) =>
    Array.from({ length: n }, (_, i): Doc[] => {
      const openid = `bday-${pad(i)}`;
      const [, member] = memberDoc(openid, `6${pad(i).padStart(11, '0')}`, tierOf(i), { month: 12, day: (i % 31) + 1 });
      const [, account] = pointAccountDoc(openid);
      return [['members', openid, member], ['point_accounts', openid, account]];
    }).flat(),
  job: birthdayJob,
  outcome: (r) => ({ done: r.done, items: r.granted, failed: r.failed, concurrency: r.concurrency }),
  collections: ['birthday_grants', 'point_accounts', 'point_entries', 'coupons', 'coupon_stock', 'coupon_holdings', 'message_outbox'],
});

const distribution = jobBench({
  id: 'distribution.daily',
  title: 'Commission settlement',
  unit: 'commissions',
  volume: 10_000,
  volumeNote: "commissions whose after-sale window ends the same night (a week's till orders of bound fans)",
  sample: 4_000,
  at: SETTLE_AT,
  // Ten commissions per distributor: the first n come due tonight, as many more later.
  seed: (cloud, n) =>
    writeCommissions(cloud, {
      due: n,
      notDue: n,
      perDistributor: 10,
      distributorOf: (d) => `dist-${pad(d)}`,
      buyerOf: (d, k) => `fan-${pad(d)}-${k}`,
    }),
  job: settlementJob,
  outcome: (r) => ({ done: r.done, items: r.settled, failed: r.failed, concurrency: r.concurrency }),
  collections: ['commissions', 'commission_accounts', 'commission_entries'],
});

const scoring = jobBench({
  id: 'scoring.nightly',
  title: 'Super-user scoring and layers (two passes over all members)',
  unit: 'members',
  volume: 100_000,
  volumeNote: 'every member, every night (a first night: most members get a layer)',
  sample: 10_000,
  // 01:00 Beijing, Dec 1 2026: the first run of the night scores every member over the 90 days before.
  at: new Date('2026-11-30T17:00:00Z'),
  docs: (n) => {
    const docs: Doc[] = [];
    for (let i = 0; i < n; i++) {
      const id = `sc-${pad(i)}`;
      const joined = new Date(i % 10 === 0 ? '2026-11-25T02:00:00Z' : '2025-01-01T02:00:00Z');
      docs.push(['members', id, { _openid: id, memberNo: `7${pad(i)}`, nickname: 'm', createdAt: joined }]);
      // Four in five were active: a skewed number of purchases, comments and likes on a day of the window.
      if (i % 5 !== 0) {
        const day = `2026-11-${String(1 + (i % 28)).padStart(2, '0')}`;
        const pu = i % 3;
        docs.push(['member_activity', id, { _openid: id, days: { [day]: { pu, sp: pu * 8000, cg: i % 7, lr: (i * 7) % 13 } }, months: { '2026-11': pu * 8000 }, lastActive: Number(day.replace(/-/g, '')), createdAt: joined }]);
      }
    }
    return docs;
  },
  job: scoringJob,
  outcome: (r) => ({ done: r.done, items: r.laid, failed: r.failed, concurrency: r.concurrency }),
  collections: ['member_layers', 'layer_changes', 'scoring_runs', 'member_activity'],
});

// 03:10 Beijing, Dec 2 2026: November's 每月分享王 (re-counted from the candidates' posts) and expired rate limits.
const COMMUNITY_AT = new Date('2026-12-01T19:10:00Z');
const community = jobBench({
  id: 'community.nightly',
  title: 'Community nightly (每月分享王, rate-limit counters)',
  unit: 'posts',
  volume: 20_000,
  volumeNote: "the month's 20 top contributors with up to 1,000 counted posts each (the job's cost does not grow with members or posts)",
  sample: 5_000,
  at: COMMUNITY_AT,
  docs: (n) => {
    const docs: Doc[] = [['community_badges', 'share-king', { name: '每月分享王', rule: { kind: 'monthly_share_king' } }]];
    const members = 10;
    for (let m = 0; m < members; m++) {
      const openid = `cn-${pad(m)}`;
      docs.push(['community_members', openid, { _openid: openid, publicId: `u${pad(m)}`, nickname: `会员${m}`, avatarUrl: 'preset:1', posts: 0, likesReceived: 0, badgeCodes: [], badge: null, mutedUntil: null, suspended: false }]);
      docs.push(['community_member_months', `${openid}:2026-11`, { _openid: openid, month: '2026-11', score: 1000 - m }]);
    }
    for (let i = 0; i < n; i++) {
      docs.push(['posts', `cp-${pad(i)}`, { _openid: `cn-${pad(i % members)}`, month: '2026-11', counted: true, status: 'visible', latestKey: `${pad(i)}~cp-${pad(i)}`, likesFromOthers: i % 7, commentsFromOthers: i % 3, sharesFromOthers: i % 2 }]);
    }
    // Rate-limit counters of the day before: purged.
    for (let i = 0; i < 5; i++) docs.push(['community_rate_limits', `rl-${pad(i)}`, { n: 1, expiresAt: new Date(COMMUNITY_AT.getTime() - DAY) }]);
    return docs;
  },
  job: communityNightlyJob,
  outcome: (r) => ({ done: r.honours.done, items: r.honours.posts, failed: 0, concurrency: null }),
  collections: ['community_honours', 'community_honour_progress', 'community_members', 'community_rate_limits'],
});

// Groups opened 10:00 Beijing Nov 22 with a 24 h window; the timer runs a minute after they close.
const GROUPS_OPENED_AT = new Date('2026-11-22T02:00:00Z');
const GROUPS_EXPIRE_AT = new Date(GROUPS_OPENED_AT.getTime() + DAY);
const groupbuy = jobBench({
  id: 'groupbuy.minutely',
  title: 'Group-buy (failed groups refunded, holds released, refunds retried)',
  unit: 'groups',
  volume: 2_000,
  volumeNote: 'groups of a popular deal closing unfilled in the same minute, each with two paid members to refund',
  sample: 1_000,
  at: new Date(GROUPS_EXPIRE_AT.getTime() + 60_000),
  async seed(cloud, n) {
    const deal = { title: '压测团', singlePriceFen: 9900, groupPriceFen: 5990, groupSize: 3, windowHours: 24, stock: 3 * n + 30, perMember: 5, delivery: ['pickup'] };
    await cloud.db.collection('group_deals').doc('bench').set({ data: deal });
    await cloud.db.collection('deal_stock').doc('group:bench').set({ data: { sold: 3 * n } });
    for (let i = 0; i < n; i += 200) {
      await Promise.all(Array.from({ length: Math.min(200, n - i) }, (_, k) => seedExpiringGroup(cloud, i + k, GROUPS_OPENED_AT, GROUPS_EXPIRE_AT)));
    }
  },
  job: groupBuyJob,
  outcome: (r) => ({ done: r.done, items: r.expired, failed: r.failures, concurrency: null }),
  collections: ['groups', 'deal_orders', 'deal_stock', 'deal_holdings', '_dev_payments'],
});

// 10:00 Beijing, Dec 1 2026: a message to 超级用户 and 高净值 (silver and gold members) is due.
const MESSAGES_AT = new Date('2026-12-01T02:00:00Z');
const messages: JobBench = {
  id: 'messages.sender',
  title: 'Layer messages (queue to a layer, dispatch)',
  unit: 'members',
  volume: 15_000,
  volumeNote: 'a message to 超级用户 and 高净值 (10% + 5% of 100,000 members), one in three subscribed',
  sample: 5_000,
  async setup(cloud, n) {
    await writeConfigs(cloud);
    await cloud.db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: null, operatorNotices: ['TPL_NOTICE'] } });
    await cloud.db.collection('layer_messages').doc('bench').set({
      data: { title: '新品试用招募', audience: { layers: ['super', 'high_value'], tiers: ['silver', 'gold'] }, templateId: 'TPL_NOTICE', data: { thing1: '新品试用招募' }, sendAt: '2026-12-01 10:00' },
    });
    const at = new Date('2026-01-01T02:00:00Z');
    const docs: [string, string, DocData][] = [];
    for (let i = 0; i < n; i++) {
      const id = `lm-${pad(i)}`;
      docs.push(['member_layers', id, { _openid: id, day: '2026-11-30', layers: i % 3 === 0 ? ['super', 'high_value'] : i % 3 === 1 ? ['super'] : ['high_value'], total: 100, before: [], updatedAt: at }]);
      // One in twenty closed their account (layers left until the nightly job); one in ten is platinum (outside the tiers).
      if (i % 20 !== 19) docs.push(['members', id, { _openid: id, memberNo: `6${pad(i)}`, tierCode: i % 10 === 3 ? 'platinum' : 'silver', createdAt: at }]);
      if (i % 3 === 0) docs.push(['message_subscriptions', `${id}:TPL_NOTICE`, { _openid: id, template: 'TPL_NOTICE', count: 1, updatedAt: at }]);
    }
    // Members of other layers: never read (the layers index).
    for (let i = 0; i < Math.ceil(n / 4); i++) docs.push(['member_layers', `ld-${pad(i)}`, { _openid: `ld-${pad(i)}`, day: '2026-11-30', layers: ['dormant'], total: 0, before: [], updatedAt: at }]);
    await writeAll(cloud, docs);
    cloud.clock.set(MESSAGES_AT);
  },
  async run(ctx, opts) {
    const r = await layerMessagesJob(ctx, opts);
    return { done: r.done, items: r.handled, failed: r.failed + r.dispatch.failed, concurrency: r.concurrency };
  },
  collections: ['message_outbox', 'message_subscriptions', 'message_caps', 'layer_message_runs'],
};

export const JOB_BENCHES: readonly JobBench[] = [points, tier, coupons, mall, admin, community, scoring, groupbuy, birthday, distribution, messages];

/** Items the counting run uses: small, so the README test re-counts in a second or two. */
export const COUNT_ITEMS = 100;

export interface JobCount extends OpsCount {
  id: string;
}

/** A bench cloud (latency off) holding the job's data for `n` items, its clock at the timer; closed after `use`. */
export async function withJobData<T>(job: JobBench, n: number, use: (cloud: LocalCloud) => Promise<T>): Promise<T> {
  const cloud = await startBenchCloud();
  try {
    await job.setup(cloud, n);
    return await use(cloud);
  } finally {
    await cloud.close();
  }
}

/**
 * The deterministic part: database operations and round trips in sequence per item, one item at a time, all
 * items in one page (the page query is shared by the items of a page; at 1,000 a page it adds 0.001).
 */
export function countJob(job: JobBench, n = COUNT_ITEMS): Promise<JobCount> {
  return withJobData(job, n, async (cloud) => {
    const { result, ops } = await countRoundTrips(cloud, () => job.run(cloud.jobContext(), { concurrency: 1, pageSize: 1000 }));
    if (!result.done) throw new Error(`${job.id}: the counting run did not finish`);
    const items = expectedItems(job, n);
    const per = (x: number) => Math.round((x / items) * 100) / 100;
    return { id: job.id, reads: per(ops.reads), writes: per(ops.writes), queries: per(ops.queries), transactions: per(ops.transactions), roundTrips: per(ops.roundTrips) };
  });
}

/** Items a dataset of `n` gives the job to handle (the unit of the per-item figures). */
export function expectedItems(job: JobBench, n: number): number {
  if (job.id === 'points.daily') return Array.from({ length: n }, (_, i) => i).filter(isDue).length;
  if (job.id === 'coupons.daily') return n - Math.floor(n / 10); // the used ones need nothing
  return n;
}

export const JOBS_HEADER = ['Job', 'Timer', 'Item', 'Reads', 'Writes', 'Queries', 'Transactions', 'Round trips in sequence'];

export function jobCountCells(job: JobBench, c: JobCount): (string | number)[] {
  return [`\`${job.id}\` ${job.title}`, timerWindow(job.id).schedule, job.unit, c.reads, c.writes, c.queries, c.transactions, c.roundTrips];
}

/** The counted columns of the README's jobs table (the test compares them with a re-count). */
export function parseJobCounts(section: string): JobCount[] {
  return tableRows(section).map((cells) => {
    const [job, , , reads, writes, queries, transactions, roundTrips] = cells;
    const id = /`([^`]+)`/.exec(job)?.[1] ?? job;
    return { id, reads: +reads, writes: +writes, queries: +queries, transactions: +transactions, roundTrips: +roundTrips };
  });
}
