import { isDatabaseError } from '../../_platform/database.port';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { looksLikeCouponCode } from '../coupons/coupon.rules';
import { USED_CODES, type UsedCodeRecord } from '../member/member-code.record';
import { expiryOf, readToken } from '../member/member-code.rules';
import type { ManualCode } from '../member/member-code.schema';
import { verifyMemberCode } from '../member/member-code.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { noteOrderCompletedInTx, processCommissionableOrder } from '../distribution/commissionable-order.service';
import { matchPin, underPinLimits } from '../shared/one-time-pin';
import { issueTicket, readTicket } from '../shared/till-ticket';
import { memberNoTail } from '../staff/member-at-till.rules';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import { afterCancel, cancelInTx, MALL_SOURCE, pickupSecrets, shownStatus } from './mall-orders.service';
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

async function memberByNo(ctx: StaffContext, memberNo: string): Promise<MemberRecord | null> {
  return (await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo }).limit(1).get()).data[0] ?? null;
}

/** An order a member picks up in a store: what the shared code readers below need of it. */
export interface PickupOrder {
  _id: string;
  _openid: string;
  memberNo: string;
}

/**
 * Where pickup orders of one feature come from: the member's open store orders, and the page where the member
 * finds the order's code (named in the clerk's messages). Every feature with store pickups (mall, group-buy,
 * flash sales) reads codes the same way through these.
 */
export interface PickupSource<O extends PickupOrder> {
  openOrders: (ctx: StaffContext, memberOpenid: string) => Promise<O[]>;
  /** e.g. 「我的兑换」 */
  where: string;
}

export interface ScannedPickup<O> {
  order: O;
  /** The code's id: consumed (`used_codes/<jti>`) in the same transaction as the hand-over. */
  jti: string;
  expiresAt: Date;
}

const MALL_PICKUPS: PickupSource<MallOrderRecord> = {
  where: '「我的兑换」',
  openOrders: async (ctx, openid) =>
    (await ctx.db.collection<MallOrderRecord>(MALL_ORDERS).where({ _openid: openid, status: 'pending', 'delivery.mode': 'pickup' }).limit(MAX_OPEN_PICKUPS).get()).data,
};

/**
 * The order a scanned pickup code names. The code names the member; its signature names the order (see
 * `pickupSecrets`); a replayed code is refused by its jti.
 */
export async function orderByScannedCode<O extends PickupOrder>(ctx: StaffContext, source: PickupSource<O>, code: string, now: Date): Promise<ScannedPickup<O>> {
  const token = code.trim();
  const read = readToken(token);
  if (!read) {
    if (looksLikeCouponCode(token)) throw new AppError('CODE_INVALID', '这是优惠券的券码，请在「核销优惠券」中处理');
    throw new AppError('CODE_INVALID', `无法识别的提货码，请让会员在${source.where}中重新出示`);
  }
  const member = await memberByNo(ctx, read.claims.memberNo);
  if (!member) throw new AppError('CODE_INVALID', `无法识别的提货码，请让会员在${source.where}中重新出示`);
  let match: O | null = null;
  let expired = false;
  for (const o of await source.openOrders(ctx, member._id)) {
    const verdict = verifyMemberCode(pickupSecrets(ctx.secrets, o._id), token, now);
    if (verdict.ok) match = o;
    else if (verdict.reason === 'expired') expired = true;
    if (match || expired) break;
  }
  if (!match && !expired && (await getOrNull(ctx.db.collection(USED_CODES).doc(read.claims.jti)))) {
    throw new AppError('CODE_USED', `这个提货码已经用过了，订单可能已提货；请让会员刷新${source.where}查看`);
  }
  if (expired) throw new AppError('CODE_EXPIRED', '提货码已过期，请让会员刷新后重新出示');
  if (!match) {
    // A member's card code shown at the pickup desk verifies with the main secret.
    if (verifyMemberCode(ctx.secrets, token, now).ok) throw new AppError('CODE_INVALID', `这是会员码，不是提货码：请让会员打开${source.where}，点开订单出示提货码`);
    throw new AppError('CODE_INVALID', '无法识别的提货码，或订单已提货/已取消');
  }
  return { order: match, jti: read.claims.jti, expiresAt: expiryOf(read.claims) };
}

/** The member number and the order's 6 digits, matched against that member's open pickup orders. */
export async function orderByTypedCode<O extends PickupOrder>(ctx: StaffContext, source: PickupSource<O>, manual: ManualCode, now: Date): Promise<O> {
  const found = await underPinLimits(ctx, manual.memberNo, ctx.caller.openid, async () => {
    const member = await memberByNo(ctx, manual.memberNo);
    if (!member) return null;
    const orders = await source.openOrders(ctx, member._id);
    return orders.find((o) => matchPin(pickupSecrets(ctx.secrets, o._id), 'pickup', member.memberNo, manual.pin, now) !== null) ?? null;
  });
  if (!found) throw new AppError('CODE_INVALID', `会员号或提货动态码不对，请核对${source.where}里订单下方的数字`);
  return found;
}

/** The order a clerk reads for the inspect step: by a scanned code or by the typed member number and digits. */
export async function orderByCode<O extends PickupOrder>(ctx: StaffContext, source: PickupSource<O>, input: InspectPickupInput, now: Date): Promise<O> {
  return input.manual ? orderByTypedCode(ctx, source, input.manual, now) : (await orderByScannedCode(ctx, source, input.code ?? '', now)).order;
}

/** What a hand-over confirms: the order of the inspect step's ticket, or of a code scanned without that step. */
export async function handOverTarget<O extends PickupOrder>(
  ctx: StaffContext,
  source: PickupSource<O>,
  input: PickupInput,
  now: Date,
): Promise<{ orderNo: string; used: (visitId: string) => UsedCodeRecord | null }> {
  if (input.ticket) {
    const t = readTicket(ctx.secrets, 'pickup', input.ticket, ctx.caller.openid, now);
    if (!t.ok) throw new AppError(t.reason === 'expired' ? 'CODE_EXPIRED' : 'CODE_INVALID', t.reason === 'expired' ? '确认已超过 5 分钟，请重新识别提货码' : '确认信息无效，请重新识别提货码');
    return { orderNo: t.subject, used: () => null };
  }
  const read = await orderByScannedCode(ctx, source, input.code ?? '', now);
  return {
    orderNo: read.order._id,
    used: (visitId) => ({
      _id: read.jti,
      _openid: read.order._openid,
      memberNo: read.order.memberNo,
      usedBy: ctx.caller.openid,
      storeId: ctx.staff.storeId,
      visitId,
      usedAt: now,
      expiresAt: read.expiresAt,
    }),
  };
}

/** Whether this clerk can hand the order over; the reason when not (store names, never ids). */
function handOverProblem(order: MallOrderRecord, storeId: string | null, stores: StoresConfig): string | null {
  if (order.status === 'picked_up') return order.kind === 'experience' ? '这笔订单已经核销过了' : '这笔订单已经提过货了';
  if (order.status !== 'pending') return '订单当前不能提货';
  if (order.storeId !== storeId) return `这笔订单需到${storeNameOf(stores, order.storeId)}${order.kind === 'experience' ? '核销' : '提货'}`;
  return null;
}

/**
 * `mall.inspectPickup`: the clerk reads the member's pickup code and sees the item, the quantity, the store
 * and the masked member before handing over. Writes nothing; the ticket lets `pickup` confirm for 5 minutes.
 */
export async function inspectPickup(ctx: StaffContext, input: InspectPickupInput): Promise<InspectPickupView> {
  const now = ctx.clock.now();
  const order = await orderByCode(ctx, MALL_PICKUPS, input, now);
  const [member, stores] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(order._openid)),
    loadConfig(ctx, storesConfig),
  ]);
  const problem = handOverProblem(order, ctx.staff.storeId, stores);
  return {
    ticket: issueTicket(ctx.secrets, 'pickup', order._id, ctx.caller.openid, now),
    orderNo: order._id,
    title: order.title,
    kind: order.kind,
    quantity: order.quantity,
    storeName: order.storeId === null ? null : storeNameOf(stores, order.storeId),
    member: { maskedName: maskName(member?.nickname ?? ''), memberNoTail: memberNoTail(order.memberNo) },
    ready: problem === null,
    reason: problem,
  };
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
    if (isDatabaseError(e, 'duplicate-key')) throw new AppError('CODE_USED', '这个提货码已经用过了，订单可能已提货；请让会员刷新「我的兑换」查看');
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
