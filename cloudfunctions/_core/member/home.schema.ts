import { z } from 'zod';
import { TierView, VipBadgeView } from './member.schema';

/**
 * `member.home`: who the caller is, for the home page by persona: a visitor (both null), a member (their
 * card in brief and today's check-in), staff (their desk), an operator (the dashboard entry); a staff
 * member may also be a member.
 */
export const HomeView = z.object({
  member: z
    .object({
      nickname: z.string(),
      avatarUrl: z.string(),
      tier: TierView,
      vip: VipBadgeView,
      balance: z.number().int(),
      pending: z.number().int(),
      checkedInToday: z.boolean(),
      streak: z.number().int(),
    })
    .nullable(),
  role: z
    .object({
      role: z.enum(['clerk', 'manager', 'operator']),
      name: z.string(),
      /** The store's name (null for operators). */
      storeName: z.string().nullable(),
    })
    .nullable(),
});
export type HomeView = z.output<typeof HomeView>;
