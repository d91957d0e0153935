import { issueCoupon } from '../coupons/claim-coupon.service';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { cancelInTx } from './mall-orders.service';
import { MALL_ORDERS, type MallOrderRecord, type MallOrderStep } from './mall.record';

type FulfilContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'cache'>;

/**
 * A coupon item's order is fulfilled after the redeem transaction commits (issuing a coupon is the coupons
 * feature's saga, which cannot run inside a transaction): one coupon per order, idempotent on
 * `mall:<orderNo>`, so a crash here is finished by the member's retry of the same redeem. If the coupon
 * cannot be issued (template sold out, inactive, limit), the order is cancelled and the points returned
 * through the ledger in one transaction, and the member hears why. Coupon orders cannot be cancelled by
 * members or staff (the coupon may be in use), only here.
 */
export async function fulfilCouponOrder(ctx: FulfilContext, order: MallOrderRecord): Promise<MallOrderRecord> {
  if (order.kind !== 'coupon' || order.status !== 'pending' || order.couponId || !order.couponTemplateId) return order;
  let couponId: string;
  try {
    const { coupon } = await issueCoupon(ctx, { templateId: order.couponTemplateId, openid: order._openid, channel: 'points_exchange', sourceKey: `mall:${order._id}` });
    couponId = coupon._id;
  } catch (e) {
    if (!(e instanceof AppError) || !e.code.startsWith('COUPON_')) throw e; // transient: the retry finishes it
    const now = ctx.clock.now();
    await ctx.db.runTransaction((tx) =>
      cancelInTx(tx, ctx, order._id, { by: 'system', actor: 'coupons', note: `发券失败：${e.message}，积分已退回` }, now, () => undefined, { system: true }),
    );
    throw new AppError(e.code === 'COUPON_SOLD_OUT' ? 'ITEM_SOLD_OUT' : 'ITEM_NOT_AVAILABLE', `优惠券发放失败（${e.message}），积分已退回`);
  }
  const now = ctx.clock.now();
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(order._id);
    const current = (await ref.get()).data;
    if (current.status !== 'pending') return current;
    const step: MallOrderStep = { status: 'picked_up', at: now, by: 'system', actor: 'coupons', note: '优惠券已发放到券包' };
    await ref.update({ data: { status: 'picked_up', couponId, updatedAt: now, history: ctx.db.command.push(step) } });
    return { ...current, status: 'picked_up' as const, couponId, history: [...current.history, step] };
  });
}
