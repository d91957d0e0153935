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

/** A request id for one intended purchase (8-64 of [A-Za-z0-9_-]). */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `${Date.now().toString(36)}-${random()}${random()}`;
}
