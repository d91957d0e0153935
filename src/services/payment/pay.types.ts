import type { CloudOutput } from '../cloud';

/** What wx.requestPayment takes; the same shape for every order (VIP card, mall cash part). */
export type PaymentParams = NonNullable<CloudOutput<'mall', 'redeem'>['payment']>;

/** 'cancelled': the member closed the payment sheet. Any other failure throws. */
export type PayOutcome = 'paid' | 'cancelled';
/** WeChat Pay on weapp (pay.weapp.ts); the local cloud's payment sandbox on H5 (pay.h5.ts). */
export type Pay = (outTradeNo: string, payment: PaymentParams) => Promise<PayOutcome>;
