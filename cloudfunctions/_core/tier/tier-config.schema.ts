import { z } from 'zod';

/** A benefit shown on the member center; `code` lets later features (birthday gift, exclusive items) find it. */
export const TierBenefit = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, '权益代码只能用小写字母、数字和下划线'),
  title: z.string().min(1).max(20),
  description: z.string().max(80).default(''),
});

export const TierDefinition = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,15}$/, '等级代码只能用小写字母、数字和下划线'),
  name: z.string().min(1).max(10),
  /** Growth value (earned, never spendable) needed to reach this tier. */
  threshold: z.number().int().min(0),
  /** Points multiplier in percent (100 = 1x): integers only, like all money and points. */
  pointsMultiplierPercent: z.number().int().min(100).max(1000),
  /** Card face colour. */
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色须为 #RRGGBB'),
  benefits: z.array(TierBenefit).max(12),
});

export const TierConfig = z
  .object({
    tiers: z.array(TierDefinition).min(1).max(10),
    /** Growth counts over this many calendar months (Beijing time), this month included. */
    windowMonths: z.number().int().min(1).max(36).default(12),
    /** Review hysteresis: a member keeps a tier while rolling growth is at least this percent of its threshold. */
    keepPercent: z.number().int().min(50).max(100).default(90),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.tiers[0] && cfg.tiers[0].threshold !== 0) {
      ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'threshold'], message: '第一个等级的成长值门槛必须是 0' });
    }
    cfg.tiers.forEach((t, i) => {
      const prev = cfg.tiers[i - 1];
      if (prev && t.threshold <= prev.threshold) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'threshold'], message: '等级门槛必须按从低到高严格递增' });
      }
      if (cfg.tiers.findIndex((o) => o.code === t.code) !== i) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'code'], message: `等级代码 ${t.code} 重复` });
      }
    });
  });

export type TierDefinition = z.output<typeof TierDefinition>;
export type TierConfig = z.output<typeof TierConfig>;
