import { createHash } from 'node:crypto';
import { storesConfig, tierConfig } from '../config/config-registry';
import { pickupStoresOf, storeNameOf } from '../stores/stores-config.schema';
import { planSpend } from '../points/points-ledger.rules';
import { postInTx } from '../points/points-ledger.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { loadConfig } from '../config/operator-config';
import { fulfilCouponOrder } from './fulfil-coupon.service';
import { COUPONS_READY, holdingId, loadItem, tierNamesOf } from './mall-items.service';
import { payForOrder, toOrderView } from './mall-orders.service';
import { MALL_HOLDINGS, MALL_ORDERS, MALL_STOCK, type MallHoldingRecord, type MallOrderRecord, type MallStockRecord } from './mall.record';
import { deliveryFor, judgeRedeem } from './mall.rules';
import type { RedeemInput, RedeemView } from './mall.schema';
import { formatNumber } from '../shared/money.rules';

/**
 * Every redemption of an item writes its `mall_stock` document, so concurrent redemptions of one item
 * serialise: a member whose write finds the document held by another redemption is re-run after a jittered
 * wait (`_platform/transaction-retry.ts`), and the k-th winner of a burst needs about k runs. 10 re-runs
 * instead of the default 3 let a burst of 50 sell a stock of 20 (README, `npm run bench:bursts`). Nothing is
 * ever oversold either way.
 */
const REDEEM_RETRIES = 10;

/** Deterministic, so a retried redeem (same request id) is the same order: 'MALL' + 28 hex = 32 chars (WeChat's out_trade_no limit). */
export function mallOrderNo(openid: string, requestId: string): string {
  return 'MALL' + createHash('sha256').update(`mall:${openid}:${requestId}`).digest('hex').slice(0, 28);
}

/**
 * Redeems points for an item. One transaction spends the points through the ledger, takes the stock
 * (`mall_stock`), counts the member's allowance (`mall_holdings`) and writes the order with its first
 * history step: all of it lands or none. Checks made before the transaction (window, tier, delivery) only
 * decide what to try; stock, allowance and balance are decided again inside it on what it read.
 */
export async function redeemItem(ctx: MemberContext, input: RedeemInput): Promise<RedeemView> {
  const openid = ctx.member._id;
  const orderNo = mallOrderNo(openid, input.requestId);
  const [item, { tiers }, stores] = await Promise.all([
    loadItem(ctx, input.itemId),
    loadConfig(ctx, tierConfig),
    loadConfig(ctx, storesConfig),
  ]);
  const wanted = input.delivery;
  if (wanted?.mode === 'pickup' && !pickupStoresOf(stores).some((s) => s.id === wanted.storeId)) {
    throw new AppError('INVALID_INPUT', '没有这家自提门店', 'delivery.storeId');
  }
  // An event at one store (or goods kept at some stores) cannot be booked at another.
  if (wanted?.mode === 'pickup' && item && item.stores.length > 0 && !item.stores.includes(wanted.storeId)) {
    const names = item.stores.map((id) => storeNameOf(stores, id)).join('、');
    throw new AppError('INVALID_INPUT', `${item.title}仅限${names}${item.kind === 'experience' ? '参加' : '自提'}，请选择${names}`, 'delivery.storeId');
  }
  const now = ctx.clock.now();

  const order = await ctx.db.runTransaction(async (tx) => {
    const orders = tx.collection<MallOrderRecord>(MALL_ORDERS);
    const prior = await getOrNull<MallOrderRecord>(orders.doc(orderNo));
    if (prior) return prior; // a retry: the order as it is now

    if (!item) throw new AppError('ITEM_NOT_FOUND', '没有找到这件商品');
    const delivery = deliveryFor(item, input.delivery);
    if (!delivery.ok) throw new AppError('INVALID_INPUT', delivery.reason, 'delivery');
    if (item.kind === 'coupon' && input.quantity !== 1) throw new AppError('INVALID_INPUT', '优惠券每次兑换 1 张', 'quantity');

    const stockRef = tx.collection<MallStockRecord>(MALL_STOCK).doc(item.itemId);
    const holdingRef = tx.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(item.itemId, openid));
    const stock = await getOrNull<MallStockRecord>(stockRef);
    const holding = await getOrNull<MallHoldingRecord>(holdingRef);
    const sold = stock?.sold ?? 0;
    const mine = holding?.count ?? 0;
    const price = item.pricePoints * input.quantity;
    // Balance is judged by the ledger's own plan below (after today's releases and expiries).
    const verdict = judgeRedeem(
      item,
      { now, tierCode: ctx.member.tierCode, tierNames: tierNamesOf(tiers), balance: Number.MAX_SAFE_INTEGER, sold, mine, couponsReady: COUPONS_READY },
      input.quantity,
    );
    if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);

    const ledgerKey = `mall:${openid}:${input.requestId}`;
    const posted = await postInTx(
      tx,
      openid,
      {
        key: ledgerKey,
        kind: 'spend',
        reason: `兑换 ${item.title} ×${input.quantity}`,
        source: 'mall',
        sourceId: orderNo,
        plan: (state) => {
          const plan = planSpend(state, price);
          if (!plan.ok) throw new AppError('POINTS_INSUFFICIENT', `积分不足，还差 ${formatNumber(price - plan.balance)} 积分`);
          return plan.effects;
        },
      },
      now,
    );
    if (posted.repeated) throw new Error(`ledger key ${ledgerKey} posted without its order ${orderNo}`);

    await stockRef.set({ data: { initial: item.stock, sold: sold + input.quantity, updatedAt: now } });
    await holdingRef.set({ data: { _openid: openid, itemId: item.itemId, count: mine + input.quantity, updatedAt: now } });
    const cashFen = item.cashFen * input.quantity;
    const status = cashFen > 0 ? 'awaiting_payment' : 'pending';
    const record: MallOrderRecord = {
      _id: orderNo,
      _openid: openid,
      memberNo: ctx.member.memberNo,
      requestId: input.requestId,
      itemId: item.itemId,
      title: item.title,
      kind: item.kind,
      quantity: input.quantity,
      pricePoints: item.pricePoints,
      pointsSpent: price,
      cashFen,
      status,
      delivery: delivery.delivery,
      storeId: delivery.delivery.mode === 'pickup' ? delivery.delivery.storeId : null,
      trackingNo: null,
      couponTemplateId: item.kind === 'coupon' ? (item.couponTemplateId ?? null) : null,
      couponId: null,
      ledgerKey,
      spentLots: posted.entry.effects.take,
      returnedPoints: 0,
      paidAt: null,
      refund: null,
      history: [
        {
          status,
          at: now,
          by: 'member',
          actor: openid,
          note: cashFen > 0 ? `兑换 ${input.quantity} 件，扣 ${price} 积分，待支付现金部分` : `兑换 ${input.quantity} 件，扣 ${price} 积分`,
        },
      ],
      createdAt: now,
      updatedAt: now,
    };
    const { _id, ...data } = record;
    await orders.doc(_id).set({ data });
    return record;
  }, REDEEM_RETRIES);

  if (order._openid !== openid) throw new Error(`order ${orderNo} belongs to another member`);
  if (order.kind === 'coupon') return { order: toOrderView(await fulfilCouponOrder(ctx, order), stores), payment: null };
  const payment = order.status === 'awaiting_payment' ? await payForOrder(ctx, order) : null;
  return { order: toOrderView(order, stores), payment };
}
