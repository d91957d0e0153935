import { handlePaymentNotice } from '../_core/payments/payment-notice.service';
import { createPaymentCallback } from '../_platform/runtime/create-payment-callback';

/** Named in cloudPay.unifiedOrder (functionName): WeChat Pay calls it when an order is paid. */
export const main = createPaymentCallback(handlePaymentNotice);
