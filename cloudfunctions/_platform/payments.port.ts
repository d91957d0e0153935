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

export interface PaymentsPort extends TransfersPort {
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
    /** cloudPay's three APIs, or the merchant transfer (wx-transfers.ts). */
    readonly api: 'unifiedOrder' | 'queryOrder' | 'refund' | 'transfer' | 'queryTransfer',
    /** WeChat's words (return_msg / err_code_des / errMsg, or API v3's code and message), for logs; never shown to members as is. */
    readonly detail: string,
    /** API v3's error code when WeChat Pay gave one (e.g. NOT_ENOUGH, NO_AUTH, PARAM_ERROR). */
    readonly code?: string,
  ) {
    super(`wxpay.${api} ${kind}: ${detail}`);
    this.name = 'PaymentError';
  }
}

/** Duck-typed: each function bundle carries its own copy of this class. */
export const isPaymentError = (e: unknown, kind?: PaymentErrorKind): e is PaymentError =>
  typeof e === 'object' && e !== null && (e as Error).name === 'PaymentError' && (kind === undefined || (e as PaymentError).kind === kind);

/**
 * A payout to a member's WeChat change (商家转账). Not part of cloudPay: in production it is WeChat Pay's
 * merchant API v3 (`POST /v3/fund-app/mch-transfer/transfer-bills`, queried by
 * `GET /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}`), signed with the merchant's API
 * key and certificate from a cloud function that holds them (README, "Withdrawals in production").
 * `outBillNo` is the transfer's key: the same number again never pays twice.
 */
export interface TransferInput {
  /** 5-32 letters or digits: our withdrawal number. */
  outBillNo: string;
  openid: string;
  amountFen: number;
  /** Shown to the member in WeChat's change record (at most 32 characters). */
  remark: string;
}

/**
 * `accepted`: WeChat Pay took it and is still working on it (or waits for the member to confirm receipt,
 * WAIT_USER_CONFIRM in the merchant API); ask again with `queryTransfer`. `success` and `failed` are final.
 */
export type TransferState = 'accepted' | 'success' | 'failed';

export interface TransferResult {
  state: TransferState;
  /** Why a transfer failed, in WeChat Pay's words (e.g. the member's account is restricted). */
  failReason?: string;
  /**
   * Present while WeChat Pay waits for the member to confirm receipt (WAIT_USER_CONFIRM; `state` stays
   * `accepted`: nothing is paid yet). The app must call `wx.requestMerchantTransfer({ mchId, appId, package:
   * packageInfo })` in the member's session; until then (WeChat closes the bill after about 24 h) no money moves.
   */
  memberConfirmation?: MemberConfirmation;
}

/** What `wx.requestMerchantTransfer` needs (base library 3.3.0+), and until when the member can still confirm. */
export interface MemberConfirmation {
  mchId: string;
  appId: string;
  /** WeChat Pay's package_info, passed unchanged as `package`. */
  packageInfo: string;
  /**
   * When WeChat Pay closes the bill if the member has not confirmed (24 h after it was created); after this the
   * bill ends CANCELLED or FAIL, and the withdrawal fails with its amount given back when that answer arrives.
   */
  expiresAt: Date;
}

/** How long WeChat Pay keeps a bill waiting for the member's confirmation (商家转账用户确认模式: 24 hours). */
export const MEMBER_CONFIRMATION_MS = 24 * 3_600_000;

/** Thrown when payouts are not set up at all: nothing reached WeChat Pay, so nothing can have been paid. */
export class TransferUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransferUnavailableError';
  }
}

export const isTransferUnavailable = (e: unknown): e is TransferUnavailableError =>
  typeof e === 'object' && e !== null && (e as Error).name === 'TransferUnavailableError';

export interface TransfersPort {
  transfer(input: TransferInput): Promise<TransferResult>;
  /** WeChat Pay's record of a transfer; null when it has none (the request never arrived). */
  queryTransfer(outBillNo: string): Promise<TransferResult | null>;
}
