import type { Database } from '../../_platform/database.port';
import { getOrNull } from './db-helpers';

/**
 * What every batch job shares. A timer runs one cloud-function call: at most 60 s, and a query returns at most
 * 1,000 records (PLATFORM_FACTS.md). So a job pages through its documents, stops starting work once its time
 * budget is spent, and reports `done: false`; the next trigger (or a manual re-trigger) picks up the rest.
 */
export interface BatchOptions {
  /** Stop starting new work after this many ms: default 50 s, leaving 10 s of the 60 s limit to finish. */
  budgetMs?: number;
  /** Records per query, at most 1,000 (the cloud's cap). */
  pageSize?: number;
  /** Documents processed at the same time within a page. */
  concurrency?: number;
  /** Milliseconds since the job started, for the budget; tests pass a fake to stop at an exact point. */
  elapsedMs?: () => number;
}

export const DEFAULT_BUDGET_MS = 50_000;
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 10;

export interface Budget {
  readonly pageSize: number;
  readonly concurrency: number;
  /** True once the budget is spent: start nothing new. */
  spent(): boolean;
  /** Wall-clock ms since the start (the platform clock is business time, settable, so not used here). */
  ms(): number;
}

export function startBudget(opts: BatchOptions = {}): Budget {
  const t0 = Date.now();
  const ms = () => Date.now() - t0;
  const elapsed = opts.elapsedMs ?? ms;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  return {
    pageSize: Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(opts.pageSize ?? MAX_PAGE_SIZE))),
    concurrency: Math.max(1, Math.floor(opts.concurrency ?? DEFAULT_CONCURRENCY)),
    spent: () => elapsed() >= budgetMs,
    ms,
  };
}

/**
 * Runs `fn` over `items` in order, at most `concurrency` at a time, starting none once `stop()` is true.
 * Returns how many were started: always a prefix of `items`, all finished when this resolves, so a cursor
 * can move to the last started item. `fn` must not reject (catch and count inside it).
 */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  stop: () => boolean,
  fn: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const item = items[next++];
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return next;
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
