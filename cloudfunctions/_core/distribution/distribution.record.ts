import type { CommissionDeltas, CommissionEntryKind } from './commission-ledger.rules';
import type { CommissionStatus, FlagCode } from './commission.rules';
import type { MemberConfirmation } from '../../_platform/payments.port';
import type { WithdrawalStatus } from './withdrawal.rules';

/** How a member became a distributor. */
export type DistributorVia = 'koc' | 'task' | 'gift_pack';

/**
 * `distributors/{openid}`: a member who may distribute. The share code is the member number (already
 * unique and indexed), so a scene is `d=<memberNo>`.
 */
export interface DistributorRecord {
  _id: string;
  _openid: string;
  memberNo: string;
  status: 'active' | 'suspended';
  via: DistributorVia;
  /**
   * Fans counted as active per calendar month ('YYYY-MM' -> fans whose latest paid order fell in that month),
   * pruned to the active window: the grade follows their sum, kept up to date in the order transaction.
   */
  activeByMonth: Record<string, number>;
  /** Commission (fen, both levels) recorded per calendar month, for the monthly anti-fraud cap. */
  monthTotals: Record<string, number>;
  /** The mini-program code image, generated once (cloud storage fileID). */
  shareCodeFileId: string | null;
  joinedAt: Date;
  updatedAt: Date;
}

/**
 * `referrals/{openid}`: a member's place in the referral tree. The document id is the member, so two links
 * opened at once write the same document and only one binding survives (the transaction's write conflict).
 * Written for distributors (their fan count) and for every member who was bound or has paid for an order.
 */
export interface ReferralRecord {
  _id: string;
  _openid: string;
  /** The distributor this member is bound to; null when unbound. */
  referrer: string | null;
  boundAt: Date | null;
  /** Window mode: the binding ends here; null = never. */
  expiresAt: Date | null;
  /** Set when the binding came in a burst of new fans (anti-fraud). */
  bindingFlag: 'velocity' | null;
  /** How many members were ever bound to this member (never lowered: a member with fans is never bound). */
  fanCount: number;
  /** New bindings of this member's fans on `bindDay` (velocity check). */
  bindDay: string | null;
  bindsThatDay: number;
  /** The fan as their distributor sees them: masked nickname only. */
  maskedName: string;
  firstOrderAt: Date | null;
  lastOrderMonth: string | null;
  /** Paid orders and refunded orders of this member (anti-fraud: repeated refunds). */
  orders: number;
  refunds: number;
  /** Direct (level-1) commission this member's orders earned their distributor, fen. */
  commissionFen: number;
  updatedAt: Date;
}

/**
 * `commission_orders/{source}:{orderNo}`: the inbox of paid-order facts from every source (till, mall cash
 * parts, VIP card, gift pack, group-buy). A source writes it in its own transaction (never lost, never a hot
 * document), then it is processed into commissions; the settlement job sweeps whatever is left `needsWork`.
 */
export interface CommissionOrderRecord {
  _id: string;
  source: string;
  orderNo: string;
  buyer: string;
  /** Who paid, when not the buyer (anti-fraud: orders paid by the distributor). */
  payer: string;
  amountFen: number;
  productClass: string;
  paidAt: Date;
  /** Paid but not yet fulfilled (a group still forming, goods not yet picked up): the window has not started. */
  inProgress: boolean;
  completedAt: Date | null;
  /** When the latest refund was noted. */
  refundedAt: Date | null;
  refundReason: string | null;
  /**
   * How much of the order has been refunded so far, fen (partial refunds by amount add up); absent on orders
   * noted before partial refunds existed, where a `refundedAt` means the whole order.
   */
  refundedFen?: number;
  /** Facts already applied to commissions (`refundedFen`: the refunded amount they reflect). */
  applied: { paid: boolean; completed: boolean; refunded: boolean; refundedFen?: number };
  needsWork: boolean;
  /** What processing found: the commission ids, or why there are none. */
  outcome: 'commissioned' | 'no_referrer' | 'closed' | null;
  commissionIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface CommissionReview {
  verdict: 'approved' | 'rejected';
  by: string;
  note: string;
  at: Date;
}

/** `commissions/{source}:{orderNo}:L{level}`: one per order and beneficiary; the id is the idempotency key. */
export interface CommissionRecord {
  _id: string;
  /** The distributor who earns it. */
  _openid: string;
  level: 1 | 2;
  buyer: string;
  buyerMasked: string;
  source: string;
  orderNo: string;
  productClass: string;
  orderFen: number;
  gradeCode: string;
  rateBp: number;
  /** The commission as earned on the whole order. */
  amountFen: number;
  /**
   * Taken off by partial refunds so far (voided while pending, clawed back once settled): the commission is
   * recomputed on what the order keeps, so `amountFen - reversedFen` = commissionFen(kept order amount).
   */
  reversedFen?: number;
  status: CommissionStatus;
  flags: FlagCode[];
  /** Why it is in its state, for the distributor (Chinese). */
  reason: string;
  /** First business day it may settle; null while the order is in progress. */
  settleOn: string | null;
  paidAt: Date;
  review: CommissionReview | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * `commission_accounts/{openid}`: the cached fold of the distributor's commission entries (rebuildable; checked
 * by `checkCommissionLedger`), plus today's withdrawal counters.
 */
export interface CommissionAccountRecord {
  _id: string;
  _openid: string;
  pending: number;
  settled: number;
  withdrawn: number;
  clawedBack: number;
  /** settled - withdrawn - clawedBack: what may be withdrawn; negative after a clawback, repaid by later settlements. */
  balance: number;
  seq: number;
  withdrawDay: string | null;
  withdrawnThatDay: number;
  withdrawalsThatDay: number;
  updatedAt: Date;
}

/** `commission_entries/{idempotencyKey}`: append-only; the id makes the same fact impossible to post twice. */
export interface CommissionEntryRecord {
  _id: string;
  _openid: string;
  seq: number;
  kind: CommissionEntryKind;
  deltas: CommissionDeltas;
  /** Change of the withdrawable balance. */
  balanceDelta: number;
  /** The commission or the withdrawal this entry is about. */
  ref: string;
  reason: string;
  day: string;
  createdAt: Date;
}

export interface TransferAttempt {
  state: 'accepted' | 'success' | 'failed' | 'unknown';
  failReason: string | null;
  at: Date;
}

/** `withdrawals/{withdrawalNo}`: the number is derived from the member and the request id (a retry is the same). */
export interface WithdrawalRecord {
  _id: string;
  _openid: string;
  requestId: string;
  amountFen: number;
  status: WithdrawalStatus;
  day: string;
  reason: string;
  lastTransfer: TransferAttempt | null;
  /**
   * While WeChat Pay waits for the member's 确认收款 (the transfer answered WAIT_USER_CONFIRM): what the app
   * passes to wx.requestMerchantTransfer. Cleared when the withdrawal is paid or fails; absent on older documents.
   */
  memberConfirmation?: MemberConfirmation | null;
  review: CommissionReview | null;
  createdAt: Date;
  updatedAt: Date;
}

export const DISTRIBUTORS = 'distributors';
export const REFERRALS = 'referrals';
export const COMMISSION_ORDERS = 'commission_orders';
export const COMMISSIONS = 'commissions';
export const COMMISSION_ACCOUNTS = 'commission_accounts';
export const COMMISSION_ENTRIES = 'commission_entries';
export const WITHDRAWALS = 'withdrawals';
