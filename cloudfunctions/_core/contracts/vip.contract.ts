import { z } from 'zod';
import { defineFunction } from './define';
import { BuyVipInput, BuyVipView, ConfirmGiftPackView, ConfirmVipInput, ConfirmVipView, VipOfferView } from '../vip/vip.schema';

export const vipContract = defineFunction({
  name: 'vip',
  summary:
    'Paid products through one order machinery: the VIP card (付费会员) and the distribution gift pack (推广礼包): buying with WeChat Pay, activating once paid.',
  actions: {
    offer: {
      summary: "The card on sale (title, price in fen, days, benefits) and the caller's card: active, last valid day.",
      access: 'member',
      input: z.object({}),
      output: VipOfferView,
      errors: ['NOT_REGISTERED'],
    },
    buy: {
      summary: 'Creates the order (vip_orders, status created) and the WeChat Pay prepay; returns the wx.requestPayment parameters.',
      access: 'member',
      input: BuyVipInput,
      output: BuyVipView,
      idempotency: 'requestId: the order number is derived from caller + requestId, so a retry returns the same order at its first price',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'VIP_NOT_OFFERED', 'PAYMENT_UNAVAILABLE', 'PAYMENT_REFUSED'],
    },
    confirm: {
      summary:
        'Asks WeChat Pay whether the order is paid; if so activates it once (card extended from max(today, current end) by its days). The query-based path: a payment-callback function would add activation without the app.',
      access: 'member',
      input: ConfirmVipInput,
      output: ConfirmVipView,
      idempotency: 'natural key: the order number; the order moves created -> paid once, a repeat returns the same last day',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'PAYMENT_PENDING', 'PAYMENT_NOT_FOUND', 'PAYMENT_UNAVAILABLE', 'BUSY'],
    },
    buyGiftPack: {
      summary: 'Creates a gift-pack order (vip_orders, product gift_pack) and the WeChat Pay prepay; on sale while app_config/gift_pack and the distribution document allow it.',
      access: 'member',
      input: BuyVipInput,
      output: BuyVipView,
      idempotency: 'requestId: the order number is derived from caller + requestId, so a retry returns the same order at its first price',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'GIFT_PACK_NOT_OFFERED'],
    },
    confirmGiftPack: {
      summary: 'Asks WeChat Pay whether the gift pack is paid; if so activates it once: the caller becomes a distributor.',
      access: 'member',
      input: ConfirmVipInput,
      output: ConfirmGiftPackView,
      idempotency: 'natural key: the order number; the order moves created -> paid once',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'PAYMENT_PENDING', 'PAYMENT_NOT_FOUND', 'BUSY'],
    },
  },
});
