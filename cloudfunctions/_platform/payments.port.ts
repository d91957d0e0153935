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
  /** WeChat Pay's trade_state when it answered (SUCCESS, REFUND, NOTPAY, CLOSED, USERPAYING, PAYERROR; NOTEXIST: unknown order). */
  tradeState?: string;
}

export interface RefundResult {
  accepted: boolean;
  /** Why WeChat Pay refused, in its words (err_code_des), when it did. */
  reason?: string;
}

export interface PaymentsPort {
  /** Throws PaymentError when WeChat Pay refuses the order or cannot be reached. */
  unifiedOrder(input: UnifiedOrderInput): Promise<PaymentParams>;
  /** An order WeChat Pay does not know is not paid; throws PaymentError when it cannot tell. */
  queryOrder(outTradeNo: string): Promise<OrderQueryResult>;
  /**
   * Asks for a refund. The out_refund_no is the refund's key: the same number again is the same refund, and
   * WeChat Pay answers it accepted again without moving money twice. An answer can be lost or stale; the
   * record of what happened is `queryOrder`. `accepted: false` when WeChat Pay refuses the refund; throws
   * PaymentError when it cannot tell (retry with the same outRefundNo).
   */
  refund(input: RefundInput): Promise<RefundResult>;
}

/**
 * rejected: WeChat Pay answered and said no (return_code or result_code FAIL);
 * unavailable: no usable answer (network, system error, malformed answer): retry with the same numbers;
 * misconfigured: the function lacks what WeChat Pay needs (merchant number, environment).
 */
export type PaymentErrorKind = 'rejected' | 'unavailable' | 'misconfigured';

export class PaymentError extends Error {
  constructor(
    readonly kind: PaymentErrorKind,
    readonly api: 'unifiedOrder' | 'queryOrder' | 'refund',
    /** WeChat's words (return_msg / err_code_des / errMsg), for logs; never shown to members as is. */
    readonly detail: string,
  ) {
    super(`cloudPay.${api} ${kind}: ${detail}`);
    this.name = 'PaymentError';
  }
}

/** Duck-typed: each function bundle carries its own copy of this class. */
export const isPaymentError = (e: unknown, kind?: PaymentErrorKind): e is PaymentError =>
  typeof e === 'object' && e !== null && (e as Error).name === 'PaymentError' && (kind === undefined || (e as PaymentError).kind === kind);
