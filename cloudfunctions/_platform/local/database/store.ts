/**
 * In-memory collections with just enough multi-versioning for snapshot-isolated transactions.
 *
 * Every committed write batch gets the next sequence number. Each document keeps a short version list
 * (`{seq, doc|null}`, null = removed); older versions are kept only while an open transaction's snapshot may
 * still need them, so without transactions a document is one entry. The latest entry's `seq` tells the commit
 * of a transaction whether someone else wrote the document after its snapshot (write conflict).
 */
import { UniqueIndexes, type Change } from './unique-indexes';
import type { Doc } from './values';

interface Version {
  seq: number;
  doc: Doc | null;
}

export class Store {
  /** Sequence number of the last committed write batch. */
  seq = 0;
  private readonly collections = new Map<string, Map<string, Version[]>>();
  private readonly snapshots = new Map<number, number>(); // snapshot token -> seq
  private nextToken = 1;
  /** Documents holding more than one version, to trim once the last transaction ends. */
  private readonly withHistory = new Set<Version[]>();
  /** Removed documents kept as tombstones while a snapshot is open (conflict detection needs them). */
  private tombstones: Array<[string, string]> = [];

  constructor(public unique: UniqueIndexes) {}

  /** Current version of a document (stored object: never hand it out without cloning). */
  get(collection: string, id: string): Doc | undefined {
    const versions = this.collections.get(collection)?.get(id);
    return versions?.[versions.length - 1].doc ?? undefined;
  }

  /** The document as it was after batch `seq` (a transaction's snapshot). */
  getAt(collection: string, id: string, seq: number): Doc | undefined {
    const versions = this.collections.get(collection)?.get(id);
    if (!versions) return undefined;
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i].seq <= seq) return versions[i].doc ?? undefined;
    }
    return undefined;
  }

  /** Sequence number of the last write (including removal) of a document still tracked; 0 if none. */
  lastWrite(collection: string, id: string): number {
    const versions = this.collections.get(collection)?.get(id);
    return versions ? versions[versions.length - 1].seq : 0;
  }

  /** Current documents in natural (insertion) order. */
  *scan(collection: string): Generator<Doc> {
    const docs = this.collections.get(collection);
    if (!docs) return;
    for (const versions of docs.values()) {
      const doc = versions[versions.length - 1].doc;
      if (doc) yield doc;
    }
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  openSnapshot(): { token: number; seq: number } {
    const token = this.nextToken++;
    this.snapshots.set(token, this.seq);
    return { token, seq: this.seq };
  }

  /**
   * When the oldest open snapshot closes, versions and tombstones no open snapshot can see are dropped
   * (checked on that event only, so overlapping transactions never let history grow without bound).
   */
  closeSnapshot(token: number): void {
    const closed = this.snapshots.get(token);
    if (closed === undefined || !this.snapshots.delete(token)) return;
    const oldest = this.oldestSnapshot();
    if (oldest <= closed) return;
    for (const versions of this.withHistory) {
      this.trim(versions);
      if (versions.length === 1) this.withHistory.delete(versions);
    }
    this.tombstones = this.tombstones.filter(([collection, id]) => {
      const docs = this.collections.get(collection);
      const versions = docs?.get(id);
      const last = versions?.[versions.length - 1];
      if (!last || last.doc) return false; // re-created meanwhile: no longer a tombstone
      if (last.seq > oldest) return true; // an open snapshot predates the removal
      docs?.delete(id);
      return false;
    });
  }

  private oldestSnapshot(): number {
    let oldest = Infinity;
    for (const s of this.snapshots.values()) oldest = Math.min(oldest, s);
    return oldest;
  }

  /** Throws DatabaseError('duplicate-key') if the batch would break a unique index; changes nothing. */
  check(changes: readonly Change[]): void {
    this.unique.check(changes);
  }

  /** Applies a checked batch as the next sequence number (or as `seq` when replaying the journal). */
  apply(changes: readonly Change[], seq = this.seq + 1): void {
    this.unique.apply(changes, (c) => this.get(c.collection, c.id));
    for (const c of changes) {
      let docs = this.collections.get(c.collection);
      if (!docs) this.collections.set(c.collection, (docs = new Map()));
      const versions = docs.get(c.id);
      if (!versions) {
        if (c.doc) docs.set(c.id, [{ seq, doc: c.doc }]);
        continue;
      }
      versions.push({ seq, doc: c.doc });
      this.trim(versions);
      if (versions.length > 1) this.withHistory.add(versions);
      if (!c.doc) {
        if (this.snapshots.size === 0) docs.delete(c.id);
        else this.tombstones.push([c.collection, c.id]);
      }
    }
    this.seq = seq;
  }

  /** Keeps the newest version visible to the oldest open snapshot, and everything after it. */
  private trim(versions: Version[]): void {
    const oldest = this.oldestSnapshot();
    let keepFrom = versions.length - 1;
    while (keepFrom > 0 && versions[keepFrom].seq > oldest) keepFrom--;
    if (keepFrom > 0) versions.splice(0, keepFrom);
  }
}
