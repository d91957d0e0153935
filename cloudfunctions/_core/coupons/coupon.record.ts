import type { CouponChannel, CouponKind } from './coupon.schema';

/** Operator documents, one per template (`_id` = template code). */
export const COUPON_TEMPLATES = 'coupon_templates';
/** `coupon_stock/{templateId}`: `issued` copies (conditional increments only); `ops` counts every change. */
export const COUPON_STOCK = 'coupon_stock';
/** `coupon_holdings/{templateId}:{openid}`: copies a member got (ever, and on `day`). */
export const COUPON_HOLDINGS = 'coupon_holdings';
export const COUPONS = 'coupons';
export const COUPON_REDEMPTIONS = 'coupon_redemptions';

export interface CouponStockRecord {
  _id: string;
  issued: number;
  /** Bumped by every change (take, give back, repair): the reconciler's compare-and-set version, so no ABA. */
  ops: number;
}

export interface CouponHoldingRecord {
  _id: string;
  _openid: string;
  templateId: string;
  held: number;
  /** The business day `dayCount` counts. */
  day: string;
  dayCount: number;
  ops: number;
}

/**
 * `claiming` = a claim in flight (its counters may be taken); `void` = a failed claim being given back. Both are
 * invisible to members and count as "issued" for the reconciler until removed.
 */
export type StoredCouponStatus = 'claiming' | 'void' | 'unused' | 'used' | 'expired';

/** `coupons/{couponId}`: the template's terms are copied at issue, so later edits don't change a coupon. */
export interface CouponRecord {
  _id: string;
  _openid: string;
  templateId: string;
  channel: CouponChannel;
  /** What made it (claim:<requestId>, or the caller's sourceKey), for support. */
  sourceKey: string;
  status: StoredCouponStatus;
  title: string;
  description: string;
  kind: CouponKind;
  stores: string[];
  validFrom: string;
  validTo: string;
  /** Business day the expiry reminder is due; null = none (or already queued). */
  remindOn: string | null;
  undoMinutes: number;
  claimDay: string;
  claimedAt: Date;
  updatedAt: Date;
  usedAt: Date | null;
  redemptionNo: string | null;
}

export interface CouponRedemptionRecord {
  _id: string;
  couponId: string;
  memberOpenid: string;
  clerk: string;
  storeId: string | null;
  status: 'done' | 'undone';
  redeemedAt: Date;
  undoUntil: Date;
  discountFen: number | null;
  orderFen: number | null;
  undoneAt: Date | null;
  undoneBy: string | null;
  undoReason: string | null;
}
