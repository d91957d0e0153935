import { z } from 'zod';
import { BenefitView, TierView } from '../member/member.schema';
import { LineItem } from '../points/earn-rules.schema';
import { RequestId } from '../shared/idempotency';
import { CodeOrManual } from '../member/member-code.schema';

/** The QR's text, or the member number and the card's one-time digit code typed by the clerk. */
export const ScanMemberInput = CodeOrManual;

/** What a clerk sees after scanning: enough to serve the member, no more (masked name, last digits). */
export const MemberAtTillView = z.object({
  visitId: z.string(),
  /** The visit lets this clerk record purchases for this member until then. */
  expiresAt: z.string(),
  member: z.object({
    maskedName: z.string(),
    memberNoTail: z.string(),
    tier: TierView,
    vip: z.boolean(),
    benefits: z.array(BenefitView),
    balance: z.number().int(),
    pending: z.number().int(),
  }),
});

export const OrderNo = z.string().regex(/^[A-Za-z0-9_-]{4,40}$/, '订单号为 4-40 位字母、数字、-或_');

export const RecordPurchaseInput = z.object({
  visitId: z.string().min(8).max(64),
  orderNo: OrderNo,
  /** Amount paid, in fen. */
  amountFen: z.number().int('金额必须是整数（分）').min(1, '金额必须大于 0').max(100_000_000, '金额过大'),
});

export const PurchaseRecordedView = z.object({
  orderNo: z.string(),
  repeated: z.boolean(),
  award: z.object({ total: z.number().int(), lineItems: z.array(LineItem) }),
  /** Business day the points become spendable (after-sale window), or null when at once. */
  pendingUntil: z.string().nullable(),
  growth: z.number().int(),
  tier: TierView,
  upgradedFrom: TierView.nullable(),
});

const RefundFen = z.number().int('金额必须是整数（分）').min(1, '退款金额必须大于 0').max(100_000_000, '金额过大');

export const RefundPurchaseInput = z.object({
  orderNo: OrderNo,
  requestId: RequestId,
  reason: z.string().trim().min(2, '请填写退款原因').max(100),
  /** A partial refund, in fen; absent = everything not yet refunded. */
  amountFen: RefundFen.optional(),
});

export const PreviewRefundInput = z.object({ orderNo: OrderNo, amountFen: RefundFen.optional() });

/** What a refund would do, before the clerk confirms: nothing is written. */
export const RefundPreviewView = z.object({
  orderNo: z.string(),
  member: z.object({ maskedName: z.string(), memberNoTail: z.string() }),
  /** Where the purchase was recorded (a name), and when. */
  storeName: z.string(),
  recordedAt: z.string(),
  amountFen: z.number().int(),
  refundedFen: z.number().int(),
  refundableFen: z.number().int(),
  /** This refund's amount (0 when nothing can be refunded). */
  refundFen: z.number().int(),
  /** Points this refund takes back: from the order's pending points, from the balance, and left owed. */
  points: z.number().int(),
  fromPending: z.number().int(),
  fromBalance: z.number().int(),
  newlyOwed: z.number().int(),
  growth: z.number().int(),
  /** Recorded at another store than the caller's: only a store manager may refund it (audited). */
  crossStore: z.boolean(),
  /** Whether the caller may do this refund now; if not, why (Chinese). */
  allowed: z.boolean(),
  reason: z.string().nullable(),
});

export const PurchaseRefundedView = z.object({
  orderNo: z.string(),
  repeated: z.boolean(),
  /** This refund's amount, the order's refunded total, and what is left refundable. */
  refundFen: z.number().int(),
  refundedFen: z.number().int(),
  remainingFen: z.number().int(),
  /** Points this refund took back (pending or spendable). */
  reversedPoints: z.number().int(),
  /** Points the member now owes (refunds of points already spent). */
  owed: z.number().int(),
  crossStore: z.boolean(),
});

export type ScanMemberInput = z.output<typeof ScanMemberInput>;
export type MemberAtTillView = z.output<typeof MemberAtTillView>;
export type RecordPurchaseInput = z.output<typeof RecordPurchaseInput>;
export type PurchaseRecordedView = z.output<typeof PurchaseRecordedView>;
export type RefundPurchaseInput = z.output<typeof RefundPurchaseInput>;
export type PurchaseRefundedView = z.output<typeof PurchaseRefundedView>;
export type PreviewRefundInput = z.output<typeof PreviewRefundInput>;
export type RefundPreviewView = z.output<typeof RefundPreviewView>;
