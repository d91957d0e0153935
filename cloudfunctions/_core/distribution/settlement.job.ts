import { isDatabaseError } from '../../_platform/database.port';
import { distributionConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { describeError, forEachMatch, redactOpenid, startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { postCommissionsInTx, type CommissionPosting } from './commission-ledger.service';
import { applyOrderFacts, settlePosting } from './commissionable-order.service';
import { reasonOf, type FlagCode } from './commission.rules';
import type { DistributionConfig } from './distribution-config.schema';
import {
  COMMISSION_ORDERS,
  COMMISSIONS,
  REFERRALS,
  WITHDRAWALS,
  type CommissionRecord,
  type ReferralRecord,
} from './distribution.record';
import { followUpTransfer } from './withdrawal.service';

export interface SettlementResult {
  /** Noted order facts applied by this run (those the source's own call could not apply). */
  ordersApplied: number;
  settled: number;
  /** Held at settlement for an operator (the buyer has refunded repeatedly since). */
  flagged: number;
  /** Withdrawals whose transfer was followed up. */
  transfers: number;
  failed: number;
  done: boolean;
  ms: number;
  /** Chunks at the same time when the run ended (chosen by the budget). */
  concurrency: number;
}

/** Commissions settled in one transaction at most (one distributor's account is written once per chunk). */
const SETTLE_CHUNK = 25;
/** A withdrawal is followed up once its last answer is this old (a member's own call may still be running). */
const TRANSFER_FOLLOW_UP_MS = 5 * 60_000;

/**
 * The `distribution` timer (every 10 minutes from 01:00 to 02:50 Beijing, so a run that hit the time limit
 * is resumed the same night): applies order facts left unprocessed, settles commissions whose after-sale
 * window has passed (one transaction per distributor and chunk, so the distributor's account is not fought
 * over), and follows up transfers WeChat Pay had not finished. Resumable without a cursor document: what is
 * done drops out of each query.
 */
export async function settlementJob(ctx: JobContext, opts: BatchOptions = {}): Promise<SettlementResult> {
  // A night job: the budget sizes how many chunks run at once, up to the whole connection quota.
  const budget = startBudget(opts);
  const now = ctx.clock.now();
  const cfg = await loadConfig(ctx, distributionConfig);
  const result: SettlementResult = { ordersApplied: 0, settled: 0, flagged: 0, transfers: 0, failed: 0, done: false, ms: 0, concurrency: 0 };
  const ordersDone = await applyLeftOrders(ctx, cfg, budget, result);
  const settleDone = await settleDue(ctx, cfg, budget, now, result);
  const transfersDone = await followUpTransfers(ctx, budget, now, result);
  return { ...result, ...budget.report(ordersDone && settleDone && transfersDone) };
}

function applyLeftOrders(ctx: JobContext, cfg: DistributionConfig, budget: Budget, result: SettlementResult): Promise<boolean> {
  return forEachMatch(ctx.db, ctx.db.collection(COMMISSION_ORDERS), { needsWork: true }, budget, async (id) => {
    try {
      await applyOrderFacts(ctx, cfg, id);
      result.ordersApplied++;
    } catch (e) {
      result.failed++;
      ctx.log.error('distribution.order.failed', { order: id, err: describeError(e) });
    }
  });
}

async function settleDue(ctx: JobContext, cfg: DistributionConfig, budget: Budget, now: Date, result: SettlementResult): Promise<boolean> {
  const _ = ctx.db.command;
  const today = businessDay(now);
  const base = { status: 'pending', settleOn: _.lte(today) };
  let cursor: { settleOn: string; id: string } | null = null;
  for (;;) {
    const size = budget.pageSize;
    const where: Record<string, unknown> =
      cursor === null
        ? base
        : (_.and([base, _.or([{ settleOn: _.gt(cursor.settleOn) }, { settleOn: cursor.settleOn, _id: _.gt(cursor.id) }])]) as unknown as Record<string, unknown>);
    const page = await budget.query(() =>
      ctx.db
        .collection<CommissionRecord>(COMMISSIONS)
        .where(where)
        .orderBy('settleOn', 'asc')
        .orderBy('_id', 'asc')
        .limit(size)
        .field({ _id: true, _openid: true, settleOn: true })
        .get(),
    );
    if (!page) return false;
    const { data } = page;
    if (data.length === 0) return true;
    const groups = new Map<string, string[]>();
    for (const c of data) groups.set(c._openid, [...(groups.get(c._openid) ?? []), c._id]);
    const chunks = [...groups].flatMap(([openid, ids]) => {
      const out: { openid: string; ids: string[] }[] = [];
      for (let i = 0; i < ids.length; i += SETTLE_CHUNK) out.push({ openid, ids: ids.slice(i, i + SETTLE_CHUNK) });
      return out;
    });
    // One distributor's chunks one after another (their transactions would only conflict on the account).
    const started = await budget.run(chunks, (chunk) => settleChunk(ctx, cfg, chunk, now, result), (chunk) => chunk.openid);
    if (started < chunks.length) return false;
    if (data.length < size) return true;
    const last = data[data.length - 1];
    cursor = { settleOn: last.settleOn!, id: last._id };
  }
}

/** Settles one distributor's due commissions in one transaction; a buyer who refunds repeatedly holds theirs. */
async function settleChunk(ctx: JobContext, cfg: DistributionConfig, chunk: { openid: string; ids: string[] }, now: Date, result: SettlementResult): Promise<void> {
  const today = businessDay(now);
  try {
    const counts = await ctx.db.runTransaction(async (tx) => {
      const postings: CommissionPosting[] = [];
      const moves: { c: CommissionRecord; status: 'settled' | 'flagged'; flags: FlagCode[] }[] = [];
      const refundsOf = new Map<string, number>();
      for (const id of chunk.ids) {
        const c = await getOrNull<CommissionRecord>(tx.collection<CommissionRecord>(COMMISSIONS).doc(id));
        if (!c || c.status !== 'pending' || c.settleOn === null || c.settleOn > today) continue;
        if (!refundsOf.has(c.buyer)) {
          const node = await getOrNull<ReferralRecord>(tx.collection<ReferralRecord>(REFERRALS).doc(c.buyer));
          refundsOf.set(c.buyer, node?.refunds ?? 0);
        }
        if (refundsOf.get(c.buyer)! >= cfg.antiFraud.refundsToFlag && !c.review) {
          moves.push({ c, status: 'flagged', flags: [...new Set<FlagCode>([...c.flags, 'repeat_refunds'])] });
        } else {
          postings.push(settlePosting(c));
          moves.push({ c, status: 'settled', flags: c.flags });
        }
      }
      if (postings.length) await postCommissionsInTx(tx, chunk.openid, postings, now);
      for (const m of moves) {
        await tx.collection(COMMISSIONS).doc(m.c._id).update({
          data: { status: m.status, flags: ctx.db.command.set(m.flags), reason: reasonOf({ ...m.c, status: m.status, flags: m.flags }), updatedAt: now },
        });
      }
      return { settled: postings.length, flagged: moves.length - postings.length };
    });
    result.settled += counts.settled;
    result.flagged += counts.flagged;
  } catch (e) {
    // A conflict means the distributor's own action (a withdrawal, a refund) wrote meanwhile: the next run settles.
    result.failed++;
    if (!isDatabaseError(e, 'conflict')) ctx.log.error('distribution.settle.failed', { distributor: redactOpenid(chunk.openid), err: describeError(e) });
  }
}

function followUpTransfers(ctx: JobContext, budget: Budget, now: Date, result: SettlementResult): Promise<boolean> {
  const before = new Date(now.getTime() - TRANSFER_FOLLOW_UP_MS);
  return forEachMatch(ctx.db, ctx.db.collection(WITHDRAWALS), { status: 'transferring', updatedAt: ctx.db.command.lt(before) }, budget, async (id) => {
    try {
      await followUpTransfer(ctx, id);
      result.transfers++;
    } catch (e) {
      result.failed++;
      ctx.log.error('distribution.transfer.follow_up_failed', { withdrawal: id, err: describeError(e) });
    }
  });
}
