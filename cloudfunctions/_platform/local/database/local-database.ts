/**
 * `createLocalDatabase`: the embedded stand-in for the WeChat cloud database (see DESIGN.md, "The local cloud
 * must be faithful, not convenient"). Memory only without `dataDir`; otherwise durable (journal.ts) and locked
 * to one process (lock.ts).
 */
import * as fs from 'fs';
import { DatabaseError, type CollectionRef, type Database, type DbCommand, type DocData, type IndexSpec, type Transaction } from '../../database.port';
import { LocalCollection } from './collection';
import { createCommand } from './commands';
import { emptyStats, Engine, yieldTurn, type DatabaseStats, type FaultInjector } from './engine';
import { Journal } from './journal';
import type { LatencyModel, RoundTripClock } from './latency';
import { acquireLock } from './lock';
import { Store } from './store';
import { runTransaction } from './transaction';
import { UniqueIndexes } from './unique-indexes';
import type { Doc } from './values';

export interface LocalDatabaseOptions {
  /**
   * The collections that exist. As on WeChat, reading or writing any other fails with
   * DatabaseError('collection-not-exists', errCode -502005): production code declares its collections in
   * `_core/collections.ts`, a test declares the ad-hoc collections it writes.
   */
  collections: readonly string[];
  /** Folder holding snapshot.json, journal.jsonl and LOCK; absent = memory only. */
  dataDir?: string;
  /** The indexes the code relies on; unique ones are enforced. */
  indexes?: IndexSpec[];
  /** Collections that `stats()` does not count (the local cloud's stand-ins for platform APIs). */
  unmetered?: readonly string[];
  /** fsync every journal line (survives power loss); default false: a written line already survives a killed process. */
  fsync?: boolean;
  /** The network between function and database (latency.ts); absent or null: operations only yield. */
  latency?: LatencyModel | null;
}

export interface LocalDatabase extends Database {
  /** Operation counters for benchmarks (see DatabaseStats for what each counts); reset with resetStats(). */
  stats(): DatabaseStats;
  resetStats(): void;
  /**
   * Fault injection for tests: called before every operation (each op inside a transaction and the commit
   * too); returning true, or throwing, makes that operation fail with DatabaseError('unavailable') without
   * effect. `null` removes it.
   */
  injectFault(fn: FaultInjector | null): void;
  /**
   * Sets the latency model (null: none) from the next operation on; `clock` replaces real timers (tests, the
   * critical-path counter). Change it while no operation is in flight.
   */
  setLatency(model: LatencyModel | null, clock?: RoundTripClock): void;
  latency(): LatencyModel | null;
  /** Writes a snapshot and empties the journal (no-op in memory). */
  compact(): Promise<void>;
  /** Releases the data folder; later calls reject with DatabaseError('unavailable'). */
  close(): Promise<void>;
}

/** A journal above this size at open time is folded into the snapshot. */
const AUTO_COMPACT_BYTES = 8 * 1024 * 1024;

export async function createLocalDatabase(opts: LocalDatabaseOptions): Promise<LocalDatabase> {
  const db = await openLocalDatabase(opts);
  db.setLatency(opts.latency ?? null);
  return db;
}

async function openLocalDatabase(opts: LocalDatabaseOptions): Promise<LocalDatabase> {
  const indexes = new UniqueIndexes(opts.indexes ?? []);
  const declared = new Set(opts.collections);
  for (const i of opts.indexes ?? []) {
    if (!declared.has(i.collection)) throw new Error(`index ${i.collection}.${i.name} is on a collection that is not declared`);
  }
  if (!opts.dataDir) return new LocalDatabaseImpl(new Engine(new Store(indexes), undefined, declared, new Set(opts.unmetered)), () => {});
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const release = acquireLock(opts.dataDir);
  let journal: Journal | undefined;
  try {
    // Load without index upkeep, then build the unique indexes once (failing on duplicates already on disk).
    const store = new Store(new UniqueIndexes([]));
    const opened = Journal.open(opts.dataDir, opts.fsync ?? false, {
      doc: (collection, doc) => store.apply([{ collection, id: doc._id as string, doc }], 0),
      batch: (seq, changes) => store.apply(changes, seq),
    });
    journal = opened.journal;
    store.seq = opened.seq;
    store.unique = indexes;
    for (const name of store.collectionNames()) indexes.build(name, store.scan(name));
    if (opened.journalBytes > AUTO_COMPACT_BYTES) journal.compact(store.seq, collectionsOf(store));
    return new LocalDatabaseImpl(new Engine(store, journal, declared, new Set(opts.unmetered)), release);
  } catch (e) {
    journal?.close();
    release();
    throw e;
  }
}

function collectionsOf(store: Store): Iterable<[string, Iterable<Doc>]> {
  return store.collectionNames().map((name) => [name, store.scan(name)] as [string, Iterable<Doc>]);
}

class LocalDatabaseImpl implements LocalDatabase {
  readonly command: DbCommand = createCommand();

  constructor(
    private readonly engine: Engine,
    private readonly release: () => void,
  ) {}

  collection<T = DocData>(name: string): CollectionRef<T> {
    if (typeof name !== 'string' || name === '') throw new DatabaseError('invalid', 'collection name must be a non-empty string');
    return new LocalCollection<T>(this.engine, name);
  }

  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R> {
    return runTransaction(this.engine, fn, retries);
  }

  stats(): DatabaseStats {
    return { ...this.engine.stats };
  }

  resetStats(): void {
    this.engine.stats = emptyStats();
  }

  injectFault(fn: FaultInjector | null): void {
    this.engine.fault = fn;
  }

  setLatency(model: LatencyModel | null, clock?: RoundTripClock): void {
    this.engine.roundTrips.configure(model, clock);
  }

  latency(): LatencyModel | null {
    return this.engine.roundTrips.current();
  }

  async compact(): Promise<void> {
    await yieldTurn();
    this.engine.assertOpen();
    this.engine.journal?.compact(this.engine.store.seq, collectionsOf(this.engine.store));
  }

  async close(): Promise<void> {
    if (this.engine.closed) return;
    await yieldTurn();
    if (this.engine.closed) return;
    this.engine.closed = true;
    this.engine.journal?.close();
    this.release();
  }
}
