/** Group-buy (拼团) and flash-sale (限时秒杀) calls and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';
import type { TillCode } from './staff';

export type Deals = CloudOutput<'groupbuy', 'deals'>;
export type Deal = Deals['deals'][number];
export type DealDetail = CloudOutput<'groupbuy', 'deal'>;
export type OpenGroup = DealDetail['openGroups'][number];
export type Group = CloudOutput<'groupbuy', 'group'>;
export type Placed = CloudOutput<'groupbuy', 'open'>;
export type Joined = CloudOutput<'groupbuy', 'join'>;
export type DealOrder = Placed['order'];
export type MyGroupOrder = CloudOutput<'groupbuy', 'myGroups'>['orders'][number];
export type FlashSales = CloudOutput<'groupbuy', 'flashSales'>;
export type FlashSale = FlashSales['sales'][number];
export type Poster = CloudOutput<'groupbuy', 'poster'>;
export type DealDelivery = CloudInput<'groupbuy', 'open'>['delivery'];
export type DealPickedUp = CloudOutput<'groupbuy', 'pickup'>;
export type DealPickupInspected = CloudOutput<'groupbuy', 'inspectPickup'>;

export const groupbuyService = {
  deals: () => callCloud('groupbuy', 'deals'),
  deal: (dealId: string) => callCloud('groupbuy', 'deal', { dealId }),
  /** The same request id is the same order: reuse it when retrying one tap, make a new one per intent. */
  open: (input: CloudInput<'groupbuy', 'open'>) => callCloud('groupbuy', 'open', input),
  join: (input: CloudInput<'groupbuy', 'join'>) => callCloud('groupbuy', 'join', input),
  confirm: (orderNo: string) => callCloud('groupbuy', 'confirm', { orderNo }),
  group: (groupId: string) => callCloud('groupbuy', 'group', { groupId }),
  scene: (scene: string) => callCloud('groupbuy', 'scene', { scene }),
  poster: (groupId: string) => callCloud('groupbuy', 'poster', { groupId }),
  myGroups: () => callCloud('groupbuy', 'myGroups'),
  flashSales: () => callCloud('groupbuy', 'flashSales'),
  flashBuy: (input: CloudInput<'groupbuy', 'flashBuy'>) => callCloud('groupbuy', 'flashBuy', input),
  orderCode: (orderNo: string) => callCloud('groupbuy', 'orderCode', { orderNo }),
  /** Staff: read a group-buy / flash-sale pickup code and see the order before handing over (5-minute ticket). */
  inspectPickup: (code: TillCode) => callCloud('groupbuy', 'inspectPickup', code),
  /** Staff: hands the inspected order over. */
  pickup: (ticket: string) => callCloud('groupbuy', 'pickup', { ticket }),
};

/** Milliseconds -> "02:03:04" (or "1天 02:03:04"), for countdowns. */
export function countdownText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(s / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((s % 86400) / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return days > 0 ? `${days}天 ${hms}` : hms;
}
