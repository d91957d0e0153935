import { z } from 'zod';
import { SaleBound, TierCode } from '../mall/mall-item.schema';
import { DeliveryMode } from '../mall/mall.schema';
import { ImageRef } from '../shared/images';
import { Audience } from '../scoring/audience.schema';

/** A deal's or flash sale's code, also its document id. */
export const DealId = z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '活动编号为 2-40 位字母、数字、-或_');

const Fen = (what: string) =>
  z
    .number()
    .int(`${what}必须是整数（分）`)
    .min(1, `${what}至少 1 分`)
    .max(10_000_000, `${what}过大`);

const Images = z.array(ImageRef).max(9, '图片最多 9 张').default([]);

/** Minutes a member has to pay after taking a slot (or a flash-sale unit) before it is released. */
const PayMinutes = z.number().int('支付时限必须是整数（分钟）').min(1, '支付时限至少 1 分钟').max(30, '支付时限最多 30 分钟').default(5);

/**
 * Who may open, join or buy beyond `tiers`: value layers (the nightly scoring's tags), judged by the one audience
 * rule (`judgeAudience`). Only `layers` here: tiers have their own field, 拉新团 its own switch.
 */
export const DealAudience = Audience.pick({ layers: true }).strict().default({});
export type DealAudience = z.output<typeof DealAudience>;

const Window = z
  .object({ from: SaleBound.nullable().default(null), to: SaleBound.nullable().default(null) })
  .default({ from: null, to: null });

export const LeaderReward = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('points'), points: z.number().int('奖励积分必须是整数').min(1, '奖励积分至少为 1').max(100_000, '奖励积分过大') }),
  z.object({ kind: z.literal('coupon'), couponTemplateId: z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '券模板编号为 2-40 位字母、数字、-或_') }),
]);
export type LeaderReward = z.output<typeof LeaderReward>;

/**
 * `group_deals/{dealId}`: one operator document per group-buy deal (拼团), validated when read; a broken one is
 * skipped and explained by `admin.configReport`.
 *
 * Stock is in units: opening a group reserves `groupSize` units at once (so a group that formed can always
 * complete); a failed or abandoned group gives them back. Operators raise `stock` to restock; what is taken
 * lives in `deal_stock/group:{dealId}` and is never edited by hand.
 */
export const GroupDealConfig = z
  .object({
    active: z.boolean().default(true),
    title: z.string().trim().min(1, '请填写活动名称').max(30, '活动名称最多 30 个字'),
    description: z.string().trim().max(500, '活动说明最多 500 个字').default(''),
    images: Images,
    /** 单买价: what one unit costs alone (shown struck through). */
    singlePriceFen: Fen('单买价'),
    /** 拼团价: what each member of a group pays. */
    groupPriceFen: Fen('拼团价'),
    groupSize: z.number().int('成团人数必须是整数').min(2, '成团人数至少 2 人').max(10, '成团人数最多 10 人'),
    /** How long a group stays open after the leader paid. */
    windowHours: z.number().int('成团时限必须是整数（小时）').min(1, '成团时限至少 1 小时').max(72, '成团时限最多 72 小时').default(24),
    /** Total units ever offered (groups × size). */
    stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(10_000_000, '库存过大'),
    /** Orders of this deal one member may hold at once (refunded ones give it back). */
    perMember: z.number().int('每人限购必须是整数').min(1, '每人限购至少为 1').max(100, '每人限购最多 100').default(1),
    /** Sale window (Beijing); a group never stays open past its end. */
    sale: Window,
    delivery: z.array(DeliveryMode).min(1, '至少选择一种配送方式').default(['pickup']),
    payMinutes: PayMinutes,
    /** What the leader gets when the group completes. */
    leaderReward: LeaderReward.nullable().default(null),
    /** 拉新团: only members who registered within `newMemberDays` may join (anyone may lead). */
    newMembersOnly: z.boolean().default(false),
    newMemberDays: z.number().int().min(1, '新会员天数至少为 1').max(90, '新会员天数最多 90').default(7),
    /** Tier codes that may open or join; empty = every member. */
    tiers: z.array(TierCode).max(10).default([]),
    /** Value layers that may open or join (any one admits); none = every member. */
    audience: DealAudience,
    sort: z.number().int().default(0),
  })
  .superRefine((d, ctx) => {
    if (d.groupPriceFen >= d.singlePriceFen) ctx.addIssue({ code: 'custom', path: ['groupPriceFen'], message: '拼团价必须低于单买价' });
    if (d.sale.from && d.sale.to && d.sale.to < d.sale.from) ctx.addIssue({ code: 'custom', path: ['sale', 'to'], message: '结束时间不能早于开始时间' });
  });
export type GroupDealConfig = z.output<typeof GroupDealConfig>;
export type GroupDeal = GroupDealConfig & { dealId: string };

/** 'YYYY-MM-DD HH:mm', Beijing: a flash sale opens at an exact minute. */
const StartMinute = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/, '开始时间格式应为 YYYY-MM-DD HH:mm（北京时间）');

/**
 * `flash_sales/{saleId}`: one operator document per flash sale (限时秒杀). It opens exactly at `startAt` by the
 * server clock (Beijing); before that the page counts down and buying is refused. Stock is in units,
 * taken by conditional counters (`deal_stock/flash:{saleId}`), never read-modify-write.
 */
export const FlashSaleConfig = z
  .object({
    active: z.boolean().default(true),
    title: z.string().trim().min(1, '请填写商品名称').max(30, '商品名称最多 30 个字'),
    description: z.string().trim().max(500, '商品说明最多 500 个字').default(''),
    images: Images,
    /** 原价, shown struck through. */
    originalPriceFen: Fen('原价'),
    /** 秒杀价. */
    priceFen: Fen('秒杀价'),
    stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(10_000_000, '库存过大'),
    startAt: StartMinute,
    /** Last minute (inclusive) it sells; null = until sold out. */
    endAt: StartMinute.nullable().default(null),
    perMember: z.number().int('每人限购必须是整数').min(1, '每人限购至少为 1').max(100, '每人限购最多 100').default(1),
    delivery: z.array(DeliveryMode).min(1, '至少选择一种配送方式').default(['pickup']),
    payMinutes: PayMinutes,
    tiers: z.array(TierCode).max(10).default([]),
    /** Value layers that may buy (any one admits); none = every member. */
    audience: DealAudience,
    sort: z.number().int().default(0),
  })
  .superRefine((s, ctx) => {
    if (s.priceFen >= s.originalPriceFen) ctx.addIssue({ code: 'custom', path: ['priceFen'], message: '秒杀价必须低于原价' });
    if (s.endAt && s.endAt < s.startAt) ctx.addIssue({ code: 'custom', path: ['endAt'], message: '结束时间不能早于开始时间' });
  });
export type FlashSaleConfig = z.output<typeof FlashSaleConfig>;
export type FlashSale = FlashSaleConfig & { saleId: string };
