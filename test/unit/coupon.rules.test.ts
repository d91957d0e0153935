import {
  describeKind,
  discountFen,
  effectiveStatus,
  encodeCouponPayload,
  judgeClaim,
  judgeCouponToken,
  judgeUse,
  remindOn,
  validityDays,
} from '../../cloudfunctions/_core/coupons/coupon.rules';
import { CouponTemplateConfig, type CouponKind, type CouponTemplate } from '../../cloudfunctions/_core/coupons/coupon.schema';
import { capKey, weekOf } from '../../cloudfunctions/_core/messaging/outbox.rules';

const base = (over: Record<string, unknown> = {}): CouponTemplate => ({
  ...CouponTemplateConfig.parse({
    title: '满100减20',
    kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 },
    validity: { mode: 'afterClaim', days: 7 },
    total: 10,
    channels: ['claim_center'],
    ...over,
  }),
  id: 'T1',
});
const member = { tierCode: 'silver', memberNo: '12345678', joinedDay: '2026-11-01', layers: ['potential'] as const };
const free = { remaining: 5, held: 0, heldToday: 0 };

describe('discountFen', () => {
  const amountOff: CouponKind = { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 };
  const percent: CouponKind = { type: 'percent_off', percentOff: 15, capFen: 3_000, thresholdFen: 5_000 };
  it.each([
    [amountOff, 9_999, 0],
    [amountOff, 10_000, 2_000],
    [amountOff, 50_000, 2_000],
    [{ type: 'amount_off', thresholdFen: 0, amountOffFen: 2_000 } as CouponKind, 1_500, 1_500], // never more than the order
    [percent, 4_999, 0],
    [percent, 5_000, 750],
    [percent, 12_345, 1_851], // 1851.75 rounded down to the fen
    [percent, 100_000, 3_000], // capped
    [{ type: 'percent_off', percentOff: 99, capFen: 0, thresholdFen: 0 } as CouponKind, 101, 99], // no cap
    [{ type: 'gift', giftName: '帆布袋' } as CouponKind, 10_000, 0],
    [amountOff, 0, 0],
    [amountOff, -5, 0],
  ])('%j on %i fen → %i', (kind, order, off) => {
    expect(discountFen(kind, order)).toBe(off);
  });
  it('is an integer between 0 and the order for any order', () => {
    for (let order = 0; order < 30_000; order += 37) {
      const off = discountFen(percent, order);
      expect(Number.isInteger(off) && off >= 0 && off <= order).toBe(true);
    }
  });
  it('describes kinds in Chinese', () => {
    expect(describeKind(amountOff)).toBe('满 ¥100.00 减 ¥20.00');
    expect(describeKind(percent)).toBe('8.5折');
  });
});

describe('template validation', () => {
  it('explains mistakes in Chinese', () => {
    const r = CouponTemplateConfig.safeParse({ title: 'x', kind: { type: 'percent_off', percentOff: 100, capFen: 0, thresholdFen: 0 }, validity: { mode: 'fixed', from: '2026-12-01', to: '2026-11-01' }, total: 1, channels: [] });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['折扣力度为 1-99（%）', '至少选择一个发放渠道']));
  });
  it('applies defaults', () => {
    expect(base()).toMatchObject({ perMember: 1, stores: [], undoMinutes: 30, remindDaysBefore: 3, active: true, audience: {} });
  });
});

describe('validity and reminders', () => {
  it('fixed or from the claim day', () => {
    expect(validityDays(base(), '2026-11-23')).toEqual({ validFrom: '2026-11-23', validTo: '2026-11-29' });
    expect(validityDays(base({ validity: { mode: 'afterClaim', days: 1 } }), '2026-12-31')).toEqual({ validFrom: '2026-12-31', validTo: '2026-12-31' });
    expect(validityDays(base({ validity: { mode: 'fixed', from: '2026-12-01', to: '2026-12-31' } }), '2026-11-23')).toEqual({ validFrom: '2026-12-01', validTo: '2026-12-31' });
  });
  it('reminds N days before the last day, never before the claim day', () => {
    expect(remindOn(3, '2026-11-29', '2026-11-23')).toBe('2026-11-26');
    expect(remindOn(3, '2026-11-24', '2026-11-23')).toBeNull();
    expect(remindOn(0, '2026-11-29', '2026-11-23')).toBeNull();
  });
  it('an unused coupon past its last day is expired', () => {
    expect(effectiveStatus('unused', '2026-11-22', '2026-11-23')).toBe('expired');
    expect(effectiveStatus('unused', '2026-11-23', '2026-11-23')).toBe('unused');
    expect(effectiveStatus('used', '2026-11-01', '2026-11-23')).toBe('used');
  });
});

describe('judgeClaim', () => {
  const today = '2026-11-23';
  it('claimable by default', () => expect(judgeClaim(base(), member, today, free)).toEqual({ ok: true }));
  it.each([
    [{ active: false }, 'COUPON_NOT_CLAIMABLE'],
    [{ channels: ['birthday'] }, 'COUPON_NOT_CLAIMABLE'],
    [{ claimWindow: { from: '2026-11-24', to: '2026-11-30' } }, 'COUPON_NOT_CLAIMABLE'],
    [{ claimWindow: { from: '2026-11-01', to: '2026-11-22' } }, 'COUPON_NOT_CLAIMABLE'],
    [{ validity: { mode: 'fixed', from: '2026-11-01', to: '2026-11-22' } }, 'COUPON_NOT_CLAIMABLE'],
    [{ audience: { tiers: ['gold'] } }, 'COUPON_NOT_ELIGIBLE'],
    [{ audience: { newMembersWithinDays: 22 } }, 'COUPON_NOT_ELIGIBLE'],
    [{ audience: { memberNos: ['87654321'] } }, 'COUPON_NOT_ELIGIBLE'],
    [{ audience: { layers: ['super', 'high_value'] } }, 'COUPON_NOT_ELIGIBLE'],
  ])('%j → %s', (over, code) => {
    const v = judgeClaim(base(over), member, today, free);
    expect(v).toMatchObject({ ok: false, code });
    if (!v.ok) expect(v.reason).toMatch(/[\u4e00-\u9fa5]/);
  });
  it('value layers: any one of the listed layers admits, and the reason names them', () => {
    expect(judgeClaim(base({ audience: { layers: ['super', 'potential'] } }), member, today, free).ok).toBe(true);
    expect(judgeClaim(base({ audience: { layers: ['super', 'high_value'] } }), member, today, free)).toMatchObject({ reason: '仅限超级用户、高净值会员领取' });
  });
  it('new members: today counts as day 1', () => {
    expect(judgeClaim(base({ audience: { newMembersWithinDays: 23 } }), member, today, free).ok).toBe(true);
  });
  it('limits, then stock', () => {
    expect(judgeClaim(base(), member, today, { remaining: 0, held: 1, heldToday: 1 })).toMatchObject({ code: 'COUPON_LIMIT_REACHED' });
    expect(judgeClaim(base({ perMember: 3, perMemberPerDay: 1 }), member, today, { remaining: 5, held: 1, heldToday: 1 })).toMatchObject({ code: 'COUPON_LIMIT_REACHED', reason: '每天限领 1 张，明天再来' });
    expect(judgeClaim(base(), member, today, { remaining: 0, held: 0, heldToday: 0 })).toMatchObject({ code: 'COUPON_SOLD_OUT' });
  });
});

describe('judgeUse', () => {
  const c = { status: 'unused', validFrom: '2026-11-20', validTo: '2026-11-30', stores: ['S001'], kind: base().kind };
  it.each([
    [{}, 'S001', undefined, null],
    [{ status: 'used' }, 'S001', undefined, 'COUPON_USED'],
    [{ status: 'expired' }, 'S001', undefined, 'COUPON_EXPIRED'],
    [{ validTo: '2026-11-22' }, 'S001', undefined, 'COUPON_EXPIRED'],
    [{ validFrom: '2026-11-24' }, 'S001', undefined, 'COUPON_NOT_ELIGIBLE'],
    [{}, 'S002', undefined, 'COUPON_WRONG_STORE'],
    [{}, null, undefined, 'COUPON_WRONG_STORE'],
    [{ stores: [] }, 'S009', undefined, null],
    [{}, 'S001', 9_999, 'COUPON_NOT_ELIGIBLE'],
    [{}, 'S001', 10_000, null],
  ])('%j at %s, order %s → %s', (over, store, order, code) => {
    const v = judgeUse({ ...c, ...over }, store, '2026-11-23', order);
    expect(v.ok ? null : v.code).toBe(code);
  });
});

describe('coupon till code', () => {
  const sig = 'A'.repeat(32);
  const token = `${encodeCouponPayload({ couponId: 'abcdefghijklmnopqrstuvwx', jti: 'J'.repeat(16), exp: 1_800_000_000 })}.${sig}`;
  const yes = () => true;
  it('reads a well-formed token and checks the signature before expiry', () => {
    expect(judgeCouponToken(token, new Date(1_799_999_999_000), yes)).toEqual({ ok: true, claims: { couponId: 'abcdefghijklmnopqrstuvwx', jti: 'J'.repeat(16), exp: 1_800_000_000 } });
    expect(judgeCouponToken(token, new Date(1_800_000_000_000), yes)).toEqual({ ok: false, reason: 'expired' });
    expect(judgeCouponToken(token, new Date(1_900_000_000_000), () => false)).toEqual({ ok: false, reason: 'invalid' });
  });
  it('refuses member codes and non-canonical spellings', () => {
    expect(judgeCouponToken(`1.12345678.${(1_800_000_000).toString(36)}.${'J'.repeat(16)}.${sig}`, new Date(0), yes)).toEqual({ ok: false, reason: 'invalid' });
    expect(judgeCouponToken(token.replace('.t', '.0t'), new Date(0), yes).ok).toBe(false);
  });
});

describe('outbox caps', () => {
  it('weeks start on Monday (Beijing days)', () => {
    expect(weekOf('2026-11-23')).toBe('2026-11-23');
    expect(weekOf('2026-11-29')).toBe('2026-11-23');
    expect(weekOf('2026-11-30')).toBe('2026-11-30');
    expect(capKey('o', 'promotion', { period: 'week', max: 2 }, '2026-11-26')).toBe('o:promotion:w2026-11-23');
    expect(capKey('o', 'service', { period: 'day', max: 3 }, '2026-11-26')).toBe('o:service:d2026-11-26');
  });
});
