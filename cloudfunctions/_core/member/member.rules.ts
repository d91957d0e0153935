import type { TierDefinition } from '../tier/tier-config.schema';
import { standingOf, tierForGrowth } from '../tier/tier.rules';
import { businessDay } from '../shared/business-time.rules';
import { vipStatus } from '../vip/vip.rules';
import type { MemberCardView, MemberCenterView, RegisterInput } from './member.schema';
import type { PointsSummaryView } from '../points/points.schema';
import type { MemberRecord } from './member.record';

export const MEMBER_NO_DIGITS = 12;

/** A member number from 12 random decimal digits (0-9 each), never starting with 0. */
export function memberNoFromDigits(digits: readonly number[]): string {
  if (digits.length !== MEMBER_NO_DIGITS || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) {
    throw new RangeError('member number needs 12 digits');
  }
  const first = digits[0] === 0 ? 8 : digits[0];
  return [first, ...digits.slice(1)].join('');
}

export function newMemberRecord(args: {
  openid: string;
  memberNo: string;
  input: RegisterInput;
  tiers: readonly TierDefinition[];
  now: Date;
}): MemberRecord {
  const { openid, memberNo, input, tiers, now } = args;
  return {
    _id: openid,
    _openid: openid,
    memberNo,
    nickname: input.nickname,
    avatarUrl: input.avatarUrl,
    birthday: input.birthday ?? null,
    phone: input.phone ?? null,
    tierCode: tierForGrowth(tiers, 0).code,
    growth: 0,
    growthByMonth: {},
    lifetimeGrowth: 0,
    vipUntil: null,
    consent: { policyVersion: input.consent.policyVersion, acceptedAt: now },
    createdAt: now,
    updatedAt: now,
  };
}

export function toMemberCenterView(
  member: MemberRecord,
  points: Pick<PointsSummaryView, 'balance'>,
  tiers: readonly TierDefinition[],
  now: Date,
): MemberCenterView {
  const standing = standingOf(tiers, member.tierCode, member.growth);
  const { current, next } = standing;
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    tier: { code: current.code, name: current.name, color: current.color },
    growth: member.growth,
    nextTier: next ? { name: next.name, threshold: next.threshold } : null,
    growthToNext: standing.growthToNext,
    progressPercent: standing.progressPercent,
    points: { balance: points.balance },
    benefits: current.benefits.map((b) => ({ code: b.code, title: b.title, description: b.description })),
    birthday: member.birthday,
    joinedAt: member.createdAt.toISOString(),
    vip: vipStatus(member, now),
  };
}

export function toMemberCardView(member: MemberRecord, tiers: readonly TierDefinition[], now: Date): MemberCardView {
  const tier = standingOf(tiers, member.tierCode, member.growth).current;
  return {
    memberNo: member.memberNo,
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    tier: { code: tier.code, name: tier.name, color: tier.color },
    since: businessDay(member.createdAt),
    vip: vipStatus(member, now),
  };
}

/** A birthday may be set once by the member; a retry with the same value is not a change. */
export function birthdayChangeAllowed(
  current: MemberRecord['birthday'],
  wanted: { month: number; day: number },
): boolean {
  return current === null || (current.month === wanted.month && current.day === wanted.day);
}

/** For staff screens and logs: keep the first character only ("林**"). */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(Math.min(chars.length - 1, 4));
}
