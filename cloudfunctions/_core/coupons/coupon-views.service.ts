import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/operator-config';
import { CODE_TTL_SECONDS } from '../member/member-code.rules';
import { issuePin } from '../shared/one-time-pin';
import { subscribableTemplates, messageTemplatesConfig } from '../messaging/message-templates.config';
import { addSubscriptionInTx } from '../messaging/outbox.service';
import type { MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { storesConfig } from '../config/config-registry';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { storeNameOf, type StoresConfig } from '../stores/stores-config.schema';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import { runOnce } from '../shared/idempotency';
import { requireSecret, signPayload } from '../shared/signed-token';
import { COUPON_HOLDINGS, COUPON_STOCK, COUPONS, type CouponHoldingRecord, type CouponRecord, type CouponStockRecord } from './coupon.record';
import { layersOf } from '../scoring/member-layers';
import { effectiveStatus, encodeCouponPayload, judgeClaim } from './coupon.rules';
import type {
  CenterView,
  CouponCodeInput,
  CouponCodeView,
  CouponStatus,
  CouponView,
  MineInput,
  MineView,
  SubscribeInput,
  SubscribeView,
} from './coupon.schema';
import { loadTemplates } from './coupon-templates.service';

export function toCouponView(c: CouponRecord, today: string, stores: StoresConfig): CouponView {
  return {
    couponId: c._id,
    templateId: c.templateId,
    title: c.title,
    description: c.description,
    kind: c.kind,
    status: effectiveStatus(c.status as CouponStatus, c.validTo, today),
    validFrom: c.validFrom,
    validTo: c.validTo,
    stores: c.stores,
    storeNames: c.stores.map((id) => storeNameOf(stores, id)),
    channel: c.channel,
    claimedAt: c.claimedAt.toISOString(),
    usedAt: c.usedAt ? c.usedAt.toISOString() : null,
  };
}

/** A visitor browsing before registering: nothing can be claimed yet, and the reason says how to change that. */
const VISITOR_REASON = '加入会员后即可领取';

/**
 * `coupons.center`: one query each for templates, their stock and the caller's holdings. Visitors browse too
 * (joined: false): the same list, nothing claimable until they join.
 */
export async function getCenter(ctx: UseCaseContext): Promise<CenterView> {
  const _ = ctx.db.command;
  const openid = ctx.caller.openid;
  const today = businessDay(ctx.clock.now());
  const [templates, messages, stores, member] = await Promise.all([
    loadTemplates(ctx),
    loadConfig(ctx, messageTemplatesConfig),
    loadConfig(ctx, storesConfig),
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)),
  ]);
  const shown = templates.filter(
    (t) =>
      t.active &&
      t.channels.includes('claim_center') &&
      !(t.validity.mode === 'fixed' && t.validity.to < today) &&
      !(t.claimWindow && t.claimWindow.to < today),
  );
  if (shown.length === 0) return { joined: member !== null, items: [], subscribeTemplateIds: subscribableTemplates(messages) };
  const ids = shown.map((t) => t.id);
  const [stock, holdings] = await Promise.all([
    ctx.db.collection<CouponStockRecord>(COUPON_STOCK).where({ _id: _.in(ids) }).limit(1000).get(),
    ctx.db
      .collection<CouponHoldingRecord>(COUPON_HOLDINGS)
      .where({ _id: _.in(ids.map((id) => `${id}:${openid}`)) })
      .limit(1000)
      .get(),
  ]);
  const issued = new Map(stock.data.map((s) => [s._id, s.issued]));
  const urls = await imageUrls(ctx.storage, shown.map((t) => t.image));
  const held = new Map(holdings.data.map((h) => [h.templateId, h]));
  const layers = member && shown.some((t) => t.audience.layers) ? await layersOf(ctx.db, openid) : [];
  const facts = member ? { tierCode: member.tierCode, memberNo: member.memberNo, joinedDay: businessDay(member.createdAt), layers } : null;
  return {
    joined: member !== null,
    items: shown.map((t) => {
      const h = held.get(t.id);
      const counts = {
        remaining: Math.max(0, t.total - (issued.get(t.id) ?? 0)),
        held: h?.held ?? 0,
        heldToday: h && h.day === today ? h.dayCount : 0,
      };
      const v = facts ? judgeClaim(t, facts, today, counts) : ({ ok: false, code: 'COUPON_NOT_ELIGIBLE', reason: VISITOR_REASON } as const);
      return {
        templateId: t.id,
        title: t.title,
        description: t.description,
        image: t.image ? (urls[t.image] ?? null) : null,
        kind: t.kind,
        validity: t.validity,
        stores: t.stores,
        storeNames: t.stores.map((id) => storeNameOf(stores, id)),
        remaining: counts.remaining,
        perMember: t.perMember,
        held: counts.held,
        claimable: v.ok,
        reason: v.ok ? null : v.reason,
        reasonCode: v.ok ? null : v.code,
      };
    }),
    subscribeTemplateIds: subscribableTemplates(messages),
  };
}

/** `coupons.mine`: newest first; an unused coupon past its last day is listed as expired even before the job runs. */
export async function getMine(ctx: MemberContext, input: MineInput): Promise<MineView> {
  const _ = ctx.db.command;
  const openid = ctx.caller.openid;
  const today = businessDay(ctx.clock.now());
  const where: Record<string, unknown> =
    input.status === 'used'
      ? { _openid: openid, status: 'used' }
      : input.status === 'unused'
        ? { _openid: openid, status: 'unused', validTo: _.gte(today) }
        : { _openid: openid, status: _.in(['unused', 'expired']), validTo: _.lt(today) };
  const [{ data }, stores] = await Promise.all([
    ctx.db.collection<CouponRecord>(COUPONS).where(where).orderBy('claimedAt', 'desc').limit(input.limit).get(),
    loadConfig(ctx, storesConfig),
  ]);
  return { coupons: data.map((c) => toCouponView(c, today, stores)) };
}

/** The caller's own coupon, as stored; someone else's is "not found" (no hint that it exists). */
async function ownCoupon(ctx: MemberContext, couponId: string): Promise<CouponRecord> {
  const c = await getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(couponId));
  if (!c || c._openid !== ctx.caller.openid || c.status === 'claiming' || c.status === 'void') {
    throw new AppError('COUPON_NOT_FOUND', '找不到这张券');
  }
  return c;
}

/** `coupons.code`: a till code for an unused coupon; writes nothing. */
export async function issueCouponCode(ctx: MemberContext, input: CouponCodeInput): Promise<CouponCodeView> {
  const now = ctx.clock.now();
  const c = await ownCoupon(ctx, input.couponId);
  const status = effectiveStatus(c.status as CouponStatus, c.validTo, businessDay(now));
  if (status === 'used') throw new AppError('COUPON_USED', '这张券已经用过了');
  if (status === 'expired') throw new AppError('COUPON_EXPIRED', '这张券已过期');
  const secret = requireSecret(ctx.secrets, 'MEMBER_CODE_SECRET', 'coupons');
  const exp = Math.floor(now.getTime() / 1000) + CODE_TTL_SECONDS;
  const payload = encodeCouponPayload({ couponId: c._id, jti: randomBytes(12).toString('base64url'), exp });
  const pin = issuePin(ctx.secrets, 'coupon', c._id, now);
  return {
    token: `${payload}.${signPayload(secret, payload)}`,
    expiresAt: new Date(exp * 1000).toISOString(),
    refreshSeconds: pin.refreshSeconds,
    memberNo: ctx.member.memberNo,
    pin: pin.pin,
  };
}

/** `coupons.subscribe`: only templates the product sends can be recorded. */
export async function subscribe(ctx: MemberContext, input: SubscribeInput): Promise<SubscribeView> {
  const messages = await loadConfig(ctx, messageTemplatesConfig);
  if (!subscribableTemplates(messages).includes(input.template)) {
    throw new AppError('INVALID_INPUT', '不支持的订阅消息模板', 'template');
  }
  return runOnce(ctx, 'coupons.subscribe', input.requestId, async (tx, now) => ({
    template: input.template,
    remaining: await addSubscriptionInTx(tx, ctx.caller.openid, input.template, now),
  }));
}
