import type { Query } from '../../_platform/database.port';
import { describeError, SHARED_HOURS_MAX_CONCURRENCY, startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import type { JobContext } from '../shared/use-case-context';
import { abandonFormingGroup, failExpiredGroup, processRefund, releaseUnpaid, returnFailedGroupsStock, settleCompletedGroup } from './deal-lifecycle.service';
import { orders, sweepStaleClaims } from './deal-orders.service';
import { GROUPS, type DealOrderRecord, type GroupRecord } from './groupbuy.record';

/** A refund that failed is asked again on a later run, not in the same breath. */
const REFUND_RETRY_AFTER_MS = 30_000;

export interface GroupBuyJobResult {
  expired: number;
  refunded: number;
  released: number;
  settled: number;
  refundsRetried: number;
  repaired: number;
  failures: number;
  /** false: the budget ran out with work left; the next run (every minute) continues. */
  done: boolean;
  ms: number;
}

/**
 * Pages through the documents `query` finds, doing `fn` to each, until nothing new is found or the budget
 * is spent. Done documents leave the query (their state changed), so it re-reads the first page; those that
 * failed stay, so each is tried once per run.
 */
async function drain<T extends { _id: string }>(budget: Budget, query: () => Query<T>, fn: (doc: T) => Promise<void>, onError: (doc: T, e: unknown) => void): Promise<boolean> {
  const tried = new Set<string>();
  for (;;) {
    if (budget.spent()) return false;
    const size = budget.pageSize;
    const found = await budget.query(() => query().limit(size).get());
    if (!found) return false;
    const fresh = found.data.filter((d) => !tried.has(d._id));
    if (fresh.length === 0) return true;
    for (const d of fresh) tried.add(d._id);
    const started = await budget.run(fresh, async (d) => {
      try {
        await fn(d);
      } catch (e) {
        onError(d, e);
      }
    });
    if (started < fresh.length) return false;
  }
}

/**
 * The `groupbuy` timer, every minute: groups past their window fail and every paid member is refunded their
 * own payment; unpaid holds past their minutes are released; refunds WeChat Pay refused are asked again
 * (same refund number); and what a crash left half-done is finished (groups not yet settled, claims left
 * claiming). Each step is idempotent, so a run that stops at its budget
 * is simply continued by the next.
 */
export async function groupBuyJob(ctx: JobContext, opts: BatchOptions = {}): Promise<GroupBuyJobResult> {
  // Runs around the clock, beside members' requests: at most half the environment's database connections.
  const budget = startBudget({ maxConcurrency: SHARED_HOURS_MAX_CONCURRENCY, ...opts });
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const r: GroupBuyJobResult = { expired: 0, refunded: 0, released: 0, settled: 0, refundsRetried: 0, repaired: 0, failures: 0, done: true, ms: 0 };
  const fail = (what: string) => (d: { _id: string }, e: unknown) => {
    r.failures += 1;
    ctx.log.warn('groupbuy.job_item_failed', { what, id: d._id, err: describeError(e) });
  };
  const groups = () => ctx.db.collection<GroupRecord>(GROUPS);

  const steps: (() => Promise<boolean>)[] = [
    () =>
      drain(
        budget,
        () => groups().where({ status: 'open', expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc'),
        async (g) => {
          const out = await failExpiredGroup(ctx, g._id);
          if (out.failed) r.expired += 1;
          r.refunded += out.refunded;
        },
        fail('expire'),
      ),
    () =>
      drain(
        budget,
        () => orders(ctx.db).where({ status: 'awaiting_payment', holdUntil: _.lte(now) }).orderBy('holdUntil', 'asc'),
        async (o) => {
          const after = await releaseUnpaid(ctx, o._id);
          if (after?.order.status === 'released') r.released += 1;
        },
        fail('release'),
      ),
    () =>
      drain(
        budget,
        () => groups().where({ status: _.in(['completed', 'failed']), settled: false }),
        async (g) => {
          if (g.status === 'completed') await settleCompletedGroup(ctx, g._id);
          else r.refunded += (await failExpiredGroup(ctx, g._id)).refunded;
          r.settled += 1;
        },
        fail('settle'),
      ),
    () =>
      drain(
        budget,
        () => orders(ctx.db).where({ status: 'refunding', updatedAt: _.lt(new Date(now.getTime() - REFUND_RETRY_AFTER_MS)) }).orderBy('updatedAt', 'asc'),
        async (o: DealOrderRecord) => {
          const after = await processRefund(ctx, o);
          r.refundsRetried += 1;
          if (after.status === 'refunded') r.refunded += 1;
        },
        fail('refund'),
      ),
    async () => {
      // Reserved units of failed groups, a batch per deal at a time (see returnFailedGroupsStock).
      for (;;) {
        if (budget.spent()) return false;
        const { data } = await groups().where({ status: 'failed', stockReturned: false }).limit(budget.pageSize).get();
        if (data.length === 0) return true;
        try {
          if ((await returnFailedGroupsStock(ctx, data)) === 0) return true;
        } catch (e) {
          fail('group-stock')({ _id: data[0].dealId }, e);
          return true;
        }
      }
    },
    async () => {
      const voided = await sweepStaleClaims(ctx, budget.pageSize);
      for (const o of voided) if (o.role === 'leader' && o.groupId) await abandonFormingGroup(ctx, o.groupId);
      r.repaired += voided.length;
      return true;
    },
  ];
  for (const run of steps) {
    if (!(await run())) {
      r.done = false;
      break;
    }
  }
  r.ms = budget.ms();
  return r;
}
