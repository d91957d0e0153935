import { isDatabaseError } from '../../_platform/database.port';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { noteOrderCompletedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { USED_CODES } from '../member/member-code.record';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import { handOverTarget, inspectAtPickupDesk, pickupCodeUsed, type PickupDesk } from '../pickup/pickup-desk.service';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { memberNoTail } from '../staff/member-at-till.rules';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import { afterCancel, cancelInTx, MALL_SOURCE, shownStatus } from './mall-orders.service';
import { MALL_ORDERS, type MallOrderRecord, type MallOrderStep } from './mall.record';
import type {
  CancelOrderInput,
  InspectPickupInput,
  InspectPickupView,
  PickupInput,
  PickupView,
  ShipInput,
  StaffOrderView,
  StoreOrdersInput,
  StoreOrdersView,
} from './mall.schema';

/** Pending store orders one member can have open at once, for matching a pickup code. */
const MAX_OPEN_PICKUPS = 100;

/** The mall's pickup desk: a member's pending store orders (physical pickups and experience seats). */
const MALL_PICKUPS: PickupDesk<MallOrderRecord> = {
  where: '「我的兑换」',
  openOrders: async (ctx, openid) =>
    (await ctx.db.collection<MallOrderRecord>(MALL_ORDERS).where({ _openid: openid, status: 'pending', 'delivery.mode': 'pickup' }).limit(MAX_OPEN_PICKUPS).get()).data,
  quantity: (order) => order.quantity,
  handOverProblem,
};

/** Whether this clerk can hand the order over; the reason when not (store names, never ids). */
function handOverProblem(order: MallOrderRecord, storeId: string | null, stores: StoresConfig): string | null {
  if (order.status === 'picked_up') return order.kind === 'experience' ? '这笔订单已经核销过了' : '这笔订单已经提过货了';
  if (order.status !== 'pending') return '订单当前不能提货';
  if (order.storeId !== storeId) return `这笔订单需到${storeNameOf(stores, order.storeId)}${order.kind === 'experience' ? '核销' : '提货'}`;
  return null;
}

/** `mall.inspectPickup`: the shared inspect step (`inspectAtPickupDesk`) on the mall's orders. */
export function inspectPickup(ctx: StaffContext, input: InspectPickupInput): Promise<InspectPickupView> {
  return inspectAtPickupDesk(ctx, MALL_PICKUPS, input);
}

/**
 * The clerk hands an order over (physical pickup or an experience seat's check-in), by the ticket from
 * `inspectPickup` or a scanned code. The order's move pending -> picked_up and the audit entry commit
 * together (with a scanned code, also the code's consumption, `used_codes/<jti>`, shared with member codes):
 * a replayed code fails on the jti, a second hand-over on the order's state.
 */
export async function pickupOrder(ctx: StaffContext, input: PickupInput): Promise<PickupView> {
  const now = ctx.clock.now();
  const { orderNo, used } = await handOverTarget(ctx, MALL_PICKUPS, input, now);
  const stores = await loadConfig(ctx, storesConfig);
  const clerk = ctx.caller.openid;
  try {
    let cashFen = 0;
    const picked = await ctx.db.runTransaction(async (tx) => {
      const code = used(`mall:${orderNo}`);
      if (code) await tx.collection(USED_CODES).add({ data: { ...code } });
      const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo);
      const order = await getOrNull<MallOrderRecord>(ref);
      if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
      const problem = handOverProblem(order, ctx.staff.storeId, stores);
      if (problem) throw new AppError(order.storeId !== ctx.staff.storeId && order.status === 'pending' ? 'FORBIDDEN' : 'ORDER_STATE_INVALID', problem);
      const here = storeNameOf(stores, ctx.staff.storeId);
      const note = order.kind === 'experience' ? `${here}签到核销` : `${here}提货`;
      const step: MallOrderStep = { status: 'picked_up', at: now, by: 'staff', actor: clerk, note };
      await ref.update({ data: { status: 'picked_up', updatedAt: now, history: ctx.db.command.push(step) } });
      await appendAudit(tx, ctx.staff, { action: 'mall.pickup', target: order._openid, detail: { orderNo, itemId: order.itemId, quantity: order.quantity, jti: code?._id ?? null } }, now);
      // Handed over: the cash part's after-sale window (distribution) starts now.
      await noteOrderCompletedInTx(tx, { source: MALL_SOURCE, orderNo, completedAt: now }, now);
      cashFen = order.cashFen;
      return { orderNo, title: order.title, kind: order.kind, quantity: order.quantity, memberNo: order.memberNo, status: 'picked_up' as const };
    });
    if (cashFen > 0) await processCommissionableOrder(ctx, MALL_SOURCE, orderNo);
    return picked;
  } catch (e) {
    // The only document this transaction creates under a predictable id is used_codes/<jti>.
    if (isDatabaseError(e, 'duplicate-key')) throw pickupCodeUsed(MALL_PICKUPS);
    throw e;
  }
}

/**
 * `mall.storeOrders`: what waits for staff. Express orders to ship (any store ships them), or this store's
 * orders to hand over; newest last (first come, first served). Members are masked.
 */
export async function storeOrders(ctx: StaffContext, input: StoreOrdersInput): Promise<StoreOrdersView> {
  const where = input.kind === 'express' ? { status: 'pending', 'delivery.mode': 'express' } : { status: 'pending', storeId: ctx.staff.storeId };
  const [{ data }, stores] = await Promise.all([
    ctx.db.collection<MallOrderRecord>(MALL_ORDERS).where(where).orderBy('createdAt', 'asc').limit(100).get(),
    loadConfig(ctx, storesConfig),
  ]);
  const owners = [...new Set(data.map((o) => o._openid))];
  const members = owners.length
    ? (await ctx.db.collection<MemberRecord>(MEMBERS).where({ _id: ctx.db.command.in(owners) }).limit(owners.length).get()).data
    : [];
  const names = new Map(members.map((m) => [m._id, m.nickname]));
  return {
    orders: data.map((o) => ({
      orderNo: o._id,
      title: o.title,
      kind: o.kind,
      quantity: o.quantity,
      pointsSpent: o.pointsSpent,
      member: { maskedName: maskName(names.get(o._openid) ?? ''), memberNoTail: memberNoTail(o.memberNo) },
      destination: o.delivery.mode === 'express' ? `${o.delivery.region} · ${maskName(o.delivery.name)}` : storeNameOf(stores, o.storeId),
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

export async function shipOrder(ctx: StaffContext, input: ShipInput): Promise<StaffOrderView> {
  const now = ctx.clock.now();
  const shipped = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(input.orderNo);
    const order = await getOrNull<MallOrderRecord>(ref);
    if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
    const view = (o: MallOrderRecord): StaffOrderView => ({ orderNo: o._id, status: shownStatus(o.status), trackingNo: o.trackingNo, returnedPoints: 0 });
    if (order.status === 'shipped' && order.trackingNo === input.trackingNo) return view(order);
    if (order.delivery.mode !== 'express') throw new AppError('ORDER_STATE_INVALID', '这笔订单不是快递订单');
    if (order.status !== 'pending') throw new AppError('ORDER_STATE_INVALID', order.status === 'awaiting_payment' ? '订单尚未支付' : '订单当前不能发货');
    const step: MallOrderStep = { status: 'shipped', at: now, by: 'staff', actor: ctx.caller.openid, note: `已发货，快递单号 ${input.trackingNo}` };
    await ref.update({ data: { status: 'shipped', trackingNo: input.trackingNo, updatedAt: now, history: ctx.db.command.push(step) } });
    await appendAudit(tx, ctx.staff, { action: 'mall.ship', target: order._openid, detail: { orderNo: order._id, trackingNo: input.trackingNo } }, now);
    await noteOrderCompletedInTx(tx, { source: MALL_SOURCE, orderNo: order._id, completedAt: now }, now);
    return view({ ...order, status: 'shipped', trackingNo: input.trackingNo });
  });
  await processCommissionableOrder(ctx, MALL_SOURCE, input.orderNo);
  return shipped;
}

/** Staff cancel (out of stock in the store, a member's request at the counter...): pickup orders only at their own store. */
export async function cancelOrderByStaff(ctx: StaffContext, input: CancelOrderInput): Promise<StaffOrderView> {
  const now = ctx.clock.now();
  const { order } = await ctx.db.runTransaction(async (tx) => {
    const r = await cancelInTx(tx, ctx, input.orderNo, { by: 'staff', actor: ctx.caller.openid, note: `店员取消：${input.reason}` }, now, (o) => {
      if (o.storeId !== null && o.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '这是其他门店的自提订单，只能由该门店取消');
    });
    if (!r.repeated) {
      await appendAudit(
        tx,
        ctx.staff,
        { action: 'mall.cancel', target: r.order._openid, detail: { orderNo: r.order._id, reason: input.reason, returnedPoints: r.order.returnedPoints } },
        now,
      );
    }
    return r;
  });
  const after = await afterCancel(ctx, order);
  return { orderNo: after._id, status: shownStatus(after.status), trackingNo: after.trackingNo, returnedPoints: after.returnedPoints };
}
