/**
 * Partial refunds of a till purchase, as pure rules. A purchase may be refunded in parts (by amount) until
 * its whole amount is refunded. Each part takes back its share of the order's points and growth, computed on
 * the running total so that rounding never drifts: after refunds totalling R of an order of amount A that
 * earned P points, exactly floor(P * R / A) points have been taken back (rounded down: the member keeps a
 * fraction's benefit), and a refund of the whole amount, in any number of parts, takes back exactly P.
 * The points themselves go through the ledger's refund rule (`planReverse`): the order's pending lot first,
 * then the balance soonest-expiring first, the rest owed.
 */
import { formatMoney } from '../shared/money.rules';

export interface RefundableOrder {
  amountFen: number;
  points: number;
  growth: number;
  /** Refunded so far. */
  refundedFen: number;
}

/** What one refund of `refundFen` takes back. */
export function refundShare(order: RefundableOrder, refundFen: number): { points: number; growth: number } {
  const before = order.refundedFen;
  const after = before + refundFen;
  const share = (total: number, upTo: number) => Math.floor((total * upTo) / order.amountFen);
  return {
    points: share(order.points, after) - share(order.points, before),
    growth: share(order.growth, after) - share(order.growth, before),
  };
}

export type RefundAmountVerdict = { ok: true; refundFen: number } | { ok: false; reason: string };

/** `requestedFen` absent = the rest of the order. */
export function judgeRefundAmount(order: Pick<RefundableOrder, 'amountFen' | 'refundedFen'>, requestedFen: number | undefined): RefundAmountVerdict {
  const left = order.amountFen - order.refundedFen;
  if (left <= 0) return { ok: false, reason: '这笔订单已经全额退款' };
  const fen = requestedFen ?? left;
  if (!Number.isSafeInteger(fen) || fen <= 0) return { ok: false, reason: '退款金额必须大于 0' };
  if (fen > left) return { ok: false, reason: `退款金额超出可退金额（最多可退 ${formatMoney(left)}）` };
  return { ok: true, refundFen: fen };
}
