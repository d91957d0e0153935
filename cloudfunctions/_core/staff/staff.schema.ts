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
  /** The store's name, for people (ids are never shown). */
  storeName: z.string().nullable(),
  name: z.string(),
});
export type StaffIdentityView = z.output<typeof StaffIdentityView>;

/** `staff.shiftSummary`: what the calling staff member did today (Beijing day), from the audit log. */
export const ShiftSummaryView = z.object({
  day: z.string(),
  name: z.string(),
  storeName: z.string().nullable(),
  totals: z.object({
    scans: z.number().int(),
    purchases: z.number().int(),
    purchaseFen: z.number().int(),
    points: z.number().int(),
    refunds: z.number().int(),
    refundFen: z.number().int(),
    coupons: z.number().int(),
    pickups: z.number().int(),
    shipped: z.number().int(),
    cancelled: z.number().int(),
    birthdays: z.number().int(),
  }),
  /** The latest actions, newest first: a Chinese title and a line of detail (no internal ids). */
  recent: z.array(z.object({ at: z.string(), title: z.string(), detail: z.string() })),
});
export type ShiftSummaryView = z.output<typeof ShiftSummaryView>;
