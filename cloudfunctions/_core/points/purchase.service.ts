import { birthdayMultiplier } from '../birthday/birthday.rules';
import { birthdayConfig, earnRulesConfig, storesConfig, tierConfig, vipCardConfig } from '../config/config-registry';
import { noteCommissionableOrderInTx, noteOrderRefundedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { loadConfig } from '../config/operator-config';
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
const yuanText = (fen: number) => `${String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100).padStart(2, '0')}`;

/**
 * A clerk records a purchase for the member whose code they scanned: points (pending through the
 * after-sale window), growth in this month's bucket, an immediate upgrade when growth crosses a threshold,
 * the order and the audit entry, all in one transaction keyed by the order number.
 */
export async function recordPurchase(ctx: StaffContext, input: RecordPurchaseInput): Promise<PurchaseRecordedView> {
  const { memberOpenid } = await loadVisit(ctx, input.visitId);
  const [rules, tierCfg, vipCard, birthday] = await Promise.all([
    loadConfig(ctx, earnRulesConfig),
    loadConfig(ctx, tierConfig),
    loadConfig(ctx, vipCardConfig),
    loadConfig(ctx, birthdayConfig),
  ]);
  const { tiers, windowMonths: window } = tierCfg;
  const now = ctx.clock.now();
  const today = businessDay(now);
  const month = today.slice(0, 7);

  const recorded = await ctx.db.runTransaction(async (tx) => {
    const purchases = tx.collection<PurchaseRecord>(PURCHASES);
    const existing = await getOrNull<PurchaseRecord>(purchases.doc(input.orderNo));
    const members = tx.collection<MemberRecord>(MEMBERS);
    if (existing) {
      if (existing._openid !== memberOpenid || existing.amountFen !== input.amountFen) {
        throw new AppError('ORDER_CONFLICT', '该订单号已记录过另一笔消费');
      }
      const member = (await members.doc(memberOpenid).get()).data;
      return {
        orderNo: existing._id,
        repeated: true,
        award: { total: existing.points, lineItems: existing.lineItems },
        pendingUntil: existing.pendingUntil,
        growth: member.growth,
        tier: tierView(standingOf(tiers, member.tierCode, member.growth).current),
        upgradedFrom: existing.tierFrom !== existing.tierTo ? tierView(standingOf(tiers, existing.tierFrom, 0).current) : null,
      };
    }

    const member = (await members.doc(memberOpenid).get()).data;
    const before = standingOf(tiers, member.tierCode, member.growth).current;
    const award = evaluateEarn(
      { kind: 'purchase', amountFen: input.amountFen },
      {
        rules,
        tierMultiplierPercent: before.pointsMultiplierPercent,
        tierName: before.name,
        dayOfMonth: businessMonthDay(now).day,
        vipBonusPercent: isVip(member, now) ? vipCard.pointsBonusPercent : 100,
        birthdayMultiplierPercent: birthdayMultiplier(birthday, { birthday: member.birthday, tierCode: before.code }, today),
      },
    );
    const growthDelta = purchaseGrowth(rules, input.amountFen);
    const growthByMonth = addGrowth(member.growthByMonth ?? {}, month, growthDelta, month, window);
    const growth = rollingGrowth(growthByMonth, month, window);
    const after = tierAfterEarning(tiers, before.code, growth);
    await members.doc(memberOpenid).update({
      data: {
        growthByMonth: ctx.db.command.set(growthByMonth),
        growth,
        lifetimeGrowth: (member.lifetimeGrowth ?? 0) + growthDelta,
        tierCode: after.code,
        updatedAt: now,
      },
    });
    if (after.code !== before.code) {
      await tx.collection(TIER_CHANGES).add({
        data: { _openid: memberOpenid, from: before.code, to: after.code, reason: 'upgrade', growth, source: `purchase:${input.orderNo}`, at: now },
      });
    }

    const pendingUntil = availableOnFor(rules, today);
    await postInTx(
      tx,
      memberOpenid,
      {
        key: `purchase:${input.orderNo}`,
        kind: 'earn',
        reason: `门店消费 ¥${yuanText(input.amountFen)}`,
        source: 'purchase',
        sourceId: input.orderNo,
        lineItems: award.lineItems,
        plan: (state) =>
          planEarn(state, { amount: award.total, expiresOn: expiresOnFor(rules.expiry, today), availableOn: pendingUntil, sourceId: input.orderNo }),
      },
      now,
    );
    const record: Omit<PurchaseRecord, '_id'> = {
      _openid: memberOpenid,
      amountFen: input.amountFen,
      storeId: ctx.staff.storeId,
      clerk: ctx.staff._id,
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
    await purchases.doc(input.orderNo).set({ data: record });
    // Distribution: the paid-order fact, in this transaction so it is never lost (applied right after commit).
    await noteCommissionableOrderInTx(
      tx,
      { source: TILL_SOURCE, orderNo: input.orderNo, buyer: memberOpenid, amountFen: input.amountFen, productClass: 'store', paidAt: now },
      now,
    );
    await appendAudit(
      tx,
      ctx.staff,
      { action: 'purchase.record', target: memberOpenid, detail: { orderNo: input.orderNo, amountFen: input.amountFen, points: award.total, growth: growthDelta } },
      now,
    );
    return {
      orderNo: input.orderNo,
      repeated: false,
      award,
      pendingUntil,
      growth,
      tier: tierView(after),
      upgradedFrom: after.code !== before.code ? tierView(before) : null,
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
  const [{ windowMonths: window }, stores] = await Promise.all([loadConfig(ctx, tierConfig), loadConfig(ctx, storesConfig)]);
  const now = ctx.clock.now();
  const month = businessDay(now).slice(0, 7);

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
        reason: amount.refundFen === order.amountFen ? `订单退款 ¥${yuanText(order.amountFen)}` : `订单部分退款 ¥${yuanText(amount.refundFen)}`,
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
