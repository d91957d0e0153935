/**
 * Pure coupon decisions: eligibility to claim, validity days, effective status, discount math, the till code.
 * No I/O, no clock: callers pass `today` (a Beijing business day) and instants.
 */
import { judgeAudience, type AudienceFacts } from '../scoring/audience.rules';
import { addDays } from '../shared/business-time.rules';
import type { CouponKind, CouponStatus, CouponTemplate } from './coupon.schema';
import { formatMoney } from '../shared/money.rules';

export type ClaimBlock = 'COUPON_SOLD_OUT' | 'COUPON_LIMIT_REACHED' | 'COUPON_NOT_ELIGIBLE' | 'COUPON_NOT_CLAIMABLE';
export type ClaimVerdict = { ok: true } | { ok: false; code: ClaimBlock; reason: string };

export type ClaimantFacts = AudienceFacts;

/** The first and last usable day of a coupon issued on `claimDay`. */
export function validityDays(t: Pick<CouponTemplate, 'validity'>, claimDay: string): { validFrom: string; validTo: string } {
  if (t.validity.mode === 'fixed') return { validFrom: t.validity.from, validTo: t.validity.to };
  return { validFrom: claimDay, validTo: addDays(claimDay, t.validity.days - 1) };
}

/** The day to queue the expiry reminder, or null (no reminder, or it would fall before the claim day). */
export function remindOn(remindDaysBefore: number, validTo: string, claimDay: string): string | null {
  if (remindDaysBefore <= 0) return null;
  const day = addDays(validTo, -remindDaysBefore);
  return day < claimDay ? null : day;
}

/** Template-level rules that hold for every channel: active, offered on it, not already over. */
export function judgeIssue(t: CouponTemplate, channel: string, today: string): ClaimVerdict {
  if (!t.active) return { ok: false, code: 'COUPON_NOT_CLAIMABLE', reason: '该券已停止发放' };
  if (!(t.channels as readonly string[]).includes(channel)) return { ok: false, code: 'COUPON_NOT_CLAIMABLE', reason: '该券不能在这里领取' };
  if (t.validity.mode === 'fixed' && t.validity.to < today) return { ok: false, code: 'COUPON_NOT_CLAIMABLE', reason: '该券已过有效期' };
  return { ok: true };
}

/** Who may claim from the claim center, and when. Counts (`remaining`, `held`...) decide last. */
export function judgeClaim(
  t: CouponTemplate,
  member: ClaimantFacts,
  today: string,
  counts: { remaining: number; held: number; heldToday: number },
): ClaimVerdict {
  const issue = judgeIssue(t, 'claim_center', today);
  if (!issue.ok) return issue;
  if (t.claimWindow && today < t.claimWindow.from) return { ok: false, code: 'COUPON_NOT_CLAIMABLE', reason: `${t.claimWindow.from} 开始领取` };
  if (t.claimWindow && today > t.claimWindow.to) return { ok: false, code: 'COUPON_NOT_CLAIMABLE', reason: '领取已结束' };
  const audience = judgeAudience(t.audience, member, today, '领取');
  if (!audience.ok) return { ok: false, code: 'COUPON_NOT_ELIGIBLE', reason: audience.reason };
  const limit = judgeLimits(t, counts.held, counts.heldToday);
  if (!limit.ok) return limit;
  if (counts.remaining <= 0) return { ok: false, code: 'COUPON_SOLD_OUT', reason: '已领完' };
  return { ok: true };
}

export function judgeLimits(t: Pick<CouponTemplate, 'perMember' | 'perMemberPerDay'>, held: number, heldToday: number): ClaimVerdict {
  if (held >= t.perMember) return { ok: false, code: 'COUPON_LIMIT_REACHED', reason: `每人限领 ${t.perMember} 张，你已领过` };
  if (t.perMemberPerDay !== undefined && heldToday >= t.perMemberPerDay) {
    return { ok: false, code: 'COUPON_LIMIT_REACHED', reason: `每天限领 ${t.perMemberPerDay} 张，明天再来` };
  }
  return { ok: true };
}

/** Stored status as the member sees it today: unused past its last day is expired. */
export function effectiveStatus(stored: CouponStatus, validTo: string, today: string): CouponStatus {
  return stored === 'unused' && validTo < today ? 'expired' : stored;
}

export type UseVerdict =
  | { ok: true }
  | { ok: false; code: 'COUPON_USED' | 'COUPON_EXPIRED' | 'COUPON_WRONG_STORE' | 'COUPON_NOT_ELIGIBLE'; reason: string };

/** Can this coupon be used at `storeId` today, on an order of `orderFen` (if known)? */
export function judgeUse(
  c: { status: string; validFrom: string; validTo: string; stores: readonly string[]; kind: CouponKind },
  storeId: string | null,
  today: string,
  orderFen: number | undefined,
): UseVerdict {
  if (c.status === 'used') return { ok: false, code: 'COUPON_USED', reason: '这张券已经用过了' };
  if (c.status !== 'unused' || c.validTo < today) return { ok: false, code: 'COUPON_EXPIRED', reason: '这张券已过期' };
  if (c.validFrom > today) return { ok: false, code: 'COUPON_NOT_ELIGIBLE', reason: `这张券 ${c.validFrom} 起才能使用` };
  if (c.stores.length > 0 && (storeId === null || !c.stores.includes(storeId))) {
    return { ok: false, code: 'COUPON_WRONG_STORE', reason: '这张券不能在本门店使用' };
  }
  if (orderFen !== undefined && c.kind.type !== 'gift' && orderFen < c.kind.thresholdFen) {
    return { ok: false, code: 'COUPON_NOT_ELIGIBLE', reason: `订单满 ${formatMoney(c.kind.thresholdFen)} 才能使用` };
  }
  return { ok: true };
}

/**
 * The discount on an order of `orderFen`: 0 below the threshold, never more than the order; percent-off rounds
 * down to the fen and respects the cap (0 = no cap). A gift takes nothing off the order.
 */
export function discountFen(kind: CouponKind, orderFen: number): number {
  if (!Number.isSafeInteger(orderFen) || orderFen <= 0) return 0;
  switch (kind.type) {
    case 'gift':
      return 0;
    case 'amount_off':
      return orderFen < kind.thresholdFen ? 0 : Math.min(kind.amountOffFen, orderFen);
    case 'percent_off': {
      if (orderFen < kind.thresholdFen) return 0;
      const off = Math.floor((orderFen * kind.percentOff) / 100);
      return Math.min(orderFen, kind.capFen > 0 ? Math.min(off, kind.capFen) : off);
    }
  }
}

/** The till shows it; the app renders its own wording. */
export function describeKind(kind: CouponKind): string {
  switch (kind.type) {
    case 'gift':
      return `兑换：${kind.giftName}`;
    case 'amount_off':
      return kind.thresholdFen > 0 ? `满 ${formatMoney(kind.thresholdFen)} 减 ${formatMoney(kind.amountOffFen)}` : `立减 ${formatMoney(kind.amountOffFen)}`;
    case 'percent_off':
      return `${(100 - kind.percentOff) / 10}折`;
  }
}


// ---- the till code ----

/**
 * Coupon code = `C1.<couponId>.<exp>.<jti>.<sig>`: the member code's scheme (member-code.rules.ts: exp in base-36
 * Unix seconds, a 16-character jti, a 32-character truncated HMAC-SHA256 over everything before the last dot,
 * valid 60 s). The `C1` prefix keeps the two kinds apart: the signature covers it, and neither parser accepts
 * the other's tokens. The coupon id is a hash, so the code carries no openid.
 */
export const COUPON_CODE_VERSION = 'C1';
const COUPON_TOKEN = /^C1\.([A-Za-z0-9_-]{16,40})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{32})$/;

export interface CouponCodeClaims {
  couponId: string;
  jti: string;
  exp: number;
}

export function encodeCouponPayload(c: CouponCodeClaims): string {
  return [COUPON_CODE_VERSION, c.couponId, c.exp.toString(36), c.jti].join('.');
}

export type CouponCodeVerdict = { ok: true; claims: CouponCodeClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Shaped like a coupon's till code (signature unchecked): to tell a clerk which desk a code belongs to. */
export function looksLikeCouponCode(token: string): boolean {
  return COUPON_TOKEN.test(token.trim());
}

/** Signature first (a forged code learns nothing), then expiry. */
export function judgeCouponToken(
  token: string,
  now: Date,
  signatureMatches: (payload: string, signature: string) => boolean,
): CouponCodeVerdict {
  const m = COUPON_TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'invalid' };
  const [, couponId, exp36, jti, signature] = m;
  const exp = parseInt(exp36, 36);
  if (!Number.isSafeInteger(exp) || exp.toString(36) !== exp36) return { ok: false, reason: 'invalid' };
  const payload = token.slice(0, token.length - signature.length - 1);
  if (!signatureMatches(payload, signature)) return { ok: false, reason: 'invalid' };
  if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, claims: { couponId, jti, exp } };
}
