import { formatMoney } from '../shared/money.rules';
import { createHash } from 'node:crypto';
import { isDatabaseError, type Transaction } from '../../_platform/database.port';
import { isPaymentError, isTransferUnavailable, type TransferResult } from '../../_platform/payments.port';
import { distributionConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import { describeError } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { planWithdraw, planWithdrawReturn } from './commission-ledger.rules';
import { loadCommissionAccount, postCommissionsInTx } from './commission-ledger.service';
import { COMMISSION_ACCOUNTS, WITHDRAWALS, type CommissionAccountRecord, type CommissionReview, type WithdrawalRecord } from './distribution.record';
import type { PageInput, WithdrawalNoInput, WithdrawalsView, WithdrawalSummaryView, WithdrawalView, WithdrawInput, WithdrawResultView } from './distribution.schema';
import { requireDistributor, totalsView } from './distributor.service';
import { afterCursor, cursorOf } from './page-cursor';
import { recordForwardInTx } from '../payments/payment-state.service';
import {
  AWAITING_CONFIRMATION_REASON,
  checkWithdrawLimits,
  CONFIRMATION_EXPIRED_REASON,
  mayMoveWithdrawal,
  todaysWithdrawals,
  transferFailedReason,
  WITHDRAWAL_REASONS,
  WITHDRAWAL_STATES,
  type WithdrawalStatus,
} from './withdrawal.rules';

type PayoutContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'payments'>;

/** 'W' + 31 hex digits: derived from the member and the request id, so a retry is the same withdrawal. */
export function withdrawalNo(openid: string, requestId: string): string {
  return `W${createHash('sha256').update(`withdraw:${openid}:${requestId}`).digest('hex').slice(0, 31)}`;
}

/** What an operator reviewing it sees too: never the member's confirmation. */
export function withdrawalSummary(w: WithdrawalRecord): WithdrawalSummaryView {
  return { withdrawalNo: w._id, amountFen: w.amountFen, status: w.status, reason: w.reason, createdAt: w.createdAt.toISOString() };
}

/**
 * The owner's view: while WeChat Pay waits for their 确认收款, what the app passes to wx.requestMerchantTransfer;
 * once the confirmation has expired, no button (WeChat Pay closes the bill and the amount comes back).
 */
export function toWithdrawalView(w: WithdrawalRecord, now: Date): WithdrawalView {
  const c = w.status === 'transferring' ? w.memberConfirmation : null;
  if (!c) return { ...withdrawalSummary(w), confirmation: null };
  if (c.expiresAt.getTime() <= now.getTime()) return { ...withdrawalSummary(w), reason: CONFIRMATION_EXPIRED_REASON, confirmation: null };
  return { ...withdrawalSummary(w), confirmation: { mchId: c.mchId, appId: c.appId, package: c.packageInfo, expiresAt: c.expiresAt.toISOString() } };
}

/**
 * `distribution.withdraw`: reserves the amount from the settled balance and pays it out through the payments
 * port. One transaction reads the account, checks the balance and today's limits, and writes the ledger entry,
 * the account and the withdrawal: under any concurrency, the balance is never withdrawn twice (a concurrent
 * withdrawal conflicts on the account and re-runs against the new balance).
 */
export async function withdraw(ctx: MemberContext, input: WithdrawInput): Promise<WithdrawResultView> {
  const d = await requireDistributor(ctx);
  // Not refused when the programme is closed: money already earned stays the distributor's to withdraw.
  const cfg = await loadConfig(ctx, distributionConfig);
  const no = withdrawalNo(d._id, input.requestId);
  const now = ctx.clock.now();
  const today = businessDay(now);

  const placed = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<WithdrawalRecord>(WITHDRAWALS).doc(no);
    const prior = await getOrNull<WithdrawalRecord>(ref);
    if (prior) return { withdrawal: prior, repeated: true };
    const account = await loadCommissionAccount(tx, d._id, now);
    const counters = todaysWithdrawals(account, today);
    const limits = checkWithdrawLimits(cfg.withdrawal, input.amountFen, counters);
    if (!limits.ok) throw new AppError(limits.code, limits.message);
    const status: WithdrawalStatus = limits.needsApproval ? 'awaiting_approval' : 'transferring';
    await postCommissionsInTx(
      tx,
      d._id,
      [
        {
          key: `withdraw:${no}`,
          kind: 'withdraw',
          ref: no,
          reason: '提现到微信零钱',
          plan: (totals) => {
            const plan = planWithdraw(totals, input.amountFen);
            if (!plan.ok) throw new AppError('WITHDRAW_INSUFFICIENT', `可提现金额不足（当前 ${formatMoney(Math.max(0, plan.balance))}）`);
            return plan.deltas;
          },
        },
      ],
      now,
      { account, extra: { withdrawDay: today, withdrawnThatDay: counters.withdrawnFen + input.amountFen, withdrawalsThatDay: counters.count + 1 } },
    );
    const record: WithdrawalRecord = {
      _id: no,
      _openid: d._id,
      requestId: input.requestId,
      amountFen: input.amountFen,
      status,
      day: today,
      reason: WITHDRAWAL_REASONS[status],
      lastTransfer: null,
      memberConfirmation: null,
      review: null,
      createdAt: now,
      updatedAt: now,
    };
    const { _id, ...data } = record;
    await ref.set({ data });
    return { withdrawal: record, repeated: false };
  });

  let withdrawal = placed.withdrawal;
  if (withdrawal._openid !== d._id) throw new AppError('WITHDRAWAL_NOT_FOUND', '没有找到这笔提现');
  if (withdrawal.status === 'transferring') withdrawal = await payOut(ctx, withdrawal._id);
  const account = await getOrNull<CommissionAccountRecord>(ctx.db.collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS).doc(d._id));
  return { withdrawal: toWithdrawalView(withdrawal, ctx.clock.now()), account: totalsView(account) };
}

/**
 * Sends (or re-sends: the withdrawal number is WeChat Pay's out_bill_no, so the same transfer never pays twice)
 * a `transferring` withdrawal and records the answer. Only a definite answer changes it: success -> paid;
 * failure, a bill closed unconfirmed, a refused request for which WeChat Pay has no bill, or payouts not set up
 * (nothing was sent) -> failed with the amount given back. Waiting for the member's confirmation keeps it
 * transferring with what the app needs; a lost answer leaves it transferring; the `distribution` timer (or
 * the member's `checkWithdrawal`) asks WeChat Pay later.
 */
export async function payOut(ctx: PayoutContext, no: string): Promise<WithdrawalRecord> {
  const w = (await ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).doc(no).get()).data;
  if (w.status !== 'transferring') return w;
  let answer: TransferResult | null;
  try {
    answer = await ctx.payments.transfer({ outBillNo: w._id, openid: w._openid, amountFen: w.amountFen, remark: '推广佣金提现' });
  } catch (e) {
    if (isTransferUnavailable(e)) answer = { state: 'failed', failReason: '商家转账暂未开通' };
    else if (isPaymentError(e, 'rejected')) answer = await afterRefusal(ctx, no, e.code);
    else answer = null;
    if (answer === null) {
      ctx.log.warn('distribution.transfer.unknown', { withdrawal: no, err: describeError(e) });
      return recordTransfer(ctx, no, { state: 'unknown', failReason: null, at: ctx.clock.now() });
    }
  }
  return applyTransferAnswer(ctx, no, answer);
}

/**
 * WeChat Pay refused the request (4xx: its balance, a permission, a parameter). A refused request creates no
 * bill, but an earlier send of the same number may have: its bill decides. No bill -> failed (a re-send would
 * be refused again, forever); a bill -> its state; no usable answer -> null (unknown, asked again later).
 */
async function afterRefusal(ctx: PayoutContext, no: string, code: string | undefined): Promise<TransferResult | null> {
  try {
    return (await ctx.payments.queryTransfer(no)) ?? { state: 'failed', failReason: code };
  } catch {
    return null;
  }
}

/** For the timer: what WeChat Pay has on a withdrawal still transferring (re-sent when it has nothing). */
export async function followUpTransfer(ctx: PayoutContext, no: string): Promise<WithdrawalRecord> {
  const answer = await ctx.payments.queryTransfer(no);
  if (answer === null) return payOut(ctx, no);
  return applyTransferAnswer(ctx, no, answer);
}

/**
 * Final answers move the withdrawal once (moveWithdrawal: one transaction, the amount given back with the state
 * change, a second run finds it moved and changes nothing); anything else is recorded on it.
 */
async function applyTransferAnswer(ctx: PayoutContext, no: string, answer: TransferResult): Promise<WithdrawalRecord> {
  const at = ctx.clock.now();
  const attempt = { state: answer.state, failReason: answer.failReason ?? null, at };
  if (answer.state === 'success') return (await moveWithdrawal(ctx, no, 'transferring', 'paid', { lastTransfer: attempt, memberConfirmation: null })).withdrawal;
  if (answer.state === 'failed') {
    return (await moveWithdrawal(ctx, no, 'transferring', 'failed', { lastTransfer: attempt, memberConfirmation: null, reason: transferFailedReason(answer.failReason) })).withdrawal;
  }
  return recordTransfer(ctx, no, attempt, answer.memberConfirmation);
}

/** Records a non-final answer; a pending confirmation is kept (a lost answer does not take the member's button away). */
async function recordTransfer(ctx: PayoutContext, no: string, attempt: WithdrawalRecord['lastTransfer'], confirmation?: WithdrawalRecord['memberConfirmation']): Promise<WithdrawalRecord> {
  const _ = ctx.db.command;
  const data: Record<string, unknown> = { lastTransfer: _.set(attempt), updatedAt: ctx.clock.now() };
  if (confirmation) Object.assign(data, { memberConfirmation: _.set(confirmation), reason: AWAITING_CONFIRMATION_REASON });
  await ctx.db.collection(WITHDRAWALS).where({ _id: no, status: 'transferring' }).update({ data });
  return (await ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).doc(no).get()).data;
}

/**
 * Moves a withdrawal forward (withdrawal.rules: `mayMoveWithdrawal`) in one transaction; `failed` and `rejected`
 * give the amount back through the ledger (entry `withdraw-return:<no>`). Whoever comes second finds the
 * withdrawal already moved and changes nothing.
 */
export async function moveWithdrawal(
  ctx: Pick<UseCaseContext, 'db' | 'clock'>,
  no: string,
  from: WithdrawalStatus,
  to: WithdrawalStatus,
  patch: { lastTransfer?: WithdrawalRecord['lastTransfer']; memberConfirmation?: null; reason?: string; review?: CommissionReview } = {},
  inTx?: (tx: Transaction, w: WithdrawalRecord) => Promise<void>,
): Promise<{ withdrawal: WithdrawalRecord; moved: boolean }> {
  const now = ctx.clock.now();
  try {
    return await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<WithdrawalRecord>(WITHDRAWALS).doc(no);
      const w = (await ref.get()).data;
      if (w.status !== from || !mayMoveWithdrawal(from, to)) return { withdrawal: w, moved: false };
      if (to === 'failed' || to === 'rejected') {
        await postCommissionsInTx(
          tx,
          w._openid,
          [{ key: `withdraw-return:${no}`, kind: 'withdraw_return', ref: no, reason: to === 'failed' ? '提现失败，金额退回' : '提现未通过审核，金额退回', plan: () => planWithdrawReturn(w.amountFen) }],
          now,
        );
      }
      const next: WithdrawalRecord = { ...w, ...patch, status: to, reason: patch.reason ?? WITHDRAWAL_REASONS[to], updatedAt: now };
      const { _id, ...data } = next;
      await recordForwardInTx(tx, w, { collection: WITHDRAWALS, id: no, statePath: 'status', states: WITHDRAWAL_STATES, next: to, data: setEach(ctx, data) });
      if (inTx) await inTx(tx, next);
      return { withdrawal: next, moved: true };
    });
  } catch (e) {
    if (!isDatabaseError(e, 'conflict')) throw e;
    // Someone else kept moving it: report what is stored.
    return { withdrawal: (await ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).doc(no).get()).data, moved: false };
  }
}

/** Object fields replaced as a whole (an update would merge a nested object into what is stored, or fail on null). */
function setEach(ctx: Pick<UseCaseContext, 'db'>, data: Record<string, unknown>): Record<string, unknown> {
  const whole = (v: unknown) => typeof v === 'object' && v !== null && !(v instanceof Date);
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, whole(v) ? ctx.db.command.set(v) : v]));
}

/** `distribution.withdrawals`: the caller's withdrawals, newest first. */
export async function myWithdrawals(ctx: MemberContext, input: PageInput): Promise<WithdrawalsView> {
  const d = await requireDistributor(ctx);
  const _ = ctx.db.command;
  const { data } = await ctx.db
    .collection<WithdrawalRecord>(WITHDRAWALS)
    .where(afterCursor(_, { _openid: d._id }, 'createdAt', input.after))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit)
    .get();
  const last = data[data.length - 1];
  const now = ctx.clock.now();
  return { withdrawals: data.map((w) => toWithdrawalView(w, now)), next: data.length === input.limit ? cursorOf(last.createdAt, last._id) : null };
}

/**
 * `distribution.checkWithdrawal`: the owner's withdrawal, asked of WeChat Pay now when it is still transferring
 * (the app calls it after the member confirmed receipt, so the withdrawal shows paid at once rather than after
 * the night's timer). Another member's number answers not found.
 */
export async function checkWithdrawal(ctx: MemberContext, input: WithdrawalNoInput): Promise<WithdrawResultView> {
  const d = await requireDistributor(ctx);
  let w = await getOrNull<WithdrawalRecord>(ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).doc(input.withdrawalNo));
  if (!w || w._openid !== d._id) throw new AppError('WITHDRAWAL_NOT_FOUND', '没有找到这笔提现');
  if (w.status === 'transferring') {
    try {
      w = await followUpTransfer(ctx, w._id);
    } catch (e) {
      // WeChat Pay could not answer: the stored state stands; the timer asks again.
      ctx.log.warn('distribution.transfer.check_failed', { withdrawal: w._id, err: describeError(e) });
    }
  }
  const account = await getOrNull<CommissionAccountRecord>(ctx.db.collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS).doc(d._id));
  return { withdrawal: toWithdrawalView(w, ctx.clock.now()), account: totalsView(account) };
}
