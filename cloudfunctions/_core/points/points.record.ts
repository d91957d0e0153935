import type { Effects, Lot } from './points-ledger.rules';
import type { LineItem } from './earn-rules.schema';

/** `point_accounts/{openid}`: the cached fold of the member's ledger entries. */
export interface PointAccountRecord {
  _id: string;
  _openid: string;
  /** Spendable points (active lots). */
  balance: number;
  /** Purchase points still in their after-sale window. */
  pending: number;
  /** Points refunded after being spent; later earnings repay them first. */
  owed: number;
  lots: Lot[];
  /** Number of entries so far: the next entry's `seq`, and the ledger's order for a rebuild. */
  seq: number;
  /** The first business day a job must release or expire something here (null = nothing scheduled). */
  nextDueOn: string | null;
  updatedAt: Date;
}

export type EntryKind = 'earn' | 'spend' | 'release' | 'expire' | 'reverse';
export type EntryStatus = 'pending' | 'active' | 'spent' | 'expired' | 'reversed';

/**
 * `point_entries/{idempotencyKey}`: append-only. The id is the idempotency key (a purchase's order number, a
 * check-in's day...), so the same fact can never be credited twice. `status` is the state the entry was
 * created in; later changes of its points (release, spend, expiry, refund) are entries of their own.
 */
export interface PointEntryRecord {
  _id: string;
  _openid: string;
  seq: number;
  kind: EntryKind;
  status: EntryStatus;
  /** Change of the spendable balance. */
  delta: number;
  pendingDelta: number;
  owedDelta: number;
  effects: Effects;
  reason: string;
  lineItems: LineItem[];
  source: string;
  sourceId: string;
  /** Business day (Asia/Shanghai) of the entry. */
  day: string;
  createdAt: Date;
}

export const POINT_ACCOUNTS = 'point_accounts';
export const POINT_ENTRIES = 'point_entries';
