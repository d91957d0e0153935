import type { DeliveryView } from '../mall/mall.schema';

export const GROUP_DEALS = 'group_deals';
export const FLASH_SALES = 'flash_sales';
export const DEAL_ORDERS = 'deal_orders';
export const DEAL_STOCK = 'deal_stock';
export const DEAL_HOLDINGS = 'deal_holdings';
export const GROUPS = 'groups';
export const GROUP_SEATS = 'group_seats';

export type DealKind = 'group' | 'flash';

/** The distribution ledger's source (and product class) per order kind: commission order ids `group_buy:<orderNo>`, `flash_sale:<orderNo>`. */
export const DEAL_SOURCES = { group: 'group_buy', flash: 'flash_sale' } as const satisfies Record<DealKind, string>;

/** `deal_stock/{kind}:{dealId}`: units taken, only by conditional `_.inc` (see shared/counter.ts). */
export interface DealStockRecord {
  _id: string;
  sold: number;
}

/** `deal_holdings/{kind}:{dealId}:{openid}`: a member's orders of a deal that are not released or refunded. */
export interface DealHoldingRecord {
  _id: string;
  _openid: string;
  held: number;
}

export const stockId = (kind: DealKind, dealId: string) => `${kind}:${dealId}`;
export const holdingId = (kind: DealKind, dealId: string, openid: string) => `${kind}:${dealId}:${openid}`;

/**
 * An order's life (group-buy and flash sale alike):
 *
 *   claiming ──(counters taken)──> awaiting_payment ──(paid, verified by query)──> paid ──(group full)──> completed
 *      │                              │                                              │  (flash: paid is final)  │
 *      └─(a counter refused) void     └─(not paid in time) released                  │                         ├─> picked_up
 *                                                                                     │                         └─> shipped
 *   paid, group failed ──> refunding ──(WeChat Pay accepted)──> refunded
 *   released / failed group, then paid anyway (late payer) ──> refunding ──> refunded
 *
 * `claiming` and `void` are internal (never shown); `void` documents are removed by the compensation.
 */
export const DEAL_ORDER_STATUSES = [
  'claiming',
  'void',
  'awaiting_payment',
  'released',
  'paid',
  'completed',
  'picked_up',
  'shipped',
  'refunding',
  'refunded',
] as const;
export type DealOrderStatus = (typeof DEAL_ORDER_STATUSES)[number];

export interface DealOrderStep {
  status: DealOrderStatus;
  at: Date;
  by: 'member' | 'staff' | 'system';
  note: string;
}

export interface RefundState {
  /** requested: being asked; failed: WeChat Pay refused or did not answer (the timer asks again); accepted: done. */
  status: 'requested' | 'failed' | 'accepted';
  reason: 'group_failed' | 'late_payment';
  /** One refund number per order, ever: asking again can never refund twice. */
  outRefundNo: string;
  fee: number;
  attempts: number;
  lastError: string | null;
  at: Date;
}

/**
 * `deal_orders/{orderNo}`: one member's purchase in a group or a flash sale. The order number is derived
 * from the member and the request id (a retry finds the same order) and is the WeChat Pay out_trade_no.
 */
export interface DealOrderRecord {
  _id: string;
  _openid: string;
  kind: DealKind;
  dealId: string;
  /** Group orders: the group; flash orders: null. */
  groupId: string | null;
  role: 'leader' | 'member' | 'buyer';
  requestId: string;
  memberNo: string;
  nickname: string;
  avatarUrl: string;
  title: string;
  priceFen: number;
  status: DealOrderStatus;
  /** An unpaid order is released at this instant. */
  holdUntil: Date;
  delivery: DeliveryView;
  storeId: string | null;
  trackingNo: string | null;
  paidAt: Date | null;
  completedAt: Date | null;
  refund: RefundState | null;
  /** Points credited through the ledger when the group completed (or the flash order was paid). */
  points: number;
  /**
   * Counters a claiming order took before a crash could stop it (written after each take, so the crash
   * sweep gives back only what was surely taken: a crash between a take and its mark loses a unit, never
   * sells one twice). A finalized order took everything its kind takes.
   */
  took: { slot: boolean; holding: boolean };
  history: DealOrderStep[];
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A group's life: forming (the leader has not paid yet; invisible, not joinable) -> open (joinable until
 * `expiresAt`) -> completed (every slot paid) or failed (the window closed unfilled: every paid member
 * refunded). A leader who never pays leaves it abandoned.
 */
export type GroupStatus = 'forming' | 'open' | 'completed' | 'failed' | 'abandoned';

/** `groups/{groupId}`: slots by conditional counters (`taken` ≤ `size`), paid members counted in transactions. */
export interface GroupRecord {
  _id: string;
  dealId: string;
  title: string;
  leaderOpenid: string;
  leaderOrderNo: string;
  /**
   * Every order that ever took a slot (the leader's first; pushed with the slot, never removed: a released
   * order stays listed and is skipped by its status). The group's members are read by these ids, not by a
   * query over all orders.
   */
  orderNos: string[];
  size: number;
  status: GroupStatus;
  /** Slots held: paid members plus members with an unexpired unpaid hold. */
  taken: number;
  paid: number;
  /** null while forming. */
  expiresAt: Date | null;
  /** From the deal when the group was created: the window after the leader pays, and the sale's end. */
  windowHours: number;
  saleEndsAt: Date | null;
  openedAt: Date | null;
  closedAt: Date | null;
  /** The `size` units reserved at opening went back to stock, in the transaction that failed or abandoned the group. */
  stockReturned: boolean;
  /** The follow-up is done: completed — orders completed, points, leader reward; failed — every paid member's refund started, unpaid holds released. */
  settled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** `group_seats/{groupId}:{openid}`: a member holds at most one slot in a group; names the order holding it. */
export interface GroupSeatRecord {
  _id: string;
  _openid: string;
  groupId: string;
  orderNo: string;
}

export const seatId = (groupId: string, openid: string) => `${groupId}:${openid}`;
