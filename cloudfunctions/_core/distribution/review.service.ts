import { MEMBERS, type MemberRecord } from '../member/member.record';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { balanceOf, planVoid } from './commission-ledger.rules';
import { postCommissionsInTx } from './commission-ledger.service';
import { toCommissionView } from './commission-views.service';
import { settlePosting } from './commissionable-order.service';
import { liveFen, reasonOf, type CommissionStatus } from './commission.rules';
import {
  COMMISSION_ACCOUNTS,
  COMMISSIONS,
  WITHDRAWALS,
  type CommissionAccountRecord,
  type CommissionRecord,
  type CommissionReview,
  type WithdrawalRecord,
} from './distribution.record';
import type { ReviewCommissionInput, ReviewQueueView, ReviewWithdrawalInput } from './distribution.schema';
import { moveWithdrawal, payOut, withdrawalSummary } from './withdrawal.service';

const QUEUE_LIMIT = 50;

async function memberNos(ctx: StaffContext, openids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return new Map();
  const { data } = await ctx.db
    .collection<MemberRecord>(MEMBERS)
    .where({ _id: ctx.db.command.in(unique) })
    .field({ memberNo: true })
    .limit(unique.length)
    .get();
  return new Map(data.map((m) => [m._id, m.memberNo]));
}

async function balances(ctx: StaffContext, openids: readonly string[]): Promise<Map<string, number>> {
  const unique = [...new Set(openids)];
  if (unique.length === 0) return new Map();
  const { data } = await ctx.db
    .collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS)
    .where({ _id: ctx.db.command.in(unique) })
    .limit(unique.length)
    .get();
  return new Map(data.map((a) => [a._id, balanceOf(a)]));
}

const reviewCommissionView = (c: CommissionRecord, nos: Map<string, string>) => ({
  ...toCommissionView(c),
  distributorNo: nos.get(c._openid) ?? '',
  flags: c.flags,
});

/** `distribution.reviewQueue`: flagged commissions and withdrawals waiting for approval, oldest first. */
export async function reviewQueue(ctx: StaffContext): Promise<ReviewQueueView> {
  const [flagged, waiting] = await Promise.all([
    ctx.db.collection<CommissionRecord>(COMMISSIONS).where({ status: 'flagged' }).orderBy('createdAt', 'asc').limit(QUEUE_LIMIT).get(),
    ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).where({ status: 'awaiting_approval' }).orderBy('updatedAt', 'asc').limit(QUEUE_LIMIT).get(),
  ]);
  const owners = [...flagged.data.map((c) => c._openid), ...waiting.data.map((w) => w._openid)];
  const [nos, money] = await Promise.all([memberNos(ctx, owners), balances(ctx, waiting.data.map((w) => w._openid))]);
  return {
    commissions: flagged.data.map((c) => reviewCommissionView(c, nos)),
    withdrawals: waiting.data.map((w) => ({ ...withdrawalSummary(w), distributorNo: nos.get(w._openid) ?? '', balanceFen: money.get(w._openid) ?? 0 })),
  };
}

/**
 * `distribution.reviewCommission`: an operator decides a flagged commission. Approved, it goes on as if never
 * flagged (settled at once when its window has passed); rejected, it is voided. Audited, exactly once.
 */
export async function reviewCommission(ctx: StaffContext, input: ReviewCommissionInput) {
  const now = ctx.clock.now();
  const today = businessDay(now);
  const review: CommissionReview = { verdict: input.verdict === 'approve' ? 'approved' : 'rejected', by: ctx.staff._id, note: input.note, at: now };
  const c = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<CommissionRecord>(COMMISSIONS).doc(input.commissionId);
    const found = await getOrNull<CommissionRecord>(ref);
    if (!found) throw new AppError('COMMISSION_NOT_FOUND', '没有找到这笔佣金');
    if (found.status !== 'flagged') throw new AppError('REVIEW_NOT_PENDING', '这笔佣金已经处理过了');
    let status: CommissionStatus;
    if (input.verdict === 'reject') {
      status = 'voided';
      await postCommissionsInTx(tx, found._openid, [{ key: `void:${found._id}`, kind: 'void', ref: found._id, reason: '审核未通过，佣金作废', plan: () => planVoid(liveFen(found)) }], now);
    } else if (found.settleOn === null) status = 'in_progress';
    else if (found.settleOn <= today) {
      status = 'settled';
      await postCommissionsInTx(tx, found._openid, [settlePosting(found)], now);
    } else status = 'pending';
    const reason = input.verdict === 'reject' ? '审核未通过，佣金作废' : reasonOf({ ...found, status, flags: [] });
    const next: CommissionRecord = { ...found, status, reason, review, updatedAt: now };
    await ref.update({ data: { status, reason, review: ctx.db.command.set(review), updatedAt: now } });
    await appendAudit(tx, ctx.staff, { action: `commission.${review.verdict}`, target: found._openid, detail: { commissionId: found._id, amountFen: found.amountFen, note: input.note } }, now);
    return next;
  });
  const nos = await memberNos(ctx, [c._openid]);
  return { commission: reviewCommissionView(c, nos) };
}

/**
 * `distribution.reviewWithdrawal`: approve (then paid out at once) or reject (the amount goes back to the
 * balance) a withdrawal above the approval threshold. Audited; a second decision finds it decided.
 */
export async function reviewWithdrawal(ctx: StaffContext, input: ReviewWithdrawalInput) {
  const now = ctx.clock.now();
  const found = await getOrNull<WithdrawalRecord>(ctx.db.collection<WithdrawalRecord>(WITHDRAWALS).doc(input.withdrawalNo));
  if (!found) throw new AppError('WITHDRAWAL_NOT_FOUND', '没有找到这笔提现');
  const review: CommissionReview = { verdict: input.verdict === 'approve' ? 'approved' : 'rejected', by: ctx.staff._id, note: input.note, at: now };
  const to = input.verdict === 'approve' ? 'transferring' : 'rejected';
  const result = await moveWithdrawal(ctx, found._id, 'awaiting_approval', to, { review }, async (tx, next) => {
    await appendAudit(tx, ctx.staff, { action: `withdrawal.${review.verdict}`, target: next._openid, detail: { withdrawalNo: next._id, amountFen: next.amountFen, note: input.note } }, now);
  });
  if (!result.moved) throw new AppError('REVIEW_NOT_PENDING', '这笔提现已经处理过了');
  let w = result.withdrawal;
  if (w.status === 'transferring') w = await payOut(ctx, w._id);
  const [nos, money] = await Promise.all([memberNos(ctx, [w._openid]), balances(ctx, [w._openid])]);
  return { withdrawal: { ...withdrawalSummary(w), distributorNo: nos.get(w._openid) ?? '', balanceFen: money.get(w._openid) ?? 0 } };
}
