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
 * `confirmPayment` / the payment notice (they find the order cancelled).
 */
export async function expireUnpaidOrdersJob(ctx: JobContext): Promise<{ cancelled: number; paid: number; failed: number }> {
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
  return { cancelled, paid, failed };
}
