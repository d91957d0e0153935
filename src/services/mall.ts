/** Points mall calls (积分商城, 我的兑换, the pickup code, staff handover) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';
import { formatMoney, formatPoints } from '../utils/format';

export type MallItems = CloudOutput<'mall', 'items'>;
export type MallItem = MallItems['items'][number];
export type MallItemDetail = CloudOutput<'mall', 'item'>;
export type MallFilter = NonNullable<CloudInput<'mall', 'items'>['filter']>;
export type MallRedeemInput = CloudInput<'mall', 'redeem'>;
export type MallDelivery = NonNullable<MallRedeemInput['delivery']>;
export type MallRedeemed = CloudOutput<'mall', 'redeem'>;
export type MallOrder = CloudOutput<'mall', 'orders'>['orders'][number];
export type MallOrderStatus = MallOrder['status'];
export type MallPickedUp = CloudOutput<'mall', 'pickup'>;
export type PickupInspected = CloudOutput<'mall', 'inspectPickup'>;
export type StoreOrder = CloudOutput<'mall', 'storeOrders'>['orders'][number];
export type TillCode = CloudInput<'mall', 'inspectPickup'>;

export const mallService = {
  items: (filter: MallFilter) => callCloud('mall', 'items', { filter }),
  item: (itemId: string) => callCloud('mall', 'item', { itemId }),
  /** The same request id is the same order: reuse it when retrying one tap, make a new one per redemption. */
  redeem: (input: MallRedeemInput) => callCloud('mall', 'redeem', input),
  confirmPayment: (orderNo: string) => callCloud('mall', 'confirmPayment', { orderNo }),
  orders: () => callCloud('mall', 'orders'),
  cancel: (orderNo: string) => callCloud('mall', 'cancel', { orderNo }),
  /** The pickup QR of a pending store order: signed, valid 60 s, accepted once. */
  orderCode: (orderNo: string) => callCloud('mall', 'orderCode', { orderNo }),
  /** Staff: read a pickup code and see the order before handing over (returns a 5-minute ticket). */
  inspectPickup: (code: TillCode) => callCloud('mall', 'inspectPickup', code),
  /** Staff: hands the inspected order over. */
  pickup: (ticket: string) => callCloud('mall', 'pickup', { ticket }),
  /** Staff: orders waiting for them (express to ship, or this store's pickups). */
  storeOrders: (kind: 'express' | 'pickup') => callCloud('mall', 'storeOrders', { kind }),
  ship: (orderNo: string, trackingNo: string) => callCloud('mall', 'ship', { orderNo, trackingNo }),
  cancelOrder: (orderNo: string, reason: string) => callCloud('mall', 'cancelOrder', { orderNo, reason }),
};

export const ORDER_STATUS_NAMES: Record<MallOrderStatus, string> = {
  awaiting_payment: '待支付',
  pending: '待领取',
  shipped: '已发货',
  picked_up: '已领取',
  cancelled: '已取消',
};

/** An order's status in words, by what it is and how it reaches the member (a coupon is never "picked up"). */
export function orderStatusName(order: Pick<MallOrder, 'status' | 'delivery' | 'kind'>): string {
  if (order.kind === 'coupon') return order.status === 'cancelled' ? '已取消' : order.status === 'awaiting_payment' ? '待支付' : '已存入我的券';
  if (order.status === 'pending') return order.delivery.mode === 'express' ? '待发货' : order.kind === 'experience' ? '待核销' : '待自提';
  if (order.status === 'picked_up') return order.kind === 'experience' ? '已核销' : '已自提';
  return ORDER_STATUS_NAMES[order.status];
}

/**
 * Order numbers are long internal ids: people see an 8-digit tail ("尾号 04815162"), the last 8 hex characters
 * read as a number. Digits only: hex letters would spell English-looking words ("ADD", "BAD") on a Chinese screen.
 */
export function shortOrderNo(orderNo: string): string {
  const tail = orderNo.slice(-8);
  if (!/^[0-9a-fA-F]{8}$/.test(tail)) return tail.toUpperCase();
  return String(parseInt(tail, 16) % 100_000_000).padStart(8, '0');
}

/** "1,200 积分" or "1,200 积分 + ¥12.80" (cash part in integer fen). */
export function priceText(points: number, cashFen: number, quantity = 1): string {
  const p = formatPoints(points * quantity);
  return cashFen <= 0 ? p : `${p} + ${formatMoney(cashFen * quantity)}`;
}
