import { z } from 'zod';
import { MemberLayer } from './scoring-config.schema';

/**
 * Who an operator document is for: the one audience shape of coupon templates, check-in campaigns and anything
 * else that chooses members. Every condition given must hold; none given = every member.
 */
export const Audience = z.object({
  tiers: z.array(z.string().min(1)).min(1, '等级列表不能为空（不限等级请删除此项）').optional(),
  /** Only members who joined within this many days (today counts as day 1). */
  newMembersWithinDays: z.number().int().min(1).max(3650).optional(),
  memberNos: z.array(z.string().regex(/^\d{6,20}$/, '会员号为 6-20 位数字')).min(1).max(1000).optional(),
  /** Only members carrying one of these value layers (the nightly scoring's tags). */
  layers: z.array(MemberLayer).min(1, '分层列表不能为空（不限分层请删除此项）').optional(),
});
export type Audience = z.output<typeof Audience>;
