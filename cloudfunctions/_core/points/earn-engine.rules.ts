import type { EarnRulesConfig, ExpiryPolicy, LineItem } from './earn-rules.schema';
import { formatMoney } from '../shared/money.rules';

/**
 * One engine for every way of earning: it returns line items, so a member sees why each point came.
 * Bonuses (tier, VIP, birthday window, member day) are each computed on the base amount and added, never compounded, and
 * rounded down: integers only.
 */
export type EarnEvent =
  | { kind: 'purchase'; amountFen: number }
  | { kind: 'checkin'; streakDay: number }
  | { kind: 'post' | 'share'; alreadyToday: number };

export interface EarnContext {
  rules: EarnRulesConfig;
  /** The member's tier multiplier in percent (100 = none). */
  tierMultiplierPercent: number;
  tierName: string;
  /** Day of month (1-31) of the business day of the event. */
  dayOfMonth: number;
  /** Purchase bonus of an active paid VIP card in percent (100 = none). */
  vipBonusPercent?: number;
  /** Purchase multiplier inside the member's birthday window in percent (100 = none; birthday.rules). */
  birthdayMultiplierPercent?: number;
}

export interface Award {
  lineItems: LineItem[];
  total: number;
}

const bonus = (base: number, percent: number) => Math.floor((base * (percent - 100)) / 100);

export function isMemberDay(rules: EarnRulesConfig, dayOfMonth: number, kind: 'purchase' | 'checkin'): boolean {
  const md = rules.memberDay;
  return md.enabled && md.dayOfMonth === dayOfMonth && md.appliesTo.includes(kind);
}

export function streakReward(rewards: readonly number[], streakDay: number): number {
  return rewards[Math.min(streakDay, rewards.length) - 1];
}

export function evaluateEarn(event: EarnEvent, ctx: EarnContext): Award {
  const items: LineItem[] = [];
  const { rules } = ctx;
  if (event.kind === 'purchase') {
    if (!Number.isSafeInteger(event.amountFen) || event.amountFen < 0) throw new RangeError('amountFen must be a non-negative integer');
    const yuan = Math.floor(event.amountFen / 100);
    const base = yuan * rules.purchase.pointsPerYuan;
    items.push({ code: 'purchase', title: `消费 ${formatMoney(event.amountFen)}`, points: base });
    const tier = bonus(base, ctx.tierMultiplierPercent);
    if (tier > 0) items.push({ code: 'tier_bonus', title: `${ctx.tierName}积分加成`, points: tier });
    const vip = bonus(base, ctx.vipBonusPercent ?? 100);
    if (vip > 0) items.push({ code: 'vip_bonus', title: '付费会员积分加成', points: vip });
    const birthday = bonus(base, ctx.birthdayMultiplierPercent ?? 100);
    if (birthday > 0) items.push({ code: 'birthday_bonus', title: '生日礼遇积分加成', points: birthday });
    if (isMemberDay(rules, ctx.dayOfMonth, 'purchase')) {
      const md = bonus(base, rules.memberDay.multiplierPercent);
      if (md > 0) items.push({ code: 'member_day', title: '会员日加倍', points: md });
    }
  } else if (event.kind === 'checkin') {
    if (!Number.isInteger(event.streakDay) || event.streakDay < 1) throw new RangeError('streakDay starts at 1');
    const base = streakReward(rules.checkin.streakRewards, event.streakDay);
    items.push({ code: 'checkin', title: `连续签到第 ${event.streakDay} 天`, points: base });
    if (isMemberDay(rules, ctx.dayOfMonth, 'checkin')) {
      const md = bonus(base, rules.memberDay.multiplierPercent);
      if (md > 0) items.push({ code: 'member_day', title: '会员日加倍', points: md });
    }
  } else {
    const rule = rules[event.kind];
    const title = event.kind === 'post' ? '发布内容' : '分享';
    if (event.alreadyToday < rule.dailyCap) items.push({ code: event.kind, title, points: rule.points });
    else items.push({ code: `${event.kind}_capped`, title: `${title}（今日已达上限）`, points: 0 });
  }
  return { lineItems: items, total: items.reduce((s, i) => s + i.points, 0) };
}

/** Growth from a purchase: what a member earned, never a spendable balance. */
export function purchaseGrowth(rules: EarnRulesConfig, amountFen: number): number {
  return Math.floor(amountFen / 100) * rules.purchase.growthPerYuan;
}

/** The last business day points earned on `earnedOn` ('YYYY-MM-DD') can be used, or null. */
export function expiresOnFor(policy: ExpiryPolicy, earnedOn: string): string | null {
  switch (policy.mode) {
    case 'never':
      return null;
    case 'endOfNextYear':
      return `${Number(earnedOn.slice(0, 4)) + 1}-12-31`;
    case 'days': {
      const d = new Date(`${earnedOn}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + policy.days);
      return d.toISOString().slice(0, 10);
    }
  }
}

/** The day pending purchase points become spendable, or null when there is no after-sale window. */
export function availableOnFor(rules: EarnRulesConfig, earnedOn: string): string | null {
  if (rules.purchase.pendingDays === 0) return null;
  const d = new Date(`${earnedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rules.purchase.pendingDays);
  return d.toISOString().slice(0, 10);
}
