import { isDatabaseError } from '../../_platform/database.port';
import { describeError, SHARED_HOURS_MAX_CONCURRENCY, startBudget, type BatchOptions, type BatchReport, type Budget } from '../shared/batch-job';
import type { JobContext } from '../shared/use-case-context';
import { afterCancel, cancelInTx, settleMallPayment } from './mall-orders.service';
import { MALL_ORDERS, type MallOrderRecord } from './mall.record';
import { sweepStaleMallClaims } from './redeem.service';

/** An order's cash part must be paid this long after redeeming, else its points and stock go back. */
export const PAYMENT_WINDOW_MS = 30 * 60_000;

/** Stale claims voided per run (a crash between redeem's steps is rare). */
const STALE_CLAIMS_PER_RUN = 100;

export interface UnpaidOrdersResult extends BatchReport {
  cancelled: number;
  /** Paid meanwhile (WeChat Pay says so): now pending, not cancelled. */
  paid: number;
  /** Failed (logged), or busy after repeated write conflicts: the next run (5 minutes later) tries them again. */
  failed: number;
  /** Open refunds asked again: accepted now, or still open (tried again next run). */
  refunds: { accepted: number; open: number };
  /** Redemptions a crash left claiming, voided (what they took given back). */
  voided: number;
}

/**
 * The `mall` timer (every 5 minutes): orders still awaiting payment after the window are checked with
 * WeChat Pay once more (paid -> pending), else cancelled by the system: points returned, stock and
 * allowance restored, in one transaction per order. A payment that still arrives later is refunded by
 * `confirmPayment` / the payment notice (they find the order cancelled). Refunds left `requested` or
 * `failed` (WeChat Pay unreachable, a crash between the call and the record) are tried again here, and
 * redemptions a crash left claiming are voided (redeem.service.ts).
 *
 * Pages by `_id` within the time budget (batch-job.ts), several orders at a time but one at a time per item
 * (each cancel returns stock to the item's counter inside its transaction: orders of one flash-sale item side by
 * side would only conflict). A handled order leaves the query, so the next run resumes with what is left, and
 * one that failed is passed over until then.
 */
export async function expireUnpaidOrdersJob(ctx: JobContext, opts: BatchOptions = {}): Promise<UnpaidOrdersResult> {
  // Runs around the clock, beside members' requests: at most half the environment's database connections.
  const budget = startBudget({ maxConcurrency: SHARED_HOURS_MAX_CONCURRENCY, ...opts });
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const totals = { cancelled: 0, paid: 0, failed: 0 };

  const expire = async (orderNo: string): Promise<void> => {
    try {
      const settled = await settleMallPayment(ctx, orderNo);
      if (settled.status !== 'awaiting_payment') {
        totals.paid += settled.status === 'pending' ? 1 : 0;
        return;
      }
      const { order, repeated } = await ctx.db.runTransaction((tx) =>
        cancelInTx(tx, ctx, orderNo, { by: 'system', actor: 'timer', note: '超时未支付，已自动取消，积分已退回' }, now, (x) => {
          if (x.status !== 'awaiting_payment') throw new Error('paid meanwhile');
        }),
      );
      if (!repeated) totals.cancelled += 1;
      await afterCancel(ctx, order);
    } catch (e) {
      totals.failed += 1;
      const level = isDatabaseError(e, 'conflict') ? 'warn' : 'error';
      ctx.log[level]('mall.unpaid_cancel_failed', { orderNo, err: describeError(e) });
    }
  };

  const unpaid = { status: 'awaiting_payment', createdAt: _.lt(new Date(now.getTime() - PAYMENT_WINDOW_MS)) };
  const ordersDone = await pageOrders(ctx, budget, unpaid, ({ _id }) => expire(_id), ({ itemId }) => itemId);
  const refunds = { accepted: 0, open: 0 };
  const refundsDone =
    ordersDone &&
    (await pageOrders(ctx, budget, { 'refund.status': _.in(['requested', 'failed']) }, async ({ _id }) => {
      try {
        if ((await settleMallPayment(ctx, _id)).refund?.status === 'accepted') refunds.accepted += 1;
        else refunds.open += 1;
      } catch (e) {
        refunds.open += 1;
        ctx.log.warn('mall.refund_retry_failed', { orderNo: _id, err: describeError(e) });
      }
    }));
  // Claims a crash left half-done give back what they took (rare: a page per run is plenty).
  const voided = ordersDone && refundsDone ? await sweepStaleMallClaims(ctx, STALE_CLAIMS_PER_RUN) : 0;
  return { ...totals, refunds, voided, ...budget.report(ordersDone && refundsDone) };
}

type Listed = Pick<MallOrderRecord, '_id' | 'itemId'>;

/** Every order matching `where`, page by page by `_id`, within the budget; false when the budget ran out first. */
async function pageOrders(
  ctx: JobContext,
  budget: Budget,
  where: Record<string, unknown>,
  handle: (order: Listed) => Promise<void>,
  lane?: (order: Listed) => string,
): Promise<boolean> {
  const orders = ctx.db.collection<MallOrderRecord>(MALL_ORDERS);
  let after: string | null = null;
  for (;;) {
    const query: Record<string, unknown> = after === null ? where : { ...where, _id: ctx.db.command.gt(after) };
    const size = budget.pageSize;
    const found = await budget.query(() => orders.where(query).orderBy('_id', 'asc').limit(size).field({ _id: true, itemId: true }).get());
    if (!found) return false;
    const { data } = found;
    if (data.length === 0) return true;
    if ((await budget.run(data, handle, lane)) < data.length) return false;
    if (data.length < size) return true;
    after = data[data.length - 1]._id;
  }
}
