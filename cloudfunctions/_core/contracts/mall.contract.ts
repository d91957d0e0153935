import { defineFunction } from './define';
import {
  CancelOrderInput,
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
      summary: "Items on sale with price, stock left, limits and whether the caller can redeem now (reason in Chinese); the caller's balance.",
      access: 'member',
      input: ItemsInput,
      output: ItemsView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED'],
    },
    item: {
      summary: 'One item, as in `items`.',
      access: 'member',
      input: ItemInput,
      output: ItemDetailView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'ITEM_NOT_FOUND'],
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
    pickup: {
      summary: "A clerk scans a member's pickup code: the pending order for this clerk's store becomes picked_up (experience seats: checked in); audited.",
      access: 'staff',
      input: PickupInput,
      output: PickupView,
      idempotency: 'the code is single-use (used_codes/<jti>) and the order moves pending -> picked_up once',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_USED', 'ORDER_NOT_FOUND', 'ORDER_STATE_INVALID', 'BUSY'],
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
