import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { looksLikeMemberCode } from '../member/member-code.rules';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import type { ManualCode } from '../member/member-code.schema';
import type { StaffContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { matchPin, underPinLimits } from '../shared/one-time-pin';
import { requireSecret, signatureChecker } from '../shared/signed-token';
import { issueTicket, readTicket } from '../shared/till-ticket';
import { memberNoTail } from '../staff/member-at-till.rules';
import { storeNameOf } from '../stores/stores-config.schema';
import { COUPONS, type CouponRecord } from './coupon.record';
import { discountFen, judgeCouponToken, judgeUse } from './coupon.rules';
import type { InspectInput, InspectView } from './coupon.schema';

/** Unused coupons one member can hold at once, for matching a typed code. */
const MAX_UNUSED = 100;

/**
 * `coupons.inspect`: the clerk reads a coupon's code and sees the coupon (name, value, threshold, validity,
 * the masked member) and whether it can be used here on this order, before confirming. Writes nothing; the
 * ticket it returns lets `redeem` confirm within 5 minutes even after the member's code has refreshed.
 */
export async function inspectCoupon(ctx: StaffContext, input: InspectInput): Promise<InspectView> {
  const now = ctx.clock.now();
  const coupon = input.ticket
    ? await byTicket(ctx, input.ticket, now)
    : input.manual
      ? await byTypedCode(ctx, input.manual, now)
      : await byScannedCode(ctx, input.code ?? '', now);
  const [member, stores] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(coupon._openid)),
    loadConfig(ctx, storesConfig),
  ]);
  const verdict = judgeUse(coupon, ctx.staff.storeId, businessDay(now), input.orderFen);
  const discount = input.orderFen === undefined || coupon.kind.type === 'gift' ? null : discountFen(coupon.kind, input.orderFen);
  return {
    ticket: issueTicket(ctx.secrets, 'coupon', coupon._id, ctx.caller.openid, now),
    title: coupon.title,
    description: coupon.description,
    kind: coupon.kind,
    validFrom: coupon.validFrom,
    validTo: coupon.validTo,
    storeNames: coupon.stores.map((id) => storeNameOf(stores, id)),
    member: { maskedName: maskName(member?.nickname ?? ''), memberNoTail: memberNoTail(member?.memberNo ?? '') },
    usable: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
    orderFen: input.orderFen ?? null,
    discountFen: discount,
  };
}

async function visibleCoupon(ctx: StaffContext, couponId: string): Promise<CouponRecord> {
  const c = await getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(couponId));
  if (!c || c.status === 'claiming' || c.status === 'void') throw new AppError('COUPON_NOT_FOUND', '找不到这张券，请让会员刷新后重新出示');
  return c;
}

/** The coupon of an earlier inspect (checking an order amount): the ticket stays bound to this clerk. */
async function byTicket(ctx: StaffContext, ticket: string, now: Date): Promise<CouponRecord> {
  const t = readTicket(ctx.secrets, 'coupon', ticket, ctx.caller.openid, now);
  if (!t.ok) throw new AppError(t.reason === 'expired' ? 'CODE_EXPIRED' : 'CODE_INVALID', t.reason === 'expired' ? '确认已超过 5 分钟，请重新识别券码' : '确认信息无效，请重新识别券码');
  return visibleCoupon(ctx, t.subject);
}

async function byScannedCode(ctx: StaffContext, code: string, now: Date): Promise<CouponRecord> {
  const secret = requireSecret(ctx.secrets, 'MEMBER_CODE_SECRET', 'coupons');
  const verdict = judgeCouponToken(code.trim(), now, signatureChecker(secret));
  if (!verdict.ok) {
    if (verdict.reason === 'expired') throw new AppError('CODE_EXPIRED', '券码已过期，请让会员刷新后重新出示');
    if (looksLikeMemberCode(code)) throw new AppError('CODE_INVALID', '这是会员码，不是券码：请让会员打开「我的券」，点开要用的券出示券码');
    throw new AppError('CODE_INVALID', '无法识别的券码，请让会员在「我的券」中重新出示');
  }
  return visibleCoupon(ctx, verdict.claims.couponId);
}

/** The member number and the coupon's 6 digits: matched against that member's unused coupons. */
async function byTypedCode(ctx: StaffContext, manual: ManualCode, now: Date): Promise<CouponRecord> {
  const found = await underPinLimits(ctx, manual.memberNo, ctx.caller.openid, async () => {
    const member = (await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo: manual.memberNo }).limit(1).get()).data[0];
    if (!member) return null;
    const unused = await ctx.db.collection<CouponRecord>(COUPONS).where({ _openid: member._id, status: 'unused' }).limit(MAX_UNUSED).get();
    return unused.data.find((c) => matchPin(ctx.secrets, 'coupon', c._id, manual.pin, now) !== null) ?? null;
  });
  if (!found) throw new AppError('CODE_INVALID', '会员号或券的动态码不对，请核对「我的券」里这张券下方的数字');
  return found;
}
