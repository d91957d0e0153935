/**
 * Durability: a snapshot file plus an append-only journal, both JSON lines with Dates as `{"$date": iso}`.
 *
 *   journal.jsonl   one line per committed write batch: {"seq":n,"writes":[{"c":coll,"id":id,"doc":{..}|null}]}
 *                   (a transaction is one line, so it is all-or-nothing on disk; docs are full after-images)
 *   snapshot.json   {"format":1,"seq":n} / {"c":coll,"doc":{..}}... / {"end":true,"docs":count}
 *
 * The line is written with one write(2) before the caller's promise resolves, so it survives a killed
 * process (the OS has it); `fsync` additionally survives a power cut. A killed process can leave only a final
 * line without its newline: that line was never acknowledged and is discarded on open. Anything else that
 * does not parse stops the open with the file and line named: data is never dropped silently.
 * `compact` writes a new snapshot to a temp file, renames it over the old one, then empties the journal;
 * journal lines at or below the snapshot's seq (a crash between those two steps) are skipped on replay.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Change } from './unique-indexes';
import { fromJsonText, isPlainObject, toJsonText, type Doc } from './values';

export const JOURNAL_FILE = 'journal.jsonl';
export const SNAPSHOT_FILE = 'snapshot.json';

export interface Replay {
  /** A document of the snapshot (called before any journal batch). */
  doc(collection: string, doc: Doc): void;
  /** A journal batch newer than the snapshot. */
  batch(seq: number, changes: Change[]): void;
}

export interface OpenedJournal {
  journal: Journal;
  /** Seq of the last batch on disk. */
  seq: number;
  journalBytes: number;
  /** Bytes of an unfinished final journal line that was discarded. */
  discardedTornBytes: number;
}

export class Journal {
  private broken: Error | undefined;

  private constructor(
    private readonly dir: string,
    private fd: number,
    private size: number,
    private readonly fsync: boolean,
  ) {}

  static open(dir: string, fsync: boolean, replay: Replay): OpenedJournal {
    fs.mkdirSync(dir, { recursive: true });
    const snapshotSeq = readSnapshot(path.join(dir, SNAPSHOT_FILE), replay);
    for (const name of fs.readdirSync(dir)) {
      if (name.startsWith(`${SNAPSHOT_FILE}.tmp`)) fs.rmSync(path.join(dir, name), { force: true }); // unfinished compact
    }
    const file = path.join(dir, JOURNAL_FILE);
    const raw = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0);
    // Everything up to the last newline is complete lines; bytes after it are a torn (unacknowledged) write.
    const validBytes = raw.lastIndexOf(0x0a) + 1;
    const seq = replayJournal(file, raw.subarray(0, validBytes).toString('utf8'), snapshotSeq, replay);
    const discardedTornBytes = raw.length - validBytes;
    const fd = fs.openSync(file, 'a');
    if (discardedTornBytes > 0) fs.ftruncateSync(fd, validBytes); // or the next line would be glued onto it
    return { journal: new Journal(dir, fd, validBytes, fsync), seq, journalBytes: validBytes, discardedTornBytes };
  }

  get bytes(): number {
    return this.size;
  }

  append(seq: number, changes: readonly Change[]): void {
    if (this.broken) throw this.broken;
    const line = `${toJsonText({ seq, writes: changes.map((c) => ({ c: c.collection, id: c.id, doc: c.doc })) })}\n`;
    const buf = Buffer.from(line, 'utf8');
    try {
      writeAll(this.fd, buf);
      if (this.fsync) fs.fsyncSync(this.fd);
      this.size += buf.length;
    } catch (e) {
      // Cut a partial line off so that later lines stay parseable; if even that fails, refuse further writes.
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        this.broken = new Error(`journal ${path.join(this.dir, JOURNAL_FILE)} is in an unknown state after a failed write`);
      }
      throw e;
    }
  }

  /** Writes a snapshot of `collections` (atomically, via rename) and empties the journal. */
  compact(seq: number, collections: Iterable<[string, Iterable<Doc>]>): void {
    if (this.broken) throw this.broken;
    const target = path.join(this.dir, SNAPSHOT_FILE);
    const tmp = `${target}.tmp-${process.pid}`;
    const fd = fs.openSync(tmp, 'w');
    try {
      const out = new ChunkWriter(fd);
      out.line(toJsonText({ format: 1, seq }));
      let count = 0;
      for (const [c, docs] of collections) {
        for (const doc of docs) {
          out.line(toJsonText({ c, doc }));
          count++;
        }
      }
      out.line(toJsonText({ end: true, docs: count }));
      out.flush();
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, target);
    fsyncDir(this.dir);
    fs.ftruncateSync(this.fd, 0);
    if (this.fsync) fs.fsyncSync(this.fd);
    this.size = 0;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function readSnapshot(file: string, replay: Replay): number {
  if (!fs.existsSync(file)) return 0;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const fail = (n: number, why: string) =>
    new Error(`Corrupt snapshot ${file} line ${n}: ${why}. The database was not opened; repair or restore the file.`);
  const parse = (n: number): Record<string, unknown> => {
    try {
      const v = fromJsonText(lines[n - 1]);
      if (!isPlainObject(v)) throw new Error('not an object');
      return v;
    } catch (e) {
      throw fail(n, (e as Error).message);
    }
  };
  const header = parse(1);
  if (header.format !== 1 || !Number.isInteger(header.seq)) throw fail(1, 'bad header');
  let count = 0;
  for (let n = 2; n <= lines.length; n++) {
    const rec = parse(n);
    if (rec.end === true) {
      if (rec.docs !== count) throw fail(n, `expected ${String(rec.docs)} documents, found ${count}`);
      if (lines.slice(n).some((l) => l.trim() !== '')) throw fail(n + 1, 'data after the end marker');
      return header.seq as number;
    }
    if (typeof rec.c !== 'string' || !isPlainObject(rec.doc) || typeof rec.doc._id !== 'string') {
      throw fail(n, 'expected {"c": collection, "doc": {...}}');
    }
    replay.doc(rec.c, rec.doc);
    count++;
  }
  throw fail(lines.length, 'missing end marker (truncated file)');
}

function replayJournal(file: string, text: string, snapshotSeq: number, replay: Replay): number {
  let seq = snapshotSeq;
  let prev = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const fail = (why: string) =>
      new Error(`Corrupt journal ${file} line ${i + 1}: ${why}. The database was not opened; nothing was dropped.`);
    let rec: unknown;
    try {
      rec = fromJsonText(line);
    } catch (e) {
      throw fail((e as Error).message);
    }
    const batch = toBatch(rec);
    if (!batch) throw fail('expected {"seq": n, "writes": [{"c", "id", "doc"}...]}');
    if (batch.seq <= prev) throw fail(`sequence ${batch.seq} does not follow ${prev}`);
    prev = batch.seq;
    if (batch.seq <= snapshotSeq) return; // already in the snapshot (crash between snapshot rename and truncate)
    replay.batch(batch.seq, batch.changes);
    seq = batch.seq;
  });
  return seq;
}

function toBatch(rec: unknown): { seq: number; changes: Change[] } | undefined {
  if (!isPlainObject(rec) || !Number.isInteger(rec.seq) || !Array.isArray(rec.writes)) return undefined;
  const changes: Change[] = [];
  for (const w of rec.writes) {
    if (!isPlainObject(w) || typeof w.c !== 'string' || typeof w.id !== 'string') return undefined;
    if (w.doc !== null && !(isPlainObject(w.doc) && w.doc._id === w.id)) return undefined;
    changes.push({ collection: w.c, id: w.id, doc: w.doc as Doc | null });
  }
  return { seq: rec.seq as number, changes };
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not supported on every platform; the rename itself is still atomic
  }
}

/** Buffers lines so a large snapshot is written in ~1 MB chunks, never as one giant string. */
class ChunkWriter {
  private parts: string[] = [];
  private pending = 0;
  constructor(private readonly fd: number) {}
  line(s: string): void {
    this.parts.push(s, '\n');
    this.pending += s.length + 1;
    if (this.pending > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.parts.length) writeAll(this.fd, Buffer.from(this.parts.join(''), 'utf8'));
    this.parts = [];
    this.pending = 0;
  }
}
