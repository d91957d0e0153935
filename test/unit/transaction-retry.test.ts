import fc from 'fast-check';
import { DatabaseError, type Database, type Transaction } from '../../cloudfunctions/_platform/database.port';
import { jitteredDelay, TRANSACTION_RETRY, withTransactionRetry } from '../../cloudfunctions/_platform/transaction-retry';

const conflict = () => new DatabaseError('conflict', 'document.update:fail -501001 resource system error. database transaction conflict', -501001);

/** A database whose runTransaction runs the callback once per call and fails as scripted. */
function scripted(fail: (call: number) => Error | null): { db: Database; budgets: (number | undefined)[] } {
  const budgets: (number | undefined)[] = [];
  const db = {
    collection: () => {
      throw new Error('unused');
    },
    command: {},
    async runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R> {
      budgets.push(retries);
      const out = await fn({} as Transaction);
      const e = fail(budgets.length);
      if (e) throw e;
      return out;
    },
  } as unknown as Database;
  return { db, budgets };
}

describe('withTransactionRetry', () => {
  it('re-runs after a write-time conflict with a jittered wait, passing the SDK what is left of the budget', async () => {
    const waits: number[] = [];
    const { db, budgets } = scripted((call) => (call <= 2 ? conflict() : null));
    const retrying = withTransactionRetry(db, TRANSACTION_RETRY, { sleep: async (ms) => void waits.push(ms), random: () => 0.999 });
    await expect(retrying.runTransaction(async () => 'ok')).resolves.toBe('ok');
    expect(budgets).toEqual([3, 2, 1]);
    // full jitter over 50 ms, then 100 ms
    expect(waits).toEqual([49, 99]);
  });

  it('gives up after retries + 1 runs in all, with the conflict', async () => {
    const waits: number[] = [];
    const { db, budgets } = scripted(() => conflict());
    const retrying = withTransactionRetry(db, TRANSACTION_RETRY, { sleep: async (ms) => void waits.push(ms), random: () => 0 });
    await expect(retrying.runTransaction(async () => 'ok', 4)).rejects.toMatchObject({ kind: 'conflict' });
    expect(budgets).toEqual([4, 3, 2, 1, 0]);
    expect(waits).toHaveLength(4);
  });

  it('passes every other failure through at once', async () => {
    for (const e of [new DatabaseError('duplicate-key', 'E11000'), new DatabaseError('collection-not-exists', '-502005'), new Error('refused')]) {
      const { db, budgets } = scripted(() => e);
      const retrying = withTransactionRetry(db, TRANSACTION_RETRY, { sleep: async () => {}, random: Math.random });
      await expect(retrying.runTransaction(async () => 1)).rejects.toBe(e);
      expect(budgets).toHaveLength(1);
    }
  });

  it('keeps the rest of the database as it is', () => {
    const { db } = scripted(() => null);
    const retrying = withTransactionRetry(db);
    expect(retrying.command).toBe(db.command);
    expect(() => retrying.collection('x')).toThrow('unused');
  });
});

describe('jitteredDelay', () => {
  it('stays in [0, min(max, base * 2^(k-1))) and is spread over it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (k, r) => {
        const d = jitteredDelay(TRANSACTION_RETRY, k, () => r);
        const window = Math.min(TRANSACTION_RETRY.maxDelayMs, TRANSACTION_RETRY.baseDelayMs * 2 ** (k - 1));
        return Number.isInteger(d) && d >= 0 && d < window;
      }),
    );
    expect(jitteredDelay(TRANSACTION_RETRY, 1, () => 0)).toBe(0);
    expect(jitteredDelay(TRANSACTION_RETRY, 10, () => 0.5)).toBe(TRANSACTION_RETRY.maxDelayMs / 2);
  });
});
