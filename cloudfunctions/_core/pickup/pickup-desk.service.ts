import { createHmac } from 'node:crypto';
import type { SecretsPort } from '../../_platform/secrets.port';
import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { looksLikeCouponCode } from '../coupons/coupon.rules';
import { USED_CODES, type UsedCodeRecord } from '../member/member-code.record';
import { expiryOf, readToken } from '../member/member-code.rules';
import type { CodeOrManual, ManualCode, MemberCodeView } from '../member/member-code.schema';
import { issueMemberCode, verifyMemberCode } from '../member/member-code.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { MemberContext, StaffContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { matchPin, underPinLimits } from '../shared/one-time-pin';
import { issueTicket, readTicket } from '../shared/till-ticket';
import type { StoresConfig } from '../stores/stores-config.schema';
import { pickupInspection, type InspectedOrder, type PickupInspection } from './pickup-desk.rules';

/*
 * The staff pickup desk, shared by every feature with store pickups (mall, group-buy, flash sales): the pickup
 * code a member shows, the clerk's reading of it (scanned or typed), the inspect step and the hand-over's target.
 */

/**
 * The pickup code is a member code (same format, signing and checks: member-code.rules) signed with a key
 * derived for this one order: it cannot be used as a member card code or for another order, and a card
 * code cannot pick up anything. The order is found by trying the member's open store orders.
 */
export function pickupSecrets(secrets: SecretsPort, orderNo: string): SecretsPort {
  return {
    get(name) {
      const base = secrets.get(name);
      // Missing or short: let the member-code service refuse it with its own message.
      if (!base || base.length < 32) return base;
      return createHmac('sha256', base).update(`mall-pickup:${orderNo}`).digest('hex');
    },
  };
}

/** The pickup QR of one of the member's ready store orders (the caller checks the order is theirs and ready). */
export function issuePickupCode(ctx: MemberContext, orderNo: string): Promise<MemberCodeView> {
  return issueMemberCode({ ...ctx, secrets: pickupSecrets(ctx.secrets, orderNo) }, 'pickup');
}

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

/** A feature's pickup desk: its source of orders, and what it says of one order at the inspect step. */
export interface PickupDesk<O extends PickupOrder & InspectedOrder<string>> extends PickupSource<O> {
  quantity: (order: O) => number;
  /** Whether this clerk (of `storeId`) can hand the order over; the reason when not (store names, never ids). */
  handOverProblem: (order: O, storeId: string | null, stores: StoresConfig) => string | null;
}

export interface ScannedPickup<O> {
  order: O;
  /** The code's id: consumed (`used_codes/<jti>`) in the same transaction as the hand-over. */
  jti: string;
  expiresAt: Date;
}

/** A pickup code shown twice: its jti is already in `used_codes`. */
export function pickupCodeUsed(source: Pick<PickupSource<PickupOrder>, 'where'>): AppError {
  return new AppError('CODE_USED', `这个提货码已经用过了，订单可能已提货；请让会员刷新${source.where}查看`);
}

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
  if (!match && !expired && (await getOrNull(ctx.db.collection(USED_CODES).doc(read.claims.jti)))) throw pickupCodeUsed(source);
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
export async function orderByCode<O extends PickupOrder>(ctx: StaffContext, source: PickupSource<O>, input: CodeOrManual, now: Date): Promise<O> {
  return input.manual ? orderByTypedCode(ctx, source, input.manual, now) : (await orderByScannedCode(ctx, source, input.code ?? '', now)).order;
}

/**
 * The inspect step (`mall.inspectPickup`, `groupbuy.inspectPickup`): the clerk reads the member's pickup code and
 * sees the item, the quantity, the store and the masked member before handing over. Writes nothing; the ticket
 * lets the hand-over confirm for 5 minutes.
 */
export async function inspectAtPickupDesk<O extends PickupOrder & InspectedOrder<string>>(
  ctx: StaffContext,
  desk: PickupDesk<O>,
  input: CodeOrManual,
): Promise<PickupInspection<O['kind']>> {
  const now = ctx.clock.now();
  const order = await orderByCode(ctx, desk, input, now);
  const [member, stores] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(order._openid)),
    loadConfig(ctx, storesConfig),
  ]);
  return pickupInspection(order, {
    ticket: issueTicket(ctx.secrets, 'pickup', order._id, ctx.caller.openid, now),
    quantity: desk.quantity(order),
    nickname: member?.nickname ?? '',
    stores,
    problem: desk.handOverProblem(order, ctx.staff.storeId, stores),
  });
}

/** What a hand-over confirms: the order of the inspect step's ticket, or of a code scanned without that step. */
export async function handOverTarget<O extends PickupOrder>(
  ctx: StaffContext,
  source: PickupSource<O>,
  input: { ticket?: string; code?: string },
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
