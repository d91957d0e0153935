import type { CollectionRef, DocData } from '../../_platform/database.port';
import { USED_CODES } from '../member/member-code.record';
import { MESSAGE_CAPS } from '../messaging/outbox.record';
import { startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import { REQUEST_LOG } from '../shared/idempotency';
import type { JobContext } from '../shared/use-case-context';
import { STAFF_VISITS } from '../staff/staff-visit.record';
import { PIN_ATTEMPTS } from '../shared/one-time-pin';

/** Request ids only guard retries; after 30 days nobody retries, so their log can go. */
export const REQUEST_LOG_RETENTION_DAYS = 30;

export interface HousekeepingResult {
  requests: number;
  usedCodes: number;
  visits: number;
  messageCaps: number;
  pinAttempts: number;
  /** False when the time budget ran out first: the next run removes the rest. */
  done: boolean;
  ms: number;
}

/**
 * Removes records whose only job was short-lived: old request ids, used member codes past their expiry
 * (an expired code is refused before `used_codes` is read), expired till visits, message-cap counters and typed-code
 * attempt counters. A page of ids at a time (one query, one remove), within the time budget: one unbounded remove
 * of a busy day's request log could outlast the function's 60 s; removed records leave the query, so the next run
 * (the `admin` timer repeats every 10 minutes 03:00–03:50) resumes.
 */
export async function housekeepingJob(ctx: JobContext, opts: BatchOptions = {}): Promise<HousekeepingResult> {
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  const budget = startBudget(opts);
  const cutoff = new Date(now.getTime() - REQUEST_LOG_RETENTION_DAYS * 86_400_000);
  const requests = await purge(ctx, budget, ctx.db.collection(REQUEST_LOG), { createdAt: _.lt(cutoff) });
  const usedCodes = await purge(ctx, budget, ctx.db.collection(USED_CODES), { expiresAt: _.lt(now) });
  const visits = await purge(ctx, budget, ctx.db.collection(STAFF_VISITS), { expiresAt: _.lt(now) });
  const caps = await purge(ctx, budget, ctx.db.collection(MESSAGE_CAPS), { expiresAt: _.lt(now) });
  const pins = await purge(ctx, budget, ctx.db.collection(PIN_ATTEMPTS), { expiresAt: _.lt(now) });
  return {
    requests: requests.n,
    usedCodes: usedCodes.n,
    visits: visits.n,
    messageCaps: caps.n,
    pinAttempts: pins.n,
    done: [requests, usedCodes, visits, caps, pins].every((p) => p.done),
    ms: budget.ms(),
  };
}

async function purge(ctx: JobContext, budget: Budget, records: CollectionRef, where: DocData): Promise<{ n: number; done: boolean }> {
  const size = budget.bulkPageSize;
  let n = 0;
  for (;;) {
    const page = await budget.step(() => records.where(where).limit(size).field({ _id: true }).get());
    if (!page) return { n, done: false };
    if (page.data.length === 0) return { n, done: true };
    const ids = page.data.map((d) => d._id);
    const removed = await budget.step(() => records.where({ ...where, _id: ctx.db.command.in(ids) }).remove());
    if (!removed) return { n, done: false };
    n += removed.stats.removed;
    if (page.data.length < size) return { n, done: true };
  }
}
