import type { RefundStatus } from '../payments/payment-state.rules';
import type { LotTake } from '../points/points-ledger.rules';
import type { DeliveryView, ItemKind, OrderStatus } from './mall.schema';

export const MALL_ITEMS = 'mall_items';
export const MALL_STOCK = 'mall_stock';
export const MALL_HOLDINGS = 'mall_holdings';
export const MALL_ORDERS = 'mall_orders';

/**
 * `mall_stock/{itemId}`: created by the first redemption. `sold` changes only by redeem's conditional
 * update (+N while `sold ≤ stock - N`), a failed claim giving back (-N, once) and cancel transactions (-N);
 * `initial` is the item's `stock` when the first redemption created it.
 */
export interface MallStockRecord {
  _id: string;
  initial: number;
  sold: number;
  updatedAt: Date;
}

/** `mall_holdings/{itemId}:{openid}`: how many of an item a member holds (orders not cancelled). */
export interface MallHoldingRecord {
  _id: string;
  _openid: string;
  itemId: string;
  count: number;
  updatedAt: Date;
}

export interface MallOrderStep {
  status: OrderStatus;
  at: Date;
  by: 'member' | 'staff' | 'system';
  /** openid of the member or staff member (never shown to the app). */
  actor: string;
  note: string;
}

/**
 * `mall_orders/{orderNo}`: the order number is derived from the member and the request id (a retry finds
 * the same order) and is also the WeChat Pay out_trade_no of the cash part.
 */
export interface MallOrderRecord {
  _id: string;
  _openid: string;
  memberNo: string;
  requestId: string;
  itemId: string;
  title: string;
  kind: ItemKind;
  quantity: number;
  pricePoints: number;
  pointsSpent: number;
  /** Whole order's cash part, fen. */
  cashFen: number;
  /** `claiming` / `void`: internal steps of redeeming (never shown; see redeem.service.ts). */
  status: OrderStatus | 'claiming' | 'void';
  delivery: DeliveryView;
  /** pickup orders: the store (denormalised for staff queries); null otherwise. */
  storeId: string | null;
  trackingNo: string | null;
  couponTemplateId: string | null;
  couponId: string | null;
  /** The ledger entry that spent the points, and the lots it took (cancel returns them with their expiry). */
  ledgerKey: string;
  spentLots: LotTake[];
  returnedPoints: number;
  paidAt: Date | null;
  /** The cash part's refund: only moves forward (payment-state.rules.ts); `accepted` is final. */
  refund: { status: RefundStatus; fee: number; at: Date } | null;
  /** The counters a claim took (set once both are taken; the crash sweep gives back what it says). null on older orders. */
  took?: { holding: boolean; stock: boolean } | null;
  history: MallOrderStep[];
  createdAt: Date;
  updatedAt: Date;
}
