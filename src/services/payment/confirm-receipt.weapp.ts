import type { ConfirmReceipt, OpensAtOnce } from './confirm-receipt.types';

/** WeChat's own page opens as soon as the withdrawal waits (the member confirms or closes it there). */
export const OPENS_AT_ONCE: OpensAtOnce = true;

interface RequestMerchantTransferOption {
  mchId: string;
  appId: string;
  package: string;
  success?: (res: { errMsg: string }) => void;
  fail?: (res: { errMsg?: string }) => void;
}
type WxWithTransfer = { requestMerchantTransfer?: (o: RequestMerchantTransferOption) => void };
declare const wx: WxWithTransfer | undefined;

/** Shown when the member's WeChat is too old for 确认收款 (base library below 3.3.0). */
export const WECHAT_TOO_OLD = '当前微信版本过低，无法确认收款，请升级微信后重试';

/**
 * WeChat's own 确认收款 page (商家转账用户确认模式, base library 3.3.0+). Taro 4 does not know this API, so
 * it is called on `wx` directly, with callbacks (it has no promise form). Success means the member confirmed;
 * the server still asks WeChat Pay (`checkWithdrawal`).
 */
export const confirmReceipt: ConfirmReceipt = (c) =>
  new Promise((resolve, reject) => {
    const api = typeof wx === 'undefined' ? undefined : wx.requestMerchantTransfer;
    if (typeof api !== 'function') return reject(new Error(WECHAT_TOO_OLD));
    api.call(wx, {
      mchId: c.mchId,
      appId: c.appId,
      package: c.package,
      success: () => resolve('confirmed'),
      fail: (res) => (String(res?.errMsg ?? '').includes('cancel') ? resolve('cancelled') : reject(new Error(receiptFailure(res?.errMsg)))),
    });
  });

/** WeChat's failure words are for logs; the member reads a Chinese sentence. */
function receiptFailure(errMsg: string | undefined): string {
  if (errMsg && /[\u4e00-\u9fff]/.test(errMsg)) return errMsg.replace(/^requestMerchantTransfer:fail\s*/, '');
  return '确认收款未完成，请稍后在提现记录中重试';
}
