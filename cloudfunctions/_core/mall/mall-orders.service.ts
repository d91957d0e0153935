import { refundNoOf, sendRefund } from '../payments/refund-payment.service';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import type { Transaction } from '../../_platform/database.port';
import type { OrderQueryResult, PaymentParams } from '../../_platform/payments.port';
import { noteCommissionableOrderInTx, noteOrderRefundedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { issuePickupCode } from '../pickup/pickup-desk.service';
import { REFUND_STATES, type RefundStatus } from '../payments/payment-state.rules';
import { recordForward } from '../payments/payment-state.service';
import { postInTx } from '../points/points-ledger.service';
import type { MemberContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { holdingId } from './mall-items.service';
import {
  MALL_HOLDINGS,
  MALL_ORDERS,
  MALL_STOCK,
  type MallHoldingRecord,
  type MallOrderRecord,
  type MallOrderStep,
  type MallStockRecord,
} from './mall.record';
import { planReturn } from './mall.rules';
import { formatMoney } from '../shared/money.rules';
import type { OrderCodeView, OrderNoInput, OrderResultView, OrdersView, OrderStatus, OrderView } from './mall.schema';

/** The status a member or clerk sees; `claiming` / `void` orders are internal and never reach a view. */
export function shownStatus(status: MallOrderRecord['status']): OrderStatus {
  if (status === 'claiming' || status === 'void') throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
  return status;
}

/** The order for its member; `stores` names the pickup store (ids are never shown). */
export function toOrderView(o: MallOrderRecord, stores: StoresConfig): OrderView {
  return {
    orderNo: o._id,
    itemId: o.itemId,
    title: o.title,
    kind: o.kind,
    quantity: o.quantity,
    pointsSpent: o.pointsSpent,
    cashFen: o.cashFen,
    status: shownStatus(o.status),
    delivery: o.delivery,
    storeName: o.delivery.mode === 'pickup' ? storeNameOf(stores, o.delivery.storeId) : null,
    trackingNo: o.trackingNo,
    couponId: o.couponId,
    createdAt: o.createdAt.toISOString(),
    history: o.history.map((h) => ({ status: h.status, at: h.at.toISOString(), by: h.by, note: h.note })),
  };
}

/** The caller's own order; someone else's order number gets the same answer as a made-up one. */
async function myOrder(ctx: MemberContext, orderNo: string): Promise<MallOrderRecord> {
  const order = await getOrNull<MallOrderRecord>(ctx.db.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo));
  if (!order || order._openid !== ctx.member._id || order.status === 'claiming' || order.status === 'void') {
    throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
  }
  return order;
}

export async function myOrders(ctx: MemberContext): Promise<OrdersView> {
  const { data } = await ctx.db
    .collection<MallOrderRecord>(MALL_ORDERS)
    .where({ _openid: ctx.member._id })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get();
  const stores = await loadConfig(ctx, storesConfig);
  return { orders: data.filter((o) => o.status !== 'claiming' && o.status !== 'void').map((o) => toOrderView(o, stores)) };
}

/* ------------------------------------------------------------------ cash part */

type PayContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'payments' | 'cache'>;

/** The WeChat Pay prepay for an order's cash part (the order number is the out_trade_no; a repeat is the same prepay). */
export async function payForOrder(ctx: Pick<UseCaseContext, 'payments'>, order: MallOrderRecord): Promise<PaymentParams> {
  return ctx.payments.unifiedOrder({ outTradeNo: order._id, totalFee: order.cashFen, body: `${order.title} ×${order.quantity}`, openid: order._openid });
}

/**
 * Asks WeChat Pay (never the caller) whether the cash part is paid; if so the order moves
 * awaiting_payment -> pending once. A payment that arrives for an order cancelled meanwhile is refunded.
 * Returns the order as it is afterwards.
 */
export async function settleMallPayment(ctx: PayContext, orderNo: string): Promise<MallOrderRecord> {
  const before = (await ctx.db.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo).get()).data;
  if (before.cashFen === 0 || (before.status !== 'awaiting_payment' && before.status !== 'cancelled')) return before;
  if (before.status === 'cancelled' && before.refund?.status === 'accepted') return before;
  const wxpay = await ctx.payments.queryOrder(orderNo);
  if (!wxpay.paid) return before;
  if (wxpay.totalFee !== before.cashFen) {
    ctx.log.error('mall.fee_mismatch', { orderNo, expected: before.cashFen, paid: wxpay.totalFee });
    throw new Error(`mall order ${orderNo}: paid ${wxpay.totalFee} fen, expected ${before.cashFen}`);
  }
  if (before.status === 'cancelled') return refundCash(ctx, before, wxpay);
  if (wxpay.refunded) {
    // Only a cancelled order is ever refunded: money sent back for a live one is an operator's act, not a payment.
    ctx.log.error('mall.refunded_unpaid_order', { orderNo });
    return before;
  }
  const now = ctx.clock.now();
  const after = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo);
    const order = (await ref.get()).data;
    if (order.status !== 'awaiting_payment') return order;
    const step: MallOrderStep = { status: 'pending', at: now, by: 'system', actor: 'wxpay', note: `已支付 ${formatMoney(order.cashFen)}` };
    await ref.update({ data: { status: 'pending', paidAt: now, updatedAt: now, history: ctx.db.command.push(step) } });
    // The cash part is a paid order for distribution; its after-sale window starts at pickup or shipping.
    await noteCommissionableOrderInTx(
      tx,
      { source: MALL_SOURCE, orderNo, buyer: order._openid, amountFen: order.cashFen, productClass: 'mall', paidAt: now, inProgress: true },
      now,
    );
    return { ...order, status: 'pending' as const, paidAt: now, history: [...order.history, step] };
  });
  if (after.status === 'pending') await processCommissionableOrder(ctx, MALL_SOURCE, orderNo);
  // Cancelled between our query and our transaction: the money goes back.
  return after.status === 'cancelled' ? refundCash(ctx, after, wxpay) : after;
}

export async function confirmMallPayment(ctx: MemberContext, input: OrderNoInput): Promise<OrderResultView> {
  const order = await myOrder(ctx, input.orderNo);
  const stores = await loadConfig(ctx, storesConfig);
  if (order.cashFen === 0) return { order: toOrderView(order, stores) };
  const after = await settleMallPayment(ctx, order._id);
  if (after.status === 'cancelled') throw new AppError('ORDER_STATE_INVALID', '订单已取消，已支付的金额会原路退回');
  if (after.status === 'awaiting_payment') throw new AppError('PAYMENT_PENDING', '还没有收到支付结果');
  return { order: toOrderView(after, stores) };
}

/** Mall cash parts in the distribution ledger (commission order ids `mall:<orderNo>`). */
export const MALL_SOURCE = 'mall';

/**
 * For the payment-callback function (_core/payments/payment-notice.service.ts): the order as recorded after
 * settling, or null when the number is not a mall order. A refund that is not on record as accepted yet
 * throws, so the callback answers "retry" and WeChat Pay's repeated notices keep retrying it.
 */
export async function handleMallPaymentNotice(ctx: PayContext, outTradeNo: string): Promise<MallOrderRecord | null> {
  const order = await getOrNull<MallOrderRecord>(ctx.db.collection<MallOrderRecord>(MALL_ORDERS).doc(outTradeNo));
  if (!order) return null;
  const after = await settleMallPayment(ctx, outTradeNo);
  if (after.status === 'cancelled' && after.refund && after.refund.status !== 'accepted') {
    throw new Error(`mall order ${outTradeNo}: refund ${after.refund.status}, not accepted yet`);
  }
  return after;
}

/**
 * Sends a paid cash part back and records what WeChat Pay's own record then says. The notice, confirms, the
 * timer and a cancel may all get here at once for the same order: the refund number makes their refunds one
 * refund, and the record only moves forward (requested/failed -> accepted, never back; shared rule in
 * _core/payments), so a caller whose answer is stale cannot overwrite what another recorded. The state
 * written last comes from a query, not from the refund call's answer (which can be lost or stale).
 * Returns the order as stored afterwards.
 */
async function refundCash(ctx: PayContext, order: MallOrderRecord, wxpay: OrderQueryResult): Promise<MallOrderRecord> {
  const ref = ctx.db.collection<MallOrderRecord>(MALL_ORDERS).doc(order._id);
  const record = (status: RefundStatus) => {
    const now = ctx.clock.now();
    return recordForward(ctx.db, {
      collection: MALL_ORDERS,
      id: order._id,
      statePath: 'refund.status',
      states: REFUND_STATES,
      next: status,
      data: { refund: ctx.db.command.set({ status, fee: order.cashFen, at: now }), updatedAt: now },
    });
  };
  // Refunded already (by another caller, or before a crash): only the record is missing.
  if (wxpay.refunded) {
    await record('accepted');
    return (await ref.get()).data;
  }
  // Someone recorded it accepted since we read the order: nothing to ask.
  if ((await record('requested')) !== 'requested') return (await ref.get()).data;
  const { refunded } = await sendRefund(ctx, { outTradeNo: order._id, outRefundNo: refundNoOf(order._id), totalFee: order.cashFen, refundFee: order.cashFen });
  await record(refunded ? 'accepted' : 'failed');
  if (!refunded) ctx.log.error('mall.refund_failed', { orderNo: order._id });
  return (await ref.get()).data;
}

/* ------------------------------------------------------------------ cancelling */

export interface Canceller {
  by: 'member' | 'staff' | 'system';
  actor: string;
  note: string;
}

/**
 * Cancels an order inside the caller's transaction: the points come back through the ledger (entry
 * `mall-cancel:<orderNo>`, rule in `planReturn`), the stock and the member's allowance are given back, and
 * the order records who cancelled. Returns null when it was already cancelled (a repeat).
 */
export async function cancelInTx(
  tx: Transaction,
  ctx: Pick<UseCaseContext, 'db'>,
  orderNo: string,
  who: Canceller,
  now: Date,
  allowed: (order: MallOrderRecord) => void,
  opts: { system?: boolean } = {},
): Promise<{ order: MallOrderRecord; repeated: boolean }> {
  const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo);
  const order = await getOrNull<MallOrderRecord>(ref);
  if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
  allowed(order);
  if (order.status === 'cancelled') return { order, repeated: true };
  if (order.status !== 'awaiting_payment' && order.status !== 'pending') {
    throw new AppError('ORDER_NOT_CANCELLABLE', order.status === 'shipped' ? '订单已发货，不能取消' : '订单已完成，不能取消');
  }
  // A coupon order is being issued (or was): only its own failure path cancels it.
  if (order.kind === 'coupon' && !opts.system) throw new AppError('ORDER_NOT_CANCELLABLE', '优惠券兑换不能取消');
  const today = businessDay(now);
  const posted = await postInTx(
    tx,
    order._openid,
    {
      key: `mall-cancel:${orderNo}`,
      kind: 'earn',
      reason: '取消兑换退回积分',
      source: 'mall-cancel',
      sourceId: orderNo,
      plan: (state) => planReturn(state, order.spentLots, today),
    },
    now,
  );
  const returnedPoints = posted.entry.effects.add.reduce((s, l) => s + l.amount, 0) - posted.entry.owedDelta;

  const stockRef = tx.collection<MallStockRecord>(MALL_STOCK).doc(order.itemId);
  const stock = (await stockRef.get()).data;
  await stockRef.update({ data: { sold: stock.sold - order.quantity, updatedAt: now } });
  const holdingRef = tx.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(order.itemId, order._openid));
  const holding = (await holdingRef.get()).data;
  await holdingRef.update({ data: { count: holding.count - order.quantity, updatedAt: now } });

  const step: MallOrderStep = { status: 'cancelled', at: now, by: who.by, actor: who.actor, note: who.note };
  await ref.update({ data: { status: 'cancelled', returnedPoints, updatedAt: now, history: ctx.db.command.push(step) } });
  if (order.paidAt) await noteOrderRefundedInTx(tx, { source: MALL_SOURCE, orderNo, refundedAt: now, reason: who.note.slice(0, 100) }, now);
  return { order: { ...order, status: 'cancelled', returnedPoints, updatedAt: now, history: [...order.history, step] }, repeated: false };
}

/** After a cancel transaction: refund a cash part that was paid (asking WeChat Pay, not trusting the order). */
export async function afterCancel(ctx: PayContext, order: MallOrderRecord): Promise<MallOrderRecord> {
  if (order.paidAt && order.cashFen > 0) await processCommissionableOrder(ctx, MALL_SOURCE, order._id);
  if (order.cashFen === 0 || order.refund?.status === 'accepted') return order;
  return settleMallPayment(ctx, order._id);
}

export async function cancelMyOrder(ctx: MemberContext, input: OrderNoInput): Promise<OrderResultView> {
  await myOrder(ctx, input.orderNo);
  const now = ctx.clock.now();
  const { order } = await ctx.db.runTransaction((tx) =>
    cancelInTx(tx, ctx, input.orderNo, { by: 'member', actor: ctx.member._id, note: '会员取消兑换' }, now, (o) => {
      if (o._openid !== ctx.member._id) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
    }),
  );
  return { order: toOrderView(await afterCancel(ctx, order), await loadConfig(ctx, storesConfig)) };
}

/* ------------------------------------------------------------------ pickup code */

export async function myOrderCode(ctx: MemberContext, input: OrderNoInput): Promise<OrderCodeView> {
  const order = await myOrder(ctx, input.orderNo);
  if (order.status !== 'pending' || order.delivery.mode !== 'pickup') {
    throw new AppError('ORDER_STATE_INVALID', order.delivery.mode !== 'pickup' ? '这笔订单不需要到店出示' : '订单当前不能提货');
  }
  return issuePickupCode(ctx, order._id);
}
