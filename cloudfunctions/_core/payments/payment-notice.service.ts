import type { JobContext } from '../shared/use-case-context';
import { handleMallPaymentNotice } from '../mall/mall-orders.service';
import { handleVipPaymentNotice } from '../vip/vip.service';

/**
 * WeChat Pay's notice for any order this product creates (the `payment-callback` function): each feature
 * looks the order number up in its own collection; the one that owns it settles it (by asking WeChat Pay,
 * never trusting the notice).
 */
export async function handlePaymentNotice(ctx: JobContext, outTradeNo: string): Promise<{ owner: 'mall' | 'vip' | 'none' }> {
  if ((await handleMallPaymentNotice(ctx, outTradeNo)).handled) return { owner: 'mall' };
  const vip = await handleVipPaymentNotice(ctx, outTradeNo);
  return { owner: vip.activated ? 'vip' : 'none' };
}
