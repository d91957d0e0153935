import { z } from 'zod';
import { ImageRef } from '../shared/images';
import { DeliveryMode, ItemKind } from './mall.schema';

/** 'YYYY-MM-DD' (the whole Beijing day) or 'YYYY-MM-DD HH:mm' (Beijing time). */
export const SaleBound = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])( ([01]\d|2[0-3]):[0-5]\d)?$/, '时间格式应为 YYYY-MM-DD 或 YYYY-MM-DD HH:mm（北京时间）');

export const TierCode = z.string().regex(/^[a-z][a-z0-9_]{1,15}$/, '等级代码只能用小写字母、数字和下划线');

/**
 * `mall_items/{itemId}`: one operator document per item, validated when read. A broken one is skipped
 * (and explained by `admin.configReport`), never breaks the mall.
 *
 * Stock: `stock` is the total ever offered. Operators raise it to restock (never edit a counter); what was
 * redeemed lives in `mall_stock/{itemId}.sold`, changed only inside redeem and cancel transactions. Left =
 * stock - sold (lowering `stock` below what was sold just makes the item sold out).
 */
export const MallItemConfig = z
  .object({
    /** Off = hidden and not redeemable; existing orders are unaffected. */
    active: z.boolean().default(true),
    title: z.string().trim().min(1, '请填写商品名称').max(30, '商品名称最多 30 个字'),
    description: z.string().trim().max(500, '商品说明最多 500 个字').default(''),
    /** A cloud storage fileID or an https URL (shown as a temporary link). */
    image: ImageRef.nullable().default(null),
    /** physical 实物 (pickup and/or express), coupon 优惠券 (to the coupon wallet), experience 体验/活动名额 (checked in at a store). */
    kind: ItemKind,
    /** physical: how it can be delivered. experience: always pickup (check-in); coupon: ignored. */
    delivery: z.array(DeliveryMode).min(1, '至少选择一种配送方式').default(['pickup']),
    /** coupon: the template issued per unit (`coupon_templates/{id}`). */
    couponTemplateId: z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '券模板编号为 2-40 位字母、数字、-或_').optional(),
    pricePoints: z.number().int('积分价格必须是整数').min(1, '积分价格至少为 1').max(10_000_000, '积分价格过大'),
    /** Cash part in fen, paid with WeChat Pay after redeeming (0 = points only). */
    cashFen: z.number().int('现金部分必须是整数（分）').min(0, '现金部分不能为负').max(10_000_000, '现金部分过大').default(0),
    /** Total ever offered (see above). */
    stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(10_000_000, '库存过大'),
    /** Sale window in Beijing time, inclusive; a day alone means that whole day. Missing = open-ended. */
    sale: z.object({ from: SaleBound.nullable().default(null), to: SaleBound.nullable().default(null) }).default({ from: null, to: null }),
    /** Stores where it is picked up or takes place (an event at one store); empty = every pickup store. */
    stores: z.array(z.string().regex(/^[A-Za-z0-9_-]{2,16}$/, '门店编号为 2-16 位字母、数字、-或_')).max(50).default([]),
    /** Tier codes that may redeem; empty = every member. */
    tiers: z.array(TierCode).max(10).default([]),
    /** Most one member may hold (orders not cancelled); null = no limit. */
    perMember: z.number().int('每人限兑必须是整数').min(1, '每人限兑至少为 1').max(1000).nullable().default(null),
    /** Display order, small first. */
    sort: z.number().int().default(0),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'coupon' && !item.couponTemplateId) {
      ctx.addIssue({ code: 'custom', path: ['couponTemplateId'], message: '优惠券商品必须填写券模板编号' });
    }
    if (item.kind === 'experience' && item.delivery.includes('express')) {
      ctx.addIssue({ code: 'custom', path: ['delivery'], message: '体验名额只能到店核销，不能快递' });
    }
    if (item.kind === 'coupon' && item.cashFen > 0) {
      ctx.addIssue({ code: 'custom', path: ['cashFen'], message: '优惠券商品不能设置现金部分' });
    }
    if (item.sale.from && item.sale.to && item.sale.to < item.sale.from) {
      ctx.addIssue({ code: 'custom', path: ['sale', 'to'], message: '兑换结束时间不能早于开始时间' });
    }
  });
export type MallItemConfig = z.output<typeof MallItemConfig>;
export type MallItem = MallItemConfig & { itemId: string };
