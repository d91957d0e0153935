/**
 * The typed subset of the WeChat cloud database (wx-server-sdk) that the business core may use.
 *
 * Two adapters implement it: `_platform/wx` (a thin pass-through over wx-server-sdk) and `_platform/local`
 * (the embedded local cloud). The shapes mirror the SDK so the WeChat adapter stays trivial; the core never
 * builds command objects itself, it asks `db.command` for them.
 */

export type DocData = Record<string, unknown>;
export type WithId<T> = T & { _id: string };

/** A query or update command produced by `db.command`; opaque to the core (each adapter has its own). */
export type DbCommandValue = object;

/** A query command that can be combined, as in the SDK: `_.gt(1).and(_.lt(5))`. */
export interface QueryCommand extends DbCommandValue {
  and(...others: unknown[]): QueryCommand;
  or(...others: unknown[]): QueryCommand;
}

/** Aggregation expression operators (`db.command.aggregate`), e.g. `$.sum('$amount')`. */
export interface AggregateOperators {
  sum(expr: unknown): unknown;
  avg(expr: unknown): unknown;
  max(expr: unknown): unknown;
  min(expr: unknown): unknown;
  first(expr: unknown): unknown;
  last(expr: unknown): unknown;
  push(expr: unknown): unknown;
  addToSet(expr: unknown): unknown;
  cond(args: unknown): unknown;
  eq(args: unknown[]): unknown;
  gt(args: unknown[]): unknown;
  gte(args: unknown[]): unknown;
  lt(args: unknown[]): unknown;
  lte(args: unknown[]): unknown;
  add(args: unknown[]): unknown;
  subtract(args: unknown[]): unknown;
  multiply(args: unknown[]): unknown;
  size(expr: unknown): unknown;
}

export interface DbCommand {
  // query commands
  eq(v: unknown): QueryCommand;
  neq(v: unknown): QueryCommand;
  gt(v: unknown): QueryCommand;
  gte(v: unknown): QueryCommand;
  lt(v: unknown): QueryCommand;
  lte(v: unknown): QueryCommand;
  in(v: unknown[]): QueryCommand;
  nin(v: unknown[]): QueryCommand;
  exists(v: boolean): QueryCommand;
  all(v: unknown[]): QueryCommand;
  elemMatch(q: DocData): QueryCommand;
  and(...conds: unknown[]): QueryCommand;
  or(...conds: unknown[]): QueryCommand;
  // update commands
  inc(n: number): DbCommandValue;
  mul(n: number): DbCommandValue;
  set(v: unknown): DbCommandValue;
  remove(): DbCommandValue;
  push(v: unknown): DbCommandValue;
  pop(): DbCommandValue;
  shift(): DbCommandValue;
  unshift(v: unknown): DbCommandValue;
  addToSet(v: unknown): DbCommandValue;
  max(n: number): DbCommandValue;
  min(n: number): DbCommandValue;
  readonly aggregate: AggregateOperators;
}

export interface GetResult<T> {
  data: T[];
}
export interface CountResult {
  total: number;
}
export interface UpdateResult {
  stats: { updated: number };
}
export interface SetResult {
  _id: string;
  stats: { updated: number; created: number };
}
export interface RemoveResult {
  stats: { removed: number };
}
export interface AddResult {
  _id: string;
}

export type SortDirection = 'asc' | 'desc';

export interface Query<T = DocData> {
  where(q: DocData): Query<T>;
  orderBy(field: string, dir: SortDirection): Query<T>;
  skip(n: number): Query<T>;
  /** The cloud returns at most 1,000 records per call (default 100): always paginate. */
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<GetResult<WithId<T>>>;
  count(): Promise<CountResult>;
  /** Multi-document update of every match; `stats.updated` tells how many changed. */
  update(args: { data: DocData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface DocRef<T = DocData> {
  /** Rejects with DatabaseError('not-found') when the document does not exist (as the SDK does). */
  get(): Promise<{ data: WithId<T> }>;
  /** Replaces the whole document (creates it if missing). */
  set(args: { data: DocData }): Promise<SetResult>;
  /** Partial update with update commands; `stats.updated` is 0 when the document does not exist. */
  update(args: { data: DocData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Aggregate {
  match(q: DocData): Aggregate;
  group(spec: DocData): Aggregate;
  project(spec: DocData): Aggregate;
  addFields(spec: DocData): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  unwind(spec: string | DocData): Aggregate;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregate;
  count(field: string): Aggregate;
  end<R = DocData>(): Promise<{ list: R[] }>;
}

export interface CollectionRef<T = DocData> extends Query<T> {
  doc(id: string): DocRef<T>;
  /** Rejects with DatabaseError('duplicate-key') on an existing `_id` or a unique-index violation. */
  add(args: { data: DocData }): Promise<AddResult>;
  aggregate(): Aggregate;
}

/** Inside a transaction only single-document operations exist: no `where`, no `aggregate`. */
export interface TransactionDocRef<T = DocData> {
  get(): Promise<{ data: WithId<T> }>;
  set(args: { data: DocData }): Promise<SetResult>;
  update(args: { data: DocData }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}
export interface TransactionCollectionRef<T = DocData> {
  doc(id: string): TransactionDocRef<T>;
  add(args: { data: DocData }): Promise<AddResult>;
}
export interface Transaction {
  collection<T = DocData>(name: string): TransactionCollectionRef<T>;
}

export interface Database {
  collection<T = DocData>(name: string): CollectionRef<T>;
  readonly command: DbCommand;
  /**
   * Snapshot isolation. A write to a document another transaction holds, or changed since this one began,
   * fails at that write with DatabaseError('conflict'); a conflict found at commit does too. Functions get
   * the database with our retry above it (`transaction-retry.ts`): a conflicting transaction is re-run, after a
   * jittered wait, so that the callback runs at most `retries + 1` times in all (default 3 re-runs), then the
   * conflict reaches the caller (BUSY). The callback may run more than once: no side effects outside `tx`.
   */
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
}

/**
 * - not-found: `doc().get()` of a missing document;
 * - duplicate-key: an existing `_id` or a unique-index violation (WeChat: MongoDB's E11000);
 * - conflict: a write conflict in a transaction (worth retrying the whole transaction);
 * - collection-not-exists: the collection was never created (WeChat -502005): a deploy mistake, never retried;
 * - invalid: a request the database refuses as malformed;
 * - unavailable: the database cannot be reached or failed transiently (the local cloud's injected faults);
 * - internal: anything else the platform reported.
 */
export type DatabaseErrorKind = 'not-found' | 'duplicate-key' | 'conflict' | 'collection-not-exists' | 'invalid' | 'unavailable' | 'internal';

/** Both adapters translate their failures into this one error type. */
export class DatabaseError extends Error {
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    /** WeChat's numeric code when the platform gave one (e.g. -502005), for logs. */
    readonly errCode?: number,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** Duck-typed: the local cloud and a function bundle each carry their own copy of this class. */
export const isDatabaseError = (e: unknown, kind?: DatabaseErrorKind): e is DatabaseError =>
  typeof e === 'object' &&
  e !== null &&
  (e as Error).name === 'DatabaseError' &&
  (kind === undefined || (e as DatabaseError).kind === kind);

/** An index the code relies on, as the local cloud and the deploy script see it (derived from the collection spec). */
export interface IndexSpec {
  collection: string;
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
  why: string;
}

/**
 * Who may touch a collection from the mini-program side (cloud functions bypass these; WeChat applies them
 * only to `wx.cloud.database()` calls in the app). Either one of the console's simple permissions or a custom
 * security rule (安全规则) as JSON.
 */
export type CollectionPermission =
  | { simple: 'READONLY' } // 所有用户可读，仅创建者可读写
  | { simple: 'PRIVATE' } // 仅创建者可读写
  | { simple: 'ADMINWRITE' } // 所有用户可读，仅管理端可写
  | { simple: 'ADMINONLY' } // 仅管理端可读写
  | { rule: Record<string, unknown> }; // 自定义安全规则

/** Only cloud functions (and the console) may read or write: the app has no direct database access at all. */
export const SERVER_ONLY = { rule: { read: false, write: false } } as const;

/** An index as a collection declares it (the collection is the one it sits in). */
export type CollectionIndex = Omit<IndexSpec, 'collection'>;

/**
 * One collection: WeChat refuses reads and writes to a collection that was never created (-502005), so every
 * collection the code touches is declared once, with its indexes and its permission. A permission other than
 * SERVER_ONLY needs a `permissionReason` (by type: a literal SERVER_ONLY needs none).
 */
export type CollectionSpec = {
  name: string;
  /** What one document is, in a line (README). */
  holds: string;
  indexes?: readonly CollectionIndex[];
} & ({ permission: typeof SERVER_ONLY; permissionReason?: undefined } | { permission: CollectionPermission; permissionReason: string });
