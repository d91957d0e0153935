import { defineFunction } from './define';
import {
  CancelOrderInput,
  InspectPickupInput,
  InspectPickupView,
  StoreOrdersInput,
  StoreOrdersView,
  ItemDetailView,
  ItemInput,
  ItemsInput,
  ItemsView,
  OrderCodeView,
  OrderNoInput,
  OrderResultView,
  OrdersInput,
  OrdersView,
  PickupInput,
  PickupView,
  RedeemInput,
  RedeemView,
  ShipInput,
  StaffOrderView,
} from '../mall/mall.schema';

export const mallContract = defineFunction({
  name: 'mall',
  summary: 'The points mall (积分商城): items, redeeming points (and a cash part) for them, orders, pickup and shipping.',
  actions: {
    items: {
      summary:
        "Items on sale with price, stock left, limits and whether the caller can redeem now (reason in Chinese); the caller's balance. Visitors browse too (joined: false, nothing available until they join).",
      access: 'visitor',
      input: ItemsInput,
      output: ItemsView,
      errors: ['INVALID_INPUT'],
    },
    item: {
      summary: 'One item, as in `items`, with the stores it can be picked up at.',
      access: 'visitor',
      input: ItemInput,
      output: ItemDetailView,
      errors: ['INVALID_INPUT', 'ITEM_NOT_FOUND'],
    },
    redeem: {
      summary:
        'Redeems points for an item: spends the points, takes the stock and the per-member allowance and creates the order in one transaction. With a cash part the order awaits payment and `payment` holds the wx.requestPayment parameters.',
      access: 'member',
      input: RedeemInput,
      output: RedeemView,
      idempotency: 'requestId: the order number is derived from caller + requestId (ledger key mall:<openid>:<requestId>), so a retry returns the same order',
      errors: [
        'INVALID_INPUT',
        'NOT_REGISTERED',
        'ITEM_NOT_FOUND',
        'ITEM_NOT_AVAILABLE',
        'ITEM_SOLD_OUT',
        'ITEM_LIMIT_REACHED',
        'POINTS_INSUFFICIENT',
        'PAYMENT_UNAVAILABLE',
        'PAYMENT_REFUSED',
        'BUSY',
      ],
    },
    confirmPayment: {
      summary: "Asks WeChat Pay whether an order's cash part is paid; if so the order moves awaiting_payment -> pending once.",
      access: 'member',
      input: OrderNoInput,
      output: OrderResultView,
      idempotency: 'natural key: the order number; a repeat returns the order as it is',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ORDER_NOT_FOUND', 'PAYMENT_PENDING', 'ORDER_STATE_INVALID', 'PAYMENT_UNAVAILABLE', 'BUSY'],
    },
    orders: {
      summary: "The caller's orders, newest first (up to 100), each with its status history.",
      access: 'member',
      input: OrdersInput,
      output: OrdersView,
      errors: ['NOT_REGISTERED'],
    },
    cancel: {
      summary:
        'The member cancels an order while it awaits payment or is pending: points returned through the ledger, stock and allowance restored, a paid cash part refunded.',
      access: 'member',
      input: OrderNoInput,
      output: OrderResultView,
      idempotency: 'natural key: the order number; cancelling a cancelled order returns it unchanged',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ORDER_NOT_FOUND', 'ORDER_NOT_CANCELLABLE', 'BUSY'],
    },
    orderCode: {
      summary: 'A signed pickup / check-in code for a pending store order (QR content), valid 60 s, accepted once. Writes nothing.',
      access: 'member',
      input: OrderNoInput,
      output: OrderCodeView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID'],
    },
    inspectPickup: {
      summary:
        "The clerk reads a member's pickup code (scanned, or the member number and the order's 6 digits) and sees the item, quantity, store and masked member before handing over; returns a 5-minute ticket for `pickup`. Writes nothing.",
      access: 'staff',
      input: InspectPickupInput,
      output: InspectPickupView,
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'CODE_LOCKED'],
    },
    pickup: {
      summary:
        "Hands over a pending order at this clerk's store (experience seats: checked in), by the ticket from `inspectPickup` or a scanned code; audited.",
      access: 'staff',
      input: PickupInput,
      output: PickupView,
      idempotency: 'the order moves pending -> picked_up once; a scanned code is also single-use (used_codes/<jti>)',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID', 'BUSY'],
    },
    storeOrders: {
      summary: "Staff: pending express orders to ship, or this store's pending pickup orders; members masked.",
      access: 'staff',
      input: StoreOrdersInput,
      output: StoreOrdersView,
      errors: ['INVALID_INPUT', 'FORBIDDEN'],
    },
    ship: {
      summary: 'Staff record the tracking number of a pending express order: pending -> shipped; audited.',
      access: 'staff',
      input: ShipInput,
      output: StaffOrderView,
      idempotency: 'natural key: the order number; shipping a shipped order with the same tracking number returns it unchanged',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID', 'BUSY'],
    },
    cancelOrder: {
      summary:
        "Staff cancel a member's order that awaits payment or is pending (pickup orders: at their own store), with a reason: points, stock and allowance restored, cash refunded; audited.",
      access: 'staff',
      input: CancelOrderInput,
      output: StaffOrderView,
      idempotency: 'natural key: the order number; cancelling a cancelled order returns it unchanged',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'ORDER_NOT_FOUND', 'ORDER_NOT_CANCELLABLE', 'BUSY'],
    },
  },
  timers: {
    unpaid: {
      summary:
        'Every 5 minutes: orders whose cash part is still unpaid 30 minutes after redeeming are cancelled (points, stock and allowance returned); cash refunds not yet accepted are tried again.',
    },
  },
});
