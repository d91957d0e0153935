/**
 * Every function's contract. The app imports only from here (types and zod schemas), the handler routes
 * by them, and docs/api.md is generated from them.
 */
import { adminContract } from './admin.contract';
import { communityContract } from './community.contract';
import { couponsContract } from './coupons.contract';
import { groupbuyContract } from './groupbuy.contract';
import { kocContract } from './koc.contract';
import { mallContract } from './mall.contract';
import { memberContract } from './member.contract';
import { pointsContract } from './points.contract';
import { scoringContract } from './scoring.contract';
import { staffContract } from './staff.contract';
import { vipContract } from './vip.contract';
import { distributionContract } from './distribution.contract';
import { birthdayContract } from './birthday.contract';
import { messagesContract } from './messages.contract';

export const contracts = {
  member: memberContract,
  staff: staffContract,
  points: pointsContract,
  admin: adminContract,
  vip: vipContract,
  coupons: couponsContract,
  mall: mallContract,
  distribution: distributionContract,
  birthday: birthdayContract,
  scoring: scoringContract,
  community: communityContract,
  groupbuy: groupbuyContract,
  koc: kocContract,
  messages: messagesContract,
} as const;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type ActionName<F extends FunctionName> = keyof Contracts[F]['actions'] & string;

export { adminContract, memberContract, pointsContract, staffContract };
export type { ActionContract, FunctionContract, InputOf, OutputOf, Access } from './define';
export type { ErrorCode, ErrorBody, Result } from '../shared/errors';
export { ERROR_CODES } from '../shared/errors';
