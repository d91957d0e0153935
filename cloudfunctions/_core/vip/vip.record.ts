import type { PaymentStatus } from '../payments/payment-state.rules';

/** The paid products sold through this order machinery: the VIP card and the distribution gift pack. */
export type PaidProduct = 'vip_card' | 'gift_pack';

/**
 * `vip_orders/{outTradeNo}`: one per purchase intent of a paid product. The id is derived from the member and
 * the client's request id, so a retried `buy` finds the same order (and WeChat the same prepay order).
 */
export interface VipOrderRecord {
  _id: string;
  _openid: string;
  /** Absent on orders made before the gift pack existed: those are VIP cards. */
  product?: PaidProduct;
  requestId: string;
  /** What the member is paying for, fixed at `buy` time: a later price change does not touch this order. */
  title: string;
  priceFen: number;
  /** VIP card: days added; 0 for the gift pack. */
  days: number;
  /** Forward only (payment-state.rules.ts): 'paid' is final. */
  status: PaymentStatus;
  createdAt: Date;
  paidAt: Date | null;
  /** After activation: the card's new end (exclusive instant) and last valid Beijing day. */
  vipUntil: Date | null;
  untilDay: string | null;
}

/**
 * `vip_history/{outTradeNo}`: append-only, one entry per activated order (the id makes a second one
 * impossible). `members.vipUntil` is the cached fold of these entries.
 */
export interface VipHistoryRecord {
  _id: string;
  _openid: string;
  kind: 'purchase';
  days: number;
  priceFen: number;
  from: Date | null;
  to: Date;
  untilDay: string;
  at: Date;
}

export const VIP_ORDERS = 'vip_orders';
export const VIP_HISTORY = 'vip_history';
