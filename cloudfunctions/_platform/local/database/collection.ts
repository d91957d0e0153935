/**
 * `db.collection(name)`: queries, multi-document writes and single-document references.
 *
 * Builders (`where`, `orderBy`, `skip`, `limit`, `field`) are immutable and validate synchronously, as the
 * SDK does; every terminal call is one `engine.op` (yield, then run atomically).
 */
import { randomBytes } from 'crypto';
import { find } from 'mingo';
import {
  DatabaseError,
  type AddResult,
  type Aggregate,
  type CollectionRef,
  type CountResult,
  type DocData,
  type DocRef,
  type GetResult,
  type Query,
  type RemoveResult,
  type SetResult,
  type SortDirection,
  type UpdateResult,
  type WithId,
} from '../../database.port';
import { LocalAggregate } from './aggregate';
import type { Engine } from './engine';
import { translateProjection, translateWhere, type MongoQuery } from './query-translate';
import { applyUpdate, translateUpdate } from './update-translate';
import type { Change } from './unique-indexes';
import { clone, cloneIdFirst, deepEqual, isPlainObject, toStorable, type Doc } from './values';

/** The cloud's page size: 100 by default, never more than 1,000 per call. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const invalid = (msg: string) => new DatabaseError('invalid', msg);

interface QueryState {
  where: MongoQuery;
  order: Record<string, 1 | -1>;
  skip: number;
  limit: number;
  projection: Record<string, unknown> | undefined;
}

export class LocalQuery<T = DocData> implements Query<T> {
  constructor(
    protected readonly engine: Engine,
    protected readonly name: string,
    protected readonly state: QueryState = { where: {}, order: {}, skip: 0, limit: 0, projection: undefined },
  ) {}

  private with(patch: Partial<QueryState>): LocalQuery<T> {
    return new LocalQuery<T>(this.engine, this.name, { ...this.state, ...patch });
  }

  /** Replaces any previous `where` (the SDK keeps only the last one). */
  where(q: DocData): Query<T> {
    return this.with({ where: translateWhere(q) });
  }

  /** Several calls sort by several keys, in call order; the same field again keeps its place. */
  orderBy(field: string, dir: SortDirection): Query<T> {
    if (typeof field !== 'string' || !/^[a-zA-Z0-9\-_.]/.test(field)) throw invalid(`orderBy(): invalid field "${String(field)}"`);
    if (dir !== 'asc' && dir !== 'desc') throw invalid(`orderBy(): direction must be 'asc' or 'desc', got ${String(dir)}`);
    return this.with({ order: { ...this.state.order, [field]: dir === 'desc' ? -1 : 1 } });
  }

  skip(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 0) throw invalid(`skip(): needs a non-negative integer, got ${String(n)}`);
    return this.with({ skip: n });
  }

  /** 0 means the default (100); more than 1,000 is served as 1,000, as the SDK clamps it. */
  limit(n: number): Query<T> {
    if (!Number.isInteger(n) || n < 0) throw invalid(`limit(): needs a non-negative integer, got ${String(n)}`);
    return this.with({ limit: n });
  }

  field(projection: Record<string, boolean | 0 | 1>): Query<T> {
    return this.with({ projection: translateProjection(projection) });
  }

  get(): Promise<GetResult<WithId<T>>> {
    const { where, order, skip, projection } = this.state;
    const limit = this.state.limit ? Math.min(this.state.limit, MAX_LIMIT) : DEFAULT_LIMIT;
    return this.engine.op('get', this.name, false, () => {
      const matched = this.engine.match(this.name, where);
      let page: Doc[];
      try {
        let cursor = find(matched, {}, projection);
        if (Object.keys(order).length) cursor = cursor.sort(order);
        page = cursor.skip(skip).limit(limit).all() as Doc[];
      } catch (e) {
        throw invalid(`get(): ${(e as Error).message}`);
      }
      return { data: page.map(projection ? cloneIdFirst : clone) as WithId<T>[] };
    });
  }

  count(): Promise<CountResult> {
    const { where } = this.state;
    return this.engine.op('count', this.name, false, () => ({ total: this.engine.match(this.name, where).length }));
  }

  /**
   * Updates every match (no page cap; orderBy/skip/limit are ignored as in the SDK), all or nothing.
   * `stats.updated` counts documents whose content actually changed, like MongoDB's nModified that the
   * cloud reports: a matched document already holding the new values is not counted.
   */
  async update(args: { data: DocData }): Promise<UpdateResult> {
    const { where } = this.state;
    const mod = translateUpdate(args?.data, 'update()');
    return this.engine.op('update', this.name, false, () => {
      const changes: Change[] = [];
      for (const doc of this.engine.match(this.name, where)) {
        const next = applyUpdate(doc, mod);
        if (!deepEqual(doc, next)) changes.push({ collection: this.name, id: doc._id as string, doc: next });
      }
      this.engine.commit(changes);
      return { stats: { updated: changes.length } };
    });
  }

  remove(): Promise<RemoveResult> {
    const { where } = this.state;
    return this.engine.op('remove', this.name, false, () => {
      const changes = this.engine
        .match(this.name, where)
        .map((doc): Change => ({ collection: this.name, id: doc._id as string, doc: null }));
      this.engine.commit(changes);
      return { stats: { removed: changes.length } };
    });
  }
}

export class LocalCollection<T = DocData> extends LocalQuery<T> implements CollectionRef<T> {
  doc(id: string): DocRef<T> {
    return new LocalDocRef<T>(this.engine, this.name, checkId(id, 'doc()'));
  }

  async add(args: { data: DocData }): Promise<AddResult> {
    const doc = newDocument(args?.data, 'add()');
    return this.engine.op('add', this.name, false, () => {
      const id = doc._id as string;
      if (this.engine.store.get(this.name, id)) throw duplicateId(this.name, id);
      this.engine.commit([{ collection: this.name, id, doc }]);
      return { _id: id };
    });
  }

  aggregate(): Aggregate {
    return new LocalAggregate(this.engine, this.name, []);
  }
}

export class LocalDocRef<T = DocData> implements DocRef<T> {
  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly id: string,
  ) {}

  get(): Promise<{ data: WithId<T> }> {
    return this.engine.op('doc.get', this.name, false, () => {
      const doc = this.engine.store.get(this.name, this.id);
      if (!doc) throw notFound(this.name, this.id);
      return { data: clone(doc) as WithId<T> };
    });
  }

  /** `stats.updated` is 1 when the document existed (the SDK's documented meaning for set), else `created` is 1. */
  async set(args: { data: DocData }): Promise<SetResult> {
    const doc = replacement(args?.data, this.id, 'doc().set()');
    return this.engine.op('doc.set', this.name, false, () => {
      const existed = this.engine.store.get(this.name, this.id) !== undefined;
      this.engine.commit([{ collection: this.name, id: this.id, doc }]);
      return { _id: this.id, stats: { updated: existed ? 1 : 0, created: existed ? 0 : 1 } };
    });
  }

  async update(args: { data: DocData }): Promise<UpdateResult> {
    const mod = translateUpdate(args?.data, 'doc().update()');
    return this.engine.op('doc.update', this.name, false, () => {
      const doc = this.engine.store.get(this.name, this.id);
      if (!doc) return { stats: { updated: 0 } };
      const next = applyUpdate(doc, mod);
      if (deepEqual(doc, next)) return { stats: { updated: 0 } };
      this.engine.commit([{ collection: this.name, id: this.id, doc: next }]);
      return { stats: { updated: 1 } };
    });
  }

  remove(): Promise<RemoveResult> {
    return this.engine.op('doc.remove', this.name, false, () => {
      if (!this.engine.store.get(this.name, this.id)) return { stats: { removed: 0 } };
      this.engine.commit([{ collection: this.name, id: this.id, doc: null }]);
      return { stats: { removed: 1 } };
    });
  }
}

// ---- helpers shared with transactions ----

export function checkId(id: unknown, api: string): string {
  if (typeof id !== 'string' || id === '') throw invalid(`${api}: the document id must be a non-empty string`);
  return id;
}

/** WeChat generates 32 hexadecimal characters. */
export const newId = () => randomBytes(16).toString('hex');

/** The stored form of `add({data})`: `_id` first, generated when absent. */
export function newDocument(data: unknown, api: string): Doc {
  if (!isPlainObject(data)) throw invalid(`${api}: data must be an object`);
  const body = toStorable(data, '') as Doc;
  const id = body._id === undefined ? newId() : checkId(body._id, `${api} _id`);
  return { _id: id, ...withoutId(body) };
}

/** The stored form of `doc(id).set({data})`: the whole document replaced, `_id` kept. */
export function replacement(data: unknown, id: string, api: string): Doc {
  if (!isPlainObject(data)) throw invalid(`${api}: data must be an object`);
  // The SDK refuses both before sending the request.
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw invalid(`${api}: _id cannot be updated`);
  return { _id: id, ...(toStorable(data, '') as Doc) };
}

function withoutId(doc: Doc): Doc {
  const { _id: _ignored, ...rest } = doc;
  void _ignored;
  return rest;
}

export function notFound(collection: string, id: string): DatabaseError {
  // Same wording as wx-server-sdk's document.get failure.
  return new DatabaseError('not-found', `document.get:fail document with _id ${id} does not exist (collection ${collection})`);
}

export function duplicateId(collection: string, id: string): DatabaseError {
  return new DatabaseError(
    'duplicate-key',
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}
