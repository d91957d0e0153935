import type { JobContext } from '../../_core/shared/use-case-context';
import { currentPlatform } from './create-handler';
import { jobContextOf } from './job-context';

/** What cloudPay sends to the callback function; only `outTradeNo` is used (payment is re-verified). */
interface PaymentNotice {
  outTradeNo?: unknown;
  returnCode?: unknown;
  resultCode?: unknown;
  /** Present on refund notices (cloudPay.refund names this function too). */
  outRefundNo?: unknown;
  refundStatus?: unknown;
}

export type NoticeAnswer = { errcode: number; errmsg: string };

/**
 * The entry for WeChat Pay's notices. WeChat retries a notice for 2 days until it gets `{ errcode: 0 }`,
 * so a failure answers non-zero (retry later) and everything else answers 0.
 *
 * Only WeChat Pay itself is listened to: getWXContext().SOURCE must be `wx_paycallback` (WeChat's
 * Cloud.getWXContext reference; the SDK only passes SOURCE through). Anything else — a mini-program calling
 * this function with a made-up notice — is answered without a single query. Even a real notice is only a
 * hint: the order is settled by asking WeChat Pay.
 */
export function createPaymentCallback(onPaid: (ctx: JobContext, outTradeNo: string) => Promise<unknown>, fn = 'payment-callback') {
  return async function main(rawEvent: unknown): Promise<NoticeAnswer> {
    const platform = currentPlatform();
    const event = (typeof rawEvent === 'object' && rawEvent !== null ? rawEvent : {}) as PaymentNotice;
    const source = platform.identity.source();
    if (source !== 'payment') {
      platform.logger.warn('payment.notice_refused', { source });
      return { errcode: 0, errmsg: 'ignored' };
    }
    const outTradeNo = typeof event.outTradeNo === 'string' ? event.outTradeNo : '';
    if (event.outRefundNo !== undefined || event.refundStatus !== undefined) {
      // A refund's result: the order records what cloudPay.refund answered; nothing to settle here.
      platform.logger.info('payment.refund_notice', { outTradeNo, refundStatus: String(event.refundStatus ?? '') });
      return { errcode: 0, errmsg: 'OK' };
    }
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(outTradeNo) || event.resultCode !== 'SUCCESS') {
      return { errcode: 0, errmsg: 'ignored' };
    }
    const ctx: JobContext = jobContextOf(platform, platform.instanceCache(fn));
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
