import { earnRulesConfig, tierConfig, vipCardConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay, businessMonthDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type {
  PurchaseRecordedView,
  PurchaseRefundedView,
  RecordPurchaseInput,
  RefundPurchaseInput,
} from '../staff/staff-till.schema';
import { loadVisit } from '../staff/staff-visit';
import { addGrowth, rollingGrowth, tierAfterEarning } from '../tier/growth.rules';
import type { TierDefinition } from '../tier/tier-config.schema';
import { TIER_CHANGES } from '../tier/tier-change.record';
import { standingOf } from '../tier/tier.rules';
import { isVip } from '../vip/vip.rules';
import type { LineItem } from './earn-rules.schema';
import { availableOnFor, evaluateEarn, expiresOnFor, purchaseGrowth } from './earn-engine.rules';
import { planEarn, planReverse } from './points-ledger.rules';
import { pointsNow, postInTx } from './points-ledger.service';
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
  status: 'paid' | 'refunded';
  reversedPoints: number;
  createdAt: Date;
  refundedAt: Date | null;
}
export const PURCHASES = 'purchases';

const tierView = (t: TierDefinition) => ({ code: t.code, name: t.name, color: t.color });
const yuanText = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * A clerk records a purchase for the member whose code they scanned: points (pending through the
 * after-sale window), growth in this month's bucket, an immediate upgrade when growth crosses a threshold,
 * the order and the audit entry, all in one transaction keyed by the order number.
 */
export async function recordPurchase(ctx: StaffContext, input: RecordPurchaseInput): Promise<PurchaseRecordedView> {
  const { memberOpenid } = await loadVisit(ctx, input.visitId);
  const [rules, tierCfg, vipCard] = await Promise.all([
    loadConfig(ctx, earnRulesConfig),
    loadConfig(ctx, tierConfig),
    loadConfig(ctx, vipCardConfig),
  ]);
  const { tiers, windowMonths: window } = tierCfg;
  const now = ctx.clock.now();
  const today = businessDay(now);
  const month = today.slice(0, 7);

  return ctx.db.runTransaction(async (tx) => {
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
}

/**
 * Refunds a whole order: takes back its points through the ledger (pending lot, else balance, the rest
 * owed) and its growth from the month it was counted in. The tier is not lowered here; the periodic
 * review does that with hysteresis.
 */
export async function refundPurchase(ctx: StaffContext, input: RefundPurchaseInput): Promise<PurchaseRefundedView> {
  const { windowMonths: window } = await loadConfig(ctx, tierConfig);
  const now = ctx.clock.now();
  const month = businessDay(now).slice(0, 7);

  return ctx.db.runTransaction(async (tx) => {
    const purchases = tx.collection<PurchaseRecord>(PURCHASES);
    const order = await getOrNull<PurchaseRecord>(purchases.doc(input.orderNo));
    if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
    if (order.status === 'refunded') {
      const account = await tx.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(order._openid).get();
      return { orderNo: order._id, repeated: true, reversedPoints: order.reversedPoints, owed: pointsNow(account.data, now).owed };
    }
    const posted = await postInTx(
      tx,
      order._openid,
      {
        key: `refund:${input.orderNo}`,
        kind: 'reverse',
        reason: `订单退款 ¥${yuanText(order.amountFen)}`,
        source: 'refund',
        sourceId: input.orderNo,
        plan: (state) => planReverse(state, { sourceId: input.orderNo, amount: order.points }),
      },
      now,
    );
    const reversedPoints = posted.entry.effects.take.reduce((s, t) => s + t.amount, 0) + posted.entry.owedDelta;
    const members = tx.collection<MemberRecord>(MEMBERS);
    const member = (await members.doc(order._openid).get()).data;
    const growthByMonth = addGrowth(member.growthByMonth ?? {}, order.month, -order.growth, month, window);
    await members.doc(order._openid).update({
      data: {
        growthByMonth: ctx.db.command.set(growthByMonth),
        growth: rollingGrowth(growthByMonth, month, window),
        lifetimeGrowth: Math.max(0, (member.lifetimeGrowth ?? 0) - order.growth),
        updatedAt: now,
      },
    });
    await purchases.doc(order._id).update({ data: { status: 'refunded', reversedPoints, refundedAt: now } });
    await appendAudit(
      tx,
      ctx.staff,
      { action: 'purchase.refund', target: order._openid, detail: { orderNo: order._id, reason: input.reason, requestId: input.requestId, reversedPoints } },
      now,
    );
    return { orderNo: order._id, repeated: false, reversedPoints, owed: pointsNow(posted.account, now).owed };
  });
}
