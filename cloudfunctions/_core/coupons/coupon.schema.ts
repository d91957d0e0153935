import { z } from 'zod';
import { Audience } from '../scoring/audience.schema';
import { RequestId } from '../shared/idempotency';
import { ImageRef } from '../shared/images';
import { ManualCode, MemberCodeView } from '../member/member-code.schema';

/** 'YYYY-MM-DD', a Beijing business day. */
export const BusinessDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD（北京时间）');

/** A template's code, also its document id in `coupon_templates`. */
export const TemplateId = z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '券模板编号为 2-40 位字母、数字、-或_');

const Fen = z.number().int('金额必须是整数（分）').min(0, '金额不能为负').max(100_000_000, '金额过大');

/** What a coupon gives. All money in integer fen. */
export const CouponKind = z.discriminatedUnion('type', [
  /** 满减: `amountOffFen` off an order of at least `thresholdFen`. */
  z
    .object({
      type: z.literal('amount_off'),
      thresholdFen: Fen,
      amountOffFen: Fen.min(1, '减免金额必须大于 0'),
    })
    .refine((k) => k.thresholdFen === 0 || k.amountOffFen <= k.thresholdFen, {
      message: '减免金额不能大于使用门槛',
      path: ['amountOffFen'],
    }),
  /** 折扣: `percentOff`% off (rounded down to the fen), at most `capFen` (0 = no cap), from `thresholdFen`. */
  z.object({
    type: z.literal('percent_off'),
    percentOff: z.number().int('折扣必须是整数').min(1, '折扣力度为 1-99（%）').max(99, '折扣力度为 1-99（%）'),
    capFen: Fen,
    thresholdFen: Fen,
  }),
  /** 兑换/礼品: a named item handed over at the till. */
  z.object({ type: z.literal('gift'), giftName: z.string().trim().min(1, '请填写礼品名称').max(40) }),
]);
export type CouponKind = z.output<typeof CouponKind>;

export const CouponValidity = z.discriminatedUnion('mode', [
  /** Usable from `from` through `to` (inclusive, Beijing days). */
  z
    .object({ mode: z.literal('fixed'), from: BusinessDay, to: BusinessDay })
    .refine((v) => v.from <= v.to, { message: '有效期结束日不能早于开始日', path: ['to'] }),
  /** Usable from the claim day through the `days`-th day (1 = the claim day only). */
  z.object({ mode: z.literal('afterClaim'), days: z.number().int().min(1, '有效天数至少 1 天').max(3650) }),
]);
export type CouponValidity = z.output<typeof CouponValidity>;

export const COUPON_CHANNELS = ['claim_center', 'points_exchange', 'birthday', 'campaign', 'group_buy'] as const;
export const CouponChannel = z.enum(COUPON_CHANNELS);
export type CouponChannel = z.output<typeof CouponChannel>;

/**
 * `coupon_templates/{templateId}`: one operator document per coupon, validated when read; a broken one is
 * skipped (and explained by `admin.configReport`), never breaks the claim center.
 */
export const CouponTemplateConfig = z
  .object({
    /** Off = hidden and not issued, already issued coupons stay usable. */
    active: z.boolean().default(true),
    title: z.string().trim().min(1, '请填写券名称').max(30, '券名称最多 30 个字'),
    description: z.string().trim().max(200, '说明最多 200 个字').default(''),
    /** A picture for the claim center: a cloud storage fileID or an https URL. */
    image: ImageRef.nullable().default(null),
    kind: CouponKind,
    validity: CouponValidity,
    /** Beijing days (inclusive) during which the claim center offers it; absent = always. */
    claimWindow: z
      .object({ from: BusinessDay, to: BusinessDay })
      .refine((w) => w.from <= w.to, { message: '领取结束日不能早于开始日', path: ['to'] })
      .optional(),
    /** Coupons that can ever be issued (all channels together). */
    total: z.number().int('库存必须是整数').min(1, '库存至少 1 张').max(10_000_000),
    /** Coupons one member can ever get from this template. */
    perMember: z.number().int().min(1, '每人限领至少 1 张').max(100).default(1),
    /** Coupons one member can get per Beijing day; absent = no daily limit. */
    perMemberPerDay: z.number().int().min(1).max(100).optional(),
    audience: Audience.default({}),
    channels: z.array(CouponChannel).min(1, '至少选择一个发放渠道'),
    /** Store ids where it can be used; empty = every store. */
    stores: z.array(z.string().min(1).max(40)).default([]),
    /** A clerk can undo a redemption this many minutes after it. */
    undoMinutes: z.number().int().min(0).max(24 * 60).default(30),
    /** Queue an expiry reminder this many days before the last valid day (0 = none). */
    remindDaysBefore: z.number().int().min(0).max(30).default(3),
  })
  .refine((t) => t.perMemberPerDay === undefined || t.perMemberPerDay <= t.perMember, {
    message: '每日限领不能大于每人限领',
    path: ['perMemberPerDay'],
  });
export type CouponTemplateConfig = z.output<typeof CouponTemplateConfig>;
export type CouponTemplate = CouponTemplateConfig & { id: string };

// ---- member actions ----

export const CouponStatus = z.enum(['unused', 'used', 'expired']);
export type CouponStatus = z.output<typeof CouponStatus>;

/** One template in the claim center, with the caller's standing. */
export const CenterItemView = z.object({
  templateId: z.string(),
  title: z.string(),
  description: z.string(),
  /** The template's picture as a display URL (null when it has none). */
  image: z.string().nullable(),
  kind: CouponKind,
  validity: CouponValidity,
  /** Empty = every store (ids, and the names people see). */
  stores: z.array(z.string()),
  storeNames: z.array(z.string()),
  /** Copies left (all members). */
  remaining: z.number().int(),
  perMember: z.number().int(),
  /** How many the caller already got from this template. */
  held: z.number().int(),
  claimable: z.boolean(),
  /** Why not, in Chinese (null when claimable). */
  reason: z.string().nullable(),
  /** The error code a claim would get now (null when claimable). */
  reasonCode: z.enum(['COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_ELIGIBLE', 'COUPON_NOT_CLAIMABLE']).nullable(),
});
export type CenterItemView = z.output<typeof CenterItemView>;

export const CenterView = z.object({
  /** false for a visitor browsing before registering (nothing claimable until they join). */
  joined: z.boolean(),
  items: z.array(CenterItemView),
  /** Subscribe-message template ids the app may ask for (wx.requestSubscribeMessage), then report via `subscribe`. */
  subscribeTemplateIds: z.array(z.string()),
});
export type CenterView = z.output<typeof CenterView>;

export const ClaimInput = z.object({ templateId: TemplateId, requestId: RequestId });
export type ClaimInput = z.output<typeof ClaimInput>;

export const CouponView = z.object({
  couponId: z.string(),
  templateId: z.string(),
  title: z.string(),
  description: z.string(),
  kind: CouponKind,
  /** As the member sees it today: an unused coupon past its last day shows as expired. */
  status: CouponStatus,
  /** First and last usable Beijing day (inclusive). */
  validFrom: z.string(),
  validTo: z.string(),
  stores: z.array(z.string()),
  storeNames: z.array(z.string()),
  channel: CouponChannel,
  claimedAt: z.string(),
  usedAt: z.string().nullable(),
});
export type CouponView = z.output<typeof CouponView>;

export const ClaimView = z.object({ coupon: CouponView, repeated: z.boolean() });
export type ClaimView = z.output<typeof ClaimView>;

export const MineInput = z.object({
  status: CouponStatus.default('unused'),
  limit: z.number().int().min(1).max(100).default(50),
});
export type MineInput = z.output<typeof MineInput>;

export const MineView = z.object({ coupons: z.array(CouponView) });
export type MineView = z.output<typeof MineView>;

export const CouponId = z.string().regex(/^[A-Za-z0-9_-]{16,40}$/, '券编号无效');

export const CouponCodeInput = z.object({ couponId: CouponId });
export type CouponCodeInput = z.output<typeof CouponCodeInput>;

/** The till QR for one coupon (signed, valid 60 s; carries the coupon id, never the openid) and its typed form. */
export const CouponCodeView = MemberCodeView;
export type CouponCodeView = z.output<typeof CouponCodeView>;

/** WeChat subscribe-message template id, as passed to wx.requestSubscribeMessage. */
export const SubscribeTemplateId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订阅消息模板编号无效');

export const SubscribeInput = z.object({ template: SubscribeTemplateId, requestId: RequestId });
export type SubscribeInput = z.output<typeof SubscribeInput>;

export const SubscribeView = z.object({
  template: z.string(),
  /** One-time subscriptions the member has left for this template (each allows one message). */
  remaining: z.number().int(),
});
export type SubscribeView = z.output<typeof SubscribeView>;

// ---- staff actions ----

/** Made by the till app per redemption (a retry sends the same one). */
export const RedemptionNo = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '核销单号为 8-64 位字母、数字、-或_');

const OrderFen = z.number().int('金额必须是整数（分）').min(0).max(100_000_000, '金额过大');

/**
 * The clerk reads a coupon's code (scanned, or the member number and the coupon's digits) before confirming;
 * with the ticket of an earlier inspect, the same coupon is checked again against an order amount.
 */
export const InspectInput = z
  .object({
    code: z.string().trim().min(1).max(512).optional(),
    manual: ManualCode.optional(),
    ticket: z.string().trim().min(1).max(200).optional(),
    orderFen: OrderFen.optional(),
  })
  .refine((v) => [v.code, v.manual, v.ticket].filter((x) => x !== undefined).length === 1, { message: '请扫码，或输入会员号和动态码', path: ['code'] });
export type InspectInput = z.output<typeof InspectInput>;

export const InspectView = z.object({
  /** Confirms this coupon for this clerk for 5 minutes (`redeem` takes it instead of the code). */
  ticket: z.string(),
  title: z.string(),
  description: z.string(),
  kind: CouponKind,
  validFrom: z.string(),
  validTo: z.string(),
  /** Store names where it can be used; empty = every store. */
  storeNames: z.array(z.string()),
  member: z.object({ maskedName: z.string(), memberNoTail: z.string() }),
  /** Whether it can be redeemed here now (with the amount, if given); if not, why (Chinese). */
  usable: z.boolean(),
  reason: z.string().nullable(),
  orderFen: z.number().int().nullable(),
  /** The discount on `orderFen` (null without an amount, or for a gift). */
  discountFen: z.number().int().nullable(),
});
export type InspectView = z.output<typeof InspectView>;

export const RedeemInput = z
  .object({
    /** From `inspect` (the normal path). */
    ticket: z.string().trim().min(1).max(200).optional(),
    /** A scanned code, redeemed without the inspect step. */
    code: z.string().trim().min(1, '请扫描券码').max(256).optional(),
    redemptionNo: RedemptionNo,
    /** Order amount in fen: when given, the threshold is checked and the discount computed. */
    orderFen: OrderFen.optional(),
  })
  .refine((v) => (v.ticket === undefined) !== (v.code === undefined), { message: '请先识别券码', path: ['code'] });
export type RedeemInput = z.output<typeof RedeemInput>;

export const RedeemView = z.object({
  redemptionNo: z.string(),
  repeated: z.boolean(),
  couponId: z.string(),
  title: z.string(),
  kind: CouponKind,
  /** Discount on `orderFen` (null when no amount was given or for a gift). */
  discountFen: z.number().int().nullable(),
  redeemedAt: z.string(),
  /** The redemption can be undone until then. */
  undoUntil: z.string(),
});
export type RedeemView = z.output<typeof RedeemView>;

export const UndoRedeemInput = z.object({
  redemptionNo: RedemptionNo,
  reason: z.string().trim().min(2, '请填写撤销原因').max(100),
});
export type UndoRedeemInput = z.output<typeof UndoRedeemInput>;

export const UndoRedeemView = z.object({
  redemptionNo: z.string(),
  couponId: z.string(),
  repeated: z.boolean(),
  /** The coupon's status after the undo ('unused', or 'expired' if its last day has passed). */
  status: CouponStatus,
});
export type UndoRedeemView = z.output<typeof UndoRedeemView>;
