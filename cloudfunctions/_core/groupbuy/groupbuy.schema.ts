import { z } from 'zod';
import { CodeOrManual, MemberCodeView } from '../member/member-code.schema';
import { DeliveryInput, DeliveryMode, DeliveryView, PickupInput } from '../mall/mall.schema';
import { RequestId } from '../shared/idempotency';
import { PickupStoreView } from '../stores/stores-config.schema';
import { PaymentParamsView } from '../vip/vip.schema';
import { DealId } from './deal-config.schema';
import { DEAL_ORDER_STATUSES } from './groupbuy.record';

/** `GB` (group-buy) or `FS` (flash sale) + 30 hex digits: also the WeChat Pay out_trade_no. */
export const DealOrderNo = z.string().regex(/^(GB|FS)[0-9a-f]{30}$/, '订单号无效');
export const GroupId = z.string().regex(/^[a-z2-9]{12}$/, '团编号无效');

/* ---------------------------------------------------------------- inputs */

export const NoInput = z.object({});
export const DealInput = z.object({ dealId: DealId });
export type DealInput = z.output<typeof DealInput>;

export const OpenGroupInput = z.object({ dealId: DealId, requestId: RequestId, delivery: DeliveryInput });
export type OpenGroupInput = z.output<typeof OpenGroupInput>;

export const JoinGroupInput = z.object({
  groupId: GroupId,
  /** The deal the member is looking at: a group of another deal is refused. */
  dealId: DealId,
  requestId: RequestId,
  delivery: DeliveryInput,
});
export type JoinGroupInput = z.output<typeof JoinGroupInput>;

export const OrderNoInput = z.object({ orderNo: DealOrderNo });
export type OrderNoInput = z.output<typeof OrderNoInput>;

export const GroupInput = z.object({ groupId: GroupId });
export type GroupInput = z.output<typeof GroupInput>;

/** The `scene` a mini-program code opened the app with (at most 32 characters, URL-encoded or not). */
export const SceneInput = z.object({ scene: z.string().min(1, '无效的小程序码').max(96, '无效的小程序码') });
export type SceneInput = z.output<typeof SceneInput>;

export const FlashBuyInput = z.object({ saleId: DealId, requestId: RequestId, delivery: DeliveryInput });
export type FlashBuyInput = z.output<typeof FlashBuyInput>;

/** The clerk reads a pickup code (scanned, or the member number and the order's digits) to inspect it. */
export const InspectDealPickupInput = CodeOrManual;
export type InspectDealPickupInput = z.output<typeof InspectDealPickupInput>;

/** The hand-over: the ticket from `inspectPickup` (the normal path), or a scanned code without that step. */
export const DealPickupInput = PickupInput;
export type DealPickupInput = z.output<typeof DealPickupInput>;

export const DealShipInput = z.object({
  orderNo: DealOrderNo,
  trackingNo: z.string().trim().regex(/^[A-Za-z0-9-]{6,40}$/, '快递单号为 6-40 位字母、数字或-'),
});
export type DealShipInput = z.output<typeof DealShipInput>;

/* ---------------------------------------------------------------- outputs */

const Iso = z.string();

export const DealOrderStatus = z.enum(DEAL_ORDER_STATUSES);

export const RefundView = z.object({
  status: z.enum(['requested', 'failed', 'accepted']),
  reason: z.enum(['group_failed', 'late_payment']),
  fee: z.number().int(),
  attempts: z.number().int(),
  at: Iso,
});

export const DealOrderView = z.object({
  orderNo: z.string(),
  kind: z.enum(['group', 'flash']),
  dealId: z.string(),
  groupId: z.string().nullable(),
  role: z.enum(['leader', 'member', 'buyer']),
  title: z.string(),
  priceFen: z.number().int(),
  status: DealOrderStatus,
  /** The status in words (Chinese), with the refund's state when there is one. */
  statusText: z.string(),
  /** Unpaid orders are released at this instant. */
  holdUntil: Iso,
  delivery: DeliveryView,
  trackingNo: z.string().nullable(),
  paidAt: Iso.nullable(),
  refund: RefundView.nullable(),
  points: z.number().int(),
  createdAt: Iso,
  history: z.array(z.object({ status: DealOrderStatus, at: Iso, by: z.enum(['member', 'staff', 'system']), note: z.string() })),
});
export type DealOrderView = z.output<typeof DealOrderView>;

export const GroupStatusView = z.enum(['forming', 'open', 'completed', 'failed', 'abandoned']);

/** An open group offered on a deal page (可直接参团). */
export const OpenGroupView = z.object({
  groupId: z.string(),
  leaderNickname: z.string(),
  leaderAvatarUrl: z.string(),
  missing: z.number().int(),
  size: z.number().int(),
  expiresAt: Iso,
});
export type OpenGroupView = z.output<typeof OpenGroupView>;

export const DealView = z.object({
  dealId: z.string(),
  title: z.string(),
  description: z.string(),
  /** Display URLs (temporary links for cloud files). */
  images: z.array(z.string()),
  singlePriceFen: z.number().int(),
  groupPriceFen: z.number().int(),
  groupSize: z.number().int(),
  windowHours: z.number().int(),
  /** Whole groups that can still be opened. */
  groupsLeft: z.number().int(),
  perMember: z.number().int(),
  /** The caller's orders of this deal that hold a place. */
  mine: z.number().int(),
  deliveryModes: z.array(DeliveryMode),
  leaderReward: z.string().nullable(),
  newMembersOnly: z.boolean(),
  saleFrom: Iso.nullable(),
  saleTo: Iso.nullable(),
  tierNames: z.array(z.string()),
  /** Value layers the deal is for (超级用户…); empty = every member. */
  layerNames: z.array(z.string()),
  /** Whether the caller can open a group now; if not, why (Chinese). A visitor: false, 加入会员后即可参团 (unless ended or sold out). */
  available: z.boolean(),
  reason: z.string().nullable(),
  /**
   * Whether the caller may join this deal's open groups (on sale, tier, layers, new members only; judged by the
   * same rules as `join`); if not, why (仅限超级用户会员参团). A visitor: true (each group page invites them to join first).
   */
  canJoin: z.boolean(),
  joinReason: z.string().nullable(),
});
export type DealView = z.output<typeof DealView>;

export const DealsView = z.object({
  /** false: a visitor (not registered yet), who sees everything public and, instead of their own allowance, `available: false` with 加入会员后即可参团. */
  registered: z.boolean(),
  deals: z.array(DealView),
});
export type DealsView = z.output<typeof DealsView>;

export const DealDetailView = z.object({
  /** false: a visitor (not registered yet), who sees everything public and, instead of their own allowance, `available: false` with 加入会员后即可参团. */
  registered: z.boolean(),
  deal: DealView,
  /** Groups that still need people, nearest to completing first (the caller's own left out). */
  openGroups: z.array(OpenGroupView),
  pickupStores: z.array(PickupStoreView),
  serverNow: Iso,
});
export type DealDetailView = z.output<typeof DealDetailView>;

export const GroupMemberView = z.object({
  nickname: z.string(),
  avatarUrl: z.string(),
  role: z.enum(['leader', 'member']),
  /** false: holding a slot while paying. */
  paid: z.boolean(),
});

export const ShareView = z.object({ title: z.string(), path: z.string(), imageUrl: z.string().nullable() });

export const GroupView = z.object({
  groupId: z.string(),
  dealId: z.string(),
  /** false: a visitor opening a shared group: they see the group (members' nicknames and avatars, never ids) and `canJoin: false` with 加入会员后即可参团. */
  registered: z.boolean(),
  title: z.string(),
  image: z.string().nullable(),
  groupPriceFen: z.number().int(),
  singlePriceFen: z.number().int(),
  /** Value layers the deal is for (超级用户…), shown as a tag as on the deal; empty = every member. */
  layerNames: z.array(z.string()),
  size: z.number().int(),
  status: GroupStatusView,
  statusText: z.string(),
  taken: z.number().int(),
  paid: z.number().int(),
  expiresAt: Iso.nullable(),
  /** The server's clock when answering: countdowns run from here, not from the phone's clock. */
  serverNow: Iso,
  members: z.array(GroupMemberView),
  emptySlots: z.number().int(),
  /** The caller's own order in this group, if any. */
  mine: DealOrderView.nullable(),
  /** Whether the caller could join now (and why not). A visitor: false, 加入会员后即可参团, unless the group cannot be joined by anyone (closed, full). */
  canJoin: z.boolean(),
  joinReason: z.string().nullable(),
  share: ShareView,
  /** How a joining member can receive it (the deal's delivery modes). */
  deliveryModes: z.array(DeliveryMode),
  pickupStores: z.array(PickupStoreView),
});
export type GroupView = z.output<typeof GroupView>;

export const PlacedView = z.object({
  order: DealOrderView,
  group: GroupView.nullable(),
  /** wx.requestPayment parameters while the order awaits payment; null otherwise. */
  payment: PaymentParamsView.nullable(),
});
export type PlacedView = z.output<typeof PlacedView>;

export const JoinView = z.discriminatedUnion('status', [
  PlacedView.extend({ status: z.literal('joined') }),
  /** Every slot is taken: the nearest open groups of the same deal instead. */
  z.object({ status: z.literal('full'), alternatives: z.array(OpenGroupView) }),
]);
export type JoinView = z.output<typeof JoinView>;

export const SettledView = z.object({ order: DealOrderView, group: GroupView.nullable() });
export type SettledView = z.output<typeof SettledView>;

export const MyGroupOrderView = DealOrderView.extend({
  group: z
    .object({ status: GroupStatusView, size: z.number().int(), paid: z.number().int(), expiresAt: Iso.nullable() })
    .nullable(),
});
export const MyDealOrdersView = z.object({ orders: z.array(MyGroupOrderView) });
export type MyDealOrdersView = z.output<typeof MyDealOrdersView>;

export const SceneView = z.object({ groupId: z.string() });
export type SceneView = z.output<typeof SceneView>;

export const PosterView = z.object({
  groupId: z.string(),
  scene: z.string(),
  page: z.string(),
  /** The mini-program code (PNG), a temporary link. */
  codeUrl: z.string(),
  title: z.string(),
  image: z.string().nullable(),
  groupPriceFen: z.number().int(),
  singlePriceFen: z.number().int(),
  missing: z.number().int(),
});
export type PosterView = z.output<typeof PosterView>;

export const FlashSaleView = z.object({
  saleId: z.string(),
  title: z.string(),
  description: z.string(),
  images: z.array(z.string()),
  originalPriceFen: z.number().int(),
  priceFen: z.number().int(),
  stock: z.number().int(),
  unitsLeft: z.number().int(),
  startAt: Iso,
  endAt: Iso.nullable(),
  phase: z.enum(['upcoming', 'on', 'ended']),
  perMember: z.number().int(),
  mine: z.number().int(),
  deliveryModes: z.array(DeliveryMode),
  /** Value layers the sale is for (超级用户…); empty = every member. */
  layerNames: z.array(z.string()),
  available: z.boolean(),
  reason: z.string().nullable(),
});
export type FlashSaleView = z.output<typeof FlashSaleView>;

export const FlashSalesView = z.object({
  serverNow: Iso,
  /** false: a visitor: each sale's `available` is false with 加入会员后即可抢购 (unless not started, ended or sold out), `orders` empty. */
  registered: z.boolean(),
  sales: z.array(FlashSaleView),
  /** The caller's flash-sale orders, newest first. */
  orders: z.array(DealOrderView),
  pickupStores: z.array(PickupStoreView),
});
export type FlashSalesView = z.output<typeof FlashSalesView>;

export const DealOrderCodeView = MemberCodeView;
export type DealOrderCodeView = z.output<typeof DealOrderCodeView>;

/** What the clerk sees after reading a group-buy or flash-sale pickup code, before handing over. */
export const InspectDealPickupView = z.object({
  ticket: z.string(),
  orderNo: z.string(),
  title: z.string(),
  kind: z.enum(['group', 'flash']),
  quantity: z.number().int(),
  storeName: z.string().nullable(),
  member: z.object({ maskedName: z.string(), memberNoTail: z.string() }),
  /** Whether this clerk can hand it over now; if not, why (Chinese). */
  ready: z.boolean(),
  reason: z.string().nullable(),
});
export type InspectDealPickupView = z.output<typeof InspectDealPickupView>;

export const DealPickupView = z.object({ orderNo: z.string(), title: z.string(), memberNo: z.string(), kind: z.enum(['group', 'flash']), status: DealOrderStatus });
export type DealPickupView = z.output<typeof DealPickupView>;

export const DealStaffOrderView = z.object({ orderNo: z.string(), status: DealOrderStatus, trackingNo: z.string().nullable() });
export type DealStaffOrderView = z.output<typeof DealStaffOrderView>;
