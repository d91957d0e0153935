/** Points mall calls (积分商城, 我的兑换, the pickup code, staff handover) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';

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
  /** Staff: consumes the pickup code and hands the order over. */
  pickup: (code: string) => callCloud('mall', 'pickup', { code }),
};

export const ORDER_STATUS_NAMES: Record<MallOrderStatus, string> = {
  awaiting_payment: '待支付',
  pending: '待领取',
  shipped: '已发货',
  picked_up: '已自提',
  cancelled: '已取消',
};

/** A pending order's status in words, by how it reaches the member. */
export function orderStatusName(order: Pick<MallOrder, 'status' | 'delivery' | 'kind'>): string {
  if (order.status === 'pending') return order.delivery.mode === 'express' ? '待发货' : order.kind === 'experience' ? '待核销' : '待自提';
  if (order.status === 'picked_up' && order.kind === 'experience') return '已核销';
  return ORDER_STATUS_NAMES[order.status];
}

/** "1,200 积分" or "1,200 积分 + ¥12.80" (cash part in integer fen). */
export function priceText(points: number, cashFen: number, quantity = 1): string {
  const p = String(points * quantity).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (cashFen <= 0) return `${p} 积分`;
  const fen = cashFen * quantity;
  return `${p} 积分 + ¥${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
