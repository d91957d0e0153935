/** Paid VIP card calls (付费会员) and view types. */
import { callCloud, type CloudOutput } from './cloud';

export type VipOffer = CloudOutput<'vip', 'offer'>;
export type VipOrder = CloudOutput<'vip', 'buy'>;
export type VipPaymentParams = NonNullable<VipOrder['payment']>;
export type VipConfirmed = CloudOutput<'vip', 'confirm'>;

export const vipService = {
  offer: () => callCloud('vip', 'offer'),
  /** The same request id is the same order: reuse it when retrying one tap, make a new one per purchase. */
  buy: (requestId: string) => callCloud('vip', 'buy', { requestId }),
  /** PAYMENT_PENDING until WeChat Pay reports the order paid; then activates once, repeats answer the same. */
  confirm: (outTradeNo: string) => callCloud('vip', 'confirm', { outTradeNo }),
};
