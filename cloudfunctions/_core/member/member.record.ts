import type { BirthdayValue } from './member.schema';

/** `members/{openid}`: one document per WeChat user, so a repeated registration can't create a second. */
export interface MemberRecord {
  _id: string;
  /** Owner field written explicitly (cloud functions don't get `_openid` automatically). */
  _openid: string;
  memberNo: string;
  nickname: string;
  avatarUrl: string;
  birthday: BirthdayValue | null;
  phone: string | null;
  tierCode: string;
  /** Growth earned in the rolling window (never spent); tiers follow it. Refreshed whenever it changes. */
  growth: number;
  /** Growth per Beijing calendar month ('YYYY-MM'), pruned to the window: the source of `growth`. */
  growthByMonth: Record<string, number>;
  lifetimeGrowth: number;
  /** Paid VIP card (付费会员) valid until; null when none. */
  vipUntil: Date | null;
  consent: { policyVersion: string; acceptedAt: Date };
  createdAt: Date;
  updatedAt: Date;
}

export const MEMBERS = 'members';
export const CONSENTS = 'consents';
