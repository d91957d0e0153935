import { maskName } from '../member/member.rules';
import { memberNoTail } from '../staff/member-at-till.rules';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';

/** What the pickup desk shows of any feature's store order (mall, group-buy, flash sales). */
export interface InspectedOrder<K extends string> {
  _id: string;
  memberNo: string;
  title: string;
  kind: K;
  storeId: string | null;
}

/** What the clerk sees after reading a pickup code, before handing over (the inspect actions' view). */
export interface PickupInspection<K extends string> {
  ticket: string;
  orderNo: string;
  title: string;
  kind: K;
  quantity: number;
  storeName: string | null;
  member: { maskedName: string; memberNoTail: string };
  ready: boolean;
  reason: string | null;
}

/**
 * The inspect step's view of one order: store names (never ids), the member masked, and whether this clerk can
 * hand it over now (`problem`: the feature's reason why not, Chinese).
 */
export function pickupInspection<K extends string>(
  order: InspectedOrder<K>,
  seen: { ticket: string; quantity: number; nickname: string; stores: StoresConfig; problem: string | null },
): PickupInspection<K> {
  return {
    ticket: seen.ticket,
    orderNo: order._id,
    title: order.title,
    kind: order.kind,
    quantity: seen.quantity,
    storeName: order.storeId === null ? null : storeNameOf(seen.stores, order.storeId),
    member: { maskedName: maskName(seen.nickname), memberNoTail: memberNoTail(order.memberNo) },
    ready: seen.problem === null,
    reason: seen.problem,
  };
}
