import { isDatabaseError } from '../../_platform/database.port';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { DeliveryInput } from '../mall/mall.schema';
import type { MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { pickupStoresOf } from '../stores/stores-config.schema';
import { loadDeal } from './deal-config.service';
import { dealOrderNo, groupIdOf } from './deal-ids';
import { abandonFormingGroup, settleDealPayment } from './deal-lifecycle.service';
import { finalizeClaim, markTook, orders, placeClaim, prepay, settledOrder, soldOf, step, takeHolding, takeStock, voidClaim, type Taken } from './deal-orders.service';
import { GROUP_PAGE, groupView, memberFacts, offeredGroups, toDealOrderView } from './deal-views.service';
import { deliveryVerdict, groupOfScene, judgeJoin, judgeOpen, missing, saleEndOf, sceneOf, type DealVerdict } from './groupbuy.rules';
import { GROUP_SEATS, GROUPS, seatId, type DealKind, type DealOrderRecord, type GroupRecord, type GroupSeatRecord } from './groupbuy.record';
import type { JoinGroupInput, JoinView, OpenGroupInput, OrderNoInput, PlacedView, PosterView, SceneInput, SceneView, SettledView, GroupInput } from './groupbuy.schema';

/*
 * Group-buy (拼团): the leader opens a group by paying; members take a slot by a conditional update and pay
 * within the deal's minutes; the last payment completes the group (see deal-lifecycle.service.ts for what
 * happens after placing: payment, release, completion, failure, refunds).
 */

function refuse(v: DealVerdict): void {
  if (!v.ok) throw new AppError(v.code, v.reason);
}

/** The chosen delivery is one the deal offers, at a store that takes pickups. */
export async function checkDelivery(ctx: MemberContext, modes: readonly string[], delivery: DeliveryInput): Promise<void> {
  const v = deliveryVerdict(modes, delivery);
  if (!v.ok) throw new AppError('INVALID_INPUT', v.reason, 'delivery');
  if (delivery.mode === 'pickup') {
    const stores = pickupStoresOf(await loadConfig(ctx, storesConfig));
    if (!stores.some((s) => s.id === delivery.storeId)) throw new AppError('INVALID_INPUT', '没有这家自提门店', 'delivery.storeId');
  }
}

export interface NewOrder {
  orderNo: string;
  kind: DealKind;
  dealId: string;
  groupId: string | null;
  role: DealOrderRecord['role'];
  requestId: string;
  title: string;
  priceFen: number;
  payMinutes: number;
  delivery: DeliveryInput;
}

export function newOrderRecord(ctx: MemberContext, p: NewOrder, now: Date): DealOrderRecord {
  return {
    _id: p.orderNo,
    _openid: ctx.member._id,
    kind: p.kind,
    dealId: p.dealId,
    groupId: p.groupId,
    role: p.role,
    requestId: p.requestId,
    memberNo: ctx.member.memberNo,
    nickname: ctx.member.nickname,
    avatarUrl: ctx.member.avatarUrl,
    title: p.title,
    priceFen: p.priceFen,
    status: 'claiming',
    holdUntil: new Date(now.getTime() + p.payMinutes * 60_000),
    delivery: p.delivery,
    storeId: p.delivery.mode === 'pickup' ? p.delivery.storeId : null,
    trackingNo: null,
    paidAt: null,
    completedAt: null,
    refund: null,
    points: 0,
    took: { slot: false, holding: false },
    history: [step('claiming', now, 'member', p.role === 'leader' ? '开团' : p.role === 'member' ? '参团' : '抢购')],
    createdAt: now,
    updatedAt: now,
  };
}

/** What open / join / buy answer: the order, its group (group orders), and the prepay while unpaid. */
export async function placedView(ctx: MemberContext, order: DealOrderRecord): Promise<PlacedView> {
  const payment = order.status === 'awaiting_payment' ? await prepay(ctx, order) : null;
  const group = order.groupId ? await groupView(ctx, order.groupId) : null;
  return { order: toDealOrderView(order), group, payment };
}

/** A retry of a request already placed: its order as it is now (null: not placed, or its claim failed). */
export async function placedBefore(ctx: MemberContext, orderNo: string): Promise<DealOrderRecord | null> {
  const prior = await getOrNull<DealOrderRecord>(orders(ctx.db).doc(orderNo));
  if (!prior) return null;
  if (prior._openid !== ctx.member._id) throw new Error(`order ${orderNo} belongs to another member`);
  return settledOrder(ctx.db, orderNo);
}

/**
 * 开团: reserves a whole group's units and the leader's allowance, creates the group (forming: invisible
 * until the leader's payment is confirmed by query) and the leader's order awaiting payment.
 */
export async function openGroup(ctx: MemberContext, input: OpenGroupInput): Promise<PlacedView> {
  const openid = ctx.member._id;
  const orderNo = dealOrderNo('group', openid, input.requestId);
  const prior = await placedBefore(ctx, orderNo);
  if (prior) return placedView(ctx, prior);

  const deal = await loadDeal(ctx, input.dealId);
  if (!deal) throw new AppError('DEAL_NOT_FOUND', '没有找到这个拼团活动');
  const f = await memberFacts(ctx, [deal]);
  const now = ctx.clock.now();
  refuse(judgeOpen(deal, f, now, await soldOf(ctx.db, 'group', deal.dealId)));
  await checkDelivery(ctx, deal.delivery, input.delivery);

  const groupId = groupIdOf(orderNo);
  const record = newOrderRecord(
    ctx,
    { orderNo, kind: 'group', dealId: deal.dealId, groupId, role: 'leader', requestId: input.requestId, title: deal.title, priceFen: deal.groupPriceFen, payMinutes: deal.payMinutes, delivery: input.delivery },
    now,
  );
  const placed = await placeClaim(ctx.db, record);
  if (placed) return placedView(ctx, placed);

  const taken: Taken = { slot: false, holding: false, units: 0 };
  let groupCreated = false;
  let order: DealOrderRecord;
  try {
    if (!(await takeHolding(ctx.db, 'group', deal.dealId, openid, deal.perMember))) {
      throw new AppError('DEAL_LIMIT_REACHED', `每人限参加 ${deal.perMember} 次`);
    }
    taken.holding = true;
    await markTook(ctx.db, orderNo, 'holding');
    if (!(await takeStock(ctx.db, 'group', deal.dealId, deal.stock, deal.groupSize))) throw new AppError('DEAL_SOLD_OUT', '已抢光');
    taken.units = deal.groupSize;
    const group: Omit<GroupRecord, '_id'> = {
      dealId: deal.dealId,
      title: deal.title,
      leaderOpenid: openid,
      leaderOrderNo: orderNo,
      orderNos: [orderNo],
      size: deal.groupSize,
      status: 'forming',
      taken: 1,
      paid: 0,
      expiresAt: null,
      windowHours: deal.windowHours,
      saleEndsAt: saleEndOf(deal),
      openedAt: null,
      closedAt: null,
      stockReturned: false,
      settled: false,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.db.collection(GROUPS).add({ data: { _id: groupId, ...group } });
    // From here the reserved units belong to the group (an abandoned group gives them back).
    groupCreated = true;
    taken.units = 0;
    const seat: Omit<GroupSeatRecord, '_id'> = { _openid: openid, groupId, orderNo };
    await ctx.db.collection(GROUP_SEATS).add({ data: { _id: seatId(groupId, openid), ...seat } });
    order = await finalizeClaim(ctx.db, record, now);
  } catch (e) {
    await voidClaim(ctx, record, taken);
    if (groupCreated) await abandonFormingGroup(ctx, groupId);
    throw e;
  }
  return placedView(ctx, order);
}

/** Free seats: the order holding it no longer holds a place. */
const SEAT_FREE = new Set(['void', 'released', 'refunding', 'refunded']);

/**
 * A member holds at most one slot in a group: `group_seats/{groupId}:{openid}` names the order holding it.
 * A seat whose order was released or failed can be taken over (compare-and-set on the order number).
 */
async function claimSeat(ctx: MemberContext, groupId: string, orderNo: string): Promise<void> {
  const openid = ctx.member._id;
  const id = seatId(groupId, openid);
  const seats = ctx.db.collection<GroupSeatRecord>(GROUP_SEATS);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await seats.add({ data: { _id: id, _openid: openid, groupId, orderNo } });
      return;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
    const seat = await getOrNull<GroupSeatRecord>(seats.doc(id));
    if (!seat) continue;
    if (seat.orderNo === orderNo) return;
    const holder = await getOrNull<DealOrderRecord>(orders(ctx.db).doc(seat.orderNo));
    if (holder && !SEAT_FREE.has(holder.status)) {
      if (holder.role === 'leader') throw new AppError('GROUP_OWN', '不能参加自己开的团');
      throw new AppError('GROUP_ALREADY_JOINED', '你已经在这个团里了');
    }
    const r = await seats.where({ _id: id, orderNo: seat.orderNo }).update({ data: { orderNo } });
    if (r.stats.updated === 1) return;
  }
  throw new AppError('BUSY', '人有点多，请稍后再试');
}

/**
 * 参团: checks who and when, then the seat (one per member per group), a slot by conditional update
 * (`taken < size` on an open group before its window ends), the member's allowance, and the order awaiting
 * payment. When every slot is taken, the answer offers the nearest open groups of the same deal.
 */
export async function joinGroup(ctx: MemberContext, input: JoinGroupInput): Promise<JoinView> {
  const openid = ctx.member._id;
  const orderNo = dealOrderNo('group', openid, input.requestId);
  const prior = await placedBefore(ctx, orderNo);
  if (prior) return { status: 'joined', ...(await placedView(ctx, prior)) };

  const group = await getOrNull<GroupRecord>(ctx.db.collection<GroupRecord>(GROUPS).doc(input.groupId));
  if (!group || group.status === 'abandoned') throw new AppError('GROUP_NOT_FOUND', '没有找到这个团');
  const deal = await loadDeal(ctx, group.dealId);
  if (!deal) throw new AppError('DEAL_NOT_FOUND', '没有找到这个拼团活动');
  const f = await memberFacts(ctx, [deal]);
  if (input.dealId !== group.dealId) throw new AppError('GROUP_NOT_FOUND', '这个团不属于该活动');
  const now = ctx.clock.now();
  if (group.leaderOpenid === openid) throw new AppError('GROUP_OWN', '不能参加自己开的团');
  refuse(judgeJoin(deal, group, f, now));
  await checkDelivery(ctx, deal.delivery, input.delivery);
  const full = async (): Promise<JoinView> => ({ status: 'full', alternatives: await offeredGroups(ctx, deal.dealId, { groupId: group._id }) });
  if (missing(group) === 0) return full();

  const record = newOrderRecord(
    ctx,
    { orderNo, kind: 'group', dealId: deal.dealId, groupId: group._id, role: 'member', requestId: input.requestId, title: deal.title, priceFen: deal.groupPriceFen, payMinutes: deal.payMinutes, delivery: input.delivery },
    now,
  );
  const placed = await placeClaim(ctx.db, record);
  if (placed) return { status: 'joined', ...(await placedView(ctx, placed)) };

  const taken: Taken = { slot: false, holding: false, units: 0 };
  let order: DealOrderRecord;
  try {
    await claimSeat(ctx, group._id, orderNo);
    const _ = ctx.db.command;
    const slot = await ctx.db
      .collection(GROUPS)
      .where({ _id: group._id, status: 'open', taken: _.lt(group.size), expiresAt: _.gt(now) })
      .update({ data: { taken: _.inc(1), orderNos: _.push(orderNo), updatedAt: now } });
    if (slot.stats.updated !== 1) {
      const g = (await ctx.db.collection<GroupRecord>(GROUPS).doc(group._id).get()).data;
      await voidClaim(ctx, record, taken);
      if (g.status === 'open' && g.expiresAt && now < g.expiresAt) return full();
      throw new AppError('GROUP_CLOSED', g.status === 'completed' ? '这个团已成团' : '这个团已结束');
    }
    taken.slot = true;
    await markTook(ctx.db, orderNo, 'slot');
    if (!(await takeHolding(ctx.db, 'group', deal.dealId, openid, deal.perMember))) {
      throw new AppError('DEAL_LIMIT_REACHED', `每人限参加 ${deal.perMember} 次`);
    }
    taken.holding = true;
    order = await finalizeClaim(ctx.db, record, now);
  } catch (e) {
    await voidClaim(ctx, record, taken);
    throw e;
  }
  return { status: 'joined', ...(await placedView(ctx, order)) };
}

/** The caller's own order; someone else's order number gets the same answer as a made-up one. */
export async function myDealOrder(ctx: MemberContext, orderNo: string): Promise<DealOrderRecord> {
  const order = await getOrNull<DealOrderRecord>(orders(ctx.db).doc(orderNo));
  if (!order || order._openid !== ctx.member._id || order.status === 'claiming' || order.status === 'void') {
    throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
  }
  return order;
}

/** After paying: WeChat Pay is asked (never the app) and the order moves on once. */
export async function confirmDealPayment(ctx: MemberContext, input: OrderNoInput): Promise<SettledView> {
  await myDealOrder(ctx, input.orderNo);
  const s = await settleDealPayment(ctx, input.orderNo);
  if (!s) throw new AppError('ORDER_NOT_FOUND', '没有找到这笔订单');
  if (s.order.status === 'awaiting_payment') throw new AppError('PAYMENT_PENDING', '还没有收到支付结果');
  return { order: toDealOrderView(s.order), group: s.order.groupId ? await groupView(ctx, s.order.groupId) : null };
}

/** A mini-program code's scene -> the group it names. */
export async function resolveScene(ctx: UseCaseContext, input: SceneInput): Promise<SceneView> {
  const groupId = groupOfScene(input.scene);
  const g = groupId ? await getOrNull<GroupRecord>(ctx.db.collection<GroupRecord>(GROUPS).doc(groupId)) : null;
  if (!g || g.status === 'forming' || g.status === 'abandoned') throw new AppError('GROUP_NOT_FOUND', '没有找到这个团');
  return { groupId: g._id };
}

/**
 * The share poster's mini-program code (wxacode.getUnlimited, scene `g=<groupId>`, the group page), stored
 * in cloud storage and handed out as a temporary link.
 */
export async function groupPoster(ctx: MemberContext, input: GroupInput): Promise<PosterView> {
  const view = await groupView(ctx, input.groupId);
  if (view.status !== 'open') throw new AppError('GROUP_CLOSED', view.status === 'completed' ? '这个团已成团' : '这个团已结束');
  const scene = sceneOf(view.groupId);
  const png = await ctx.openapi.getUnlimitedCode({ scene, page: GROUP_PAGE, width: 430 });
  const { fileId } = await ctx.storage.upload({ cloudPath: `groupbuy/posters/${view.groupId}.png`, content: png });
  const urls = await ctx.storage.tempUrls([fileId]);
  const codeUrl = urls[fileId];
  if (!codeUrl) throw new Error(`poster code ${fileId} has no link`);
  return {
    groupId: view.groupId,
    scene,
    page: GROUP_PAGE,
    codeUrl,
    title: view.title,
    image: view.image,
    groupPriceFen: view.groupPriceFen,
    singlePriceFen: view.singlePriceFen,
    missing: Math.max(0, view.size - view.taken),
  };
}
