/**
 * What may be stored, and copying it in and out.
 *
 * The cloud receives documents as EJSON over the network, so a caller never shares an object with the database:
 * we deep-copy on every write and every read. Stored values are restricted to what survives that trip and our
 * journal: plain objects, arrays, strings, finite numbers, booleans, null and Dates.
 */
import { DatabaseError } from '../../database.port';
import { isCommand } from './commands';

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const invalid = (msg: string) => new DatabaseError('invalid', msg);

/**
 * Validates and deep-copies a value for storage. `undefined` object fields are dropped (as JSON/EJSON does);
 * anything the cloud would mangle or reject is refused loudly instead of being stored half-right:
 * commands outside an update, functions, symbols, bigints, NaN/Infinity, invalid Dates, class instances,
 * and field names starting with `$` or containing `.` (MongoDB field-name rules; also keeps the journal's
 * `{"$date": ...}` encoding unambiguous).
 */
export function toStorable(v: unknown, path = ''): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(`${path || 'value'}: ${v} cannot be stored (only finite numbers)`);
    return v;
  }
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw invalid(`${path || 'value'}: invalid Date cannot be stored`);
    return new Date(v.getTime());
  }
  if (Array.isArray(v)) {
    // JSON turns holes and undefined array items into null.
    return Array.from(v, (item, i) => (item === undefined ? null : toStorable(item, `${path}.${i}`)));
  }
  if (isCommand(v)) throw invalid(`${path || 'value'}: a db.command value is not allowed here`);
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const key of Object.keys(v)) {
      const item = v[key];
      if (item === undefined) continue;
      if (key.startsWith('$') || key.includes('.') || key === '') {
        throw invalid(`${path ? path + '.' : ''}${key}: field names cannot be empty, start with "$" or contain "."`);
      }
      out[key] = toStorable(item, path ? `${path}.${key}` : key);
    }
    return out;
  }
  throw invalid(`${path || 'value'}: ${describe(v)} cannot be stored (plain objects, arrays, strings, numbers, booleans, null, Date)`);
}

function describe(v: unknown): string {
  if (typeof v === 'object' && v !== null) return `an instance of ${v.constructor?.name ?? 'an unknown class'}`;
  return `a ${typeof v}`;
}

/** Fast deep copy of stored data (and of query results built from it). */
export function clone<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  const out: Doc = {};
  for (const key of Object.keys(v)) out[key] = clone((v as Doc)[key]);
  return out as T;
}

/** A copy with `_id` as the first field, where BSON puts it (mingo appends a projected `_id` last). */
export function cloneIdFirst<T>(v: T): T {
  if (!isPlainObject(v) || !('_id' in v)) return clone(v);
  const { _id, ...rest } = v;
  return clone({ _id, ...rest }) as T;
}

/** Structural equality over stored values (key order matters, as in BSON). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !deepEqual((a as Doc)[ka[i]], (b as Doc)[kb[i]])) return false;
  }
  return true;
}

/** Reads a dotted path (`a.b.0.c`); `undefined` when any step is missing. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || cur instanceof Date) return undefined;
    cur = (cur as Doc)[seg];
  }
  return cur;
}

/** JSON with Dates as `{"$date": iso}` (the journal and snapshot format). */
export function toJsonText(v: unknown): string {
  return JSON.stringify(v, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

export function fromJsonText(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === '$date' && typeof value.$date === 'string') {
        const d = new Date(value.$date);
        if (Number.isNaN(d.getTime())) throw new Error(`invalid $date ${JSON.stringify(value.$date)}`);
        return d;
      }
    }
    return value;
  });
}
