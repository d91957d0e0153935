import { defineFunction } from './define';
import {
  DealDetailView,
  DealInput,
  DealOrderCodeView,
  DealPickupInput,
  DealPickupView,
  InspectDealPickupInput,
  InspectDealPickupView,
  DealShipInput,
  DealStaffOrderView,
  DealsView,
  FlashBuyInput,
  FlashSalesView,
  GroupInput,
  GroupView,
  JoinGroupInput,
  JoinView,
  MyDealOrdersView,
  NoInput,
  OpenGroupInput,
  OrderNoInput,
  PlacedView,
  PosterView,
  SceneInput,
  SceneView,
  SettledView,
} from '../groupbuy/groupbuy.schema';

export const groupbuyContract = defineFunction({
  name: 'groupbuy',
  summary:
    'Group-buy (拼团) and flash sales (限时秒杀): deals, opening and joining groups, payment verified by query, automatic refunds of failed groups and late payments, pickup and shipping.',
  actions: {
    deals: {
      summary:
        "Group-buy deals on sale: prices, group size, whole groups left, the caller's allowance and whether they can open one now (reason in Chinese). Visitors read it too (`registered: false`, each deal 加入会员后即可参团).",
      access: 'visitor',
      input: NoInput,
      output: DealsView,
      errors: [],
    },
    deal: {
      summary:
        'One deal with the open groups that still need people (可直接参团), nearest to completing first, and the pickup stores. Visitors read it too (`registered: false`, 加入会员后即可参团).',
      access: 'visitor',
      input: DealInput,
      output: DealDetailView,
      errors: ['INVALID_INPUT', 'DEAL_NOT_FOUND'],
    },
    open: {
      summary:
        "开团: reserves a whole group's units and the caller's allowance, creates the group (invisible until the leader's payment is confirmed) and the leader's order awaiting payment; returns the wx.requestPayment parameters.",
      access: 'member',
      input: OpenGroupInput,
      output: PlacedView,
      idempotency: 'requestId: the order number (and the group id) derive from caller + requestId, so a retry returns the same order',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'DEAL_NOT_FOUND', 'DEAL_NOT_AVAILABLE', 'DEAL_NOT_ELIGIBLE', 'DEAL_LAYER_ONLY', 'DEAL_SOLD_OUT', 'DEAL_LIMIT_REACHED', 'BUSY'],
    },
    join: {
      summary:
        '参团: one seat per member per group, a slot by conditional update, the allowance, and an order awaiting payment for the deal\'s minutes. When every slot is taken: `status: "full"` with the nearest open groups of the deal.',
      access: 'member',
      input: JoinGroupInput,
      output: JoinView,
      idempotency: 'requestId: the order number derives from caller + requestId; a member holds at most one slot per group (group_seats)',
      errors: [
        'INVALID_INPUT',
        'NOT_REGISTERED',
        'DEAL_NOT_FOUND',
        'DEAL_NOT_AVAILABLE',
        'DEAL_NOT_ELIGIBLE',
        'DEAL_LAYER_ONLY',
        'DEAL_LIMIT_REACHED',
        'GROUP_NOT_FOUND',
        'GROUP_CLOSED',
        'GROUP_OWN',
        'GROUP_ALREADY_JOINED',
        'BUSY',
      ],
    },
    confirm: {
      summary:
        "After paying (group or flash order): asks WeChat Pay, never the app; a paid order moves on once (opens the group, counts in it, completes it). A payment that no longer holds a place is refunded automatically.",
      access: 'member',
      input: OrderNoInput,
      output: SettledView,
      idempotency: 'natural key: the order number; a repeat returns the order as it is',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ORDER_NOT_FOUND', 'PAYMENT_PENDING', 'BUSY'],
    },
    group: {
      summary:
        "The group page: members (nicknames and avatars), empty slots, the window from the server clock, whether the caller can join, the share message. A visitor opening a shared group sees it all with `registered: false` and `canJoin: false` (加入会员后即可参团); a group not yet paid for stays invisible but to its leader.",
      access: 'visitor',
      input: GroupInput,
      output: GroupView,
      errors: ['INVALID_INPUT', 'GROUP_NOT_FOUND'],
    },
    myGroups: {
      summary: "The caller's group-buy orders, newest first, with the group's state and the refund's (requested, failed and retried, accepted).",
      access: 'member',
      input: NoInput,
      output: MyDealOrdersView,
      errors: ['NOT_REGISTERED'],
    },
    poster: {
      summary: 'A share poster for an open group: a mini-program code (wxacode.getUnlimited, scene `g=<groupId>`) stored in cloud storage, as a temporary link, with the deal facts.',
      access: 'member',
      input: GroupInput,
      output: PosterView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'GROUP_NOT_FOUND', 'GROUP_CLOSED'],
    },
    scene: {
      summary: 'Resolves the scene of a scanned mini-program code to its group (visitors too: the poster is for friends who are not members yet).',
      access: 'visitor',
      input: SceneInput,
      output: SceneView,
      errors: ['INVALID_INPUT', 'GROUP_NOT_FOUND'],
    },
    flashSales: {
      summary:
        "Flash sales with their start (server clock, for the countdown), units left, the caller's allowance and orders. Visitors read it too (`registered: false`, no orders, each sale 加入会员后即可抢购).",
      access: 'visitor',
      input: NoInput,
      output: FlashSalesView,
      errors: [],
    },
    flashBuy: {
      summary:
        '抢购 one unit: refused before the start minute; the allowance and one unit by conditional counters (never oversold, never BUSY while units are left), then an order awaiting payment.',
      access: 'member',
      input: FlashBuyInput,
      output: PlacedView,
      idempotency: 'requestId: the order number derives from caller + requestId',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'DEAL_NOT_FOUND', 'DEAL_NOT_AVAILABLE', 'DEAL_NOT_ELIGIBLE', 'DEAL_LAYER_ONLY', 'DEAL_SOLD_OUT', 'DEAL_LIMIT_REACHED', 'FLASH_NOT_STARTED', 'FLASH_ENDED', 'BUSY'],
    },
    orderCode: {
      summary: 'A signed pickup code (QR content) for a ready store order (completed group, paid flash order), valid 60 s, accepted once. Writes nothing.',
      access: 'member',
      input: OrderNoInput,
      output: DealOrderCodeView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID'],
    },
    inspectPickup: {
      summary:
        "The clerk reads a member's group-buy / flash-sale pickup code (scanned, or the member number and the order's 6 digits) and sees the item, store and masked member before handing over; returns a 5-minute ticket for `pickup`. Writes nothing.",
      access: 'staff',
      input: InspectDealPickupInput,
      output: InspectDealPickupView,
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'CODE_LOCKED'],
    },
    pickup: {
      summary:
        "Hands over a ready group-buy / flash-sale order at this clerk's store, by the ticket from `inspectPickup` or a scanned code: the order becomes picked_up; audited.",
      access: 'staff',
      input: DealPickupInput,
      output: DealPickupView,
      idempotency: 'the order moves to picked_up once; a scanned code is also single-use (used_codes/<jti>)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID', 'BUSY'],
    },
    ship: {
      summary: 'Staff record the tracking number of a ready express order: -> shipped; audited.',
      access: 'staff',
      input: DealShipInput,
      output: DealStaffOrderView,
      idempotency: 'natural key: the order number; shipping a shipped order with the same tracking number returns it unchanged',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID', 'BUSY'],
    },
  },
  timers: {
    minutely: {
      summary:
        'Every minute: groups past their window fail and each paid member is refunded their own payment; unpaid holds are released; refused refunds are asked again (same refund number); crash leftovers are finished.',
    },
  },
});
