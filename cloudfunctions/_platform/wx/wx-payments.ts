import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.port';
import { PaymentError, type PaymentsPort, type TransfersPort } from '../payments.port';
import type { WxCloud, WxPayAnswer } from './wx-sdk.types';

/** The function WeChat Pay notifies (cloudfunctions/payment-callback). */
export const PAYMENT_CALLBACK_FUNCTION = 'payment-callback';

type PayApi = PaymentError['api'];

/** WeChat's tables mark nonce_str required on every cloudPay call: at most 32 characters. */
const nonce = () => randomBytes(16).toString('hex');

const describe = (res: WxPayAnswer) => res.errCodeDes || res.returnMsg || (typeof res.errCode === 'string' ? res.errCode : '') || 'FAIL';

/**
 * WeChat Pay's system errors: retry with the same numbers. The SDK overwrites err_code with 0 (see
 * wx-sdk.types.ts), so a surviving string code is used when present, else WeChat's Chinese description.
 */
function isSystemError(res: WxPayAnswer): boolean {
  if (typeof res.errCode === 'string') return ['SYSTEMERROR', 'BIZERR_NEED_RETRY', 'FREQUENCY_LIMITED'].includes(res.errCode);
  return /系统(超时|错误|繁忙|异常)|请(稍后)?重试/.test(res.errCodeDes ?? '');
}

function isOrderNotFound(res: WxPayAnswer): boolean {
  if (typeof res.errCode === 'string') return res.errCode === 'ORDERNOTEXIST';
  return /订单(号)?不存在/.test(res.errCodeDes ?? '');
}

/**
 * Calls one cloudPay API and sorts the outcome: an SDK throw is `unavailable`; return_code FAIL is
 * `rejected` (WeChat Pay refused the request itself: parameters, merchant binding); result_code FAIL is
 * left to the caller, which knows which business failures are answers.
 */
async function callPay<R extends WxPayAnswer>(api: PayApi, log: Logger, call: () => Promise<R>): Promise<R> {
  let res: R;
  try {
    res = await call();
  } catch (e) {
    const detail = (e as { errMsg?: string }).errMsg ?? (e instanceof Error ? e.message : String(e));
    log.error('pay.unavailable', { api, errCode: (e as { errCode?: unknown }).errCode, detail });
    throw new PaymentError('unavailable', api, detail);
  }
  if (res?.returnCode !== 'SUCCESS') {
    log.error('pay.rejected', { api, returnCode: res?.returnCode, detail: res?.returnMsg });
    throw new PaymentError(res?.returnCode === 'FAIL' ? 'rejected' : 'unavailable', api, res?.returnMsg || 'no return_code');
  }
  return res;
}

/**
 * Needs the merchant number in the function's environment (WX_PAY_SUB_MCH_ID, on every function that
 * takes or refunds money: vip, mall, payment-callback) and the environment id (WeChat injects TCB_ENV).
 * cloudPay has no payouts: transfers are the merchant API v3 adapter (wx-transfers.ts), joined in wx-platform.ts.
 */
export function wxPayments(cloud: WxCloud, log: Logger): Omit<PaymentsPort, keyof TransfersPort> {
  const settings = (api: PayApi) => {
    const subMchId = process.env.WX_PAY_SUB_MCH_ID ?? '';
    const envId = cloud.getWXContext().ENV || process.env.TCB_ENV || process.env.SCF_NAMESPACE || '';
    if (!subMchId || !envId) {
      log.error('pay.misconfigured', { api, subMchId: Boolean(subMchId), envId: Boolean(envId) });
      throw new PaymentError('misconfigured', api, !subMchId ? 'WX_PAY_SUB_MCH_ID is not set' : 'no environment id');
    }
    return { subMchId, envId };
  };
  return {
    async unifiedOrder(input) {
      const { subMchId, envId } = settings('unifiedOrder');
      // No openid: cloudPay takes the payer from the calling member's context (the call comes from the app).
      const res = await callPay('unifiedOrder', log, () =>
        cloud.cloudPay.unifiedOrder({
          body: input.body,
          outTradeNo: input.outTradeNo,
          totalFee: input.totalFee,
          spbillCreateIp: '127.0.0.1',
          subMchId,
          nonceStr: nonce(),
          tradeType: 'JSAPI',
          envId,
          functionName: PAYMENT_CALLBACK_FUNCTION,
        }),
      );
      if (res.resultCode !== 'SUCCESS') {
        log.error('pay.refused', { api: 'unifiedOrder', outTradeNo: input.outTradeNo, detail: describe(res) });
        throw new PaymentError(isSystemError(res) ? 'unavailable' : 'rejected', 'unifiedOrder', describe(res));
      }
      const p = res.payment;
      if (!p || !p.package || !p.paySign) throw new PaymentError('unavailable', 'unifiedOrder', 'answer without a payment object');
      return { timeStamp: p.timeStamp, nonceStr: p.nonceStr, package: p.package, signType: p.signType, paySign: p.paySign };
    },

    async queryOrder(outTradeNo) {
      const { subMchId } = settings('queryOrder');
      const res = await callPay('queryOrder', log, () => cloud.cloudPay.queryOrder({ subMchId, outTradeNo, nonceStr: nonce() }));
      if (res.resultCode !== 'SUCCESS') {
        // An order WeChat Pay never saw (the prepay failed) is simply unpaid; anything else is "cannot tell".
        if (isOrderNotFound(res)) return { paid: false, refunded: false, totalFee: 0, tradeState: 'NOTEXIST' };
        log.error('pay.refused', { api: 'queryOrder', outTradeNo, detail: describe(res) });
        throw new PaymentError(isSystemError(res) ? 'unavailable' : 'rejected', 'queryOrder', describe(res));
      }
      // REFUND (转入退款): paid, and a refund was accepted on it.
      const refunded = res.tradeState === 'REFUND';
      return { paid: res.tradeState === 'SUCCESS' || refunded, refunded, totalFee: res.totalFee ?? 0, tradeState: res.tradeState };
    },

    async refund(input) {
      const { subMchId, envId } = settings('refund');
      const res = await callPay('refund', log, () =>
        cloud.cloudPay.refund({ subMchId, nonceStr: nonce(), envId, functionName: PAYMENT_CALLBACK_FUNCTION, ...input }),
      );
      if (res.resultCode === 'SUCCESS') return { accepted: true };
      if (isSystemError(res)) throw new PaymentError('unavailable', 'refund', describe(res));
      log.error('pay.refused', { api: 'refund', outTradeNo: input.outTradeNo, outRefundNo: input.outRefundNo, detail: describe(res) });
      return { accepted: false, reason: describe(res) };
    },
  };
}
