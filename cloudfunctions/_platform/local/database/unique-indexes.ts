/**
 * Unique indexes (the cloud console's 唯一 indexes): the backstop for idempotency keys.
 *
 * As in MongoDB a missing field counts as null, so two documents both lacking the key collide. Not modelled:
 * multikey (array) semantics — an array value is indexed as one whole value — and sparse/partial indexes.
 */
import { DatabaseError, type IndexSpec } from '../../database.port';
import { getPath, toJsonText, type Doc } from './values';

export interface Change {
  collection: string;
  id: string;
  /** The document after the write; null when removed. */
  doc: Doc | null;
}

class UniqueIndex {
  private readonly paths: string[];
  /** encoded key -> _id of the document holding it */
  private readonly entries = new Map<string, string>();

  constructor(readonly spec: IndexSpec) {
    this.paths = Object.keys(spec.keys);
    if (this.paths.length === 0) throw new Error(`index ${spec.collection}.${spec.name} has no keys`);
  }

  key(doc: Doc): string {
    return toJsonText(this.paths.map((p) => getPath(doc, p) ?? null));
  }

  owner(key: string): string | undefined {
    return this.entries.get(key);
  }

  remove(doc: Doc): void {
    const k = this.key(doc);
    if (this.entries.get(k) === doc._id) this.entries.delete(k);
  }

  add(doc: Doc): void {
    this.entries.set(this.key(doc), doc._id as string);
  }

  describe(doc: Doc): string {
    return `{ ${this.paths.map((p) => `${p}: ${toJsonText(getPath(doc, p) ?? null)}`).join(', ')} }`;
  }
}

export class UniqueIndexes {
  private readonly byCollection = new Map<string, UniqueIndex[]>();

  constructor(specs: readonly IndexSpec[]) {
    for (const spec of specs) {
      if (!spec.unique) continue; // non-unique indexes only matter for speed in the cloud
      const list = this.byCollection.get(spec.collection) ?? [];
      list.push(new UniqueIndex(spec));
      this.byCollection.set(spec.collection, list);
    }
  }

  /**
   * Throws DatabaseError('duplicate-key') when applying `changes` (given the current documents) would put two
   * documents under one key of a unique index. Checks the batch as a whole, so a write that moves a key from
   * one document to another inside the same batch is fine.
   */
  check(changes: readonly Change[]): void {
    const touched = new Set(changes.map((c) => `${c.collection}\u0000${c.id}`));
    for (const [collection, indexes] of this.byCollection) {
      const written = changes.filter((c) => c.collection === collection && c.doc);
      if (written.length === 0) continue;
      for (const index of indexes) {
        const pending = new Map<string, string>();
        for (const c of written) {
          const key = index.key(c.doc as Doc);
          const other = pending.get(key);
          if (other !== undefined && other !== c.id) throw duplicate(collection, index, c.doc as Doc);
          pending.set(key, c.id);
          // A current holder that this batch also rewrites has its new key in `pending` (checked above) or is removed.
          const owner = index.owner(key);
          if (owner !== undefined && owner !== c.id && !touched.has(`${collection}\u0000${owner}`)) {
            throw duplicate(collection, index, c.doc as Doc);
          }
        }
      }
    }
  }

  /** Updates the entries after `check` passed; `before` gives each changed document's previous version. */
  apply(changes: readonly Change[], before: (c: Change) => Doc | undefined): void {
    for (const c of changes) {
      const old = before(c);
      if (old) this.forCollection(c.collection).forEach((i) => i.remove(old));
    }
    for (const c of changes) {
      if (c.doc) this.forCollection(c.collection).forEach((i) => i.add(c.doc as Doc));
    }
  }

  /** Builds the entries from existing data; fails like the console does when the data already has duplicates. */
  build(collection: string, docs: Iterable<Doc>): void {
    for (const index of this.forCollection(collection)) {
      for (const doc of docs) {
        const owner = index.owner(index.key(doc));
        if (owner !== undefined && owner !== doc._id) {
          throw new Error(
            `cannot build unique index ${collection}.${index.spec.name}: documents ${owner} and ${String(doc._id)} share ${index.describe(doc)}`,
          );
        }
        index.add(doc);
      }
    }
  }

  private forCollection(collection: string): UniqueIndex[] {
    return this.byCollection.get(collection) ?? [];
  }
}

/** Message in MongoDB's E11000 shape, which is what the cloud reports. */
function duplicate(collection: string, index: UniqueIndex, doc: Doc): DatabaseError {
  return new DatabaseError(
    'duplicate-key',
    `E11000 duplicate key error collection: ${collection} index: ${index.spec.name} dup key: ${index.describe(doc)}`,
  );
}
