import type { JobContext } from '../../_core/shared/use-case-context';
import { currentPlatform } from './create-handler';
import { jobContextOf } from './job-context';

/** What cloudPay sends to the callback function; only `outTradeNo` is used (payment is re-verified). */
interface PaymentNotice {
  outTradeNo?: unknown;
  returnCode?: unknown;
  resultCode?: unknown;
}

/**
 * The entry for WeChat Pay's payment notice. WeChat retries a notice for 2 days until it gets
 * `{ errcode: 0 }`, so a failure answers non-zero (retry later) and everything else answers 0.
 */
export function createPaymentCallback(onPaid: (ctx: JobContext, outTradeNo: string) => Promise<unknown>) {
  return async function main(rawEvent: unknown): Promise<{ errcode: number; errmsg: string }> {
    const platform = currentPlatform();
    const event = (typeof rawEvent === 'object' && rawEvent !== null ? rawEvent : {}) as PaymentNotice;
    const outTradeNo = typeof event.outTradeNo === 'string' ? event.outTradeNo : '';
    const ctx: JobContext = jobContextOf(platform);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(outTradeNo) || event.resultCode !== 'SUCCESS') {
      return { errcode: 0, errmsg: 'ignored' };
    }
    try {
      const result = await onPaid(ctx, outTradeNo);
      platform.logger.info('payment.notice', { outTradeNo, result });
      return { errcode: 0, errmsg: 'OK' };
    } catch (e) {
      platform.logger.error('payment.notice_failed', { outTradeNo, err: e instanceof Error ? e.message : String(e) });
      return { errcode: 1, errmsg: 'retry' };
    }
  };
}
