import Taro from '@tarojs/taro';
import type { Pay } from './pay.types';

type SignType = NonNullable<Taro.requestPayment.Option['signType']>;

/**
 * WeChat Pay's own sheet; success means the member paid (the server still checks with `confirm`).
 * Taro 4 passes requestPayment straight to wx (it is not in Taro's promisified list), so we give it
 * callbacks rather than rely on wx returning a promise, which older base libraries don't.
 */
export const pay: Pay = (_outTradeNo, payment) =>
  new Promise((resolve, reject) => {
    const pending = Taro.requestPayment({
      ...payment,
      signType: payment.signType as SignType,
      success: () => resolve('paid'),
      fail: (res) => (String(res?.errMsg ?? '').includes('cancel') ? resolve('cancelled') : reject(res)),
    });
    // Should a Taro version promisify it after all, the callbacks above have already settled the outcome.
    void Promise.resolve(pending).catch(() => undefined);
  });
