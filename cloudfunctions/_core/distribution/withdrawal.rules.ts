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

/** A transfer waiting for the member's 确认收款 stays `transferring`; this is what they read meanwhile. */
export const AWAITING_CONFIRMATION_REASON = '请点击“确认收款”领取，逾期未确认将退回可提现余额';
/** …and once the time to confirm has passed (WeChat Pay closes the bill; the amount comes back with its answer). */
export const CONFIRMATION_EXPIRED_REASON = '确认收款已逾期，金额将在微信支付关闭转账后退回';

/**
 * WeChat Pay's failure codes (商家转账「订单失败原因说明」) in the member's words; the codes a member can act on
 * or should understand. Any other code reads as the plain failure.
 */
const TRANSFER_FAIL_REASONS: Record<string, string> = {
  OVERDUE_CLOSE: '未在 24 小时内确认收款，转账已关闭',
  CANCELLED: '转账已撤销',
  MCH_CANCEL: '转账已撤销',
  ACCOUNT_FROZEN: '微信账户已被冻结',
  ACCOUNT_NOT_EXIST: '微信账户不存在',
  REAL_NAME_CHECK_FAIL: '微信账户未实名认证，请先完成实名认证',
  NAME_NOT_CORRECT: '收款人姓名校验未通过',
  ID_CARD_NOT_CORRECT: '收款人身份证校验未通过',
  PAYEE_ACCOUNT_ABNORMAL: '微信账户收款异常，请在微信支付中完善身份信息',
  REALNAME_ACCOUNT_RECEIVED_QUOTA_EXCEED: '微信账户收款受限，请在微信支付中查看详情',
  BLOCK_B2C_USERLIMITAMOUNT_BSRULE_MONTH: '已超过本月收款限额',
  BLOCK_B2C_USERLIMITAMOUNT_MONTH: '微信账户本月收款受限',
  DAY_RECEIVED_COUNT_EXCEED: '已超过今日收款次数',
  DAY_RECEIVED_QUOTA_EXCEED: '已超过今日收款额度',
  TRANSFER_QUOTA_EXCEED: '超过单笔收款额度',
  TRANSFER_RISK: '微信支付风控拦截',
  // The merchant's side: the member can only wait for the brand to fix it.
  PAYER_ACCOUNT_ABNORMAL: '商户暂时无法转账，请稍后再试',
  PRODUCT_AUTH_CHECK_FAIL: '商户暂时无法转账，请稍后再试',
  RECEIVE_ACCOUNT_NOT_CONFIGURE: '商户暂时无法转账，请稍后再试',
  NOT_ENOUGH: '商户暂时无法转账，请稍后再试',
};

/**
 * The member's reason for a failed withdrawal from WeChat Pay's code (or our own Chinese words, e.g. payouts not
 * set up). Never shows a raw English code: unknown codes read as the plain failure.
 */
export function transferFailedReason(code: string | null | undefined): string {
  const why = code ? (TRANSFER_FAIL_REASONS[code] ?? (/[\u4e00-\u9fff]/.test(code) ? code : null)) : null;
  return why ? `转账失败（${why}），金额已退回可提现余额` : WITHDRAWAL_REASONS.failed;
}

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
