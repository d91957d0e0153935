import { isDatabaseError } from '../../_platform/database.port';
import { describeError, redactOpenid, startBudget, type BatchOptions, type BatchReport } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import type { JobContext } from '../shared/use-case-context';
import { housekeepInTx } from './points-ledger.service';
import { POINT_ACCOUNTS, type PointAccountRecord } from './points.record';

export interface ReleaseAndExpireResult extends BatchReport {
  /** Accounts housekept by this run. */
  processed: number;
  /** Ledger entries written (a release and an expiry count one each). */
  entries: number;
  /** Accounts skipped after repeated write conflicts: the member's own action housekept them meanwhile. */
  skipped: number;
  /** Accounts that failed (logged); the next run tries them again. */
  failed: number;
}

/**
 * The nightly job (`points` timer, 00:05 Beijing): releases pending purchase points whose after-sale window
 * ended and expires lots past their last day, one transaction per account (`housekeepInTx`), for every
 * account whose `nextDueOn` has come.
 *
 * Concurrency and page size follow the run's measured throughput (batch-job.ts); an account is started only when
 * its measured cost fits in what is left of the budget. Resumable without a stored cursor: a housekept account's
 * `nextDueOn` moves past today, so it drops out of the query; a rerun sees only what is left. Within one run the query still moves past the last `_id` of
 * each page, so an account that keeps matching (it failed, or its `nextDueOn` is stale) is tried once per run
 * and the loop can't spin on it. Member actions housekeep inside their own transactions, so a late or
 * unfinished run never lets anyone spend expired points (and `points.summary` shows today's state anyway).
 */
export async function releaseAndExpireJob(ctx: JobContext, opts: BatchOptions = {}): Promise<ReleaseAndExpireResult> {
  const budget = startBudget(opts);
  // One instant for the whole run: the business day can't change under a run that crosses midnight.
  const now = ctx.clock.now();
  const today = businessDay(now);
  const _ = ctx.db.command;
  const accounts = ctx.db.collection<PointAccountRecord>(POINT_ACCOUNTS);
  const totals = { processed: 0, entries: 0, skipped: 0, failed: 0 };
  const finish = (done: boolean): ReleaseAndExpireResult => ({ ...totals, ...budget.report(done) });

  const housekeep = async (openid: string): Promise<void> => {
    try {
      // Not `totals.entries += await ...`: that reads the total before awaiting and loses concurrent counts.
      const written = await ctx.db.runTransaction((tx) => housekeepInTx(tx, openid, now));
      totals.entries += written;
      totals.processed++;
    } catch (e) {
      if (isDatabaseError(e, 'conflict')) {
        totals.skipped++;
        return;
      }
      totals.failed++;
      ctx.log.error('points.housekeep.failed', { account: redactOpenid(openid), err: describeError(e) });
    }
  };

  let after: string | null = null;
  for (;;) {
    const due: Record<string, unknown> = { nextDueOn: _.lte(today) };
    if (after !== null) due._id = _.gt(after);
    const size = budget.pageSize;
    const page = await budget.query(() => accounts.where(due).orderBy('_id', 'asc').limit(size).field({ _id: true }).get());
    if (!page) return finish(false);
    const { data } = page;
    if (data.length === 0) return finish(true);
    const started = await budget.run(data, ({ _id }) => housekeep(_id));
    if (started < data.length) return finish(false);
    // A short page was the last: housekept accounts can't match again today, new ones don't appear mid-run.
    if (data.length < size) return finish(true);
    after = data[data.length - 1]._id;
  }
}
