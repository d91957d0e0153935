import Taro from '@tarojs/taro';

/**
 * The order whose payment sheet was opened, kept until it is confirmed. Without a payment callback the
 * card is activated only by `confirm`: if the app is closed right after paying, the next visit to this
 * page confirms it. Entries older than a day are dropped (a prepay order expires long before that).
 */
const KEY = 'vip.pendingOrder';
const MAX_AGE_MS = 24 * 3600 * 1000;

interface PendingOrder {
  outTradeNo: string;
  at: number;
}

export function rememberPendingOrder(outTradeNo: string): void {
  try {
    Taro.setStorageSync(KEY, { outTradeNo, at: Date.now() } satisfies PendingOrder);
  } catch {
    // Storage full or unavailable: the purchase still works, only the recovery is lost.
  }
}

export function forgetPendingOrder(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // nothing to do
  }
}

export function pendingOrder(): string | null {
  try {
    const value = Taro.getStorageSync(KEY) as Partial<PendingOrder> | '';
    if (!value || typeof value.outTradeNo !== 'string' || typeof value.at !== 'number') return null;
    if (Date.now() - value.at > MAX_AGE_MS) {
      forgetPendingOrder();
      return null;
    }
    return value.outTradeNo;
  } catch {
    return null;
  }
}
