/**
 * The shared core every API object talks to: the store, the journal, counters and fault injection.
 *
 * The one concurrency rule lives in `op`: each database call first waits its round trip (by default it only
 * yields to the event loop; with a latency model it takes milliseconds, see latency.ts) and then runs
 * synchronously, i.e. atomically, against the store. So concurrent callers interleave between operations
 * exactly as they do against the cloud: a read-modify-write across two calls loses updates, a single
 * conditional update does not.
 */
import { Query } from 'mingo';
import { DatabaseError } from '../../database.port';
import type { Journal } from './journal';
import { RoundTrips } from './latency';
import { idCandidates, type MongoQuery } from './query-translate';
import type { Store } from './store';
import type { Change } from './unique-indexes';
import type { Doc } from './values';

export type OpKind =
  | 'get'
  | 'count'
  | 'update'
  | 'remove'
  | 'add'
  | 'aggregate'
  | 'doc.get'
  | 'doc.set'
  | 'doc.update'
  | 'doc.remove'
  | 'commit';

export interface FaultOp {
  kind: OpKind;
  /** '' for a transaction commit. */
  collection: string;
  inTransaction: boolean;
  /** Running number of operations of this database, starting at 1. */
  seq: number;
}
export type FaultInjector = (op: FaultOp) => boolean;

export interface DatabaseStats {
  /** get, count, aggregate and doc.get calls (inside transactions too). */
  reads: number;
  /** add, set, update and remove calls (inside transactions too), whether or not they changed anything. */
  writes: number;
  /** Calls that evaluate a query over a collection: where().get/count/update/remove and aggregate. */
  queries: number;
  /** Committed transactions. */
  transactions: number;
  /** Transaction attempts aborted by a write conflict (each one re-runs the callback or gives up). */
  conflicts: number;
}

const READS = new Set<OpKind>(['get', 'count', 'aggregate', 'doc.get']);
const WRITES = new Set<OpKind>(['add', 'doc.set', 'doc.update', 'doc.remove', 'update', 'remove']);
const QUERIES = new Set<OpKind>(['get', 'count', 'update', 'remove', 'aggregate']);

export { yieldTurn } from './latency';

/** wx-server-sdk's API names, used in its error messages (`document.get:fail ...`). */
const SDK_API: Record<OpKind, string> = {
  get: 'collection.get',
  count: 'collection.count',
  update: 'collection.update',
  remove: 'collection.remove',
  add: 'collection.add',
  aggregate: 'collection.aggregate',
  'doc.get': 'document.get',
  'doc.set': 'document.set',
  'doc.update': 'document.update',
  'doc.remove': 'document.remove',
  commit: 'transaction.commit',
};

/** Shaped as wx-server-sdk reports TCB's DATABASE_COLLECTION_NOT_EXIST (errCode -502005). */
export function collectionNotExists(kind: OpKind, collection: string): DatabaseError {
  return new DatabaseError(
    'collection-not-exists',
    `${SDK_API[kind]}:fail -502005 database collection not exists. [local cloud] collection "${collection}" was never created: declare it in cloudfunctions/_core/collections.ts`,
    -502005,
  );
}

export const emptyStats = (): DatabaseStats => ({ reads: 0, writes: 0, queries: 0, transactions: 0, conflicts: 0 });

export class Engine {
  stats = emptyStats();
  fault: FaultInjector | null = null;
  closed = false;
  /** Documents written by an open transaction attempt (collection \0 id -> the attempt): WeChat's write locks. */
  readonly locks = new Map<string, object>();
  /** The network model every operation, and each transaction's begin and commit, goes through (latency.ts). */
  readonly roundTrips = new RoundTrips();
  private opSeq = 0;

  constructor(
    readonly store: Store,
    readonly journal: Journal | undefined,
    /** The collections that exist (the spec's); any other fails as WeChat's -502005 does. */
    private readonly declared: ReadonlySet<string>,
    /** Collections whose operations `stats` leaves out (stand-ins for platform APIs, not the product's data). */
    private readonly unmetered: ReadonlySet<string> = new Set(),
  ) {}

  op<R>(kind: OpKind, collection: string, inTransaction: boolean, body: () => R): Promise<R> {
    return this.roundTrips.run(kind === 'commit' ? 'commit' : 'op', () => this.apply(kind, collection, inTransaction, body));
  }

  /** A transaction attempt's begin: a round trip of its own on the cloud. */
  begin(): Promise<void> {
    return this.roundTrips.run('begin', () => this.assertOpen());
  }

  private apply<R>(kind: OpKind, collection: string, inTransaction: boolean, body: () => R): R {
    this.assertOpen();
    if (collection !== '') this.assertExists(kind, collection);
    const seq = ++this.opSeq;
    if (this.fault) {
      let fail: boolean;
      try {
        fail = this.fault({ kind, collection, inTransaction, seq });
      } catch (e) {
        throw new DatabaseError('unavailable', `injected fault in ${kind} #${seq}: ${(e as Error)?.message ?? String(e)}`);
      }
      if (fail) throw new DatabaseError('unavailable', `injected fault in ${kind} ${collection} #${seq}`);
    }
    if (!this.unmetered.has(collection)) {
      if (READS.has(kind)) this.stats.reads++;
      if (WRITES.has(kind)) this.stats.writes++;
      if (QUERIES.has(kind)) this.stats.queries++;
    }
    return body();
  }

  /** WeChat does not create collections on demand: reads and writes of an undeclared one fail. */
  assertExists(kind: OpKind, collection: string): void {
    if (!this.declared.has(collection)) throw collectionNotExists(kind, collection);
  }

  assertOpen(): void {
    if (this.closed) throw new DatabaseError('unavailable', 'the local database is closed');
  }

  /** Documents of `collection` matching `query` (stored objects: clone before handing out). */
  match(collection: string, query: MongoQuery): Doc[] {
    const q = new Query(query);
    const ids = idCandidates(query);
    if (ids) {
      // An _id lookup walks the _id index in the cloud, hence _id order.
      return ids
        .sort()
        .map((id) => this.store.get(collection, id))
        .filter((d): d is Doc => d !== undefined && q.test(d));
    }
    const out: Doc[] = [];
    for (const doc of this.store.scan(collection)) if (q.test(doc)) out.push(doc);
    return out;
  }

  /**
   * Applies one write batch atomically: unique indexes are checked for the batch as a whole, the batch is
   * journaled as one line, then applied in memory. Any failure leaves both untouched.
   */
  commit(changes: Change[]): void {
    if (changes.length === 0) return;
    this.store.check(changes);
    if (this.journal) {
      try {
        this.journal.append(this.store.seq + 1, changes);
      } catch (e) {
        throw new DatabaseError('unavailable', `could not write the journal: ${(e as Error).message}`);
      }
    }
    this.store.apply(changes);
  }
}
