/**
 * Stable error codes: the client maps each to a Chinese message (src/services/error-messages.ts).
 * Adding a code here without a message there fails the test suite.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_REGISTERED',
  'CONSENT_REQUIRED',
  'ALREADY_REGISTERED',
  'BIRTHDAY_LOCKED',
  'MEMBER_NOT_FOUND',
  'CONTENT_REJECTED',
  'POINTS_INSUFFICIENT',
  'CODE_INVALID',
  'CODE_EXPIRED',
  'CODE_USED',
  'CODE_LOCKED',
  'VISIT_EXPIRED',
  'ORDER_CONFLICT',
  'ORDER_NOT_FOUND',
  'PAYMENT_PENDING',
  'PAYMENT_NOT_FOUND',
  'PAYMENT_UNAVAILABLE',
  'PAYMENT_REFUSED',
  'VIP_NOT_OFFERED',
  'COUPON_NOT_FOUND',
  'COUPON_SOLD_OUT',
  'COUPON_LIMIT_REACHED',
  'COUPON_NOT_ELIGIBLE',
  'COUPON_NOT_CLAIMABLE',
  'COUPON_EXPIRED',
  'COUPON_USED',
  'COUPON_WRONG_STORE',
  'REDEMPTION_NOT_FOUND',
  'REDEMPTION_UNDONE',
  'UNDO_WINDOW_PASSED',
  'ITEM_NOT_FOUND',
  'ITEM_SOLD_OUT',
  'ITEM_LIMIT_REACHED',
  'ITEM_NOT_AVAILABLE',
  'ORDER_NOT_CANCELLABLE',
  'ORDER_STATE_INVALID',
  'REFUND_AMOUNT_INVALID',
  'GIFT_PACK_NOT_OFFERED',
  'DISTRIBUTION_CLOSED',
  'NOT_DISTRIBUTOR',
  'DISTRIBUTOR_NOT_ELIGIBLE',
  'WITHDRAW_INSUFFICIENT',
  'WITHDRAW_BELOW_MINIMUM',
  'WITHDRAW_LIMIT_REACHED',
  'WITHDRAWAL_NOT_FOUND',
  'COMMISSION_NOT_FOUND',
  'REVIEW_NOT_PENDING',
  'CONFIG_INVALID',
  'CONFIG_CONFLICT',
  'CLOSE_NOT_UNDOABLE',
  'POST_NOT_FOUND',
  'COMMENT_NOT_FOUND',
  'TOPIC_NOT_FOUND',
  'MEMBER_MUTED',
  'RATE_LIMITED',
  'CASE_NOT_FOUND',
  'CAMPAIGN_NOT_FOUND',
  'CAMPAIGN_CLOSED',
  'CAMPAIGN_FULL',
  'CAMPAIGN_NOT_ELIGIBLE',
  'CERTIFICATE_NOT_FOUND',
  'IMAGE_INVALID',
  'DEAL_NOT_FOUND',
  'DEAL_NOT_AVAILABLE',
  'DEAL_NOT_ELIGIBLE',
  'DEAL_LAYER_ONLY',
  'DEAL_SOLD_OUT',
  'DEAL_LIMIT_REACHED',
  'GROUP_NOT_FOUND',
  'GROUP_CLOSED',
  'GROUP_OWN',
  'GROUP_ALREADY_JOINED',
  'FLASH_NOT_STARTED',
  'FLASH_ENDED',
  'KOC_ALREADY_APPLIED',
  'KOC_APPLICATION_NOT_FOUND',
  'KOC_ALREADY_REVIEWED',
  'KOC_ROLE_REQUIRED',
  'EVENT_NOT_FOUND',
  'EVENT_ALREADY_REVIEWED',
  'EVENT_CLOSED',
  'EVENT_FULL',
  'EVENT_NOT_HOST',
  'EVENT_NOT_SIGNED_UP',
  'POLL_NOT_FOUND',
  'POLL_CLOSED',
  'VOTE_BUDGET_EXCEEDED',
  'RULE_NOT_FOUND',
  'RULE_CLOSED',
  'PANEL_NOT_FOUND',
  'PANEL_CLOSED',
  'PANEL_FULL',
  'PANEL_ALREADY_JOINED',
  'NOT_PANELIST',
  'FEEDBACK_ALREADY_SENT',
  'BUSY',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** For INVALID_INPUT: the path of the offending field, e.g. "birthday.month". */
  field?: string;
}

/** A failure a use case reports on purpose; anything else becomes INTERNAL at the edge. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
