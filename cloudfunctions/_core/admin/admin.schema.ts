import { z } from 'zod';
import { ConfigChangeView } from './operator-documents.schema';

export const ConfigCheckView = z.discriminatedUnion('status', [
  z.object({ id: z.string(), title: z.string(), status: z.literal('ok') }),
  z.object({ id: z.string(), title: z.string(), status: z.literal('missing') }),
  z.object({ id: z.string(), title: z.string(), status: z.literal('invalid'), problems: z.array(z.string()) }),
  /** Valid by itself, but it names other documents that do not hold (a missing coupon template, store or tier). */
  z.object({ id: z.string(), title: z.string(), status: z.literal('warning'), problems: z.array(z.string()) }),
]);

export const ConfigReportView = z.object({
  configs: z.array(ConfigCheckView),
  /** The latest changes of operator documents, newest first: saved through the product or found from the console. */
  recentChanges: z.array(ConfigChangeView),
});
export type ConfigReportView = z.output<typeof ConfigReportView>;

export const MemberLookupInput = z.object({ memberNo: z.string().regex(/^\d{6,20}$/, '会员号为 6-20 位数字') });
export type MemberLookupInput = z.output<typeof MemberLookupInput>;

/** What an operator sees of one member: masked, as staff see them (no phone, no birthday, no openid). */
export const MemberLookupView = z.object({
  maskedName: z.string(),
  memberNoTail: z.string(),
  tierName: z.string(),
  balance: z.number().int(),
  joinedAt: z.string(),
});
export type MemberLookupView = z.output<typeof MemberLookupView>;
