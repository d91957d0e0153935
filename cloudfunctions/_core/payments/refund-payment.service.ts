import type { RefundInput } from '../../_platform/payments.port';
import type { UseCaseContext } from '../shared/use-case-context';

/** The refund number of an order: one per order, so every attempt (by anyone, at any time) is the same refund. */
export const refundNoOf = (orderNo: string) => `${orderNo}R`;

export interface RefundOutcome {
  /** WeChat Pay's own record says the payment is refunded. */
  refunded: boolean;
  /** Why not, for the order's record and the logs (never shown raw to a member). */
  error: string | null;
}

/**
 * Asks WeChat Pay to refund one payment under its one refund number, then answers from WeChat Pay's own
 * record (`queryOrder`), not from the refund call's answer, which can be lost or stale: a repeated number
 * is the same refund, so asking again can never send the money twice. Never throws. Callers record the
 * outcome forward only (payment-state.service.ts).
 */
export async function sendRefund(ctx: Pick<UseCaseContext, 'payments' | 'log'>, input: RefundInput): Promise<RefundOutcome> {
  let error: string | null = null;
  try {
    const answer = await ctx.payments.refund(input);
    if (!answer.accepted) error = 'refund not accepted';
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  try {
    if ((await ctx.payments.queryOrder(input.outTradeNo)).refunded) return { refunded: true, error: null };
  } catch (e) {
    error = `${error ?? 'refund unknown'}; query failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  ctx.log.warn('refund.not_done', { outTradeNo: input.outTradeNo, outRefundNo: input.outRefundNo, error });
  return { refunded: false, error: error ?? 'not refunded yet' };
}
