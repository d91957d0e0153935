/**
 * `db.runTransaction(fn, retries = 3)` with the cloud's rules:
 * - only single-document operations: `tx.collection(c).doc(id).get/set/update/remove` and `.add`; `where`,
 *   `aggregate` and friends do not exist on `tx` (by type) and throw if forced;
 * - snapshot isolation: reads see the database as of the attempt's start plus the attempt's own writes;
 *   writes are buffered and applied at commit in one atomic batch (one journal line);
 * - a write locks its document until the attempt ends. A write to a document that another open transaction
 *   holds, or that someone committed after this attempt's snapshot, fails AT THAT WRITE with
 *   DatabaseError('conflict') (as WeChat's database does), and the attempt is dead even if the callback
 *   catches the error;
 * - a write outside any transaction does not wait for locks; when it lands on a document this attempt wrote,
 *   the commit finds it and fails with DatabaseError('conflict');
 * - only a commit-time conflict re-runs the WHOLE callback, at most `retries` more times: the SDK
 *   (@cloudbase/database src/transaction/index.ts) retries when `error.code === 'DATABASE_TRANSACTION_CONFLICT'`,
 *   which a failed commit carries, while wx-server-sdk rewraps a failed in-transaction write into an error
 *   without that code (errCode -501001), so a write-time conflict propagates at once. Our own retry with
 *   jitter (_platform/transaction-retry.ts) sits above both clouds. Any other error thrown by the callback
 *   aborts without retry and propagates unchanged;
 * - unique-index and duplicate-_id violations found at commit reject with DatabaseError('duplicate-key').
 */
import {
  DatabaseError,
  isDatabaseError,
  type AddResult,
  type DocData,
  type RemoveResult,
  type SetResult,
  type Transaction,
  type TransactionCollectionRef,
  type TransactionDocRef,
  type UpdateResult,
  type WithId,
} from '../../database.port';
import { checkId, duplicateId, newDocument, notFound, replacement } from './collection';
import type { Engine, OpKind } from './engine';
import type { Change } from './unique-indexes';
import { applyUpdate, translateUpdate } from './update-translate';
import { clone, deepEqual, type Doc } from './values';

export async function runTransaction<R>(engine: Engine, fn: (tx: Transaction) => Promise<R>, retries = 3): Promise<R> {
  const attempts = Math.max(0, Math.floor(Number.isFinite(retries) ? retries : 3)) + 1;
  let last: DatabaseError | undefined;
  for (let i = 0; i < attempts; i++) {
    await engine.begin();
    const attempt = new Attempt(engine);
    try {
      const result = await fn(attempt.api);
      await attempt.commit();
      engine.stats.transactions++;
      return result;
    } catch (e) {
      if (!isDatabaseError(e, 'conflict')) throw e;
      engine.stats.conflicts++;
      if (attempt.failedAtWrite) throw attempt.failedAtWrite;
      last = e;
    } finally {
      attempt.finish();
    }
  }
  throw new DatabaseError('conflict', `transaction aborted after ${attempts} attempts: ${last?.message ?? 'write conflict'}`);
}

interface BufferedWrite {
  collection: string;
  id: string;
  doc: Doc | null;
}

class Attempt {
  readonly api: Transaction;
  private readonly snapshot: { token: number; seq: number };
  private readonly writes = new Map<string, BufferedWrite>();
  private readonly locked: string[] = [];
  /** The write-time conflict that killed this attempt (the SDK does not re-run those). */
  failedAtWrite: DatabaseError | undefined;
  private finished = false;

  constructor(private readonly engine: Engine) {
    this.snapshot = engine.store.openSnapshot();
    this.api = { collection: <T = DocData>(name: string) => new TxCollection<T>(this, checkName(name)) };
  }

  /** Runs one transactional operation: yield, fault check, then atomically against snapshot + own writes. */
  async op<R>(kind: OpKind, collection: string, body: () => R): Promise<R> {
    this.assertActive();
    return this.engine.op(kind, collection, true, () => {
      this.assertActive();
      return body();
    });
  }

  read(collection: string, id: string): Doc | undefined {
    const own = this.writes.get(key(collection, id));
    if (own) return own.doc ?? undefined;
    return this.engine.store.getAt(collection, id, this.snapshot.seq);
  }

  /** Buffers a write and locks its document; a document held by another attempt or changed since the snapshot fails here. */
  write(kind: OpKind, collection: string, id: string, doc: Doc | null): void {
    const k = key(collection, id);
    const holder = this.engine.locks.get(k);
    const held = holder !== undefined && holder !== this;
    if (this.failedAtWrite || held || this.engine.store.lastWrite(collection, id) > this.snapshot.seq) {
      this.failedAtWrite ??= writeConflict(kind, collection, id, held);
      throw this.failedAtWrite;
    }
    this.engine.locks.set(k, this);
    this.locked.push(k);
    this.writes.set(k, { collection, id, doc });
  }

  commit(): Promise<void> {
    return this.op('commit', '', () => {
      if (this.failedAtWrite) throw this.failedAtWrite;
      const changes: Change[] = [];
      for (const w of this.writes.values()) {
        if (this.engine.store.lastWrite(w.collection, w.id) > this.snapshot.seq) throw commitConflict(w.collection, w.id);
        const current = this.engine.store.get(w.collection, w.id);
        if (!w.doc && !current) continue; // created and removed inside the transaction
        changes.push({ collection: w.collection, id: w.id, doc: w.doc });
      }
      this.engine.commit(changes);
    });
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const k of this.locked) if (this.engine.locks.get(k) === this) this.engine.locks.delete(k);
    this.engine.store.closeSnapshot(this.snapshot.token);
  }

  private assertActive(): void {
    if (this.finished) {
      throw new DatabaseError(
        'invalid',
        'transaction already finished: use tx only inside the runTransaction callback and await every operation',
      );
    }
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

const SDK_WRITE_API: Partial<Record<OpKind, string>> = {
  add: 'collection.add',
  'doc.set': 'document.set',
  'doc.update': 'document.update',
  'doc.remove': 'document.remove',
};

/** Shaped as wx-server-sdk rewraps TCB's DATABASE_TRANSACTION_CONFLICT on a write (errCode -501001, code lost). */
function writeConflict(kind: OpKind, collection: string, id: string, held: boolean): DatabaseError {
  const why = held ? 'another transaction holds it' : 'it was changed after this transaction began';
  return new DatabaseError(
    'conflict',
    `${SDK_WRITE_API[kind] ?? kind}:fail -501001 resource system error. database transaction conflict: ${collection}/${id} (${why})`,
    -501001,
  );
}

/** What a failed commit carries (TCB's code, on which the SDK re-runs the callback). */
function commitConflict(collection: string, id: string): DatabaseError {
  return new DatabaseError('conflict', `DATABASE_TRANSACTION_CONFLICT: database transaction conflict at commit: ${collection}/${id} was written outside the transaction`);
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw new DatabaseError('invalid', 'collection name must be a non-empty string');
  return name;
}

const notInTransaction = (what: string) => () => {
  throw new DatabaseError(
    'invalid',
    `${what}() is not available inside a transaction: WeChat transactions accept only single-document operations (doc().get/set/update/remove, add)`,
  );
};

class TxCollection<T> implements TransactionCollectionRef<T> {
  // Present only to fail loudly when forced past the type (`(tx.collection(c) as any).where(...)`).
  readonly where = notInTransaction('where');
  readonly aggregate = notInTransaction('aggregate');
  readonly get = notInTransaction('get');
  readonly count = notInTransaction('count');
  readonly update = notInTransaction('update');
  readonly remove = notInTransaction('remove');
  readonly orderBy = notInTransaction('orderBy');
  readonly limit = notInTransaction('limit');
  readonly skip = notInTransaction('skip');
  readonly field = notInTransaction('field');

  constructor(
    private readonly attempt: Attempt,
    private readonly name: string,
  ) {}

  doc(id: string): TransactionDocRef<T> {
    return new TxDocRef<T>(this.attempt, this.name, checkId(id, 'transaction doc()'));
  }

  async add(args: { data: DocData }): Promise<AddResult> {
    const doc = newDocument(args?.data, 'transaction add()');
    const id = doc._id as string;
    return this.attempt.op('add', this.name, () => {
      if (this.attempt.read(this.name, id)) throw duplicateId(this.name, id);
      this.attempt.write('add', this.name, id, doc);
      return { _id: id };
    });
  }
}

class TxDocRef<T> implements TransactionDocRef<T> {
  constructor(
    private readonly attempt: Attempt,
    private readonly name: string,
    private readonly id: string,
  ) {}

  /** Missing documents reject with not-found, as wx-server-sdk does inside transactions too. */
  get(): Promise<{ data: WithId<T> }> {
    return this.attempt.op('doc.get', this.name, () => {
      const doc = this.attempt.read(this.name, this.id);
      if (!doc) throw notFound(this.name, this.id);
      return { data: clone(doc) as WithId<T> };
    });
  }

  async set(args: { data: DocData }): Promise<SetResult> {
    const doc = replacement(args?.data, this.id, 'transaction doc().set()');
    return this.attempt.op('doc.set', this.name, () => {
      const existed = this.attempt.read(this.name, this.id) !== undefined;
      this.attempt.write('doc.set', this.name, this.id, doc);
      return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } };
    });
  }

  async update(args: { data: DocData }): Promise<UpdateResult> {
    const mod = translateUpdate(args?.data, 'transaction doc().update()');
    return this.attempt.op('doc.update', this.name, () => {
      const doc = this.attempt.read(this.name, this.id);
      if (!doc) return { stats: { updated: 0 } };
      const next = applyUpdate(doc, mod);
      if (deepEqual(doc, next)) return { stats: { updated: 0 } };
      this.attempt.write('doc.update', this.name, this.id, next);
      return { stats: { updated: 1 } };
    });
  }

  remove(): Promise<RemoveResult> {
    return this.attempt.op('doc.remove', this.name, () => {
      if (!this.attempt.read(this.name, this.id)) return { stats: { removed: 0 } };
      this.attempt.write('doc.remove', this.name, this.id, null);
      return { stats: { removed: 1 } };
    });
  }
}
