import { DEFAULT_EARN_RULES } from '../../cloudfunctions/_core/config/defaults';
import { availableOnFor, evaluateEarn, expiresOnFor, purchaseGrowth } from '../../cloudfunctions/_core/points/earn-engine.rules';
import { EarnRulesConfig } from '../../cloudfunctions/_core/points/earn-rules.schema';

const rules = DEFAULT_EARN_RULES;
const ctx = { rules, tierMultiplierPercent: 120, tierName: '金卡会员', dayOfMonth: 3 };

describe('earn engine', () => {
  it('explains a purchase: base, tier bonus, rounded down to whole points', () => {
    expect(evaluateEarn({ kind: 'purchase', amountFen: 12_899 }, ctx)).toEqual({
      lineItems: [
        { code: 'purchase', title: '消费 ¥128.99', points: 128 },
        { code: 'tier_bonus', title: '金卡会员积分加成', points: 25 },
      ],
      total: 153,
    });
  });

  it('adds the member-day bonus on the base, not compounded with the tier bonus', () => {
    const r = evaluateEarn({ kind: 'purchase', amountFen: 10_000 }, { ...ctx, dayOfMonth: 8 });
    expect(r.lineItems.map((i) => [i.code, i.points])).toEqual([['purchase', 100], ['tier_bonus', 20], ['member_day', 100]]);
    expect(r.total).toBe(220);
  });

  it('rewards check-in streaks by day, repeating the last step', () => {
    const pts = (d: number) => evaluateEarn({ kind: 'checkin', streakDay: d }, { ...ctx, dayOfMonth: 3 }).total;
    expect([1, 2, 3, 7, 8, 100].map(pts)).toEqual([5, 5, 10, 30, 30, 30]);
    expect(evaluateEarn({ kind: 'checkin', streakDay: 1 }, { ...ctx, dayOfMonth: 8 }).lineItems.map((i) => i.code)).toEqual(['checkin', 'member_day']);
  });

  it('caps posting and sharing per day and says so', () => {
    expect(evaluateEarn({ kind: 'post', alreadyToday: 2 }, ctx).total).toBe(5);
    expect(evaluateEarn({ kind: 'post', alreadyToday: 3 }, ctx)).toEqual({ lineItems: [{ code: 'post_capped', title: '发布内容（今日已达上限）', points: 0 }], total: 0 });
    expect(evaluateEarn({ kind: 'share', alreadyToday: 5 }, ctx).total).toBe(0);
  });

  it('adds the birthday-window multiplier as its own line item on the base', () => {
    const r = evaluateEarn({ kind: 'purchase', amountFen: 10_000 }, { ...ctx, birthdayMultiplierPercent: 200 });
    expect(r.lineItems).toContainEqual({ code: 'birthday_bonus', title: '生日礼遇积分加成', points: 100 });
    expect(r.total).toBe(220);
    expect(evaluateEarn({ kind: 'purchase', amountFen: 10_000 }, { ...ctx, birthdayMultiplierPercent: 100 }).lineItems.map((i) => i.code)).not.toContain('birthday_bonus');
  });

  it('refuses fractional money', () => {
    expect(() => evaluateEarn({ kind: 'purchase', amountFen: 10.5 }, ctx)).toThrow(RangeError);
  });

  it('computes growth from yuan paid', () => {
    expect(purchaseGrowth(rules, 12_899)).toBe(128);
  });

  it('applies each expiry policy', () => {
    expect(expiresOnFor({ mode: 'never' }, '2026-11-23')).toBeNull();
    expect(expiresOnFor({ mode: 'endOfNextYear' }, '2026-11-23')).toBe('2027-12-31');
    expect(expiresOnFor({ mode: 'days', days: 30 }, '2026-12-15')).toBe('2027-01-14');
    expect(availableOnFor(rules, '2026-11-28')).toBe('2026-12-05');
    expect(availableOnFor({ ...rules, purchase: { ...rules.purchase, pendingDays: 0 } }, '2026-11-28')).toBeNull();
  });

  it('validates the operator document', () => {
    expect(EarnRulesConfig.safeParse(rules).success).toBe(true);
    expect(EarnRulesConfig.safeParse({ ...rules, memberDay: { ...rules.memberDay, dayOfMonth: 31 } }).success).toBe(false);
    expect(EarnRulesConfig.safeParse({ ...rules, expiry: { mode: 'days' } }).success).toBe(false);
  });
});

describe('paid VIP card', () => {
  it('adds its purchase bonus as its own line', () => {
    const r = evaluateEarn({ kind: 'purchase', amountFen: 10_000 }, { ...ctx, tierMultiplierPercent: 100, vipBonusPercent: 110 });
    expect(r.lineItems).toEqual([
      { code: 'purchase', title: '消费 ¥100.00', points: 100 },
      { code: 'vip_bonus', title: '付费会员积分加成', points: 10 },
    ]);
  });
});
