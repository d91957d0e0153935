import type { JobContext } from '../shared/use-case-context';
import { afterCancel, cancelInTx, settleMallPayment } from './mall-orders.service';
import { MALL_ORDERS, type MallOrderRecord } from './mall.record';

/** An order's cash part must be paid this long after redeeming, else its points and stock go back. */
export const PAYMENT_WINDOW_MS = 30 * 60_000;
const PAGE = 100;

/**
 * The `mall` timer (every 5 minutes): orders still awaiting payment after the window are checked with
 * WeChat Pay once more (paid -> pending), else cancelled by the system: points returned, stock and
 * allowance restored, in one transaction per order. A payment that still arrives later is refunded by
 * `confirmPayment` / the payment notice (they find the order cancelled). Refunds left `requested` or
 * `failed` (WeChat Pay unreachable, a crash between the call and the record) are tried again here.
 */
export async function expireUnpaidOrdersJob(
  ctx: JobContext,
): Promise<{ cancelled: number; paid: number; failed: number; refunds: { accepted: number; open: number } }> {
  const now = ctx.clock.now();
  const { data } = await ctx.db
    .collection<MallOrderRecord>(MALL_ORDERS)
    .where({ status: 'awaiting_payment', createdAt: ctx.db.command.lt(new Date(now.getTime() - PAYMENT_WINDOW_MS)) })
    .limit(PAGE)
    .get();
  let cancelled = 0;
  let paid = 0;
  let failed = 0;
  for (const o of data) {
    try {
      const settled = await settleMallPayment(ctx, o._id);
      if (settled.status !== 'awaiting_payment') {
        paid += settled.status === 'pending' ? 1 : 0;
        continue;
      }
      const { order, repeated } = await ctx.db.runTransaction((tx) =>
        cancelInTx(tx, ctx, o._id, { by: 'system', actor: 'timer', note: '超时未支付，已自动取消，积分已退回' }, now, (x) => {
          if (x.status !== 'awaiting_payment') throw new Error('paid meanwhile');
        }),
      );
      if (!repeated) cancelled += 1;
      await afterCancel(ctx, order);
    } catch (e) {
      failed += 1;
      ctx.log.warn('mall.unpaid_cancel_failed', { orderNo: o._id, error: String(e) });
    }
  }
  return { cancelled, paid, failed, refunds: await retryOpenRefunds(ctx) };
}

/** Cancelled orders whose refund is not on record as accepted: settling again asks WeChat Pay and records the truth. */
async function retryOpenRefunds(ctx: JobContext): Promise<{ accepted: number; open: number }> {
  const { data } = await ctx.db
    .collection<MallOrderRecord>(MALL_ORDERS)
    .where({ 'refund.status': ctx.db.command.in(['requested', 'failed']) })
    .limit(PAGE)
    .get();
  let accepted = 0;
  for (const o of data) {
    try {
      if ((await settleMallPayment(ctx, o._id)).refund?.status === 'accepted') accepted += 1;
    } catch (e) {
      ctx.log.warn('mall.refund_retry_failed', { orderNo: o._id, error: String(e) });
    }
  }
  return { accepted, open: data.length - accepted };
}
