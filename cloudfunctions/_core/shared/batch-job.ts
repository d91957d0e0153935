import type { CollectionRef, Database } from '../../_platform/database.port';
import {
  expectedCost,
  firstSizing,
  nextSizing,
  NO_ESTIMATE,
  observeCost,
  type CostEstimate,
  type FixedSizing,
  type Sizing,
  type SizingBounds,
} from './batch-sizing.rules';
import { getOrNull } from './db-helpers';

/**
 * What every batch job shares. A timer runs one cloud-function call: at most 60 s, and a query returns at most
 * 1,000 records (PLATFORM_FACTS.md). So a job pages through its documents, never starts an item (or a page
 * query) that its measured cost says cannot end inside its time budget, and reports `done: false`; the next
 * trigger (or a manual re-trigger) picks up the rest. Concurrency and page size follow what the run measures
 * (batch-sizing.rules.ts) unless fixed by the caller.
 */
export interface BatchOptions {
  /** Start nothing that would end after this many ms: default 50 s, leaving 10 s of the 60 s limit. */
  budgetMs?: number;
  /** Records per query, at most 1,000 (the cloud's cap). Default: sized from the run's measured throughput. */
  pageSize?: number;
  /** Items processed at the same time. Default: chosen from measured throughput, up to `maxConcurrency`. */
  concurrency?: number;
  /**
   * Bound of the chosen concurrency: default 20, the database connections of WeChat Cloud's basic plan (a quota of
   * the environment, so a night job may take it all; daytime jobs pass SHARED_HOURS_MAX_CONCURRENCY).
   */
  maxConcurrency?: number;
  /** Milliseconds since the job started, for all budget decisions; tests pass a fake to stop at an exact point. */
  elapsedMs?: () => number;
}

export const DEFAULT_BUDGET_MS = 50_000;
export const MAX_PAGE_SIZE = 1000;
export const MIN_CONCURRENCY = 2;
export const MAX_CONCURRENCY = 20;
/**
 * The bound for jobs that run while members are about (the coupons timer at 10:00, the mall's every 5 minutes):
 * the connection quota is the environment's, shared with every member's request, so they take at most half.
 */
export const SHARED_HOURS_MAX_CONCURRENCY = MAX_CONCURRENCY / 2;
/** A settled page takes about this long: the cursor moves at least this often. */
export const PAGE_TARGET_MS = 5_000;

/** What every budgeted job reports besides its own counts. */
export interface BatchReport {
  /** False when the time budget ran out first: the next run resumes. */
  done: boolean;
  /** Wall-clock ms the run took. */
  ms: number;
  /** Items handled at the same time when the run ended (chosen from measured throughput unless fixed). */
  concurrency: number;
}

export interface Budget {
  /** Records for the next page query. */
  readonly pageSize: number;
  /** Items the next page runs at the same time. */
  readonly concurrency: number;
  /** Records per query of a step that handles a whole page at once (one bulk update): the fixed size, else 1,000. */
  readonly bulkPageSize: number;
  /** True once the time left cannot fit one more item (estimated from the items measured so far). */
  spent(): boolean;
  /** Wall-clock ms since the start (the platform clock is business time, settable, so not used here). */
  ms(): number;
  report(done: boolean): BatchReport;
  /** A page query that items will follow: run only when it and one item fit; null = out of time, start nothing. */
  query<R>(fn: () => Promise<R>): Promise<R | null>;
  /** One step on its own (a bulk update, a cursor save): run only when it fits; null = out of time. */
  step<R>(fn: () => Promise<R>): Promise<R | null>;
  /**
   * Runs `fn` over `items` in order, `concurrency` at a time, each timed, starting none that cannot end in
   * the budget. Returns how many were started, all finished when this resolves. Without `lane` the started
   * ones are a prefix of `items`, so a cursor can move to the last started item. With `lane`, items of one lane
   * run one after another (say, orders of one hot item, whose transactions would only conflict), and the
   * started ones are not necessarily a prefix. `fn` must not reject (catch and count inside it).
   */
  run<T>(items: readonly T[], fn: (item: T) => Promise<void>, lane?: (item: T) => string): Promise<number>;
}

export function startBudget(opts: BatchOptions = {}): Budget {
  const t0 = Date.now();
  const ms = () => Date.now() - t0;
  const elapsed = opts.elapsedMs ?? ms;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const maxConcurrency = Math.max(1, Math.floor(opts.maxConcurrency ?? MAX_CONCURRENCY));
  const bounds: SizingBounds = {
    minConcurrency: Math.min(MIN_CONCURRENCY, maxConcurrency),
    maxConcurrency,
    maxPageSize: MAX_PAGE_SIZE,
    pageTargetMs: PAGE_TARGET_MS,
  };
  const fixed: FixedSizing = {};
  if (opts.concurrency !== undefined) fixed.concurrency = Math.max(1, Math.floor(opts.concurrency));
  if (opts.pageSize !== undefined) fixed.pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(opts.pageSize)));
  let sizing: Sizing = firstSizing(bounds, fixed);
  let item: CostEstimate = NO_ESTIMATE;
  let step: CostEstimate = NO_ESTIMATE;

  const fits = (ms: number) => elapsed() + ms < budgetMs;
  const timedStep = async <R>(reserve: number, fn: () => Promise<R>): Promise<R | null> => {
    if (!fits(expectedCost(step) + reserve)) return null;
    const t = elapsed();
    try {
      return await fn();
    } finally {
      step = observeCost(step, elapsed() - t);
    }
  };

  return {
    get pageSize() {
      return sizing.pageSize;
    },
    get concurrency() {
      return sizing.concurrency;
    },
    bulkPageSize: fixed.pageSize ?? MAX_PAGE_SIZE,
    spent: () => !fits(expectedCost(item)),
    ms,
    report: (done) => ({ done, ms: ms(), concurrency: sizing.concurrency }),
    query: (fn) => timedStep(expectedCost(item), fn),
    step: (fn) => timedStep(0, fn),
    async run(items, fn, lane) {
      const t = elapsed();
      const started = items.map(() => false);
      const busy = new Set<string>();
      let count = 0;
      let first = 0;
      const pick = (): number => {
        while (first < items.length && started[first]) first++;
        for (let i = first; i < items.length; i++) if (!started[i] && !(lane && busy.has(lane(items[i])))) return i;
        return -1;
      };
      // A worker that finds only busy lanes stops: their owners take their next items themselves.
      const worker = async () => {
        for (let i = pick(); i >= 0 && fits(expectedCost(item)); i = pick()) {
          started[i] = true;
          count++;
          const key = lane?.(items[i]);
          if (key !== undefined) busy.add(key);
          const t0 = elapsed();
          await fn(items[i]);
          item = observeCost(item, elapsed() - t0);
          if (key !== undefined) busy.delete(key);
        }
      };
      await Promise.all(Array.from({ length: Math.min(sizing.concurrency, items.length) }, worker));
      sizing = nextSizing(sizing, { items: count, ms: elapsed() - t }, bounds, fixed);
      return count;
    },
  };
}

/** Logs keep enough of an openid to correlate, not to identify. */
export const redactOpenid = (openid: string) => (openid.length > 8 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : '…');

export const describeError = (e: unknown) => (e instanceof Error ? { name: e.name, message: e.message } : { message: String(e) });

/**
 * `job_cursors/{job}`: where a job that can't tell done documents from the rest (the tier review leaves
 * most members as they were) stopped today. A new business day starts from the beginning.
 */
export interface JobCursorRecord {
  _id: string;
  /** Business day of the run this cursor belongs to. */
  day: string;
  /** Last `_id` handled; null = not started. */
  after: string | null;
  done: boolean;
  updatedAt: Date;
}
export const JOB_CURSORS = 'job_cursors';

export async function loadCursor(db: Database, job: string, day: string): Promise<{ after: string | null; done: boolean }> {
  const cursor = await getOrNull<JobCursorRecord>(db.collection<JobCursorRecord>(JOB_CURSORS).doc(job));
  return cursor?.day === day ? { after: cursor.after, done: cursor.done } : { after: null, done: false };
}

export async function saveCursor(db: Database, job: string, cursor: Omit<JobCursorRecord, '_id'>): Promise<void> {
  await db.collection(JOB_CURSORS).doc(job).set({ data: cursor });
}

/**
 * Runs `fn` on the id of every document of `collection` matching `where`, page by page in `_id` order, through
 * `budget.run` (as many at a time as the budget sizes, starting nothing that cannot end in it). For jobs whose finished documents
 * drop out of `where` (so a later run resumes without a cursor document). Returns true when every match was
 * started (and finished). `fn` must not reject (catch and count inside it).
 */
export async function forEachMatch(
  db: Database,
  records: CollectionRef,
  where: Record<string, unknown>,
  budget: Budget,
  fn: (id: string) => Promise<void>,
): Promise<boolean> {
  const _ = db.command;
  let after: string | null = null;
  for (;;) {
    const size = budget.pageSize;
    const match: Record<string, unknown> = after === null ? where : { ...where, _id: _.gt(after) };
    const page = await budget.query(() => records.where(match).orderBy('_id', 'asc').limit(size).field({ _id: true }).get());
    if (!page) return false;
    const { data } = page;
    if (data.length === 0) return true;
    const started = await budget.run(data, ({ _id }) => fn(_id));
    if (started < data.length) return false;
    if (data.length < size) return true;
    after = data[data.length - 1]._id;
  }
}
