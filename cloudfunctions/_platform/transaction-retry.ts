import { isDatabaseError, type Database, type Transaction } from './database.port';

/**
 * Our own bounded retry around `runTransaction`, on both clouds.
 *
 * The SDK re-runs a transaction only when its commit fails with DATABASE_TRANSACTION_CONFLICT
 * (@cloudbase/database src/transaction/index.ts). WeChat's database fails a write to a document another
 * transaction holds at that write, and wx-server-sdk rewraps that failure (errCode -501001) so the SDK never
 * sees the code: on a hot document most conflicts are of this kind and would reach the member as BUSY at once.
 * CloudBase's advice for DATABASE_TRANSACTION_CONFLICT is to retry with backoff; this does, with full jitter
 * so that the members who collided do not collide again in step.
 *
 * `retries` keeps the port's meaning on both clouds: the callback runs at most `retries + 1` times in all,
 * whether a conflict was found at a write (re-run here, after a jittered wait) or at commit (re-run by the SDK
 * at once, from what is left of the budget).
 */
export interface TransactionRetryPolicy {
  /** Re-runs when the caller names none (the SDK's own default is 3). */
  defaultRetries: number;
  /** The wait before re-run k (k = 1, 2, ...) is uniform in [0, min(maxDelayMs, baseDelayMs * 2^(k-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const TRANSACTION_RETRY: TransactionRetryPolicy = { defaultRetries: 3, baseDelayMs: 50, maxDelayMs: 400 };

export interface RetryDeps {
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realDeps: RetryDeps = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** The wait before re-run number `rerun` (1-based): full jitter over an exponentially growing, capped window. */
export function jitteredDelay(policy: TransactionRetryPolicy, rerun: number, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (rerun - 1));
  return Math.floor(random() * window);
}

/** `db` with `runTransaction` retried as above; every other member is `db`'s own. */
export function withTransactionRetry(db: Database, policy: TransactionRetryPolicy = TRANSACTION_RETRY, deps: RetryDeps = realDeps): Database {
  async function runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R> {
    const budget = Math.max(0, Math.floor(Number.isFinite(retries) ? (retries as number) : policy.defaultRetries));
    let runs = 0;
    const counted = (tx: Transaction) => {
      runs++;
      return fn(tx);
    };
    for (let waits = 0; ; ) {
      try {
        return await db.runTransaction(counted, Math.max(0, budget - runs));
      } catch (e) {
        if (!isDatabaseError(e, 'conflict') || runs > budget || waits >= budget) throw e;
        await deps.sleep(jitteredDelay(policy, ++waits, deps.random));
      }
    }
  }
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'runTransaction') return runTransaction;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
