import type { VipPaymentParams } from '../../services/vip';

/** 'cancelled': the member closed the payment sheet. Any other failure throws. */
export type PayOutcome = 'paid' | 'cancelled';
export type Pay = (outTradeNo: string, payment: VipPaymentParams) => Promise<PayOutcome>;
