import type { Database, Transaction } from '../../_platform/database.port';
import { birthdayMultiplier } from '../birthday/birthday.rules';
import { birthdayConfig, earnRulesConfig, scoringConfig, storesConfig, tierConfig, vipCardConfig } from '../config/config-registry';
import { noteCommissionableOrderInTx, noteOrderRefundedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { addActivityInTx, scoreInTx } from '../scoring/activity.service';
import { changesOf } from '../scoring/activity-events.rules';
import { loadConfig, type ConfigReader } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay, businessMonthDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type {
  PreviewRefundInput,
  PurchaseRecordedView,
  PurchaseRefundedView,
  RecordPurchaseInput,
  RefundPreviewView,
  RefundPurchaseInput,
} from '../staff/staff-till.schema';
import { memberNoTail } from '../staff/member-at-till.rules';
import { maskName } from '../member/member.rules';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import { judgeRefundAmount, refundShare } from './purchase-refund.rules';
import { loadVisit } from '../staff/staff-visit';
import { addGrowth, rollingGrowth, tierAfterEarning } from '../tier/growth.rules';
import type { TierDefinition } from '../tier/tier-config.schema';
import { TIER_CHANGES } from '../tier/tier-change.record';
import { standingOf } from '../tier/tier.rules';
import { isVip } from '../vip/vip.rules';
import type { LineItem } from './earn-rules.schema';
import { availableOnFor, evaluateEarn, expiresOnFor, purchaseGrowth } from './earn-engine.rules';
import { EMPTY_STATE, pendingKey, planEarn, planReverse } from './points-ledger.rules';
import { pointsNow, postInTx, stateAsOf } from './points-ledger.service';
import { POINT_ACCOUNTS, type PointAccountRecord } from './points.record';
import { formatMoney } from '../shared/money.rules';

/** `purchases/{orderNo}`: one per order brand-wide; the order number is the idempotency key. */
export interface PurchaseRecord {
  _id: string;
  _openid: string;
  amountFen: number;
  storeId: string | null;
  clerk: string;
  points: number;
  lineItems: LineItem[];
  growth: number;
  /** Beijing month the growth was counted in (a refund takes it back from there). */
  month: string;
  pendingUntil: string | null;
  tierFrom: string;
  tierTo: string;
  status: 'paid' | 'partially_refunded' | 'refunded';
  /** Totals over the refunds so far (records written before partial refunds lack the optional ones). */
  reversedPoints: number;
  refundedFen?: number;
  reversedGrowth?: number;
  refunds?: RefundPart[];
  createdAt: Date;
  refundedAt: Date | null;
}

/** One refund of an order (a part, or the rest); its request id makes a retry return the first answer. */
export interface RefundPart {
  requestId: string;
  amountFen: number;
  points: number;
  growth: number;
  /** Points the member owed after it (the answer a retry repeats). */
  owedAfter: number;
  clerk: string;
  storeId: string | null;
  reason: string;
  at: Date;
}
export const PURCHASES = 'purchases';

const tierView = (t: TierDefinition) => ({ code: t.code, name: t.name, color: t.color });
/** 128000 -> "1,280.00": ledger reasons show money the way the app does (¥1,280.00). */

type Configs = {
  rules: Awaited<ReturnType<typeof loadConfig<typeof earnRulesConfig.schema>>>;
  tierCfg: Awaited<ReturnType<typeof loadConfig<typeof tierConfig.schema>>>;
  vipCard: Awaited<ReturnType<typeof loadConfig<typeof vipCardConfig.schema>>>;
  birthday: Awaited<ReturnType<typeof loadConfig<typeof birthdayConfig.schema>>>;
};

/** The operator documents crediting a purchase needs (read before the transaction). */
export async function loadPurchaseConfigs(ctx: ConfigReader): Promise<Configs> {
  const [rules, tierCfg, vipCard, birthday] = await Promise.all([
    loadConfig(ctx, earnRulesConfig),
    loadConfig(ctx, tierConfig),
    loadConfig(ctx, vipCardConfig),
    loadConfig(ctx, birthdayConfig),
  ]);
  return { rules, tierCfg, vipCard, birthday };
}

export interface PaidPurchase {
  memberOpenid: string;
  /** Unique brand-wide: the purchase's document id and the ledger key `purchase:<orderNo>`. */
  orderNo: string;
  amountFen: number;
  storeId: string | null;
  /** Who recorded it: the clerk's openid, or the feature (e.g. `group-buy`). */
  clerk: string;
  /** The ledger line the member reads, e.g. 门店消费 ¥12.00. */
  reason: string;
}

export interface CreditedPurchase {
  repeated: boolean;
  record: Omit<PurchaseRecord, '_id'>;
  award: { total: number; lineItems: LineItem[] };
  growth: number;
  before: TierDefinition;
  after: TierDefinition;
}

/**
 * Credits a paid purchase inside the caller's transaction, the one way every purchase earns: points through
 * the ledger (pending through the after-sale window), growth in this month's bucket, an immediate upgrade
 * when growth crosses a threshold, and `purchases/{orderNo}`. Keyed by the order number: a repeat credits
 * nothing and says so (a different member or amount under the same number is ORDER_CONFLICT).
 */
export async function creditPurchaseInTx(tx: Transaction, db: Pick<Database, 'command'>, cfg: Configs, p: PaidPurchase, now: Date): Promise<CreditedPurchase> {
  const { rules, tierCfg, vipCard, birthday } = cfg;
  const { tiers, windowMonths: window } = tierCfg;
  const today = businessDay(now);
  const month = today.slice(0, 7);
  const purchases = tx.collection<PurchaseRecord>(PURCHASES);
  const members = tx.collection<MemberRecord>(MEMBERS);
  const existing = await getOrNull<PurchaseRecord>(purchases.doc(p.orderNo));
  if (existing) {
    if (existing._openid !== p.memberOpenid || existing.amountFen !== p.amountFen) {
      throw new AppError('ORDER_CONFLICT', '该订单号已记录过另一笔消费');
    }
    const member = (await members.doc(p.memberOpenid).get()).data;
    const { _id, ...record } = existing;
    void _id;
    return {
      repeated: true,
      record,
      award: { total: existing.points, lineItems: existing.lineItems },
      growth: member.growth,
      before: standingOf(tiers, existing.tierFrom, 0).current,
      after: standingOf(tiers, member.tierCode, member.growth).current,
    };
  }

  const member = (await members.doc(p.memberOpenid).get()).data;
  const before = standingOf(tiers, member.tierCode, member.growth).current;
  const award = evaluateEarn(
    { kind: 'purchase', amountFen: p.amountFen },
    {
      rules,
      tierMultiplierPercent: before.pointsMultiplierPercent,
      tierName: before.name,
      dayOfMonth: businessMonthDay(now).day,
      vipBonusPercent: isVip(member, now) ? vipCard.pointsBonusPercent : 100,
      birthdayMultiplierPercent: birthdayMultiplier(birthday, { birthday: member.birthday, tierCode: before.code }, today),
    },
  );
  const growthDelta = purchaseGrowth(rules, p.amountFen);
  const growthByMonth = addGrowth(member.growthByMonth ?? {}, month, growthDelta, month, window);
  const growth = rollingGrowth(growthByMonth, month, window);
  const after = tierAfterEarning(tiers, before.code, growth);
  await members.doc(p.memberOpenid).update({
    data: {
      growthByMonth: db.command.set(growthByMonth),
      growth,
      lifetimeGrowth: (member.lifetimeGrowth ?? 0) + growthDelta,
      tierCode: after.code,
      updatedAt: now,
    },
  });
  if (after.code !== before.code) {
    await tx.collection(TIER_CHANGES).add({
      data: { _openid: p.memberOpenid, from: before.code, to: after.code, reason: 'upgrade', growth, source: `purchase:${p.orderNo}`, at: now },
    });
  }

  const pendingUntil = availableOnFor(rules, today);
  await postInTx(
    tx,
    p.memberOpenid,
    {
      key: `purchase:${p.orderNo}`,
      kind: 'earn',
      reason: p.reason,
      source: 'purchase',
      sourceId: p.orderNo,
      lineItems: award.lineItems,
      plan: (state) => planEarn(state, { amount: award.total, expiresOn: expiresOnFor(rules.expiry, today), availableOn: pendingUntil, sourceId: p.orderNo }),
    },
    now,
  );
  const record: Omit<PurchaseRecord, '_id'> = {
    _openid: p.memberOpenid,
    amountFen: p.amountFen,
    storeId: p.storeId,
    clerk: p.clerk,
    points: award.total,
    lineItems: award.lineItems,
    growth: growthDelta,
    month,
    pendingUntil,
    tierFrom: before.code,
    tierTo: after.code,
    status: 'paid',
    reversedPoints: 0,
    createdAt: now,
    refundedAt: null,
  };
  await purchases.doc(p.orderNo).set({ data: record });
  // The member's scoring bucket moves in the same transaction: counted if and only if the purchase is.
  for (const c of changesOf({ kind: 'purchase', member: p.memberOpenid, day: today, amountFen: p.amountFen })) {
    await addActivityInTx(tx, db.command, { openid: c.member, day: c.day, delta: c.delta }, now);
  }
  return { repeated: false, record, award, growth, before, after };
}

/**
 * A clerk records a purchase for the member whose code they scanned (`creditPurchaseInTx`) and the audit
 * entry, in one transaction keyed by the order number.
 */
export async function recordPurchase(ctx: StaffContext, input: RecordPurchaseInput): Promise<PurchaseRecordedView> {
  const { memberOpenid } = await loadVisit(ctx, input.visitId);
  const cfg = await loadPurchaseConfigs(ctx);
  const now = ctx.clock.now();
  const recorded = await ctx.db.runTransaction(async (tx) => {
    const credited = await creditPurchaseInTx(
      tx,
      ctx.db,
      cfg,
      { memberOpenid, orderNo: input.orderNo, amountFen: input.amountFen, storeId: ctx.staff.storeId, clerk: ctx.staff._id, reason: `门店消费 ${formatMoney(input.amountFen)}` },
      now,
    );
    if (!credited.repeated) {
      // Distribution: the paid-order fact, in this transaction so it is never lost (applied right after commit).
      await noteCommissionableOrderInTx(
        tx,
        { source: TILL_SOURCE, orderNo: input.orderNo, buyer: memberOpenid, amountFen: input.amountFen, productClass: 'store', paidAt: now },
        now,
      );
      await appendAudit(
        tx,
        ctx.staff,
        { action: 'purchase.record', target: memberOpenid, detail: { orderNo: input.orderNo, amountFen: input.amountFen, points: credited.award.total, growth: credited.record.growth } },
        now,
      );
    }
    const upgraded = credited.record.tierFrom !== credited.record.tierTo;
    return {
      orderNo: input.orderNo,
      repeated: credited.repeated,
      award: credited.award,
      pendingUntil: credited.record.pendingUntil,
      growth: credited.growth,
      tier: tierView(credited.after),
      upgradedFrom: upgraded ? tierView(credited.before) : null,
    };
  });
  if (!recorded.repeated) await processCommissionableOrder(ctx, TILL_SOURCE, input.orderNo);
  return recorded;
}

/** Till purchases in the distribution ledger (commission order ids `till:<orderNo>`). */
export const TILL_SOURCE = 'till';

/** What an order has been refunded so far (older records were whole refunds or none). */
function refundedSoFar(order: PurchaseRecord): { fen: number; growth: number; parts: RefundPart[] } {
  if (order.refundedFen !== undefined) return { fen: order.refundedFen, growth: order.reversedGrowth ?? 0, parts: order.refunds ?? [] };
  return order.status === 'refunded' ? { fen: order.amountFen, growth: order.growth, parts: [] } : { fen: 0, growth: 0, parts: [] };
}

/**
 * Whether this staff member may refund this order: their own store's orders, or any store's for a manager
 * (a cross-store refund, audited as such). A clerk of one store cannot refund another store's purchase.
 */
function crossStoreProblem(staff: StaffContext['staff'], order: PurchaseRecord, stores: StoresConfig): string | null {
  if (order.storeId === staff.storeId || staff.role === 'manager') return null;
  return `这笔订单在${storeNameOf(stores, order.storeId)}登记，跨店退款需由店长办理`;
}

/** `staff.previewRefund`: what a refund of `amountFen` (or the rest) would take back; writes nothing. */
export async function previewRefund(ctx: StaffContext, input: PreviewRefundInput): Promise<RefundPreviewView> {
  const [order, stores] = await Promise.all([
    getOrNull<PurchaseRecord>(ctx.db.collection<PurchaseRecord>(PURCHASES).doc(input.orderNo)),
    loadConfig(ctx, storesConfig),
  ]);
  if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单，请核对小票上的订单号');
  const [member, account] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(order._openid)),
    getOrNull<PointAccountRecord>(ctx.db.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(order._openid)),
  ]);
  // The refund is planned on today's state (due releases and expiries applied), as the transaction will see it.
  const so = refundedSoFar(order);
  const amount = judgeRefundAmount({ amountFen: order.amountFen, refundedFen: so.fen }, input.amountFen);
  const refundFen = amount.ok ? amount.refundFen : 0;
  const share = refundShare({ amountFen: order.amountFen, points: order.points, growth: order.growth, refundedFen: so.fen }, refundFen);
  const state = account ? stateAsOf(account, ctx.clock.now()) : EMPTY_STATE;
  const fx = planReverse(state, { sourceId: order._id, amount: share.points });
  const fromPending = fx.take.filter((t) => t.key === pendingKey(order._id)).reduce((a, t) => a + t.amount, 0);
  const cross = crossStoreProblem(ctx.staff, order, stores);
  return {
    orderNo: order._id,
    member: { maskedName: maskName(member?.nickname ?? ''), memberNoTail: memberNoTail(member?.memberNo ?? '') },
    storeName: storeNameOf(stores, order.storeId),
    recordedAt: order.createdAt.toISOString(),
    amountFen: order.amountFen,
    refundedFen: so.fen,
    refundableFen: order.amountFen - so.fen,
    refundFen,
    points: share.points,
    fromPending,
    fromBalance: share.points - fromPending - fx.owedDelta,
    newlyOwed: fx.owedDelta,
    growth: share.growth,
    crossStore: order.storeId !== ctx.staff.storeId,
    allowed: amount.ok && cross === null,
    reason: !amount.ok ? amount.reason : cross,
  };
}

/**
 * Refunds an order, whole or in parts by amount: each part takes back its share of the order's points
 * through the ledger (refund rules in points-ledger.rules / purchase-refund.rules) and of its growth from the
 * month it was counted in, in one transaction on the order. The tier is not lowered here; the periodic review
 * does that with hysteresis. A cross-store refund needs a manager and is audited as one.
 */
export async function refundPurchase(ctx: StaffContext, input: RefundPurchaseInput): Promise<PurchaseRefundedView> {
  const [{ windowMonths: window }, stores, scoring] = await Promise.all([
    loadConfig(ctx, tierConfig),
    loadConfig(ctx, storesConfig),
    loadConfig(ctx, scoringConfig),
  ]);
  const now = ctx.clock.now();
  const today = businessDay(now);
  const month = today.slice(0, 7);

  const refunded = await ctx.db.runTransaction(async (tx) => {
    const purchases = tx.collection<PurchaseRecord>(PURCHASES);
    const order = await getOrNull<PurchaseRecord>(purchases.doc(input.orderNo));
    if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单，请核对小票上的订单号');
    const so = refundedSoFar(order);
    const crossStore = order.storeId !== ctx.staff.storeId;
    const prior = so.parts.find((p) => p.requestId === input.requestId);
    if (prior) {
      return {
        orderNo: order._id,
        repeated: true,
        refundFen: prior.amountFen,
        refundedFen: so.fen,
        remainingFen: order.amountFen - so.fen,
        reversedPoints: prior.points,
        owed: prior.owedAfter,
        crossStore,
      };
    }
    if (order.status === 'refunded' && so.parts.length === 0) {
      // Refunded in full before partial refunds existed: the same request answers as a repeat.
      const account = await tx.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(order._openid).get();
      return { orderNo: order._id, repeated: true, refundFen: order.amountFen, refundedFen: order.amountFen, remainingFen: 0, reversedPoints: order.reversedPoints, owed: pointsNow(account.data, now).owed, crossStore };
    }
    const cross = crossStoreProblem(ctx.staff, order, stores);
    if (cross) throw new AppError('FORBIDDEN', cross);
    const amount = judgeRefundAmount({ amountFen: order.amountFen, refundedFen: so.fen }, input.amountFen);
    if (!amount.ok) throw new AppError('REFUND_AMOUNT_INVALID', amount.reason, 'amountFen');
    const share = refundShare({ amountFen: order.amountFen, points: order.points, growth: order.growth, refundedFen: so.fen }, amount.refundFen);
    const partNo = so.parts.length + 1;

    const posted = await postInTx(
      tx,
      order._openid,
      {
        key: `refund:${input.orderNo}:${partNo}`,
        kind: 'reverse',
        reason: amount.refundFen === order.amountFen ? `订单退款 ${formatMoney(order.amountFen)}` : `订单部分退款 ${formatMoney(amount.refundFen)}`,
        source: 'refund',
        sourceId: input.orderNo,
        plan: (state) => planReverse(state, { sourceId: input.orderNo, amount: share.points }),
      },
      now,
    );
    const reversedPoints = posted.entry.effects.take.reduce((s, t) => s + t.amount, 0) + posted.entry.owedDelta;
    if (share.growth > 0) {
      const members = tx.collection<MemberRecord>(MEMBERS);
      const member = (await members.doc(order._openid).get()).data;
      const growthByMonth = addGrowth(member.growthByMonth ?? {}, order.month, -share.growth, month, window);
      await members.doc(order._openid).update({
        data: {
          growthByMonth: ctx.db.command.set(growthByMonth),
          growth: rollingGrowth(growthByMonth, month, window),
          lifetimeGrowth: Math.max(0, (member.lifetimeGrowth ?? 0) - share.growth),
          updatedAt: now,
        },
      });
    }
    const refundedFen = so.fen + amount.refundFen;
    // Owed after today's due releases (what the member center shows), as every answer of the ledger does.
    const owedAfter = pointsNow(posted.account, now).owed;
    const part: RefundPart = {
      requestId: input.requestId,
      amountFen: amount.refundFen,
      points: reversedPoints,
      growth: share.growth,
      owedAfter,
      clerk: ctx.staff._id,
      storeId: ctx.staff.storeId,
      reason: input.reason,
      at: now,
    };
    await purchases.doc(order._id).update({
      data: {
        status: refundedFen === order.amountFen ? 'refunded' : 'partially_refunded',
        refundedFen,
        reversedPoints: order.reversedPoints + reversedPoints,
        reversedGrowth: so.growth + share.growth,
        refunds: ctx.db.command.set([...so.parts, part]),
        refundedAt: now,
      },
    });
    await noteOrderRefundedInTx(tx, { source: TILL_SOURCE, orderNo: order._id, refundedAt: now, reason: input.reason, refundedFen }, now);
    // Take the refund back from the purchase day's bucket (and its month's spend), in the same transaction.
    const purchaseDay = businessDay(order.createdAt);
    const refund = { kind: 'refund' as const, member: order._openid, purchaseDay, amountFen: amount.refundFen, whole: refundedFen === order.amountFen };
    await scoreInTx(tx, ctx.db.command, refund, now, { today, windowDays: scoring.windowDays });
    await appendAudit(
      tx,
      ctx.staff,
      {
        action: 'purchase.refund',
        target: order._openid,
        detail: {
          orderNo: order._id,
          reason: input.reason,
          requestId: input.requestId,
          amountFen: amount.refundFen,
          reversedPoints,
          crossStore,
          orderStoreId: order.storeId,
        },
      },
      now,
    );
    return {
      orderNo: order._id,
      repeated: false,
      refundFen: amount.refundFen,
      refundedFen,
      remainingFen: order.amountFen - refundedFen,
      reversedPoints,
      owed: owedAfter,
      crossStore,
    };
  });
  if (!refunded.repeated) await processCommissionableOrder(ctx, TILL_SOURCE, input.orderNo);
  return refunded;
}
