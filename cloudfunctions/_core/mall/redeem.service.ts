import { createHash } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import { giveBackCounter, takeCounter, type CounterSpec } from '../shared/counter';
import { storesConfig, tierConfig } from '../config/config-registry';
import { pickupStoresOf, storeNameOf } from '../stores/stores-config.schema';
import { planSpend } from '../points/points-ledger.rules';
import { postInTx } from '../points/points-ledger.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { loadConfig } from '../config/operator-config';
import { fulfilCouponOrder } from './fulfil-coupon.service';
import { balanceNow, COUPONS_READY, holdingId, loadItem, tierNamesOf } from './mall-items.service';
import { payForOrder, toOrderView } from './mall-orders.service';
import type { MallItem } from './mall-item.schema';
import { MALL_HOLDINGS, MALL_ORDERS, MALL_STOCK, type MallHoldingRecord, type MallOrderRecord, type MallOrderStep, type MallStockRecord } from './mall.record';
import { deliveryFor, judgeRedeem } from './mall.rules';
import type { RedeemInput, RedeemView } from './mall.schema';
import { formatNumber } from '../shared/money.rules';

/** Waits for a concurrent duplicate of the same request to settle before answering BUSY. */
const SETTLE_WAITS_MS = [5, 10, 20, 40, 80, 160, 320];
/** The ledger transaction touches only the member's own account (not a hot document). */
const SPEND_RETRIES = 10;
/** A claim older than this was left by a crash (a call lives at most 60 s): the unpaid-order timer voids it. */
export const STALE_CLAIM_MS = 10 * 60_000;

/** Deterministic, so a retried redeem (same request id) is the same order: 'MALL' + 28 hex = 32 chars (WeChat's out_trade_no limit). */
export function mallOrderNo(openid: string, requestId: string): string {
  return 'MALL' + createHash('sha256').update(`mall:${openid}:${requestId}`).digest('hex').slice(0, 28);
}

/**
 * Redeems points for an item, without a transaction on the hot stock document (the pattern coupon claims
 * use), so a burst never answers BUSY while stock is left:
 *
 *   1. add `mall_orders/{orderNo}` as `claiming` (a retry or a concurrent duplicate of the request finds it);
 *   2. the member's allowance (`mall_holdings`, `count ≤ perMember - quantity`) and the stock (`mall_stock`,
 *      `sold ≤ stock - quantity`) by conditional updates, marked on the order once both are taken;
 *   3. one transaction on the member's own documents: the ledger spend (`POINTS_INSUFFICIENT` when short) and
 *      the order `claiming` -> pending / awaiting_payment with its first history step.
 *
 * A failure after step 1 gives back what was taken once (whoever flips the order `claiming` -> `void`);
 * the unpaid-order timer voids claims a crash left (`sweepStaleMallClaims`). Checks made before step 1
 * (window, tier, delivery, stock and allowance as read) only refuse early and write nothing.
 */
export async function redeemItem(ctx: MemberContext, input: RedeemInput): Promise<RedeemView> {
  const openid = ctx.member._id;
  const orderNo = mallOrderNo(openid, input.requestId);
  const prior = await settledClaim(ctx, orderNo);
  if (prior) return answer(ctx, prior);

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
  if (!item) throw new AppError('ITEM_NOT_FOUND', '没有找到这件商品');
  const delivery = deliveryFor(item, input.delivery);
  if (!delivery.ok) throw new AppError('INVALID_INPUT', delivery.reason, 'delivery');
  if (item.kind === 'coupon' && input.quantity !== 1) throw new AppError('INVALID_INPUT', '优惠券每次兑换 1 张', 'quantity');
  const now = ctx.clock.now();
  const [stock, holding, balance] = await Promise.all([
    getOrNull<MallStockRecord>(ctx.db.collection<MallStockRecord>(MALL_STOCK).doc(item.itemId)),
    getOrNull<MallHoldingRecord>(ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(item.itemId, openid))),
    balanceNow(ctx, openid),
  ]);
  const situation = (sold: number, mine: number, points = Number.MAX_SAFE_INTEGER) => ({
    now,
    tierCode: ctx.member.tierCode,
    tierNames: tierNamesOf(tiers),
    balance: points,
    sold,
    mine,
    couponsReady: COUPONS_READY,
  });
  // As read now, so a member short of points or an item sold out writes nothing; step 3's ledger plan decides.
  refuse(judgeRedeem(item, situation(stock?.sold ?? 0, holding?.count ?? 0, balance), input.quantity));

  const price = item.pricePoints * input.quantity;
  const cashFen = item.cashFen * input.quantity;
  const ledgerKey = `mall:${openid}:${input.requestId}`;
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
    status: 'claiming',
    delivery: delivery.delivery,
    storeId: delivery.delivery.mode === 'pickup' ? delivery.delivery.storeId : null,
    trackingNo: null,
    couponTemplateId: item.kind === 'coupon' ? (item.couponTemplateId ?? null) : null,
    couponId: null,
    ledgerKey,
    spentLots: [],
    returnedPoints: 0,
    paidAt: null,
    refund: null,
    took: null,
    history: [],
    createdAt: now,
    updatedAt: now,
  };
  const orders = ctx.db.collection<MallOrderRecord>(MALL_ORDERS);
  try {
    const { _id, ...data } = record;
    await orders.add({ data: { _id, ...data } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    const again = await settledClaim(ctx, orderNo);
    if (again) return answer(ctx, again);
    throw new AppError('BUSY', '人有点多，请稍后再试');
  }

  let took = { holding: false, stock: false };
  let order: MallOrderRecord;
  try {
    if (!(await takeCounter(ctx.db, holdingCounter(item, openid, now), input.quantity))) {
      const h = await getOrNull<MallHoldingRecord>(ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(item.itemId, openid)));
      refuse(judgeRedeem(item, situation(0, h?.count ?? item.perMember ?? 0), input.quantity));
      throw new AppError('ITEM_LIMIT_REACHED', '已达到每人限兑数量');
    }
    took = { holding: true, stock: false };
    if (!(await takeCounter(ctx.db, stockCounter(item, now), input.quantity))) {
      const left = await getOrNull<MallStockRecord>(ctx.db.collection<MallStockRecord>(MALL_STOCK).doc(item.itemId));
      refuse(judgeRedeem(item, situation(left?.sold ?? item.stock, 0), input.quantity));
      throw new AppError('ITEM_SOLD_OUT', '已兑完');
    }
    took = { holding: true, stock: true };
    await orders.where({ _id: orderNo, status: 'claiming' }).update({ data: { took: ctx.db.command.set(took) } });
    order = await spendAndPlace(ctx, record, took, now);
  } catch (e) {
    await voidMallClaim(ctx, record, took);
    throw e;
  }
  return answer(ctx, order);
}

function refuse(v: ReturnType<typeof judgeRedeem>): void {
  if (!v.ok) throw new AppError(v.code, v.reason);
}

const holdingCounter = (item: MallItem, openid: string, now: Date): CounterSpec => ({
  collection: MALL_HOLDINGS,
  id: holdingId(item.itemId, openid),
  field: 'count',
  limit: item.perMember,
  init: { _openid: openid, itemId: item.itemId },
  touch: { updatedAt: now },
});

const stockCounter = (item: MallItem, now: Date): CounterSpec => ({
  collection: MALL_STOCK,
  id: item.itemId,
  field: 'sold',
  limit: item.stock,
  touch: { initial: item.stock, updatedAt: now },
});

/** Step 3: the ledger spend and the order's first state, in one transaction on the member's documents. */
async function spendAndPlace(ctx: MemberContext, record: MallOrderRecord, took: NonNullable<MallOrderRecord['took']>, now: Date): Promise<MallOrderRecord> {
  const openid = record._openid;
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(record._id);
    const current = (await ref.get()).data;
    if (current.status !== 'claiming') throw new Error(`order ${record._id} is no longer claiming`);
    const posted = await postInTx(
      tx,
      openid,
      {
        key: record.ledgerKey,
        kind: 'spend',
        reason: `兑换 ${record.title} ×${record.quantity}`,
        source: 'mall',
        sourceId: record._id,
        plan: (state) => {
          const plan = planSpend(state, record.pointsSpent);
          if (!plan.ok) throw new AppError('POINTS_INSUFFICIENT', `积分不足，还差 ${formatNumber(record.pointsSpent - plan.balance)} 积分`);
          return plan.effects;
        },
      },
      now,
    );
    if (posted.repeated) throw new Error(`ledger key ${record.ledgerKey} posted without its order ${record._id}`);
    const status: 'awaiting_payment' | 'pending' = record.cashFen > 0 ? 'awaiting_payment' : 'pending';
    const note =
      record.cashFen > 0
        ? `兑换 ${record.quantity} 件，扣 ${record.pointsSpent} 积分，待支付现金部分`
        : `兑换 ${record.quantity} 件，扣 ${record.pointsSpent} 积分`;
    const history: MallOrderStep[] = [{ status, at: now, by: 'member', actor: openid, note }];
    const spentLots = posted.entry.effects.take;
    await ref.update({ data: { status, spentLots: ctx.db.command.set(spentLots), took: ctx.db.command.set(took), history: ctx.db.command.set(history), updatedAt: now } });
    return { ...record, status, spentLots, took, history };
  }, SPEND_RETRIES);
}

/** Gives back what a failed claim took, once (only the caller that flips claiming -> void does). Never throws. */
async function voidMallClaim(ctx: Pick<MemberContext, 'db' | 'log'>, order: Pick<MallOrderRecord, '_id' | '_openid' | 'itemId' | 'quantity'>, took: { holding: boolean; stock: boolean }): Promise<void> {
  try {
    const flip = await ctx.db.collection(MALL_ORDERS).where({ _id: order._id, status: 'claiming' }).update({ data: { status: 'void' } });
    if (flip.stats.updated !== 1) return;
    if (took.stock) await giveBackCounter(ctx.db, { collection: MALL_STOCK, id: order.itemId, field: 'sold' }, order.quantity);
    if (took.holding) await giveBackCounter(ctx.db, { collection: MALL_HOLDINGS, id: holdingId(order.itemId, order._openid), field: 'count' }, order.quantity);
    await ctx.db.collection(MALL_ORDERS).where({ _id: order._id, status: 'void' }).remove();
  } catch (e) {
    ctx.log.error('mall.void_failed', { orderNo: order._id, error: e instanceof Error ? e.message : String(e) });
  }
}

/** The order of a request once it is no longer claiming; null when there is none (or its claim failed). */
async function settledClaim(ctx: MemberContext, orderNo: string): Promise<MallOrderRecord | null> {
  for (let i = 0; ; i++) {
    const doc = await getOrNull<MallOrderRecord>(ctx.db.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo));
    if (!doc) return null;
    if (doc._openid !== ctx.member._id) throw new Error(`order ${orderNo} belongs to another member`);
    if (doc.status !== 'claiming' && doc.status !== 'void') return doc;
    if (i >= SETTLE_WAITS_MS.length) throw new AppError('BUSY', '人有点多，请稍后再试');
    await new Promise((r) => setTimeout(r, SETTLE_WAITS_MS[i]));
  }
}

async function answer(ctx: MemberContext, order: MallOrderRecord): Promise<RedeemView> {
  const stores = await loadConfig(ctx, storesConfig);
  if (order.kind === 'coupon') return { order: toOrderView(await fulfilCouponOrder(ctx, order), stores), payment: null };
  const payment = order.status === 'awaiting_payment' ? await payForOrder(ctx, order) : null;
  return { order: toOrderView(order, stores), payment };
}

/**
 * For the unpaid-order timer: claims older than STALE_CLAIM_MS (a crash between the steps) are voided,
 * giving back what their `took` mark says (a crash between a take and the mark loses those units, never
 * sells them twice). Returns how many.
 */
export async function sweepStaleMallClaims(ctx: Pick<MemberContext, 'db' | 'log' | 'clock'>, limit: number): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - STALE_CLAIM_MS);
  const { data } = await ctx.db
    .collection<MallOrderRecord>(MALL_ORDERS)
    .where({ status: 'claiming', createdAt: ctx.db.command.lt(before) })
    .limit(limit)
    .get();
  for (const o of data) await voidMallClaim(ctx, o, o.took ?? { holding: false, stock: false });
  return data.length;
}
