import { createHash } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { distributionConfig, giftPackConfig, vipCardConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { noteCommissionableOrderInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { makeDistributorInTx } from '../distribution/distributor.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { mayRecord, PAYMENT_STATES } from '../payments/payment-state.rules';
import { recordForwardInTx } from '../payments/payment-state.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { VIP_HISTORY, VIP_ORDERS, type PaidProduct, type VipHistoryRecord, type VipOrderRecord } from './vip.record';
import { extendVip, vipStatus } from './vip.rules';
import type { BuyVipInput, BuyVipView, ConfirmGiftPackView, ConfirmVipInput, ConfirmVipView, VipOfferView } from './vip.schema';

/*
 * Paying for the VIP card (付费会员):
 *   buy     -> vip_orders/{outTradeNo} ('created') + WeChat Pay prepay (cloudPay.unifiedOrder)
 *   client  -> wx.requestPayment (locally: POST /api/_dev/pay)
 *   confirm -> cloudPay.queryOrder; if paid, activates the order exactly once
 *
 * `confirm` is the query-based path: it activates when the app calls it after paying. On WeChat Cloud,
 * cloudPay also calls the function named in unifiedOrder (`payment-callback`) when the payment succeeds;
 * it runs `handleVipPaymentNotice` (through _core/payments), which activates even when the app was closed right after paying. Both end
 * in the same exactly-once transaction, so they can race harmlessly.
 *
 * The distribution gift pack (推广礼包) is the second paid product through the very same machinery: its orders
 * are `vip_orders` with product 'gift_pack', and activation makes the buyer a distributor instead of extending
 * a card. Both products are paid orders for distribution (commission for the buyer's distributor).
 */

const ORDER_PREFIX: Record<PaidProduct, string> = { vip_card: 'VIP', gift_pack: 'GFT' };
const HASH_SCOPE: Record<PaidProduct, string> = { vip_card: 'vip', gift_pack: 'gift_pack' };
const productOf = (order: Pick<VipOrderRecord, 'product'>): PaidProduct => order.product ?? 'vip_card';

/** Deterministic, so a retried buy (same request id) is the same order: prefix + 29 hex digits = 32 chars. */
export function paidOrderNo(product: PaidProduct, openid: string, requestId: string): string {
  const prefix = ORDER_PREFIX[product];
  const digest = createHash('sha256').update(`${HASH_SCOPE[product]}:${openid}:${requestId}`).digest('hex');
  return prefix + digest.slice(0, 32 - prefix.length);
}

export const vipOutTradeNo = (openid: string, requestId: string) => paidOrderNo('vip_card', openid, requestId);

export async function vipOffer(ctx: MemberContext): Promise<VipOfferView> {
  const cfg = await loadConfig(ctx, vipCardConfig);
  return {
    enabled: cfg.enabled,
    title: cfg.title,
    priceFen: cfg.priceFen,
    days: cfg.days,
    benefits: cfg.benefits,
    ...vipStatus(ctx.member, ctx.clock.now()),
  };
}

export async function buyVip(ctx: MemberContext, input: BuyVipInput): Promise<BuyVipView> {
  const cfg = await loadConfig(ctx, vipCardConfig);
  if (!cfg.enabled) throw new AppError('VIP_NOT_OFFERED', '付费会员暂未开放');
  return placePaidOrder(ctx, 'vip_card', { title: cfg.title, priceFen: cfg.priceFen, days: cfg.days }, input);
}

/** `vip.buyGiftPack`: the distribution gift pack, on sale while both documents allow it. */
export async function buyGiftPack(ctx: MemberContext, input: BuyVipInput): Promise<BuyVipView> {
  const [pack, distribution] = await Promise.all([loadConfig(ctx, giftPackConfig), loadConfig(ctx, distributionConfig)]);
  if (!pack.enabled || !distribution.enabled || !distribution.eligibility.giftPack.enabled) {
    throw new AppError('GIFT_PACK_NOT_OFFERED', '推广礼包暂未开放');
  }
  return placePaidOrder(ctx, 'gift_pack', { title: pack.title, priceFen: pack.priceFen, days: 0 }, input);
}

async function placePaidOrder(
  ctx: MemberContext,
  product: PaidProduct,
  offer: { title: string; priceFen: number; days: number },
  input: BuyVipInput,
): Promise<BuyVipView> {
  const openid = ctx.caller.openid;
  const outTradeNo = paidOrderNo(product, openid, input.requestId);
  const orders = ctx.db.collection<VipOrderRecord>(VIP_ORDERS);

  const order: Omit<VipOrderRecord, '_id'> = {
    _openid: openid,
    product,
    requestId: input.requestId,
    title: offer.title,
    priceFen: offer.priceFen,
    days: offer.days,
    status: 'created',
    createdAt: ctx.clock.now(),
    paidAt: null,
    vipUntil: null,
    untilDay: null,
  };
  let placed = order;
  try {
    // The order number is the document id: a concurrent or later retry gets duplicate-key, never a twin.
    await orders.add({ data: { _id: outTradeNo, ...order } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    const existing = await getOrNull<VipOrderRecord>(orders.doc(outTradeNo));
    if (!existing || existing._openid !== openid) throw e;
    // A retry pays what the first attempt showed, even if the operator changed the price since.
    placed = existing;
    if (existing.status === 'paid') return { outTradeNo, payment: null };
  }

  const payment = await ctx.payments.unifiedOrder({
    outTradeNo,
    totalFee: placed.priceFen,
    body: placed.days > 0 ? `${placed.title}（${placed.days}天）` : placed.title,
    openid,
  });
  return { outTradeNo, payment };
}

/** The caller's order of `product`, paid and activated once (asking WeChat Pay), or PAYMENT_PENDING. */
async function confirmPaidOrder(ctx: MemberContext, product: PaidProduct, outTradeNo: string): Promise<VipOrderRecord> {
  const openid = ctx.caller.openid;
  const order = await getOrNull<VipOrderRecord>(ctx.db.collection<VipOrderRecord>(VIP_ORDERS).doc(outTradeNo));
  // Someone else's order number gets the same answer as a made-up one.
  if (!order || order._openid !== openid || productOf(order) !== product) throw new AppError('PAYMENT_NOT_FOUND', '没有找到这笔支付');
  if (!mayRecord(PAYMENT_STATES, order.status, 'paid')) return order;
  if (!(await settleVipOrder(ctx, order))) throw new AppError('PAYMENT_PENDING', '还没有收到支付结果');
  return (await ctx.db.collection<VipOrderRecord>(VIP_ORDERS).doc(outTradeNo).get()).data;
}

export async function confirmVip(ctx: MemberContext, input: ConfirmVipInput): Promise<ConfirmVipView> {
  const order = await confirmPaidOrder(ctx, 'vip_card', input.outTradeNo);
  return { until: order.untilDay! };
}

/** `vip.confirmGiftPack`: once paid, the caller is a distributor. */
export async function confirmGiftPack(ctx: MemberContext, input: ConfirmVipInput): Promise<ConfirmGiftPackView> {
  const order = await confirmPaidOrder(ctx, 'gift_pack', input.outTradeNo);
  return { paidAt: order.paidAt!.toISOString(), distributor: true };
}

type SettleContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'payments' | 'cache'>;

/**
 * Asks WeChat Pay itself (never the caller) whether the order is paid, and if so activates it once.
 * Returns true once activated, false while unpaid.
 */
async function settleVipOrder(ctx: SettleContext, order: VipOrderRecord): Promise<boolean> {
  const paid = await ctx.payments.queryOrder(order._id);
  if (!paid.paid) return false;
  if (paid.refunded) {
    // We never refund a card: money sent back before activation (by an operator) is not a purchase.
    ctx.log.error('vip.refunded_order', { outTradeNo: order._id });
    return false;
  }
  if (paid.totalFee !== order.priceFen) {
    ctx.log.error('vip.fee_mismatch', { outTradeNo: order._id, expected: order.priceFen, paid: paid.totalFee });
    throw new Error(`vip order ${order._id}: paid ${paid.totalFee} fen, expected ${order.priceFen}`);
  }
  await activatePaidOrder(ctx, order._id);
  return true;
}

/**
 * WeChat Pay's notice that an order was paid (the `payment-callback` function). Any mini-program client can
 * also call that function with a made-up notice, so the notice only says which order to look at: payment is
 * verified by asking WeChat Pay. Returns the order's state as recorded afterwards; null for an unknown order
 * (not ours: acknowledged and ignored).
 */
export async function handleVipPaymentNotice(ctx: SettleContext, outTradeNo: string): Promise<VipOrderRecord['status'] | null> {
  const orders = ctx.db.collection<VipOrderRecord>(VIP_ORDERS);
  const order = await getOrNull<VipOrderRecord>(orders.doc(outTradeNo));
  if (!order) {
    ctx.log.warn('payment.unknown_order', { outTradeNo });
    return null;
  }
  if (order.status === 'paid') return order.status;
  await settleVipOrder(ctx, order);
  return (await orders.doc(outTradeNo).get()).data.status;
}

/**
 * Activates a paid order exactly once: the order goes 'created' -> 'paid' (forward only, the shared rule in
 * _core/payments) and, in the same transaction, the product takes effect (VIP card: the member's card is
 * extended and a history entry written; gift pack: the member becomes a distributor) and the paid order is
 * noted for distribution. Whoever comes second (a concurrent confirm, a payment callback) finds the order paid
 * and changes nothing. Call only after the payment is verified.
 */
export async function activatePaidOrder(ctx: Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'cache'>, outTradeNo: string): Promise<void> {
  const now = ctx.clock.now();
  let activated: VipOrderRecord | null = null;
  try {
    activated = await ctx.db.runTransaction(async (tx) => {
      const orderRef = tx.collection<VipOrderRecord>(VIP_ORDERS).doc(outTradeNo);
      const order = (await orderRef.get()).data;
      if (!mayRecord(PAYMENT_STATES, order.status, 'paid')) return null;

      const memberRef = tx.collection<MemberRecord>(MEMBERS).doc(order._openid);
      const member = (await memberRef.get()).data;
      const product = productOf(order);
      const paid = (data: Record<string, unknown>) =>
        recordForwardInTx(tx, order, { collection: VIP_ORDERS, id: outTradeNo, statePath: 'status', states: PAYMENT_STATES, next: 'paid', data: { status: 'paid', paidAt: now, ...data } });
      if (product === 'gift_pack') {
        await paid({});
        await makeDistributorInTx(tx, member, 'gift_pack', now);
      } else {
        const from = member.vipUntil ?? null;
        const { vipUntil, untilDay } = extendVip(from, now, order.days);
        await paid({ vipUntil, untilDay });
        await memberRef.update({ data: { vipUntil, updatedAt: now } });
        const entry: Omit<VipHistoryRecord, '_id'> = {
          _openid: order._openid,
          kind: 'purchase',
          days: order.days,
          priceFen: order.priceFen,
          from,
          to: vipUntil,
          untilDay,
          at: now,
        };
        await tx.collection(VIP_HISTORY).doc(outTradeNo).set({ data: entry });
      }
      await noteCommissionableOrderInTx(
        tx,
        { source: product === 'gift_pack' ? 'gift_pack' : 'vip', orderNo: outTradeNo, buyer: order._openid, amountFen: order.priceFen, productClass: product, paidAt: now },
        now,
      );
      return order;
    });
  } catch (e) {
    // Out of retries because others kept activating this very order: if one of them did, that is our answer.
    if (!isDatabaseError(e, 'conflict')) throw e;
    const order = await getOrNull<VipOrderRecord>(ctx.db.collection<VipOrderRecord>(VIP_ORDERS).doc(outTradeNo));
    if (order && !mayRecord(PAYMENT_STATES, order.status, 'paid')) return;
    throw e;
  }
  if (activated) await processCommissionableOrder(ctx, productOf(activated) === 'gift_pack' ? 'gift_pack' : 'vip', outTradeNo);
}
