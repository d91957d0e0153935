import { z } from 'zod';
import { BenefitView } from '../member/member.schema';
import { RequestId } from '../shared/idempotency';

/** WeChat's out_trade_no: 6-32 letters, digits, `_` or `-` (ours are `VIP` + 29 hex digits). */
export const OutTradeNo = z.string().regex(/^[A-Za-z0-9_-]{6,32}$/, '订单号无效');

export const VipOfferView = z.object({
  enabled: z.boolean(),
  title: z.string(),
  priceFen: z.number().int(),
  days: z.number().int(),
  benefits: z.array(BenefitView),
  /** The caller holds a valid card now. */
  active: z.boolean(),
  /** Last Beijing day ('YYYY-MM-DD', inclusive) of the caller's card, past or future; null if never bought. */
  until: z.string().nullable(),
});
export type VipOfferView = z.output<typeof VipOfferView>;

export const BuyVipInput = z.object({ requestId: RequestId });
export type BuyVipInput = z.output<typeof BuyVipInput>;

/** What wx.requestPayment takes (the local sandbox ignores the signature). */
export const PaymentParamsView = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.string(),
  paySign: z.string(),
});

export const BuyVipView = z.object({
  outTradeNo: z.string(),
  /** null when this order is already paid (a retry after paying): go straight to `confirm`. */
  payment: PaymentParamsView.nullable(),
});
export type BuyVipView = z.output<typeof BuyVipView>;

export const ConfirmVipInput = z.object({ outTradeNo: OutTradeNo });
export type ConfirmVipInput = z.output<typeof ConfirmVipInput>;

export const ConfirmVipView = z.object({
  /** Last Beijing day ('YYYY-MM-DD', inclusive) the card is valid after this purchase. */
  until: z.string(),
});
export type ConfirmVipView = z.output<typeof ConfirmVipView>;

export const ConfirmGiftPackView = z.object({
  /** When WeChat Pay reported the pack paid; the caller is a distributor from then on. */
  paidAt: z.string(),
  distributor: z.literal(true),
});
export type ConfirmGiftPackView = z.output<typeof ConfirmGiftPackView>;
