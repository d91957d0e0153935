import { z } from 'zod';

const Percent = z.number().int().min(100).max(1000);

export const ExpiryPolicy = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('never') }),
  /** Usable through the N-th day after the day earned. */
  z.object({ mode: z.literal('days'), days: z.number().int().min(1).max(3650) }),
  /** Usable until Dec 31 of the year after the year earned (a common Chinese retail rule). */
  z.object({ mode: z.literal('endOfNextYear') }),
]);

/** `app_config/earn_rules`: how members earn points. Every number is an integer. */
export const EarnRulesConfig = z.object({
  purchase: z.object({
    pointsPerYuan: z.number().int().min(0).max(100),
    growthPerYuan: z.number().int().min(0).max(100),
    /** After-sale window: purchase points stay pending this many days (0 = at once). */
    pendingDays: z.number().int().min(0).max(90),
  }),
  checkin: z.object({
    /** Reward for day 1, 2, 3... of a streak; after the last, the last repeats. */
    streakRewards: z.array(z.number().int().min(0).max(1000)).min(1).max(31),
  }),
  memberDay: z.object({
    enabled: z.boolean(),
    /** Day of the month in Beijing time (1-28 so every month has it). */
    dayOfMonth: z.number().int().min(1, '会员日为每月 1-28 日').max(28, '会员日最晚为每月 28 日：29、30、31 日在有些月份不存在'),
    multiplierPercent: Percent,
    appliesTo: z.array(z.enum(['purchase', 'checkin'])).min(1),
  }),
  post: z.object({ points: z.number().int().min(0).max(1000), dailyCap: z.number().int().min(0).max(50) }),
  share: z.object({ points: z.number().int().min(0).max(1000), dailyCap: z.number().int().min(0).max(50) }),
  expiry: ExpiryPolicy,
  /** The member center warns about spendable points expiring within this many days (pending points never). */
  expiryNoticeDays: z.number().int().min(1, '提醒天数至少 1 天').max(365, '提醒天数最多 365 天').default(30),
});

export type EarnRulesConfig = z.output<typeof EarnRulesConfig>;
export type ExpiryPolicy = z.output<typeof ExpiryPolicy>;

export const LineItem = z.object({ code: z.string(), title: z.string(), points: z.number().int() });
export type LineItem = z.output<typeof LineItem>;
