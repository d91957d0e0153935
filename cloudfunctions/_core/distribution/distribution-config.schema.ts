import { z } from 'zod';
import { TierBenefit } from '../tier/tier-config.schema';

/** What a commission is earned on: `default` covers any class without its own rate. */
export const ProductClass = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, '商品类别只能用小写字母、数字和下划线');
export type ProductClass = z.output<typeof ProductClass>;

/** Basis points (1 bp = 0.01%): integers only. A direct rate above 50% is refused as a typo. */
const Bp = z.number().int('佣金比例须为整数（万分比）').min(0).max(5000);

/** Direct (level 1: the member's own distributor) and indirect (level 2: that distributor's distributor). */
export const LevelRates = z
  .object({ directBp: Bp, indirectBp: Bp })
  .refine((r) => r.indirectBp <= r.directBp, { message: '二级佣金比例不能高于一级', path: ['indirectBp'] });

/** A distributor grade (推广员等级): reached by the size of the active fan group (粉丝团). */
export const DistributorGrade = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,15}$/, '等级代码只能用小写字母、数字和下划线'),
  name: z.string().trim().min(1).max(10),
  /** Active fans needed for this grade (the first grade needs 0). */
  minActiveFans: z.number().int().min(0),
  /** Rates per product class; `default` is required. */
  rates: z.record(ProductClass, LevelRates).refine((r) => 'default' in r, { message: '须包含 default 类别的佣金比例' }),
});
export type DistributorGrade = z.output<typeof DistributorGrade>;

export const BindingPolicy = z.discriminatedUnion('mode', [
  /** The first distributor whose link a member opens keeps them for good. */
  z.object({ mode: z.literal('permanent') }),
  /** A binding lasts N days; afterwards another link may bind the member. */
  z.object({ mode: z.literal('window'), days: z.number().int().min(1).max(365) }),
  /** Only members who have never paid for an order can be bound (then for good). */
  z.object({ mode: z.literal('untilFirstPurchase') }),
]);
export type BindingPolicy = z.output<typeof BindingPolicy>;

const MemberNo = z.string().regex(/^\d{12}$/, '会员号为 12 位数字');

/**
 * `app_config/distribution`: the distribution programme (分销). Money in integer fen, rates in basis points,
 * days in Beijing business days. At most two levels ever: a rate table has no third level to configure.
 */
export const DistributionConfig = z
  .object({
    enabled: z.boolean(),
    /** Who may become a distributor: any one of the enabled ways is enough. */
    eligibility: z.object({
      /** Members the operator names as KOCs (self-grown key opinion consumers), by member number. */
      koc: z.object({ enabled: z.boolean(), memberNos: z.array(MemberNo).max(2000) }),
      /** Members who completed a task in the last `windowDays`: enough check-in days, or enough store spend. */
      task: z.object({
        enabled: z.boolean(),
        windowDays: z.number().int().min(1).max(365),
        checkinDays: z.number().int().min(1).max(365).nullable(),
        spendFen: z.number().int().min(1).max(100_000_000).nullable(),
      }),
      /** Members who bought the gift pack (`app_config/gift_pack`). */
      giftPack: z.object({ enabled: z.boolean() }),
    }),
    binding: BindingPolicy,
    /** Grades from the first (minActiveFans 0) upwards. */
    grades: z.array(DistributorGrade).min(1).max(6),
    /** A fan is active when they paid for an order in this calendar month or the N-1 before it. */
    activeFanMonths: z.number().int().min(1).max(12),
    /** The after-sale window: commissions stay pending this many days after the order completes. */
    settleAfterDays: z.number().int().min(0).max(90),
    withdrawal: z.object({
      /** WeChat Pay's change transfers start at 0.1 yuan. */
      minFen: z.number().int().min(10).max(100_000_000),
      dailyCapFen: z.number().int().min(10).max(100_000_000),
      dailyCount: z.number().int().min(1).max(20),
      /** Withdrawals above this wait for an operator. */
      approvalAboveFen: z.number().int().min(0).max(100_000_000),
    }),
    antiFraud: z.object({
      /** More new fans than this in one business day flags that day's later bindings (and their commissions). */
      maxBindingsPerDay: z.number().int().min(1).max(100_000),
      /** A fan with this many refunded orders has further commissions on them flagged. */
      refundsToFlag: z.number().int().min(1).max(100),
      /** Commission above this per distributor per calendar month is flagged. */
      monthlyCapFen: z.number().int().min(1).max(1_000_000_000),
      /** Flag orders paid by the distributor who would earn on them. */
      flagSelfPaid: z.boolean(),
    }),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.grades[0] && cfg.grades[0].minActiveFans !== 0) {
      ctx.addIssue({ code: 'custom', path: ['grades', 0, 'minActiveFans'], message: '第一个推广员等级的活跃粉丝门槛必须是 0' });
    }
    cfg.grades.forEach((g, i) => {
      const prev = cfg.grades[i - 1];
      if (prev && g.minActiveFans <= prev.minActiveFans) {
        ctx.addIssue({ code: 'custom', path: ['grades', i, 'minActiveFans'], message: '活跃粉丝门槛必须按从低到高严格递增' });
      }
      if (cfg.grades.findIndex((o) => o.code === g.code) !== i) {
        ctx.addIssue({ code: 'custom', path: ['grades', i, 'code'], message: `等级代码 ${g.code} 重复` });
      }
    });
    const t = cfg.eligibility.task;
    if (t.enabled && t.checkinDays === null && t.spendFen === null) {
      ctx.addIssue({ code: 'custom', path: ['eligibility', 'task'], message: '任务条件至少填写签到天数或消费金额之一' });
    }
    if (cfg.withdrawal.dailyCapFen < cfg.withdrawal.minFen) {
      ctx.addIssue({ code: 'custom', path: ['withdrawal', 'dailyCapFen'], message: '每日提现上限不能低于最低提现金额' });
    }
  });
export type DistributionConfig = z.output<typeof DistributionConfig>;

/**
 * `app_config/gift_pack`: the member gift pack (会员礼包), a paid product sold like the VIP card (same order
 * machinery, `vip_orders` with product `gift_pack`). Buying it makes the member a distributor when the
 * distribution document allows the gift-pack way.
 */
export const GiftPackConfig = z.object({
  enabled: z.boolean(),
  title: z.string().trim().min(1, '请填写礼包名称').max(20),
  priceFen: z.number().int('价格须为整数（单位：分）').min(1).max(1_000_000),
  description: z.string().max(120).default(''),
  benefits: z.array(TierBenefit).max(12),
});
export type GiftPackConfig = z.output<typeof GiftPackConfig>;
