import { defineFunction } from './define';
import {
  CenterView,
  ClaimInput,
  ClaimView,
  CouponCodeInput,
  CouponCodeView,
  InspectInput,
  InspectView,
  MineInput,
  MineView,
  RedeemInput,
  RedeemView,
  SubscribeInput,
  SubscribeView,
  UndoRedeemInput,
  UndoRedeemView,
} from '../coupons/coupon.schema';
import { z } from 'zod';

export const couponsContract = defineFunction({
  name: 'coupons',
  summary: 'Coupons: the claim center, my coupons and their till code, redemption by store staff; expiry reminders.',
  actions: {
    center: {
      summary:
        'Coupons the caller can see in the claim center, with copies left, how many they hold, and whether they can claim now (with the reason in Chinese when not). Visitors browse too (joined: false).',
      access: 'visitor',
      input: z.object({}),
      output: CenterView,
      errors: [],
    },
    claim: {
      summary:
        'Claims one coupon from the claim center. Never oversells and holds the per-member and per-day limits under any concurrency (conditional counters, no hot transaction).',
      access: 'member',
      input: ClaimInput,
      output: ClaimView,
      idempotency: 'requestId: the coupon id is derived from caller + requestId, so a retry returns the same coupon (repeated: true)',
      errors: [
        'INVALID_INPUT',
        'NOT_REGISTERED',
        'COUPON_NOT_FOUND',
        'COUPON_NOT_CLAIMABLE',
        'COUPON_NOT_ELIGIBLE',
        'COUPON_SOLD_OUT',
        'COUPON_LIMIT_REACHED',
        'BUSY',
      ],
    },
    mine: {
      summary: "The caller's coupons by status (unused, used, expired), newest first.",
      access: 'member',
      input: MineInput,
      output: MineView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED'],
    },
    code: {
      summary: "A signed till code for one of the caller's unused coupons, valid 60 s (carries the coupon id, never the openid).",
      access: 'member',
      input: CouponCodeInput,
      output: CouponCodeView,
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'COUPON_NOT_FOUND', 'COUPON_USED', 'COUPON_EXPIRED'],
    },
    subscribe: {
      summary:
        'Records a one-time subscription the member accepted in wx.requestSubscribeMessage; each allows one message of that template.',
      access: 'member',
      input: SubscribeInput,
      output: SubscribeView,
      idempotency: 'requestId (request_log)',
      errors: ['INVALID_INPUT', 'NOT_REGISTERED', 'BUSY'],
    },
    inspect: {
      summary:
        "The clerk reads a coupon's code (scanned, or the member number and the coupon's 6 digits) and sees the coupon, the masked member, and whether it can be used here on this order; returns a 5-minute ticket for `redeem`. Writes nothing (typed codes count against the attempt limits).",
      access: 'staff',
      input: InspectInput,
      output: InspectView,
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'CODE_INVALID', 'CODE_EXPIRED', 'CODE_LOCKED', 'COUPON_NOT_FOUND'],
    },
    redeem: {
      summary:
        "Redeems a coupon at the clerk's store, by the ticket from `inspect` (or a scanned code): checks validity days, store and status; marks it used once; audited.",
      access: 'staff',
      input: RedeemInput,
      output: RedeemView,
      idempotency:
        'redemptionNo (coupon_redemptions/<redemptionNo>): a retry returns the first answer (repeated: true) while it stands; a retry of a redemption undone since answers REDEMPTION_UNDONE',
      errors: [
        'INVALID_INPUT',
        'FORBIDDEN',
        'CODE_INVALID',
        'CODE_EXPIRED',
        'COUPON_NOT_FOUND',
        'REDEMPTION_UNDONE',
        'COUPON_USED',
        'COUPON_EXPIRED',
        'COUPON_WRONG_STORE',
        'COUPON_NOT_ELIGIBLE',
        'ORDER_CONFLICT',
        'BUSY',
      ],
    },
    undoRedeem: {
      summary: "Undoes a redemption at the same store within the template's undo window (default 30 minutes); audited.",
      access: 'staff',
      input: UndoRedeemInput,
      output: UndoRedeemView,
      idempotency: 'natural key: the redemption number (one undo per redemption); a repeat returns repeated: true',
      errors: ['INVALID_INPUT', 'FORBIDDEN', 'REDEMPTION_NOT_FOUND', 'UNDO_WINDOW_PASSED', 'BUSY'],
    },
  },
  timers: {
    daily: {
      summary:
        'Repairs claim counters left by interrupted claims, expires coupons past their last day, queues expiry reminders and dispatches the message outbox (subscriptions and frequency caps), page by page within the time limit.',
    },
  },
});
