/** WeChat Pay through cloud.cloudPay; amounts in fen. */
export interface UnifiedOrderInput {
  outTradeNo: string;
  totalFee: number;
  body: string;
  openid: string;
}

/** What the client passes to wx.requestPayment (or the local sandbox page). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface RefundInput {
  outTradeNo: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
}

/**
 * WeChat Pay's own record of an order (cloudPay.queryOrder). `paid`: the payment went through (trade state
 * SUCCESS, or REFUND once a refund was accepted on it); `refunded`: a refund was accepted (REFUND).
 */
export interface OrderQueryResult {
  paid: boolean;
  refunded: boolean;
  totalFee: number;
}

export interface PaymentsPort {
  unifiedOrder(input: UnifiedOrderInput): Promise<PaymentParams>;
  queryOrder(outTradeNo: string): Promise<OrderQueryResult>;
  /**
   * Asks for a refund. The out_refund_no is the refund's key: the same number again is the same refund, and
   * WeChat Pay answers it accepted again without moving money twice. An answer can be lost or stale; the
   * record of what happened is `queryOrder`.
   */
  refund(input: RefundInput): Promise<{ accepted: boolean }>;
}
