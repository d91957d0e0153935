import type { Transaction } from '../../_platform/database.port';
import { issueCoupon } from '../coupons/claim-coupon.service';
import { noteCommissionableOrderInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { REFUND_STATES } from '../payments/payment-state.rules';
import { recordForward } from '../payments/payment-state.service';
import { refundNoOf, sendRefund } from '../payments/refund-payment.service';
import { planEarn } from '../points/points-ledger.rules';
import { postInTx } from '../points/points-ledger.service';
import { creditPurchaseInTx, loadPurchaseConfigs } from '../points/purchase.service';
import { formatMoney } from '../shared/money.rules';
import { getOrNull } from '../shared/db-helpers';
import { loadDeal } from './deal-config.service';
import { groupOrders, orders, step, type OrderContext } from './deal-orders.service';
import { groupExpiry } from './groupbuy.rules';
import {
  DEAL_HOLDINGS,
  DEAL_ORDERS,
  DEAL_SOURCES,
  DEAL_STOCK,
  GROUPS,
  holdingId,
  stockId,
  type DealHoldingRecord,
  type DealOrderRecord,
  type DealStockRecord,
  type GroupRecord,
  type RefundState,
} from './groupbuy.record';

/*
 * What happens to an order after it is placed: payment (always verified by asking WeChat Pay), release of an
 * unpaid hold, a group completing or failing, refunds. Every move is a transaction on the order (and its
 * group, and the member's allowance), so whoever comes second — a confirm racing the payment notice, the
 * expiry timer racing a last-second payment — finds the move made and does nothing twice.
 */

/** Transactions on a group document compete with joiners' slot updates: retry more than the SDK's 3. */
const TX_RETRIES = 10;

const LIVE_AFTER_PAYMENT = new Set(['paid', 'completed', 'picked_up', 'shipped', 'refunding', 'refunded']);

export interface Settled {
  order: DealOrderRecord;
  group: GroupRecord | null;
}

async function readState(ctx: OrderContext, orderNo: string): Promise<Settled | null> {
  const order = await getOrNull<DealOrderRecord>(orders(ctx.db).doc(orderNo));
  if (!order) return null;
  const group = order.groupId ? await getOrNull<GroupRecord>(ctx.db.collection<GroupRecord>(GROUPS).doc(order.groupId)) : null;
  return { order, group };
}

/** Gives one of the member's allowance back inside a transaction. */
async function releaseHoldingInTx(tx: Transaction, o: DealOrderRecord, now: Date): Promise<void> {
  const ref = tx.collection<DealHoldingRecord>(DEAL_HOLDINGS).doc(holdingId(o.kind, o.dealId, o._openid));
  const h = await getOrNull<DealHoldingRecord>(ref);
  if (h && h.held > 0) await ref.update({ data: { held: h.held - 1, updatedAt: now } });
}

/**
 * Gives units back to a deal's stock inside the transaction that ends what held them (a released flash
 * order, a failed or abandoned group), so they come back exactly once with that change and never apart.
 */
async function returnUnitsInTx(tx: Transaction, kind: 'group' | 'flash', dealId: string, units: number): Promise<void> {
  const ref = tx.collection<DealStockRecord>(DEAL_STOCK).doc(stockId(kind, dealId));
  const stock = await getOrNull<DealStockRecord>(ref);
  if (stock) await ref.update({ data: { sold: Math.max(0, stock.sold - units) } });
}

function refundState(o: DealOrderRecord, reason: RefundState['reason'], now: Date): RefundState {
  return { status: 'requested', reason, outRefundNo: refundNoOf(o._id), fee: o.priceFen, attempts: 0, lastError: null, at: now };
}

/* ------------------------------------------------------------------ payment */

/**
 * Asks WeChat Pay (never the caller, never a notice) whether an order is paid, and if so records it once:
 * a flash order becomes paid; a leader's payment opens the group; a member's payment counts in the group
 * and the last one completes it. A payment for an order that no longer holds its place (released, or its
 * group closed meanwhile) is refunded. Returns the order and group as they are afterwards.
 */
export async function settleDealPayment(ctx: OrderContext, orderNo: string): Promise<Settled | null> {
  const before = await readState(ctx, orderNo);
  if (!before) return null;
  if (before.order.status !== 'awaiting_payment' && before.order.status !== 'released') return finishFollowUps(ctx, before);
  const paid = await ctx.payments.queryOrder(orderNo);
  if (!paid.paid) return before;
  if (paid.refunded) {
    // Only an order we moved to refunding is ever refunded: money sent back for one that never got that far
    // is an operator's act, not a payment to record.
    ctx.log.error('deal.refunded_unrecorded_order', { orderNo, status: before.order.status });
    return before;
  }
  if (paid.totalFee !== before.order.priceFen) {
    ctx.log.error('deal.fee_mismatch', { orderNo, expected: before.order.priceFen, paid: paid.totalFee });
    throw new Error(`deal order ${orderNo}: paid ${paid.totalFee} fen, expected ${before.order.priceFen}`);
  }
  const now = ctx.clock.now();
  const after = await ctx.db.runTransaction(async (tx) => {
    const oRef = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(orderNo);
    const o = (await oRef.get()).data;
    if (LIVE_AFTER_PAYMENT.has(o.status)) return { order: o, group: null as GroupRecord | null };
    const push = ctx.db.command.push;
    const late = async (why: string) => {
      const refund = refundState(o, 'late_payment', now);
      const s = step('refunding', now, 'system', why);
      // A released order gave its allowance back when it was released.
      if (o.status === 'awaiting_payment') await releaseHoldingInTx(tx, o, now);
      await oRef.update({ data: { status: 'refunding', paidAt: now, refund: ctx.db.command.set(refund), updatedAt: now, history: push(s) } });
      return { ...o, status: 'refunding' as const, paidAt: now, refund, history: [...o.history, s] };
    };
    if (o.status === 'released') return { order: await late('支付晚于保留时间，已自动退款'), group: null };

    if (o.kind === 'flash') {
      const s = step('paid', now, 'system', `已支付 ${formatMoney(o.priceFen)}`);
      await oRef.update({ data: { status: 'paid', paidAt: now, updatedAt: now, history: push(s) } });
      // Distribution: a flash order is final once paid; its after-sale window starts at hand-over.
      await noteCommissionableOrderInTx(tx, commissionFact(o, now), now);
      return { order: { ...o, status: 'paid' as const, paidAt: now, history: [...o.history, s] }, group: null };
    }

    const gRef = tx.collection<GroupRecord>(GROUPS).doc(o.groupId!);
    const g = (await gRef.get()).data;
    if (o.role === 'leader') {
      if (g.status !== 'forming') return { order: await late('团已失效，支付已自动退款'), group: g };
      const expiresAt = groupExpiry(g, now);
      if (expiresAt <= now) return { order: await late('活动已结束，支付已自动退款'), group: g };
      const opened: GroupRecord = { ...g, status: 'open', paid: 1, openedAt: now, expiresAt, updatedAt: now };
      await gRef.update({ data: { status: 'open', paid: 1, openedAt: now, expiresAt, updatedAt: now } });
      const s = step('paid', now, 'system', '团长已支付，团已开');
      await oRef.update({ data: { status: 'paid', paidAt: now, updatedAt: now, history: push(s) } });
      return { order: { ...o, status: 'paid' as const, paidAt: now, history: [...o.history, s] }, group: opened };
    }
    if (g.status !== 'open' || !g.expiresAt || now >= g.expiresAt || g.paid >= g.size) {
      return { order: await late(g.status === 'completed' ? '团已满，支付已自动退款' : '团已结束，支付已自动退款'), group: g };
    }
    const paidCount = g.paid + 1;
    const full = paidCount === g.size;
    const next: GroupRecord = full ? { ...g, paid: paidCount, status: 'completed', closedAt: now, updatedAt: now } : { ...g, paid: paidCount, updatedAt: now };
    await gRef.update({ data: full ? { paid: paidCount, status: 'completed', closedAt: now, updatedAt: now } : { paid: paidCount, updatedAt: now } });
    const s = step('paid', now, 'system', full ? '已支付，拼团成功' : '已支付，等待成团');
    await oRef.update({ data: { status: 'paid', paidAt: now, updatedAt: now, history: push(s) } });
    return { order: { ...o, status: 'paid' as const, paidAt: now, history: [...o.history, s] }, group: next };
  }, TX_RETRIES);
  const group = after.group ?? (after.order.groupId ? await getOrNull<GroupRecord>(ctx.db.collection<GroupRecord>(GROUPS).doc(after.order.groupId)) : null);
  if (after.order.kind === 'flash' && after.order.status === 'paid') await processCommissionableOrder(ctx, DEAL_SOURCES.flash, orderNo);
  return finishFollowUps(ctx, { order: after.order, group });
}

/** What follows a state change: a refund to send, a completed group to settle. */
async function finishFollowUps(ctx: OrderContext, s: Settled): Promise<Settled> {
  let order = s.order;
  let group = s.group;
  if (order.status === 'refunding') order = await processRefund(ctx, order._id);
  if (group?.status === 'completed' && !group.settled) {
    group = await settleCompletedGroup(ctx, group._id);
    order = (await getOrNull<DealOrderRecord>(orders(ctx.db).doc(order._id))) ?? order;
  }
  return { order, group };
}

/* ------------------------------------------------------------------ unpaid holds */

/**
 * Releases an order still unpaid at its hold's end, after asking WeChat Pay once more (a payment that did
 * arrive is recorded instead). The slot and the member's allowance go back; a leader's unpaid group is
 * abandoned with its reserved units; a flash order's unit goes back to stock.
 */
export async function releaseUnpaid(ctx: OrderContext, orderNo: string): Promise<Settled | null> {
  const settled = await settleDealPayment(ctx, orderNo);
  if (!settled || settled.order.status !== 'awaiting_payment') return settled;
  const now = ctx.clock.now();
  const after = await ctx.db.runTransaction(async (tx) => {
    const oRef = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(orderNo);
    const o = (await oRef.get()).data;
    if (o.status !== 'awaiting_payment' || o.holdUntil > now) return { order: o, group: null as GroupRecord | null };
    let group: GroupRecord | null = null;
    if (o.groupId) {
      const gRef = tx.collection<GroupRecord>(GROUPS).doc(o.groupId);
      const g = (await gRef.get()).data;
      if (o.role === 'leader' && g.status === 'forming') {
        await gRef.update({ data: { status: 'abandoned', taken: 0, stockReturned: true, closedAt: now, updatedAt: now } });
        await returnUnitsInTx(tx, 'group', g.dealId, g.size);
        group = { ...g, status: 'abandoned', taken: 0, stockReturned: true, closedAt: now };
      } else if (o.role === 'member' && g.status === 'open' && g.taken > 0) {
        await gRef.update({ data: { taken: g.taken - 1, updatedAt: now } });
        group = { ...g, taken: g.taken - 1 };
      } else group = g;
    }
    await releaseHoldingInTx(tx, o, now);
    if (o.kind === 'flash') await returnUnitsInTx(tx, 'flash', o.dealId, 1);
    const s = step('released', now, 'system', '超时未支付，名额已释放');
    await oRef.update({ data: { status: 'released', updatedAt: now, history: ctx.db.command.push(s) } });
    return { order: { ...o, status: 'released' as const, history: [...o.history, s] }, group };
  }, TX_RETRIES);
  return after;
}

/* ------------------------------------------------------------------ refunds */

/**
 * Sends an order's refund (its own payment, its own refund number) and records what WeChat Pay's own record
 * then says, forward only (requested/failed -> accepted, never back: payment-state.rules.ts), so a caller
 * with a stale answer can never undo what another recorded. A failure stays `refunding` with the refund
 * `failed`; the timer asks again with the same number, so the money can never go back twice.
 */
export async function processRefund(ctx: OrderContext, orderOrNo: string | DealOrderRecord): Promise<DealOrderRecord> {
  const o = typeof orderOrNo === 'string' ? (await orders(ctx.db).doc(orderOrNo).get()).data : orderOrNo;
  if (o.status !== 'refunding' || !o.refund) return o;
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const outcome = await sendRefund(ctx, { outTradeNo: o._id, outRefundNo: o.refund.outRefundNo, totalFee: o.priceFen, refundFee: o.refund.fee });
  const attempts = o.refund.attempts + 1;
  const s = step('refunded', now, 'system', `已退款 ${formatMoney(o.refund.fee)}，原路退回`);
  const stored = await recordForward(ctx.db, {
    collection: DEAL_ORDERS,
    id: o._id,
    statePath: 'refund.status',
    states: REFUND_STATES,
    next: outcome.refunded ? 'accepted' : 'failed',
    data: outcome.refunded
      ? { status: 'refunded', 'refund.status': 'accepted', 'refund.lastError': null, 'refund.attempts': _.inc(1), 'refund.at': now, updatedAt: now, history: _.push(s) }
      : { 'refund.status': 'failed', 'refund.lastError': outcome.error, 'refund.attempts': _.inc(1), 'refund.at': now, updatedAt: now },
  });
  if (outcome.refunded && stored === 'accepted') {
    return { ...o, status: 'refunded', refund: { ...o.refund, status: 'accepted', lastError: null, attempts, at: now }, updatedAt: now, history: [...o.history, s] };
  }
  if (!outcome.refunded && stored === 'failed') return { ...o, refund: { ...o.refund, status: 'failed', lastError: outcome.error, attempts, at: now }, updatedAt: now };
  // Someone else recorded the outcome first (e.g. accepted while our answer said failed): theirs stands.
  return (await orders(ctx.db).doc(o._id).get()).data;
}

/* ------------------------------------------------------------------ groups */

/**
 * A completed group's follow-up, each part once however often it runs (the payment that completed it runs
 * it; the timer finishes what a crash left): every paid order becomes completed with its points credited
 * through the ledger like a purchase (in one transaction per order), the leader's reward (points through
 * the ledger, or a coupon through `issueCoupon`, channel group-buy), then `settled`.
 */
export async function settleCompletedGroup(ctx: OrderContext, groupId: string): Promise<GroupRecord> {
  const g = (await ctx.db.collection<GroupRecord>(GROUPS).doc(groupId).get()).data;
  if (g.status !== 'completed' || g.settled) return g;
  const cfg = await loadPurchaseConfigs(ctx);
  const now = ctx.clock.now();
  const paid = await groupOrders(ctx.db, g, ['paid']);
  for (const p of paid) {
    await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(p._id);
      const o = (await ref.get()).data;
      if (o.status !== 'paid') return;
      const credited = await creditPurchaseInTx(
        tx,
        ctx.db,
        cfg,
        { memberOpenid: o._openid, orderNo: o._id, amountFen: o.priceFen, storeId: o.storeId, clerk: 'group-buy', reason: `拼团成功 ${o.title} ${formatMoney(o.priceFen)}` },
        now,
      );
      const s = step('completed', now, 'system', `拼团成功，获得 ${credited.award.total} 积分`);
      await ref.update({ data: { status: 'completed', completedAt: now, points: credited.award.total, updatedAt: now, history: ctx.db.command.push(s) } });
      // Distribution: commissionable once the group formed (a failed group never is); the after-sale window starts at hand-over.
      await noteCommissionableOrderInTx(tx, commissionFact(o, o.paidAt ?? now), now);
    });
    await processCommissionableOrder(ctx, DEAL_SOURCES.group, p._id);
  }
  const deal = await loadDeal(ctx, g.dealId);
  const reward = deal?.leaderReward ?? null;
  if (reward?.kind === 'points') {
    await ctx.db.runTransaction((tx) =>
      postInTx(
        tx,
        g.leaderOpenid,
        {
          key: `group-leader:${g._id}`,
          kind: 'earn',
          reason: `团长奖励：${g.title}`,
          source: 'group-buy',
          sourceId: g._id,
          plan: (state) => planEarn(state, { amount: reward.points, expiresOn: null }),
        },
        now,
      ),
    );
  } else if (reward?.kind === 'coupon') {
    try {
      await issueCoupon(ctx, { templateId: reward.couponTemplateId, openid: g.leaderOpenid, channel: 'group_buy', sourceKey: `group-leader:${g._id}` });
    } catch (e) {
      // Sold out or a broken template: the group still succeeded; the operator sees the log.
      ctx.log.error('groupbuy.leader_coupon_failed', { groupId: g._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  await ctx.db.collection(GROUPS).where({ _id: groupId, status: 'completed' }).update({ data: { settled: true, updatedAt: now } });
  return { ...g, settled: true };
}

/**
 * A group whose window closed unfilled fails (once, in a transaction that only an open group past its
 * window passes); each paid member is refunded their own payment; unpaid holds are released (a payment
 * that still arrives for one is refunded as late). No one is ever added to fill it. Its reserved units go
 * back in `returnFailedGroupsStock` (batched per deal: thousands of groups of one deal failing at once
 * would otherwise all write the deal's stock document).
 */
export async function failExpiredGroup(ctx: OrderContext, groupId: string): Promise<{ failed: boolean; refunded: number }> {
  const now = ctx.clock.now();
  const failed = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<GroupRecord>(GROUPS).doc(groupId);
    const g = (await ref.get()).data;
    // A failed group not yet settled: a crash (or fault) stopped an earlier run half-way; go on from there.
    if (g.status !== 'open' || !g.expiresAt || g.expiresAt > now) return g.status === 'failed' && !g.settled ? g : null;
    await ref.update({ data: { status: 'failed', closedAt: now, updatedAt: now } });
    return { ...g, status: 'failed' as const, closedAt: now };
  }, TX_RETRIES);
  if (!failed) return { failed: false, refunded: 0 };
  const members = await groupOrders(ctx.db, failed, ['paid', 'awaiting_payment', 'refunding']);
  let refunded = 0;
  for (const m of members) {
    if (m.status === 'awaiting_payment') {
      await releaseUnpaidNow(ctx, m._id);
      continue;
    }
    const refunding = m.status === 'paid' ? await startGroupRefund(ctx, m._id, now) : m;
    const after = await processRefund(ctx, refunding);
    if (after.status === 'refunded') refunded += 1;
  }
  // Every member moved on (refunds still failing are retried on their own): the group's follow-up is done.
  await ctx.db.collection(GROUPS).where({ _id: groupId, status: 'failed' }).update({ data: { settled: true, updatedAt: now } });
  return { failed: true, refunded };
}

/** A paid order of a failed group: paid -> refunding (allowance back), once. Returns the order after. */
async function startGroupRefund(ctx: OrderContext, orderNo: string, now: Date): Promise<DealOrderRecord> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(orderNo);
    const o = (await ref.get()).data;
    if (o.status !== 'paid') return o;
    await releaseHoldingInTx(tx, o, now);
    const refund = refundState(o, 'group_failed', now);
    const s = step('refunding', now, 'system', '未在时限内成团，正在原路退款');
    await ref.update({ data: { status: 'refunding', refund: ctx.db.command.set(refund), updatedAt: now, history: ctx.db.command.push(s) } });
    return { ...o, status: 'refunding' as const, refund, updatedAt: now, history: [...o.history, s] };
  }, TX_RETRIES);
}

/** An unpaid hold in a group that failed: released now (after one more payment check), whatever its hold time. */
async function releaseUnpaidNow(ctx: OrderContext, orderNo: string): Promise<void> {
  const settled = await settleDealPayment(ctx, orderNo);
  if (!settled || settled.order.status !== 'awaiting_payment') return;
  const now = ctx.clock.now();
  await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(orderNo);
    const o = (await ref.get()).data;
    if (o.status !== 'awaiting_payment') return;
    await releaseHoldingInTx(tx, o, now);
    const s = step('released', now, 'system', '未在时限内成团，名额已释放');
    await ref.update({ data: { status: 'released', updatedAt: now, history: ctx.db.command.push(s) } });
  }, TX_RETRIES);
}

/** A group whose leader's claim failed: forming -> abandoned, its reserved units back in the same transaction. */
export async function abandonFormingGroup(ctx: OrderContext, groupId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<GroupRecord>(GROUPS).doc(groupId);
    const g = await getOrNull<GroupRecord>(ref);
    if (!g || g.status !== 'forming') return;
    await ref.update({ data: { status: 'abandoned', taken: 0, stockReturned: true, closedAt: now, updatedAt: now } });
    await returnUnitsInTx(tx, 'group', g.dealId, g.size);
  }, TX_RETRIES);
}

/** For the payment-callback function: group-buy and flash orders live in deal_orders (GB… / FS…). null: not ours. */
export async function handleDealPaymentNotice(ctx: OrderContext, outTradeNo: string): Promise<DealOrderRecord | null> {
  if (!/^(GB|FS)[0-9a-f]{30}$/.test(outTradeNo)) return null;
  const settled = await settleDealPayment(ctx, outTradeNo);
  return settled?.order ?? null;
}

/** Failed groups whose units one transaction gives back (each group's flag and the deal's counter together). */
const STOCK_BATCH = 100;

/**
 * Gives the reserved units of failed groups back to their deals' stock, exactly once: one transaction per
 * deal and batch sets each group's `stockReturned` and lowers the deal's counter by the sum. Run by the
 * timer one batch at a time (never two for the same deal at once). Returns how many groups it covered.
 */
export async function returnFailedGroupsStock(ctx: OrderContext, groups: readonly GroupRecord[]): Promise<number> {
  const byDeal = new Map<string, GroupRecord[]>();
  for (const g of groups) byDeal.set(g.dealId, [...(byDeal.get(g.dealId) ?? []), g]);
  let covered = 0;
  for (const [dealId, list] of byDeal) {
    for (let i = 0; i < list.length; i += STOCK_BATCH) {
      const batch = list.slice(i, i + STOCK_BATCH);
      covered += await ctx.db.runTransaction(async (tx) => {
        let units = 0;
        let n = 0;
        for (const g of batch) {
          const ref = tx.collection<GroupRecord>(GROUPS).doc(g._id);
          const cur = (await ref.get()).data;
          if (cur.status !== 'failed' || cur.stockReturned) continue;
          await ref.update({ data: { stockReturned: true } });
          units += cur.size;
          n += 1;
        }
        if (units > 0) await returnUnitsInTx(tx, 'group', dealId, units);
        return n;
      }, TX_RETRIES);
    }
  }
  return covered;
}

/** The paid-order fact distribution needs: the member's own payment, in progress until handed over. */
function commissionFact(o: DealOrderRecord, paidAt: Date) {
  return { source: DEAL_SOURCES[o.kind], orderNo: o._id, buyer: o._openid, amountFen: o.priceFen, productClass: DEAL_SOURCES[o.kind], paidAt, inProgress: true };
}
