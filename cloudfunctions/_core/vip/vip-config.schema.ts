import { z } from 'zod';
import { TierBenefit } from '../tier/tier-config.schema';

/**
 * `app_config/vip_card`: the paid VIP card (付费会员) operators sell. Money in integer fen, length in
 * Beijing days, the points bonus in integer percent (110 = purchase points +10%).
 */
export const VipCardConfig = z
  .object({
    /** Off until the operator has a merchant account and has set price and benefits. */
    enabled: z.boolean(),
    title: z.string().trim().min(1, '请填写会员卡名称').max(20),
    /** Price in fen (19900 = ¥199.00); WeChat Pay takes at least 1 fen. */
    priceFen: z.number().int('价格须为整数（单位：分）').min(1).max(1_000_000),
    /** Days added per purchase (a renewal adds them after the current validity). */
    days: z.number().int().min(1).max(3660),
    benefits: z.array(TierBenefit).max(12),
    /** Purchase points for an active VIP, in percent of the normal award (100 = no bonus). */
    pointsBonusPercent: z.number().int().min(100).max(1000).default(100),
  })
  .superRefine((cfg, ctx) => {
    cfg.benefits.forEach((b, i) => {
      if (cfg.benefits.findIndex((o) => o.code === b.code) !== i) {
        ctx.addIssue({ code: 'custom', path: ['benefits', i, 'code'], message: `权益代码 ${b.code} 重复` });
      }
    });
  });

export type VipCardConfig = z.output<typeof VipCardConfig>;
