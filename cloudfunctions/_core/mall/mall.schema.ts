import { PickupStoreView } from '../stores/stores-config.schema';
import { z } from 'zod';
import { CodeOrManual, MemberCodeView } from '../member/member-code.schema';
import { RequestId } from '../shared/idempotency';
import { PaymentParamsView } from '../vip/vip.schema';

/** An item's code, also its document id in `mall_items`. */
export const ItemId = z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '商品编号为 2-40 位字母、数字、-或_');

/** `MALL` + 28 hex digits (also the WeChat Pay out_trade_no of an order with a cash part). */
export const MallOrderNo = z.string().regex(/^MALL[0-9a-f]{28}$/, '订单号无效');

export const StoreId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, '门店编号无效');

/** Most one member can take of one item in one order (a bigger number is a typo or an attack). */
export const MAX_QUANTITY = 20;

export const ITEM_KINDS = ['physical', 'coupon', 'experience'] as const;
export const ItemKind = z.enum(ITEM_KINDS);
export type ItemKind = z.output<typeof ItemKind>;

export const DeliveryMode = z.enum(['pickup', 'express']);
export type DeliveryMode = z.output<typeof DeliveryMode>;

export const ORDER_STATUSES = ['awaiting_payment', 'pending', 'shipped', 'picked_up', 'cancelled'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.output<typeof OrderStatus>;

/* ---------------------------------------------------------------- inputs */

export const ItemsFilter = z.enum(['all', 'affordable', 'myTier']);
export const ItemsInput = z.object({
  /** all = everything on sale; affordable = what the balance covers now; myTier = what the caller's tier may take. */
  filter: ItemsFilter.default('all'),
});
export type ItemsInput = z.output<typeof ItemsInput>;

export const ItemInput = z.object({ itemId: ItemId });
export type ItemInput = z.output<typeof ItemInput>;

export const DeliveryInput = z.discriminatedUnion('mode', [
  /** 到店自提 / 到店核销 (experience seats are always checked in at a store). */
  z.object({ mode: z.literal('pickup'), storeId: StoreId }),
  /** 快递到家 (physical items only). */
  z.object({
    mode: z.literal('express'),
    name: z.string().trim().min(1, '请填写收件人').max(20, '收件人最多 20 个字'),
    phone: z.string().trim().regex(/^1\d{10}$/, '请填写 11 位手机号'),
    region: z.string().trim().min(2, '请填写所在地区').max(60, '所在地区最多 60 个字'),
    detail: z.string().trim().min(2, '请填写详细地址').max(120, '详细地址最多 120 个字'),
  }),
]);
export type DeliveryInput = z.output<typeof DeliveryInput>;

export const RedeemInput = z.object({
  itemId: ItemId,
  quantity: z
    .number({ error: '数量必须是数字' })
    .int('数量必须是整数')
    .min(1, '数量至少为 1')
    .max(MAX_QUANTITY, `一次最多兑换 ${MAX_QUANTITY} 件`),
  requestId: RequestId,
  /** Required for physical and experience items; coupon items go to the member's coupon wallet. */
  delivery: DeliveryInput.optional(),
});
export type RedeemInput = z.output<typeof RedeemInput>;

export const OrdersInput = z.object({});
export const OrderNoInput = z.object({ orderNo: MallOrderNo });
export type OrderNoInput = z.output<typeof OrderNoInput>;

/** The clerk reads a pickup code (scanned, or the member number and the order's 6 digits) before handing over. */
export const InspectPickupInput = CodeOrManual;
export type InspectPickupInput = z.output<typeof InspectPickupInput>;

export const PickupInput = z
  .object({
    /** From `inspectPickup` (the normal path). */
    ticket: z.string().trim().min(1).max(200).optional(),
    /** A scanned code, handed over without the inspect step. */
    code: z.string().trim().min(1, '请扫描提货码').max(200, '无法识别的提货码').optional(),
  })
  .refine((v) => (v.ticket === undefined) !== (v.code === undefined), { message: '请先识别提货码', path: ['code'] });
export type PickupInput = z.output<typeof PickupInput>;

/** Staff: the orders waiting for them (express orders to ship, this store's pickups). */
export const StoreOrdersInput = z.object({ kind: z.enum(['express', 'pickup']) });
export type StoreOrdersInput = z.output<typeof StoreOrdersInput>;

export const ShipInput = z.object({
  orderNo: MallOrderNo,
  trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '快递单号为 6-40 位字母、数字或-'),
});
export type ShipInput = z.output<typeof ShipInput>;

export const CancelOrderInput = z.object({
  orderNo: MallOrderNo,
  reason: z.string().trim().min(2, '请填写取消原因').max(100, '取消原因最多 100 个字'),
});
export type CancelOrderInput = z.output<typeof CancelOrderInput>;

/* ---------------------------------------------------------------- outputs */

export const ItemView = z.object({
  itemId: z.string(),
  title: z.string(),
  description: z.string(),
  image: z.string().nullable(),
  kind: ItemKind,
  /** How the member receives it; experience and coupon items: see `kind`. */
  deliveryModes: z.array(DeliveryMode),
  pricePoints: z.number().int(),
  /** Cash part in fen (0 = points only), paid with WeChat Pay after redeeming. */
  cashFen: z.number().int(),
  /** Left to redeem brand-wide. */
  stockLeft: z.number().int(),
  /** Most one member may hold (cancelled orders give it back); null = no limit. */
  perMember: z.number().int().nullable(),
  /** How many the caller already redeemed (not cancelled). */
  mine: z.number().int(),
  /** Sale window, ISO instants; null = open-ended. */
  saleFrom: z.string().nullable(),
  saleTo: z.string().nullable(),
  /** Tier names that may redeem; empty = every member. */
  tierNames: z.array(z.string()),
  /** Store names where it is picked up or takes place; empty = every pickup store. */
  storeNames: z.array(z.string()),
  /** Whether the caller can redeem one now; if not, why (Chinese, shown as is). */
  available: z.boolean(),
  reason: z.string().nullable(),
});
export type ItemView = z.output<typeof ItemView>;

/** `joined`: false for a visitor browsing before registering (balance 0, nothing available yet). */
export const ItemsView = z.object({ joined: z.boolean(), balance: z.number().int(), items: z.array(ItemView) });
export type ItemsView = z.output<typeof ItemsView>;

/** `pickupStores`: where a pickup order can be collected (app_config/stores). */
export const ItemDetailView = z.object({ joined: z.boolean(), balance: z.number().int(), item: ItemView, pickupStores: z.array(PickupStoreView) });
export type ItemDetailView = z.output<typeof ItemDetailView>;

export const DeliveryView = z.discriminatedUnion('mode', [
  /** Coupon items: nothing to deliver. */
  z.object({ mode: z.literal('none') }),
  z.object({ mode: z.literal('pickup'), storeId: z.string() }),
  z.object({ mode: z.literal('express'), name: z.string(), phone: z.string(), region: z.string(), detail: z.string() }),
]);
export type DeliveryView = z.output<typeof DeliveryView>;

export const OrderHistoryView = z.object({
  status: OrderStatus,
  /** ISO instant. */
  at: z.string(),
  /** member | staff | system (payment confirmations). */
  by: z.enum(['member', 'staff', 'system']),
  note: z.string(),
});

export const OrderView = z.object({
  orderNo: z.string(),
  itemId: z.string(),
  title: z.string(),
  kind: ItemKind,
  quantity: z.number().int(),
  pointsSpent: z.number().int(),
  cashFen: z.number().int(),
  status: OrderStatus,
  delivery: DeliveryView,
  /** The pickup store's name (null for express and coupon orders). */
  storeName: z.string().nullable(),
  trackingNo: z.string().nullable(),
  /** Coupon items: the coupon issued to the member once fulfilled. */
  couponId: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(OrderHistoryView),
});
export type OrderView = z.output<typeof OrderView>;

export const RedeemView = z.object({
  order: OrderView,
  /** wx.requestPayment parameters when the item has a cash part and the order awaits payment; else null. */
  payment: PaymentParamsView.nullable(),
});
export type RedeemView = z.output<typeof RedeemView>;

export const OrdersView = z.object({ orders: z.array(OrderView) });
export type OrdersView = z.output<typeof OrdersView>;

export const OrderResultView = z.object({ order: OrderView });
export type OrderResultView = z.output<typeof OrderResultView>;

/** The pickup QR: a signed token valid 60 s, bound to one order (same machinery as the member code). */
export const OrderCodeView = MemberCodeView;
export type OrderCodeView = z.output<typeof OrderCodeView>;

/** What the clerk sees after reading a pickup code, before handing over. */
export const InspectPickupView = z.object({
  ticket: z.string(),
  orderNo: z.string(),
  title: z.string(),
  kind: ItemKind,
  quantity: z.number().int(),
  storeName: z.string().nullable(),
  member: z.object({ maskedName: z.string(), memberNoTail: z.string() }),
  /** Whether this clerk can hand it over now; if not, why (Chinese). */
  ready: z.boolean(),
  reason: z.string().nullable(),
});
export type InspectPickupView = z.output<typeof InspectPickupView>;

/** What the clerk sees after a pickup or check-in. */
export const PickupView = z.object({
  orderNo: z.string(),
  title: z.string(),
  kind: ItemKind,
  quantity: z.number().int(),
  memberNo: z.string(),
  status: OrderStatus,
});

/** One order waiting for staff (ship it, hand it over, or cancel it). */
export const StoreOrderView = z.object({
  orderNo: z.string(),
  title: z.string(),
  kind: ItemKind,
  quantity: z.number().int(),
  pointsSpent: z.number().int(),
  member: z.object({ maskedName: z.string(), memberNoTail: z.string() }),
  /** Express: the recipient's region and masked name; pickup: the store's name. */
  destination: z.string(),
  createdAt: z.string(),
});
export const StoreOrdersView = z.object({ orders: z.array(StoreOrderView) });
export type StoreOrdersView = z.output<typeof StoreOrdersView>;
export type PickupView = z.output<typeof PickupView>;

export const StaffOrderView = z.object({
  orderNo: z.string(),
  status: OrderStatus,
  trackingNo: z.string().nullable(),
  /** Points given back by this cancellation (0 for ship). */
  returnedPoints: z.number().int(),
});
export type StaffOrderView = z.output<typeof StaffOrderView>;
