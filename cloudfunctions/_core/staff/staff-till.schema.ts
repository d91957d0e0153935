import { z } from 'zod';
import { BenefitView, TierView } from '../member/member.schema';
import { LineItem } from '../points/earn-rules.schema';
import { RequestId } from '../shared/idempotency';

export const ScanMemberInput = z.object({ code: z.string().min(1).max(512) });

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

export const RefundPurchaseInput = z.object({
  orderNo: OrderNo,
  requestId: RequestId,
  reason: z.string().trim().min(2, '请填写退款原因').max(100),
});

export const PurchaseRefundedView = z.object({
  orderNo: z.string(),
  repeated: z.boolean(),
  /** Points taken back (pending or spendable). */
  reversedPoints: z.number().int(),
  /** Points the member now owes (refund of points already spent). */
  owed: z.number().int(),
});

export type ScanMemberInput = z.output<typeof ScanMemberInput>;
export type MemberAtTillView = z.output<typeof MemberAtTillView>;
export type RecordPurchaseInput = z.output<typeof RecordPurchaseInput>;
export type PurchaseRecordedView = z.output<typeof PurchaseRecordedView>;
export type RefundPurchaseInput = z.output<typeof RefundPurchaseInput>;
export type PurchaseRefundedView = z.output<typeof PurchaseRefundedView>;
