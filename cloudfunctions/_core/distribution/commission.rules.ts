import { addDays } from '../shared/business-time.rules';
import type { DistributionConfig, DistributorGrade } from './distribution-config.schema';

/**
 * A commission's life (anti-fraud states in brackets):
 *
 *   in_progress ──complete──> pending ──window passed──> settled ──refund──> clawed_back
 *        │                      │  ▲                       (balance may go negative)
 *        │                   flag│  │approve
 *        │                      ▼  │
 *        └──────refund──────> flagged ──reject / refund──> voided
 *
 * Forward only: voided and clawed_back are final; settled only moves to clawed_back; flagged goes back to
 * pending only through an operator's approval.
 */
export type CommissionStatus = 'in_progress' | 'pending' | 'flagged' | 'settled' | 'voided' | 'clawed_back';

export const COMMISSION_STATUSES: readonly CommissionStatus[] = ['in_progress', 'pending', 'flagged', 'settled', 'voided', 'clawed_back'];

const MOVES: Record<CommissionStatus, readonly CommissionStatus[]> = {
  in_progress: ['pending', 'flagged', 'voided'],
  pending: ['flagged', 'settled', 'voided'],
  flagged: ['in_progress', 'pending', 'settled', 'voided'],
  settled: ['clawed_back'],
  voided: [],
  clawed_back: [],
};

export const mayMove = (from: CommissionStatus, to: CommissionStatus): boolean => MOVES[from].includes(to);

/** Statuses whose amount is counted in the account's `pending`. */
export const isPendingStatus = (s: CommissionStatus): boolean => s === 'in_progress' || s === 'pending' || s === 'flagged';

export type FlagCode = 'velocity' | 'repeat_refunds' | 'self_paid' | 'monthly_cap';

export const FLAG_REASONS: Record<FlagCode, string> = {
  velocity: '短时间内新增粉丝过多，待人工审核',
  repeat_refunds: '该粉丝多次退款，待人工审核',
  self_paid: '订单由推广员本人支付，待人工审核',
  monthly_cap: '超出本月佣金上限，待人工审核',
};

export const STATUS_REASONS: Record<Exclude<CommissionStatus, 'flagged'>, string> = {
  in_progress: '订单进行中，完成后进入售后期',
  pending: '售后期内，期满后可提现',
  settled: '已结算，可提现',
  voided: '订单在售后期内退款，佣金作废',
  clawed_back: '订单在结算后退款，佣金已全额扣回',
};

export function reasonFor(status: CommissionStatus, flags: readonly FlagCode[]): string {
  if (status === 'flagged') return flags.length ? flags.map((f) => FLAG_REASONS[f]).join('；') : '待人工审核';
  return STATUS_REASONS[status];
}

/** The reason shown for a commission, noting when partial refunds reduced it. */
export function reasonOf(c: { status: CommissionStatus; flags: readonly FlagCode[]; amountFen: number; reversedFen?: number }): string {
  const base = reasonFor(c.status, c.flags);
  return c.reversedFen && liveFen(c) > 0 ? `${base}（订单部分退款，佣金已相应减少）` : base;
}

/** Commission in fen for an order amount at a rate in basis points, rounded down (never a fraction of a fen). */
export function commissionFen(orderFen: number, rateBp: number): number {
  if (!Number.isSafeInteger(orderFen) || orderFen < 0) throw new RangeError(`order amount must be a non-negative integer of fen, got ${orderFen}`);
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) throw new RangeError(`rate must be 0-10000 bp, got ${rateBp}`);
  return Math.floor((orderFen * rateBp) / 10_000);
}

/** What a commission is still worth after partial refunds (the whole of it before any). */
export const liveFen = (c: { amountFen: number; reversedFen?: number }): number => c.amountFen - (c.reversedFen ?? 0);

export interface Reversal {
  /** What the commission keeps: the commission of the order amount not refunded, rounded down. */
  keptFen: number;
  /** Reversed in total once this refund is applied. */
  reversedFen: number;
  /** Reversed now (never negative: a refund never gives commission back). */
  deltaFen: number;
}

/**
 * A refund of the order's `refundedFen` in total (partial refunds add up): the commission becomes the one the
 * kept amount would have earned at the same rate, so a half refund takes half of it back (rounded in the
 * distributor's disfavour by at most a fen) and a full refund all of it.
 */
export function reversalFor(c: { orderFen: number; rateBp: number; amountFen: number; reversedFen?: number }, refundedFen: number): Reversal {
  const keptOrder = Math.max(0, c.orderFen - refundedFen);
  const keptFen = Math.min(c.amountFen, commissionFen(keptOrder, c.rateBp));
  const reversedFen = Math.max(c.amountFen - keptFen, c.reversedFen ?? 0);
  return { keptFen: c.amountFen - reversedFen, reversedFen, deltaFen: reversedFen - (c.reversedFen ?? 0) };
}

/** The highest grade whose fan threshold the distributor meets. */
export function gradeFor(grades: readonly DistributorGrade[], activeFans: number): DistributorGrade {
  let found = grades[0];
  for (const g of grades) if (activeFans >= g.minActiveFans) found = g;
  return found;
}

/** The grade after `grade` (for "N more active fans to ..."), or null at the top. */
export function nextGrade(grades: readonly DistributorGrade[], grade: DistributorGrade): DistributorGrade | null {
  const i = grades.findIndex((g) => g.code === grade.code);
  return grades[i + 1] ?? null;
}

export function rateFor(grade: DistributorGrade, productClass: string, level: 1 | 2): number {
  const rates = grade.rates[productClass] ?? grade.rates.default;
  return level === 1 ? rates.directBp : rates.indirectBp;
}

/** 'YYYY-MM' of the month `back` months before `month`. */
export function monthBefore(month: string, back: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - back;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Active fans: the months of the active window (this one and the N-1 before). */
export function activeFans(activeByMonth: Record<string, number>, month: string, windowMonths: number): number {
  const from = monthBefore(month, windowMonths - 1);
  return Object.entries(activeByMonth).reduce((s, [m, n]) => (m >= from && m <= month ? s + n : s), 0);
}

/**
 * A fan paid an order in `month`: they now count in `month` instead of the month of their previous order.
 * Months before the active window are dropped, so the map stays short.
 */
export function moveActiveFan(
  activeByMonth: Record<string, number>,
  previousMonth: string | null,
  month: string,
  windowMonths: number,
): Record<string, number> {
  const next = { ...activeByMonth };
  if (previousMonth === month) return next;
  if (previousMonth !== null && (next[previousMonth] ?? 0) > 0) next[previousMonth] -= 1;
  next[month] = (next[month] ?? 0) + 1;
  const from = monthBefore(month, windowMonths - 1);
  for (const m of Object.keys(next)) if (m < from || next[m] === 0) delete next[m];
  return next;
}

/** Adds to a per-month total, keeping only the last few months. */
export function addMonthTotal(totals: Record<string, number>, month: string, fen: number, keepMonths = 3): Record<string, number> {
  const next: Record<string, number> = { ...totals, [month]: (totals[month] ?? 0) + fen };
  const from = monthBefore(month, keepMonths - 1);
  for (const m of Object.keys(next)) if (m < from) delete next[m];
  return next;
}

/** First business day a commission may settle: the after-sale window counted from the order's completion day. */
export const settleOnFor = (completedDay: string, settleAfterDays: number): string => addDays(completedDay, settleAfterDays);

export interface FlagFacts {
  bindingFlag: 'velocity' | null;
  buyerRefunds: number;
  payer: string;
  beneficiary: string;
  /** Commission already recorded for the beneficiary this month, before this one. */
  monthTotalFen: number;
  amountFen: number;
}

/** Anti-fraud checks for one commission; any flag holds it for an operator. */
export function flagsFor(cfg: DistributionConfig['antiFraud'], f: FlagFacts): FlagCode[] {
  const flags: FlagCode[] = [];
  if (f.bindingFlag === 'velocity') flags.push('velocity');
  if (f.buyerRefunds >= cfg.refundsToFlag) flags.push('repeat_refunds');
  if (cfg.flagSelfPaid && f.payer === f.beneficiary) flags.push('self_paid');
  if (f.monthTotalFen + f.amountFen > cfg.monthlyCapFen) flags.push('monthly_cap');
  return flags;
}

/** A commission id: the order's source and number and the level, so the same order never earns twice. */
export const commissionId = (source: string, orderNo: string, level: 1 | 2) => `${source}:${orderNo}:L${level}`;
export const commissionOrderId = (source: string, orderNo: string) => `${source}:${orderNo}`;
