import { z } from 'zod';

const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '券模板编号无效');

/** What one tier gets in the birthday window. */
export const BirthdayTierBenefit = z.object({
  tierCode: z.string().regex(/^[a-z][a-z0-9_]{1,15}$/, '等级代码只能用小写字母、数字和下划线'),
  /** Coupon templates issued through `issueCoupon` with channel 'birthday' (the template must allow it). */
  couponTemplateIds: z.array(TemplateId).max(3),
  /** Points credited once through the ledger. */
  bonusPoints: z.number().int().min(0).max(100_000),
  /** Purchase points in the window, in percent of the base (100 = no bonus; 200 = double). */
  pointsMultiplierPercent: z.number().int().min(100).max(1000),
});
export type BirthdayTierBenefit = z.output<typeof BirthdayTierBenefit>;

/**
 * `app_config/birthday`: birthday benefits (生日礼遇). The window is the birthday itself, its week (Monday to
 * Sunday, Beijing) or its month; 29 February counts on 28 February in other years. Each member gets the
 * benefit once a year. The subscribe-message template is `message_templates.birthdayGreeting` (with the other
 * templates, so the app can ask for it); the greeting's wording is here.
 */
export const BirthdayConfig = z
  .object({
    enabled: z.boolean(),
    window: z.enum(['day', 'week', 'month']),
    greeting: z.object({
      title: z.string().trim().min(1).max(20),
      text: z.string().trim().min(1).max(60),
    }),
    /** Tiers without an entry get the greeting only. */
    tiers: z.array(BirthdayTierBenefit).max(10),
  })
  .superRefine((cfg, ctx) => {
    cfg.tiers.forEach((t, i) => {
      if (cfg.tiers.findIndex((o) => o.tierCode === t.tierCode) !== i) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'tierCode'], message: `等级 ${t.tierCode} 重复` });
      }
    });
  });
export type BirthdayConfig = z.output<typeof BirthdayConfig>;
