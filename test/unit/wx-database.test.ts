/**
 * The WeChat database adapter against the real wx-server-sdk (scripted server, see test/support/wx-sdk-harness.ts):
 * the error fixtures are what the SDK really throws, the translator sorts them right, and a transaction whose
 * write conflicts is re-run by our retry (the SDK re-runs only commit-time conflicts).
 */
import { AppError } from '../../cloudfunctions/_core/shared/errors';
import { DatabaseError, isDatabaseError, type Database, type Transaction } from '../../cloudfunctions/_platform/database.port';
import { toErrorBody } from '../../cloudfunctions/_platform/runtime/error-mapping';
import { TRANSACTION_RETRY, withTransactionRetry } from '../../cloudfunctions/_platform/transaction-retry';
import { translateWxError, wrapWxDatabase } from '../../cloudfunctions/_platform/wx/wx-database';
import { okResponse, realWxDatabase, tcbError, type ServerCall, type ServerScript } from '../support/wx-sdk-harness';
import { SDK_ERRORS, type SdkErrorFixture } from './fixtures/wx-sdk-errors';

type SdkTx = { collection(n: string): SdkColl };
type SdkDoc = { get(): Promise<unknown>; set(a: unknown): Promise<unknown>; update(a: unknown): Promise<unknown> };
type SdkColl = { doc(id: string): SdkDoc; add(a: unknown): Promise<unknown>; where(q: unknown): { get(): Promise<unknown> } };
type SdkDb = { collection(n: string): SdkColl; runTransaction(fn: (tx: SdkTx) => Promise<unknown>, retries?: number): Promise<unknown> };

/** The TCB action behind each SDK call (@cloudbase/database src/document.ts, collection.ts, query.ts, transaction/index.ts). */
const ACTION: Record<SdkErrorFixture['api'], string> = {
  'collection.add': 'database.insertDocument',
  'collection.get': 'database.getDocument',
  'document.get': 'database.getDocument',
  'document.set': 'database.modifyDocument',
  'document.update': 'database.modifyDocument',
  'transaction.commit': 'database.commitTransaction',
};

function scriptFor(f: SdkErrorFixture): ServerScript {
  return (call, nth) => {
    if (call.api === ACTION[f.api]) {
      if (f.kind === 'not-found') return { data: { list: [] }, requestId: 'r' };
      throw tcbError(f.server.code, f.server.message);
    }
    return okResponse(call, nth);
  };
}

async function callThatFails(db: SdkTx, api: SdkErrorFixture['api']): Promise<unknown> {
  const c = db.collection('members');
  switch (api) {
    case 'collection.add':
      return c.add({ data: { memberNo: '10000001' } });
    case 'collection.get':
      return c.where({ tierCode: 'gold' }).get();
    case 'document.get':
      return c.doc('nobody').get();
    case 'document.set':
      return c.doc('a').set({ data: { n: 1 } });
    case 'document.update':
    case 'transaction.commit':
      return c.doc('a').update({ data: { n: 2 } });
  }
}

async function thrownBySdk(f: SdkErrorFixture): Promise<unknown> {
  const { sdkDb } = realWxDatabase(scriptFor(f));
  const db = sdkDb as SdkDb;
  const run = f.inTransaction ? db.runTransaction((tx) => callThatFails(tx, f.api)) : callThatFails(db as unknown as SdkTx, f.api);
  return run.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
}

const shapeOf = (e: unknown) => {
  const o = e as Record<string, unknown>;
  return 'errCode' in o ? { errCode: o.errCode, errMsg: o.errMsg } : { code: o.code, message: o.message, requestId: o.requestId };
};

describe('wx-server-sdk error fixtures', () => {
  it.each(Object.entries(SDK_ERRORS))('%s is what the real SDK throws', async (_name, f) => {
    const e = await thrownBySdk(f);
    expect(shapeOf(e)).toEqual(f.thrown);
    if ('errMsg' in f.thrown) expect((e as Error).message).toBe(f.thrown.errMsg);
  });
});

describe('translateWxError', () => {
  it.each(Object.entries(SDK_ERRORS))('%s → its kind', (_name, f) => {
    const out = translateWxError(Object.assign(new Error('message' in f.thrown ? f.thrown.message : f.thrown.errMsg), f.thrown));
    expect(isDatabaseError(out, f.kind)).toBe(true);
    if ('errCode' in f.thrown) expect((out as DatabaseError).errCode).toBe(f.thrown.errCode);
  });

  it('never takes -502001 for a duplicate without the E11000 text, and checks conflicts first', () => {
    const kind = (errCode: number, errMsg: string) => (translateWxError(Object.assign(new Error(errMsg), { errCode, errMsg })) as DatabaseError).kind;
    expect(kind(-502001, 'document.set:fail -502001 database request fail. document too large')).toBe('internal');
    expect(kind(-502001, 'collection.add:fail -502001 database request fail. E11000 duplicate key error')).toBe('duplicate-key');
    expect(kind(-501001, 'document.update:fail -501001 resource system error. [TransactionConflict] E11000 while conflicting')).toBe('conflict');
    expect(kind(-502005, 'collection.get:fail -502005 database collection not exists. Db or Table not exist')).toBe('collection-not-exists');
    expect(kind(-501007, 'document.update:fail -501007 invalid parameters. 不能更新_id的值')).toBe('internal');
  });

  it('leaves what the platform did not report as it is (the callback’s own errors, translated ones)', () => {
    const app = new AppError('POINTS_INSUFFICIENT', '积分不足');
    expect(translateWxError(app)).toBe(app);
    const translated = new DatabaseError('not-found', 'x');
    expect(translateWxError(translated)).toBe(translated);
    const plain = new Error('network down');
    expect(translateWxError(plain)).toBe(plain);
  });

  it('reaches the member as BUSY only for conflicts; a missing collection is INTERNAL', () => {
    const body = (f: SdkErrorFixture) => toErrorBody(translateWxError(Object.assign(new Error('x'), f.thrown))).code;
    expect(body(SDK_ERRORS.conflictAtWrite)).toBe('BUSY');
    expect(body(SDK_ERRORS.conflictAtCommit)).toBe('BUSY');
    expect(body(SDK_ERRORS.collectionNotExists)).toBe('INTERNAL');
    expect(body(SDK_ERRORS.generic502001)).toBe('INTERNAL');
  });
});

describe('transactions on the real SDK, through our adapter and retry', () => {
  const instant = { sleep: async () => {}, random: () => 0.5 };
  const starts = (calls: ServerCall[]) => calls.filter((c) => c.api === 'database.startTransaction').length;

  function platformDb(script: ServerScript): { db: Database; calls: ServerCall[] } {
    const { sdkDb, calls } = realWxDatabase(script);
    return { db: withTransactionRetry(wrapWxDatabase(sdkDb), TRANSACTION_RETRY, instant), calls };
  }
  const bump = (tx: Transaction) => tx.collection('mall_stock').doc('mug').update({ data: { sold: 1 } });

  it('a conflict at a write: the SDK does not re-run it, our retry does', async () => {
    let writes = 0;
    const { db, calls } = platformDb((call, nth) => {
      if (call.api === 'database.modifyDocument' && ++writes === 1) throw tcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
      return okResponse(call, nth);
    });
    let runs = 0;
    await db.runTransaction(async (tx) => {
      runs++;
      await bump(tx);
    });
    expect(runs).toBe(2);
    expect(calls.map((c) => c.api)).toEqual([
      'database.startTransaction',
      'database.modifyDocument',
      'database.abortTransaction', // the SDK gave up on its own: no re-run
      'database.startTransaction', // ours
      'database.modifyDocument',
      'database.commitTransaction',
    ]);
  });

  it('a conflict at commit: the SDK re-runs it itself, within the same budget', async () => {
    let commits = 0;
    const { db, calls } = platformDb((call, nth) => {
      if (call.api === 'database.commitTransaction' && ++commits === 1) throw tcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
      return okResponse(call, nth);
    });
    let runs = 0;
    await db.runTransaction(async (tx) => {
      runs++;
      await bump(tx);
    });
    expect(runs).toBe(2);
    expect(starts(calls)).toBe(2);
    expect(calls.filter((c) => c.api === 'database.abortTransaction')).toHaveLength(0);
  });

  it('conflicts that never end: at most retries + 1 runs, then a conflict (BUSY)', async () => {
    const { db, calls } = platformDb((call, nth) => {
      if (call.api === 'database.modifyDocument') throw tcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
      return okResponse(call, nth);
    });
    let runs = 0;
    const e = await db
      .runTransaction(async (tx) => {
        runs++;
        await bump(tx);
      }, 2)
      .catch((err: unknown) => err);
    expect(isDatabaseError(e, 'conflict')).toBe(true);
    expect(toErrorBody(e).code).toBe('BUSY');
    expect(runs).toBe(3);
    expect(starts(calls)).toBe(3);
  });

  it('commit conflicts that never end stay within the same budget', async () => {
    const { db } = platformDb((call, nth) => {
      if (call.api === 'database.commitTransaction') throw tcbError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict');
      return okResponse(call, nth);
    });
    let runs = 0;
    const e = await db
      .runTransaction(async (tx) => {
        runs++;
        await bump(tx);
      })
      .catch((err: unknown) => err);
    expect(isDatabaseError(e, 'conflict')).toBe(true);
    expect(runs).toBe(TRANSACTION_RETRY.defaultRetries + 1);
  });

  it('neither the SDK nor we re-run a duplicate key or the callback’s own refusal; both roll back', async () => {
    const { db, calls } = platformDb((call, nth) => {
      if (call.api === 'database.insertDocument') throw tcbError('DATABASE_REQUEST_FAILED', 'E11000 duplicate key error collection: env.point_entries');
      return okResponse(call, nth);
    });
    let runs = 0;
    const dup = await db
      .runTransaction(async (tx) => {
        runs++;
        await tx.collection('point_entries').add({ data: { _id: 'k' } });
      })
      .catch((err: unknown) => err);
    expect(isDatabaseError(dup, 'duplicate-key')).toBe(true);
    const refusal = new AppError('POINTS_INSUFFICIENT', '积分不足');
    const app = await db
      .runTransaction(async (tx) => {
        runs++;
        await bump(tx);
        throw refusal;
      })
      .catch((err: unknown) => err);
    expect(app).toBe(refusal);
    expect(runs).toBe(2);
    expect(calls.filter((c) => c.api === 'database.abortTransaction')).toHaveLength(2);
  });
});
