/**
 * The commission ledger as pure rules. A distributor's money is four running totals, each changed only by
 * ledger entries:
 *
 *   pending     commissions inside the after-sale window (or flagged, or the order still in progress)
 *   settled     commissions that became withdrawable, ever
 *   withdrawn   withdrawals reserved or paid (a failed or rejected one is given back)
 *   clawedBack  settled commissions taken back after a refund, in full, ever
 *
 * and balance = settled - withdrawn - clawedBack. A clawback may take the balance below zero (we never cap
 * it at what is left, the mistake CRMEB makes); later settlements repay it before anything can be withdrawn.
 * A withdrawal may never take it below zero (lilishop #145 allowed that).
 */

export type CommissionEntryKind = 'accrue' | 'settle' | 'void' | 'clawback' | 'withdraw' | 'withdraw_return';

export interface CommissionTotals {
  pending: number;
  settled: number;
  withdrawn: number;
  clawedBack: number;
}

/** What one entry does to the totals; stored on the entry. */
export type CommissionDeltas = CommissionTotals;

export const ZERO_TOTALS: CommissionTotals = { pending: 0, settled: 0, withdrawn: 0, clawedBack: 0 };

export const balanceOf = (t: CommissionTotals): number => t.settled - t.withdrawn - t.clawedBack;

function assertFen(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`${what} must be a positive integer of fen, got ${n}`);
}

const deltas = (d: Partial<CommissionDeltas>): CommissionDeltas => ({ ...ZERO_TOTALS, ...d });

/** A new commission, not yet withdrawable. */
export function planAccrue(amountFen: number): CommissionDeltas {
  assertFen(amountFen, 'accrued commission');
  return deltas({ pending: amountFen });
}

/** The after-sale window passed (and no flag held it): pending becomes withdrawable. */
export function planSettle(amountFen: number): CommissionDeltas {
  assertFen(amountFen, 'settled commission');
  return deltas({ pending: -amountFen, settled: amountFen });
}

/** Refunded (or rejected) before settling: the pending commission disappears. */
export function planVoid(amountFen: number): CommissionDeltas {
  assertFen(amountFen, 'voided commission');
  return deltas({ pending: -amountFen });
}

/** Refunded after settling: taken back in full, whatever the balance is now. */
export function planClawback(amountFen: number): CommissionDeltas {
  assertFen(amountFen, 'clawed-back commission');
  return deltas({ clawedBack: amountFen });
}

export type WithdrawPlan = { ok: true; deltas: CommissionDeltas } | { ok: false; balance: number };

/** Reserves a withdrawal: never more than the balance, so the balance never goes below zero by withdrawing. */
export function planWithdraw(totals: CommissionTotals, amountFen: number): WithdrawPlan {
  assertFen(amountFen, 'withdrawal');
  const balance = balanceOf(totals);
  if (amountFen > balance) return { ok: false, balance };
  return { ok: true, deltas: deltas({ withdrawn: amountFen }) };
}

/** A withdrawal that failed or was rejected gives its amount back. */
export function planWithdrawReturn(amountFen: number): CommissionDeltas {
  assertFen(amountFen, 'returned withdrawal');
  return deltas({ withdrawn: -amountFen });
}

/** Applies an entry; throws if it does not fit (a bug, or a replay of a forged ledger). */
export function applyDeltas(t: CommissionTotals, d: CommissionDeltas): CommissionTotals {
  const next: CommissionTotals = {
    pending: t.pending + d.pending,
    settled: t.settled + d.settled,
    withdrawn: t.withdrawn + d.withdrawn,
    clawedBack: t.clawedBack + d.clawedBack,
  };
  for (const [k, v] of Object.entries(next)) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`commission ${k} cannot become ${v}`);
  }
  return next;
}

export const balanceDeltaOf = (d: CommissionDeltas): number => d.settled - d.withdrawn - d.clawedBack;

/** Rebuilds the totals from entries' deltas, in ledger order. */
export function replayCommissions(entries: readonly CommissionDeltas[]): CommissionTotals {
  return entries.reduce(applyDeltas, ZERO_TOTALS);
}
