import { isDatabaseError, type Transaction } from '../../_platform/database.port';
import { distributionConfig, giftPackConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { maskName } from '../member/member.rules';
import type { MemberRecord } from '../member/member.record';
import { POINT_ENTRIES } from '../points/points.record';
import { PURCHASES } from '../points/purchase.service';
import type { MemberContext } from '../shared/access';
import { addDays, businessDay, startOfBusinessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { VIP_ORDERS } from '../vip/vip.record';
import { balanceOf } from './commission-ledger.rules';
import { activeFans, gradeFor, nextGrade } from './commission.rules';
import type { DistributionConfig } from './distribution-config.schema';
import {
  COMMISSION_ACCOUNTS,
  DISTRIBUTORS,
  type CommissionAccountRecord,
  type DistributorRecord,
  type DistributorVia,
} from './distribution.record';
import type { DistributionStatusView, JoinView, ShareCodeView } from './distribution.schema';
import { conditionsFor, qualifyingVia, type EligibilityFacts } from './eligibility.rules';
import { sceneFor } from './referral.rules';
import { countFans } from './referral.service';

type Ctx = Pick<UseCaseContext, 'db' | 'clock' | 'log'>;

export function newDistributor(member: Pick<MemberRecord, '_id' | 'memberNo'>, via: DistributorVia, now: Date): DistributorRecord {
  return {
    _id: member._id,
    _openid: member._id,
    memberNo: member.memberNo,
    status: 'active',
    via,
    activeByMonth: {},
    monthTotals: {},
    shareCodeFileId: null,
    joinedAt: now,
    updatedAt: now,
  };
}

/** Inside the gift pack's activation: the buyer becomes a distributor (a repeat purchase changes nothing). */
export async function makeDistributorInTx(tx: Transaction, member: Pick<MemberRecord, '_id' | 'memberNo'>, via: DistributorVia, now: Date): Promise<void> {
  const ref = tx.collection<DistributorRecord>(DISTRIBUTORS).doc(member._id);
  if (await getOrNull(ref)) return;
  const { _id, ...data } = newDistributor(member, via, now);
  void _id;
  await ref.set({ data });
}

export async function loadDistributor(ctx: Ctx, openid: string): Promise<DistributorRecord | null> {
  const d = await getOrNull<DistributorRecord>(ctx.db.collection<DistributorRecord>(DISTRIBUTORS).doc(openid));
  return d?.status === 'active' ? d : null;
}

/** The caller as a distributor, or NOT_DISTRIBUTOR. */
export async function requireDistributor(ctx: MemberContext): Promise<DistributorRecord> {
  const d = await loadDistributor(ctx, ctx.member._id);
  if (!d) throw new AppError('NOT_DISTRIBUTOR', '你还不是推广员');
  return d;
}

async function eligibilityFacts(ctx: MemberContext, cfg: DistributionConfig): Promise<EligibilityFacts> {
  const _ = ctx.db.command;
  const $ = _.aggregate;
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const since = addDays(businessDay(now), -(cfg.eligibility.task.windowDays - 1));
  const task = cfg.eligibility.task;
  const [checkins, spend, packs] = await Promise.all([
    task.enabled && task.checkinDays !== null
      ? ctx.db.collection(POINT_ENTRIES).where({ _openid: openid, source: 'checkin', day: _.gte(since) }).count()
      : Promise.resolve({ total: 0 }),
    task.enabled && task.spendFen !== null
      ? ctx.db
          .collection(PURCHASES)
          .aggregate()
          .match({ _openid: openid, status: _.in(['paid', 'partially_refunded']), createdAt: _.gte(startOfBusinessDay(since)) })
          .group({ _id: null, total: $.sum('$amountFen'), refunded: $.sum('$refundedFen') })
          .end<{ total: number; refunded: number }>()
      : Promise.resolve({ list: [] as { total: number; refunded: number }[] }),
    cfg.eligibility.giftPack.enabled
      ? ctx.db.collection(VIP_ORDERS).where({ _openid: openid, product: 'gift_pack', status: 'paid' }).count()
      : Promise.resolve({ total: 0 }),
  ]);
  return { memberNo: ctx.member.memberNo, checkinDays: checkins.total, spendFen: (spend.list[0]?.total ?? 0) - (spend.list[0]?.refunded ?? 0), giftPackPaid: packs.total > 0 };
}

async function distributorView(ctx: MemberContext, cfg: DistributionConfig, d: DistributorRecord) {
  const month = businessDay(ctx.clock.now()).slice(0, 7);
  const active = activeFans(d.activeByMonth ?? {}, month, cfg.activeFanMonths);
  const grade = gradeFor(cfg.grades, active);
  const next = nextGrade(cfg.grades, grade);
  return {
    memberNo: d.memberNo,
    via: d.via,
    since: businessDay(d.joinedAt),
    grade: { code: grade.code, name: grade.name },
    activeFans: active,
    nextGrade: next ? { name: next.name, minActiveFans: next.minActiveFans } : null,
    fans: await countFans(ctx, d._id),
  };
}

export function totalsView(a: CommissionAccountRecord | null) {
  if (!a) return { pendingFen: 0, balanceFen: 0, settledFen: 0, withdrawnFen: 0, clawedBackFen: 0 };
  return { pendingFen: a.pending, balanceFen: balanceOf(a), settledFen: a.settled, withdrawnFen: a.withdrawn, clawedBackFen: a.clawedBack };
}

/** `distribution.status`: the caller as a distributor (grade, money), or the ways to become one and progress. */
export async function distributionStatus(ctx: MemberContext): Promise<DistributionStatusView> {
  const [cfg, pack] = await Promise.all([loadConfig(ctx, distributionConfig), loadConfig(ctx, giftPackConfig)]);
  const d = await loadDistributor(ctx, ctx.member._id);
  const withdrawal = { minFen: cfg.withdrawal.minFen, dailyCapFen: cfg.withdrawal.dailyCapFen, approvalAboveFen: cfg.withdrawal.approvalAboveFen };
  const giftPack =
    cfg.enabled && cfg.eligibility.giftPack.enabled && pack.enabled
      ? { title: pack.title, priceFen: pack.priceFen, description: pack.description, benefits: pack.benefits }
      : null;
  if (d) {
    const account = await getOrNull<CommissionAccountRecord>(ctx.db.collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS).doc(d._id));
    return { enabled: cfg.enabled, distributor: await distributorView(ctx, cfg, d), account: totalsView(account), conditions: [], canJoin: false, giftPack: null, withdrawal };
  }
  if (!cfg.enabled) return { enabled: false, distributor: null, account: null, conditions: [], canJoin: false, giftPack: null, withdrawal };
  const conditions = conditionsFor(cfg, await eligibilityFacts(ctx, cfg));
  return { enabled: true, distributor: null, account: null, conditions, canJoin: qualifyingVia(conditions) !== null, giftPack, withdrawal };
}

/** `distribution.join`: becomes a distributor when a condition is met now (checked here, never by the app). */
export async function joinDistribution(ctx: MemberContext): Promise<JoinView> {
  const cfg = await loadConfig(ctx, distributionConfig);
  if (!cfg.enabled) throw new AppError('DISTRIBUTION_CLOSED', '推广计划暂未开放');
  const existing = await loadDistributor(ctx, ctx.member._id);
  if (existing) return { distributor: await distributorView(ctx, cfg, existing), repeated: true };
  const via = qualifyingVia(conditionsFor(cfg, await eligibilityFacts(ctx, cfg)));
  if (!via) throw new AppError('DISTRIBUTOR_NOT_ELIGIBLE', '还没有满足成为推广员的条件');
  const record = newDistributor(ctx.member, via, ctx.clock.now());
  const { _id, ...data } = record;
  try {
    // The member is the document id: a double tap adds once, the second gets duplicate-key.
    await ctx.db.collection(DISTRIBUTORS).add({ data: { _id, ...data } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    const found = await getOrNull<DistributorRecord>(ctx.db.collection<DistributorRecord>(DISTRIBUTORS).doc(_id));
    if (found?.status !== 'active') throw new AppError('NOT_DISTRIBUTOR', '推广员资格已暂停，请联系运营');
    return { distributor: await distributorView(ctx, cfg, found), repeated: true };
  }
  return { distributor: await distributorView(ctx, cfg, record), repeated: false };
}

/** The page a share opens: the home page reads `scene` and binds (no query in a mini-program code's page). */
export const SHARE_PAGE = 'pages/home/index';

/**
 * `distribution.shareCode`: the caller's scene and mini-program code (wxacode.getUnlimited, generated once and
 * kept in cloud storage). If the code cannot be made now the scene and share path still work.
 */
export async function shareCode(ctx: MemberContext): Promise<ShareCodeView> {
  const d = await requireDistributor(ctx);
  const scene = sceneFor(d.memberNo);
  const base = { scene, page: SHARE_PAGE, sharePath: `/${SHARE_PAGE}?scene=${encodeURIComponent(scene)}`, nickname: maskName(ctx.member.nickname) };
  try {
    let fileId = d.shareCodeFileId;
    if (fileId) {
      const urls = await ctx.storage.tempUrls([fileId]);
      if (urls[fileId]) return { ...base, imageUrl: urls[fileId] };
    }
    const png = await ctx.openapi.getUnlimitedCode({ scene, page: SHARE_PAGE, width: 430 });
    fileId = (await ctx.storage.upload({ cloudPath: `share-codes/${d.memberNo}.png`, content: png })).fileId;
    await ctx.db.collection(DISTRIBUTORS).doc(d._id).update({ data: { shareCodeFileId: fileId, updatedAt: ctx.clock.now() } });
    const urls = await ctx.storage.tempUrls([fileId]);
    return { ...base, imageUrl: urls[fileId] ?? null };
  } catch (e) {
    ctx.log.warn('distribution.share_code.failed', { err: e instanceof Error ? e.message : String(e) });
    return { ...base, imageUrl: null };
  }
}
