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

export interface PaymentsPort {
  unifiedOrder(input: UnifiedOrderInput): Promise<PaymentParams>;
  queryOrder(outTradeNo: string): Promise<{ paid: boolean; totalFee: number }>;
  refund(input: RefundInput): Promise<{ accepted: boolean }>;
}
