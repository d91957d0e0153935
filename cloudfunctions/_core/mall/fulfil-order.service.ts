import { isDatabaseError } from '../../_platform/database.port';
import { USED_CODES, type UsedCodeRecord } from '../member/member-code.record';
import { expiryOf, readToken } from '../member/member-code.rules';
import { verifyMemberCode } from '../member/member-code.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { afterCancel, cancelInTx, pickupSecrets } from './mall-orders.service';
import { MALL_ORDERS, type MallOrderRecord, type MallOrderStep } from './mall.record';
import type { CancelOrderInput, PickupInput, PickupView, ShipInput, StaffOrderView } from './mall.schema';

/** Pending store orders one member can have open at once, for matching a pickup code. */
const MAX_OPEN_PICKUPS = 100;

/**
 * A clerk scans the pickup code a member shows for an order (physical pickup or an experience seat's
 * check-in). The code names the member; its signature names the order (see `pickupSecrets`). Consuming the
 * code (`used_codes/<jti>`, shared with member codes), the order's move pending -> picked_up and the audit
 * entry commit together: a replayed code fails on the jti, a second code for a picked-up order on its state.
 */
export async function pickupOrder(ctx: StaffContext, input: PickupInput): Promise<PickupView> {
  const now = ctx.clock.now();
  const token = input.code.trim();
  const read = readToken(token);
  if (!read) throw new AppError('CODE_INVALID', '无法识别的提货码');
  const found = await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo: read.claims.memberNo }).limit(1).get();
  const member = found.data[0];
  if (!member) throw new AppError('CODE_INVALID', '无法识别的提货码');
  const open = await ctx.db
    .collection<MallOrderRecord>(MALL_ORDERS)
    .where({ _openid: member._id, status: 'pending', 'delivery.mode': 'pickup' })
    .limit(MAX_OPEN_PICKUPS)
    .get();
  let match: MallOrderRecord | null = null;
  let expired = false;
  for (const o of open.data) {
    const verdict = verifyMemberCode(pickupSecrets(ctx.secrets, o._id), token, now);
    if (verdict.ok) match = o;
    else if (verdict.reason === 'expired') expired = true;
    if (match || expired) break;
  }
  if (!match && !expired && (await getOrNull(ctx.db.collection(USED_CODES).doc(read.claims.jti)))) {
    throw new AppError('CODE_USED', '这个提货码已经用过了');
  }
  if (expired) throw new AppError('CODE_EXPIRED', '提货码已过期，请让会员刷新后重新出示');
  // Also a picked-up or cancelled order's code: it no longer opens anything.
  if (!match) throw new AppError('CODE_INVALID', '无法识别的提货码，或订单已提货/已取消');
  if (match.storeId !== ctx.staff.storeId) {
    throw new AppError('FORBIDDEN', `这笔订单需到门店 ${match.storeId ?? ''} 提货`);
  }
  const orderNo = match._id;
  const clerk = ctx.caller.openid;
  try {
    return await ctx.db.runTransaction(async (tx) => {
      const used: UsedCodeRecord = {
        _id: read.claims.jti,
        _openid: member._id,
        memberNo: member.memberNo,
        usedBy: clerk,
        storeId: ctx.staff.storeId,
        visitId: `mall:${orderNo}`,
        usedAt: now,
        expiresAt: expiryOf(read.claims),
      };
      await tx.collection(USED_CODES).add({ data: { ...used } });
      const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(orderNo);
      const order = (await ref.get()).data;
      if (order.status !== 'pending') throw new AppError('ORDER_STATE_INVALID', order.status === 'picked_up' ? '这笔订单已经提过货了' : '订单当前不能提货');
      const note = order.kind === 'experience' ? `门店 ${ctx.staff.storeId} 签到核销` : `门店 ${ctx.staff.storeId} 提货`;
      const step: MallOrderStep = { status: 'picked_up', at: now, by: 'staff', actor: clerk, note };
      await ref.update({ data: { status: 'picked_up', updatedAt: now, history: ctx.db.command.push(step) } });
      await appendAudit(tx, ctx.staff, { action: 'mall.pickup', target: order._openid, detail: { orderNo, itemId: order.itemId, quantity: order.quantity, jti: read.claims.jti } }, now);
      return { orderNo, title: order.title, kind: order.kind, quantity: order.quantity, memberNo: order.memberNo, status: 'picked_up' as const };
    });
  } catch (e) {
    // The only document this transaction creates under a predictable id is used_codes/<jti>.
    if (isDatabaseError(e, 'duplicate-key')) throw new AppError('CODE_USED', '这个提货码已经用过了');
    throw e;
  }
}

export async function shipOrder(ctx: StaffContext, input: ShipInput): Promise<StaffOrderView> {
  const now = ctx.clock.now();
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<MallOrderRecord>(MALL_ORDERS).doc(input.orderNo);
    const order = await getOrNull<MallOrderRecord>(ref);
    if (!order) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
    const view = (o: MallOrderRecord): StaffOrderView => ({ orderNo: o._id, status: o.status, trackingNo: o.trackingNo, returnedPoints: 0 });
    if (order.status === 'shipped' && order.trackingNo === input.trackingNo) return view(order);
    if (order.delivery.mode !== 'express') throw new AppError('ORDER_STATE_INVALID', '这笔订单不是快递订单');
    if (order.status !== 'pending') throw new AppError('ORDER_STATE_INVALID', order.status === 'awaiting_payment' ? '订单尚未支付' : '订单当前不能发货');
    const step: MallOrderStep = { status: 'shipped', at: now, by: 'staff', actor: ctx.caller.openid, note: `已发货，快递单号 ${input.trackingNo}` };
    await ref.update({ data: { status: 'shipped', trackingNo: input.trackingNo, updatedAt: now, history: ctx.db.command.push(step) } });
    await appendAudit(tx, ctx.staff, { action: 'mall.ship', target: order._openid, detail: { orderNo: order._id, trackingNo: input.trackingNo } }, now);
    return view({ ...order, status: 'shipped', trackingNo: input.trackingNo });
  });
}

/** Staff cancel (out of stock in the store, a member's request at the counter...): pickup orders only at their own store. */
export async function cancelOrderByStaff(ctx: StaffContext, input: CancelOrderInput): Promise<StaffOrderView> {
  const now = ctx.clock.now();
  const { order } = await ctx.db.runTransaction(async (tx) => {
    const r = await cancelInTx(tx, ctx, input.orderNo, { by: 'staff', actor: ctx.caller.openid, note: `店员取消：${input.reason}` }, now, (o) => {
      if (o.storeId !== null && o.storeId !== ctx.staff.storeId) throw new AppError('FORBIDDEN', '只能取消本门店的自提订单');
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
  return { orderNo: after._id, status: after.status, trackingNo: after.trackingNo, returnedPoints: after.returnedPoints };
}
