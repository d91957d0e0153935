import { formatMoney } from '../shared/money.rules';
import type { ForwardStates } from '../payments/payment-state.rules';
import { mayRecord } from '../payments/payment-state.rules';
import type { DistributionConfig } from './distribution-config.schema';

/**
 * A withdrawal's life, forward only:
 *
 *   awaiting_approval ──approve──> transferring ──WeChat Pay: success──> paid
 *          │                           │
 *          └──reject──> rejected       └──WeChat Pay: failed (or payouts not set up)──> failed
 *
 * The amount is reserved from the balance when the withdrawal is created; `rejected` and `failed` give it
 * back (one ledger entry, keyed by the withdrawal number, so it is given back once).
 */
export type WithdrawalStatus = 'awaiting_approval' | 'transferring' | 'paid' | 'failed' | 'rejected';

/** The shared forward-only rule for payment records (payment-state.rules.ts): paid, failed, rejected are final. */
export const WITHDRAWAL_STATES: ForwardStates<WithdrawalStatus> = {
  rank: { awaiting_approval: 0, transferring: 1, paid: 2, failed: 2, rejected: 2 },
};

/** Which step may follow which (rejection only before a transfer, a transfer's outcome only after it). */
const FROM: Record<WithdrawalStatus, WithdrawalStatus | null> = {
  awaiting_approval: null,
  transferring: 'awaiting_approval',
  paid: 'transferring',
  failed: 'transferring',
  rejected: 'awaiting_approval',
};

export const mayMoveWithdrawal = (from: WithdrawalStatus, to: WithdrawalStatus): boolean => FROM[to] === from && mayRecord(WITHDRAWAL_STATES, from, to);

export const WITHDRAWAL_REASONS: Record<WithdrawalStatus, string> = {
  awaiting_approval: '金额较大，等待运营审核',
  transferring: '正在转入微信零钱',
  paid: '已转入微信零钱',
  failed: '转账失败，金额已退回可提现余额',
  rejected: '审核未通过，金额已退回可提现余额',
};

export type WithdrawLimitCheck =
  | { ok: true; needsApproval: boolean }
  | { ok: false; code: 'WITHDRAW_BELOW_MINIMUM' | 'WITHDRAW_LIMIT_REACHED'; message: string };


/** The limits that do not depend on the balance: minimum, today's amount and count. */
export function checkWithdrawLimits(
  cfg: DistributionConfig['withdrawal'],
  amountFen: number,
  today: { withdrawnFen: number; count: number },
): WithdrawLimitCheck {
  if (amountFen < cfg.minFen) return { ok: false, code: 'WITHDRAW_BELOW_MINIMUM', message: `最低提现 ${formatMoney(cfg.minFen)}` };
  if (today.count >= cfg.dailyCount) return { ok: false, code: 'WITHDRAW_LIMIT_REACHED', message: `每天最多提现 ${cfg.dailyCount} 次` };
  if (today.withdrawnFen + amountFen > cfg.dailyCapFen) {
    const left = Math.max(0, cfg.dailyCapFen - today.withdrawnFen);
    return { ok: false, code: 'WITHDRAW_LIMIT_REACHED', message: `今日还可提现 ${formatMoney(left)}` };
  }
  return { ok: true, needsApproval: amountFen > cfg.approvalAboveFen };
}

/** Today's counters: they reset when the business day changes. */
export function todaysWithdrawals(account: { withdrawDay: string | null; withdrawnThatDay: number; withdrawalsThatDay: number }, today: string) {
  return account.withdrawDay === today ? { withdrawnFen: account.withdrawnThatDay, count: account.withdrawalsThatDay } : { withdrawnFen: 0, count: 0 };
}
