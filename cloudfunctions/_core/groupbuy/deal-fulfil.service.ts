import { isDatabaseError } from '../../_platform/database.port';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { noteOrderCompletedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { USED_CODES } from '../member/member-code.record';
import { handOverTarget, inspectAtPickupDesk, issuePickupCode, pickupCodeUsed, type PickupDesk } from '../pickup/pickup-desk.service';
import type { MemberContext, StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import { orders, step } from './deal-orders.service';
import { myDealOrder } from './group-buy.service';
import { DEAL_ORDERS, DEAL_SOURCES, type DealOrderRecord } from './groupbuy.record';
import type {
  DealOrderCodeView,
  DealPickupInput,
  DealPickupView,
  DealShipInput,
  DealStaffOrderView,
  InspectDealPickupInput,
  InspectDealPickupView,
  OrderNoInput,
} from './groupbuy.schema';

/** Open store orders one member can have at once, for matching a pickup code. */
const MAX_OPEN_PICKUPS = 100;

/** What can be handed over: a completed group order, or a paid flash order. */
const ready = (o: Pick<DealOrderRecord, 'kind' | 'status'>) => (o.kind === 'group' ? o.status === 'completed' : o.status === 'paid');

/** A member's ready store orders of group-buy and flash sales, read by the shared pickup-code readers. */
const DEAL_PICKUPS: PickupDesk<DealOrderRecord> = {
  where: '「我的拼团」',
  openOrders: async (ctx, openid) =>
    (
      await orders(ctx.db)
        .where({ _openid: openid, status: ctx.db.command.in(['completed', 'paid']), 'delivery.mode': 'pickup' })
        .limit(MAX_OPEN_PICKUPS)
        .get()
    ).data.filter(ready),
  quantity: () => 1,
  handOverProblem,
};

/** The pickup QR for a ready store order: a member code signed with a key for this one order (as the mall's). */
export async function dealOrderCode(ctx: MemberContext, input: OrderNoInput): Promise<DealOrderCodeView> {
  const order = await myDealOrder(ctx, input.orderNo);
  if (order.delivery.mode !== 'pickup') throw new AppError('ORDER_STATE_INVALID', '这笔订单不需要到店出示');
  if (!ready(order)) throw new AppError('ORDER_STATE_INVALID', order.kind === 'group' && order.status === 'paid' ? '成团后才能提货' : '订单当前不能提货');
  return issuePickupCode(ctx, order._id);
}

/** Whether this clerk can hand the order over; the reason when not (store names, never ids). */
function handOverProblem(order: DealOrderRecord, storeId: string | null, stores: StoresConfig): string | null {
  if (order.status === 'picked_up') return '这笔订单已经提过货了';
  if (order.kind === 'group' && order.status === 'paid') return '这个团还没成团，成团后才能提货';
  if (!ready(order)) return '订单当前不能提货';
  if (order.storeId !== storeId) return `这笔订单需到${storeNameOf(stores, order.storeId)}提货`;
  return null;
}

/** `groupbuy.inspectPickup`: the shared inspect step (`inspectAtPickupDesk`) on group-buy and flash-sale orders. */
export function inspectDealPickup(ctx: StaffContext, input: InspectDealPickupInput): Promise<InspectDealPickupView> {
  return inspectAtPickupDesk(ctx, DEAL_PICKUPS, input);
}

/**
 * The clerk hands a group-buy or flash-sale order over, by the ticket from `inspectDealPickup` or a scanned
 * code. The move to picked_up and the audit entry commit together (with a scanned code, also the code's
 * consumption, `used_codes/<jti>`): a replayed code fails on the jti, a second hand-over on the order's state.
 */
export async function pickupDealOrder(ctx: StaffContext, input: DealPickupInput): Promise<DealPickupView> {
  const now = ctx.clock.now();
  const { orderNo, used } = await handOverTarget(ctx, DEAL_PICKUPS, input, now);
  const stores = await loadConfig(ctx, storesConfig);
  try {
    const picked = await ctx.db.runTransaction(async (tx) => {
      const code = used(`deal:${orderNo}`);
      if (code) await tx.collection(USED_CODES).add({ data: { ...code } });
      const ref = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(orderNo);
      const order = await getOrNull<DealOrderRecord>(ref);
      if (!order || order.status === 'claiming' || order.status === 'void') throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
      const problem = handOverProblem(order, ctx.staff.storeId, stores);
      if (problem) throw new AppError(ready(order) && order.storeId !== ctx.staff.storeId ? 'FORBIDDEN' : 'ORDER_STATE_INVALID', problem);
      const s = step('picked_up', now, 'staff', `${storeNameOf(stores, ctx.staff.storeId)}提货`);
      await ref.update({ data: { status: 'picked_up', updatedAt: now, history: ctx.db.command.push(s) } });
      await appendAudit(tx, ctx.staff, { action: 'deal.pickup', target: order._openid, detail: { orderNo, kind: order.kind, dealId: order.dealId, jti: code?._id ?? null } }, now);
      // Handed over: the after-sale window (distribution) starts now.
      await noteOrderCompletedInTx(tx, { source: DEAL_SOURCES[order.kind], orderNo, completedAt: now }, now);
      return { orderNo, title: order.title, memberNo: order.memberNo, kind: order.kind, status: 'picked_up' as const };
    });
    await processCommissionableOrder(ctx, DEAL_SOURCES[picked.kind], orderNo);
    return picked;
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) throw pickupCodeUsed(DEAL_PICKUPS);
    throw e;
  }
}

/** Staff record the tracking number of a ready express order: -> shipped; audited. */
export async function shipDealOrder(ctx: StaffContext, input: DealShipInput): Promise<DealStaffOrderView> {
  const now = ctx.clock.now();
  const shipped = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DealOrderRecord>(DEAL_ORDERS).doc(input.orderNo);
    const order = await getOrNull<DealOrderRecord>(ref);
    if (!order || order.status === 'claiming' || order.status === 'void') throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
    const view = (o: DealOrderRecord): DealStaffOrderView => ({ orderNo: o._id, status: o.status, trackingNo: o.trackingNo });
    if (order.status === 'shipped' && order.trackingNo === input.trackingNo) return { shown: view(order), kind: order.kind };
    if (order.delivery.mode !== 'express') throw new AppError('ORDER_STATE_INVALID', '这笔订单不是快递订单');
    if (!ready(order)) throw new AppError('ORDER_STATE_INVALID', '订单当前不能发货');
    const s = step('shipped', now, 'staff', `已发货，快递单号 ${input.trackingNo}`);
    await ref.update({ data: { status: 'shipped', trackingNo: input.trackingNo, updatedAt: now, history: ctx.db.command.push(s) } });
    await appendAudit(tx, ctx.staff, { action: 'deal.ship', target: order._openid, detail: { orderNo: order._id, trackingNo: input.trackingNo } }, now);
    await noteOrderCompletedInTx(tx, { source: DEAL_SOURCES[order.kind], orderNo: order._id, completedAt: now }, now);
    return { shown: view({ ...order, status: 'shipped', trackingNo: input.trackingNo }), kind: order.kind };
  });
  await processCommissionableOrder(ctx, DEAL_SOURCES[shipped.kind], input.orderNo);
  return shipped.shown;
}
