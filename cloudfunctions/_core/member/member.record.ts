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
  /** Earned growth value (never spent); tiers follow it. */
  growth: number;
  consent: { policyVersion: string; acceptedAt: Date };
  createdAt: Date;
  updatedAt: Date;
}

/** `point_accounts/{openid}`: the cached balance; the points ledger (a later issue) is its source of truth. */
export interface PointAccountRecord {
  _id: string;
  _openid: string;
  balance: number;
  updatedAt: Date;
}

export const MEMBERS = 'members';
export const POINT_ACCOUNTS = 'point_accounts';
export const CONSENTS = 'consents';
