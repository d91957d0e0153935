import type { JobContext } from '../shared/use-case-context';
import { handleDealPaymentNotice } from '../groupbuy/deal-lifecycle.service';
import { handleMallPaymentNotice } from '../mall/mall-orders.service';
import { handleVipPaymentNotice } from '../vip/vip.service';

export interface NoticeOutcome {
  owner: 'mall' | 'groupbuy' | 'vip' | 'none';
  /** The order's state as recorded after settling (read back, not taken from any caller's answer). */
  state: string | null;
}

/**
 * WeChat Pay's notice for any order this product creates (the `payment-callback` function): each feature
 * looks the order number up in its own collection; the one that owns it settles it (by asking WeChat Pay,
 * never trusting the notice) and records states forward only (payment-state.rules.ts). A failure, or a
 * mall refund not yet on record as accepted, throws: the callback answers "retry" and WeChat Pay sends the
 * notice again.
 */
export async function handlePaymentNotice(ctx: JobContext, outTradeNo: string): Promise<NoticeOutcome> {
  const mall = await handleMallPaymentNotice(ctx, outTradeNo);
  if (mall) return { owner: 'mall', state: mall.refund ? `${mall.status}/refund:${mall.refund.status}` : mall.status };
  // Group-buy and flash orders: a refund not yet accepted is the minutely timer's to retry, not WeChat's notice.
  const deal = await handleDealPaymentNotice(ctx, outTradeNo);
  if (deal) return { owner: 'groupbuy', state: deal.refund ? `${deal.status}/refund:${deal.refund.status}` : deal.status };
  const vip = await handleVipPaymentNotice(ctx, outTradeNo);
  return vip ? { owner: 'vip', state: vip } : { owner: 'none', state: null };
}
