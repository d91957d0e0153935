import { z } from 'zod';
import { BenefitView } from '../member/member.schema';
import { RequestId } from '../shared/idempotency';
import { COMMISSION_STATUSES } from './commission.rules';

/* ------------------------------------------------------------------ becoming a distributor */

export const ConditionView = z.object({
  code: z.enum(['koc', 'task_checkin', 'task_spend', 'gift_pack']),
  title: z.string(),
  met: z.boolean(),
  current: z.number().int().nullable(),
  target: z.number().int().nullable(),
});

export const GiftPackView = z.object({
  title: z.string(),
  priceFen: z.number().int(),
  description: z.string(),
  benefits: z.array(BenefitView),
});

export const GradeView = z.object({ code: z.string(), name: z.string() });

export const DistributorView = z.object({
  memberNo: z.string(),
  via: z.enum(['koc', 'task', 'gift_pack']),
  since: z.string(),
  grade: GradeView,
  activeFans: z.number().int(),
  /** The next grade and the active fans it needs; null at the top. */
  nextGrade: z.object({ name: z.string(), minActiveFans: z.number().int() }).nullable(),
  fans: z.number().int(),
});

export const CommissionTotalsView = z.object({
  pendingFen: z.number().int(),
  /** Withdrawable now; negative after a clawback (later commissions repay it first). */
  balanceFen: z.number().int(),
  settledFen: z.number().int(),
  withdrawnFen: z.number().int(),
  clawedBackFen: z.number().int(),
});

export const DistributionStatusView = z.object({
  /** The programme is open. */
  enabled: z.boolean(),
  /** The caller, when a distributor; null otherwise. */
  distributor: DistributorView.nullable(),
  account: CommissionTotalsView.nullable(),
  /** Ways to become a distributor, with the caller's progress. */
  conditions: z.array(ConditionView),
  canJoin: z.boolean(),
  /** The gift pack on sale (buy it through `vip.buyGiftPack`); null when not sold. */
  giftPack: GiftPackView.nullable(),
  withdrawal: z.object({ minFen: z.number().int(), dailyCapFen: z.number().int(), approvalAboveFen: z.number().int() }),
});
export type DistributionStatusView = z.output<typeof DistributionStatusView>;

export const JoinView = z.object({ distributor: DistributorView, repeated: z.boolean() });
export type JoinView = z.output<typeof JoinView>;

/* ------------------------------------------------------------------ sharing and binding */

/** What the app received when opened from a share card or a mini-program code: `d=<memberNo>`. */
export const BindInput = z.object({ scene: z.string().trim().min(1).max(64) });
export type BindInput = z.output<typeof BindInput>;

export const BindView = z.object({
  outcome: z.enum(['bound', 'already_bound', 'self', 'not_distributor', 'loop', 'has_fans', 'purchased', 'closed']),
  message: z.string(),
  /** The distributor the caller is bound to now (masked), if any. */
  distributorName: z.string().nullable(),
});
export type BindView = z.output<typeof BindView>;

export const ShareCodeView = z.object({
  /** The scene the mini-program code carries (at most 32 characters). */
  scene: z.string(),
  /** The page the code opens, and the path a share card opens (page + ?scene=...). */
  page: z.string(),
  sharePath: z.string(),
  /** A temporary URL of the mini-program code image; null if it could not be made now. */
  imageUrl: z.string().nullable(),
  nickname: z.string(),
});
export type ShareCodeView = z.output<typeof ShareCodeView>;

export const PageInput = z.object({
  /** Cursor from the previous page. */
  after: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type PageInput = z.output<typeof PageInput>;

export const FanView = z.object({
  name: z.string(),
  boundAt: z.string(),
  active: z.boolean(),
  orders: z.number().int(),
  commissionFen: z.number().int(),
  flagged: z.boolean(),
});
export const FansView = z.object({ fans: z.array(FanView), total: z.number().int(), next: z.string().nullable() });
export type FansView = z.output<typeof FansView>;

/* ------------------------------------------------------------------ commissions */

export const CommissionStatusValue = z.enum(COMMISSION_STATUSES as [string, ...string[]]);

export const CommissionsInput = PageInput.extend({ status: z.enum(['all', 'pending', 'settled', 'voided']).default('all') });
export type CommissionsInput = z.output<typeof CommissionsInput>;

export const CommissionView = z.object({
  id: z.string(),
  level: z.union([z.literal(1), z.literal(2)]),
  buyerName: z.string(),
  source: z.string(),
  orderFen: z.number().int(),
  rateBp: z.number().int(),
  /** As earned on the whole order. */
  amountFen: z.number().int(),
  /** Taken off by partial refunds of the order (voided, or clawed back once settled). */
  reversedFen: z.number().int(),
  status: CommissionStatusValue,
  reason: z.string(),
  settleOn: z.string().nullable(),
  createdAt: z.string(),
});
export type CommissionView = z.output<typeof CommissionView>;
export const CommissionsView = z.object({ commissions: z.array(CommissionView), next: z.string().nullable() });
export type CommissionsView = z.output<typeof CommissionsView>;

/* ------------------------------------------------------------------ withdrawals */

export const WithdrawInput = z.object({
  requestId: RequestId,
  amountFen: z.number().int('金额须为整数（单位：分）').min(1, '请输入提现金额').max(100_000_000),
});
export type WithdrawInput = z.output<typeof WithdrawInput>;

/** A withdrawal as anyone allowed to see it sees it (the member, an operator reviewing it). */
export const WithdrawalSummaryView = z.object({
  withdrawalNo: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['awaiting_approval', 'transferring', 'paid', 'failed', 'rejected']),
  reason: z.string(),
  createdAt: z.string(),
});
export type WithdrawalSummaryView = z.output<typeof WithdrawalSummaryView>;

/**
 * What `wx.requestMerchantTransfer({ mchId, appId, package })` needs while WeChat Pay waits for the member's
 * 确认收款; only ever in the owner's own views.
 */
export const TransferConfirmationView = z.object({ mchId: z.string(), appId: z.string(), package: z.string(), expiresAt: z.string() });
export type TransferConfirmationView = z.output<typeof TransferConfirmationView>;

/** The owner's view: with the confirmation while one is pending. */
export const WithdrawalView = WithdrawalSummaryView.extend({ confirmation: TransferConfirmationView.nullable() });
export type WithdrawalView = z.output<typeof WithdrawalView>;

export const WithdrawalNoInput = z.object({ withdrawalNo: z.string().regex(/^W[0-9a-f]{31}$/, '提现单号无效') });
export type WithdrawalNoInput = z.output<typeof WithdrawalNoInput>;


export const WithdrawResultView = z.object({ withdrawal: WithdrawalView, account: CommissionTotalsView });
export type WithdrawResultView = z.output<typeof WithdrawResultView>;

export const WithdrawalsView = z.object({ withdrawals: z.array(WithdrawalView), next: z.string().nullable() });
export type WithdrawalsView = z.output<typeof WithdrawalsView>;

/* ------------------------------------------------------------------ operator review */

export const ReviewCommissionView = CommissionView.extend({
  distributorNo: z.string(),
  flags: z.array(z.string()),
});
export const ReviewWithdrawalView = WithdrawalSummaryView.extend({ distributorNo: z.string(), balanceFen: z.number().int() });

export const ReviewQueueView = z.object({
  commissions: z.array(ReviewCommissionView),
  withdrawals: z.array(ReviewWithdrawalView),
});
export type ReviewQueueView = z.output<typeof ReviewQueueView>;

export const ReviewInput = z.object({
  verdict: z.enum(['approve', 'reject']),
  note: z.string().trim().max(100).default(''),
});

export const ReviewCommissionInput = ReviewInput.extend({ commissionId: z.string().regex(/^[a-z0-9_]+:[A-Za-z0-9_-]+:L[12]$/, '佣金编号无效') });
export type ReviewCommissionInput = z.output<typeof ReviewCommissionInput>;

export const WithdrawalNo = WithdrawalNoInput.shape.withdrawalNo;
export const ReviewWithdrawalInput = ReviewInput.extend({ withdrawalNo: WithdrawalNo });
export type ReviewWithdrawalInput = z.output<typeof ReviewWithdrawalInput>;

export const ReviewCommissionResult = z.object({ commission: ReviewCommissionView });
export const ReviewWithdrawalResult = z.object({ withdrawal: ReviewWithdrawalView });
