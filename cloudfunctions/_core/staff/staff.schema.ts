import { z } from 'zod';
import { Birthday } from '../member/member.schema';
import { RequestId } from '../shared/idempotency';

export const MemberNo = z.string().regex(/^\d{12}$/, '会员号应为 12 位数字');

export const CorrectBirthdayInput = z.object({
  requestId: RequestId,
  memberNo: MemberNo,
  birthday: Birthday,
  reason: z.string().trim().min(2, '请填写修改原因').max(100),
});

export const CorrectBirthdayOutput = z.object({
  memberNo: z.string(),
  maskedName: z.string(),
  birthday: z.object({ month: z.number().int(), day: z.number().int() }),
});

export type CorrectBirthdayInput = z.output<typeof CorrectBirthdayInput>;
export type CorrectBirthdayOutput = z.output<typeof CorrectBirthdayOutput>;

export const StaffIdentityView = z.object({
  role: z.enum(['clerk', 'manager', 'operator']),
  storeId: z.string().nullable(),
  name: z.string(),
});
export type StaffIdentityView = z.output<typeof StaffIdentityView>;
