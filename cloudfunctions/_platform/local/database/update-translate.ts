/**
 * WeChat `update({data})` -> MongoDB update operators, applied with mingo's updater.
 *
 * Mirrors the SDK's UpdateSerializer (@cloudbase/database 1.4, serializer/update.js):
 * - a nested plain object merges by path: `{a: {b: 1}}` is `$set: {'a.b': 1}` (other fields of `a` stay);
 *   an empty nested object vanishes; `_.set(obj)` replaces the field as a whole;
 * - `_.remove()` -> `$unset`, `_.pop()` / `_.shift()` -> `$pop: 1 / -1`, `_.unshift(v)` -> `$push` at
 *   position 0, `_.push(v | [..] | {each, position, sort, slice})` -> `$push: {$each...}`;
 * - `_id` cannot be updated (the SDK rejects it before sending).
 * mingo silently skips some operations MongoDB rejects (`$inc` on a string, `$push` on a non-array, creating a
 * field inside a scalar); `assertApplicable` restores those errors so that the bug fails here as in the cloud.
 */
import { update as mingoUpdate } from 'mingo/updater';
import { DatabaseError } from '../../database.port';
import { isQueryCommand, isLogicCommand, isUpdateCommand, type UpdateCommandValue } from './commands';
import { clone, isPlainObject, toStorable, type Doc } from './values';

export type Modifier = Record<string, Record<string, unknown>>;

const invalid = (msg: string) => new DatabaseError('invalid', msg);

export function translateUpdate(data: unknown, api: string): Modifier {
  if (!isPlainObject(data)) throw invalid(`${api}: data must be an object`);
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw invalid(`${api}: _id cannot be updated`);
  const mod: Modifier = {};
  const put = (op: string, path: string, value: unknown) => {
    (mod[op] ??= {})[path] = value;
  };
  for (const [path, value] of flattenData(data, '', api)) {
    if (isUpdateCommand(value)) encodeUpdateCommand(value, path, api, put);
    else if (isQueryCommand(value) || isLogicCommand(value)) {
      throw invalid(`${api}: ${path}: a query command cannot be used in update data`);
    } else put('$set', path, toStorable(value, path));
  }
  const paths = Object.values(mod).flatMap((fields) => Object.keys(fields));
  if (paths.length === 0) throw invalid(`${api}: data has nothing to update`);
  assertNoPathConflict(paths, api);
  return mod;
}

function flattenData(obj: Record<string, unknown>, prefix: string, api: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    if (key.startsWith('$')) throw invalid(`${api}: raw operator "${key}" is not supported; use db.command`);
    const path = prefix ? `${prefix}.${key}` : key;
    if (path.split('.').some((seg) => seg === '' || seg.startsWith('$'))) throw invalid(`${api}: invalid field path "${path}"`);
    if (isPlainObject(value)) out.push(...flattenData(value, path, api));
    else out.push([path, value]);
  }
  return out;
}

function encodeUpdateCommand(
  cmd: UpdateCommandValue,
  path: string,
  api: string,
  put: (op: string, path: string, value: unknown) => void,
): void {
  const where = `${api}: ${path}: _.${cmd.op}()`;
  const number = () => {
    if (typeof cmd.operand !== 'number' || !Number.isFinite(cmd.operand)) throw invalid(`${where} needs a finite number`);
    return cmd.operand;
  };
  const array = (v: unknown) => {
    if (!Array.isArray(v)) throw invalid(`${where} needs an array of values`);
    return toStorable(v, path) as unknown[];
  };
  switch (cmd.op) {
    case 'set':
      if (cmd.operand === undefined) throw invalid(`${where} needs a value`);
      return put('$set', path, toStorable(cmd.operand, path));
    case 'remove':
      return put('$unset', path, '');
    case 'inc':
      return put('$inc', path, number());
    case 'mul':
      return put('$mul', path, number());
    case 'max':
    case 'min':
      if (cmd.operand === undefined) throw invalid(`${where} needs a value`);
      return put(`$${cmd.op}`, path, toStorable(cmd.operand, path));
    case 'push': {
      const m = cmd.operand as Record<string, unknown>;
      const modifier: Record<string, unknown> = { $each: array(m.$each) };
      if (m.$position !== undefined) modifier.$position = m.$position;
      if (m.$sort !== undefined) modifier.$sort = m.$sort;
      if (m.$slice !== undefined) modifier.$slice = m.$slice;
      return put('$push', path, modifier);
    }
    case 'unshift':
      return put('$push', path, { $each: array(cmd.operand), $position: 0 });
    case 'pop':
      return put('$pop', path, 1);
    case 'shift':
      return put('$pop', path, -1);
    case 'addToSet': {
      // As in the SDK the argument is taken as is: one value, or `{$each: [...]}` for several.
      const v = cmd.operand;
      if (v === undefined) throw invalid(`${where} needs a value`);
      const isEach = isPlainObject(v) && Object.keys(v).length === 1 && '$each' in v;
      return put('$addToSet', path, isEach ? { $each: array(v.$each) } : toStorable(v, path));
    }
  }
}

/** MongoDB refuses `{a: 1, 'a.b': 2}` in one update ("would create a conflict at 'a'"). */
function assertNoPathConflict(paths: string[], api: string): void {
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a === b || b.startsWith(a + '.')) {
      throw invalid(`${api}: updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

/** Applies the modifier to a copy of `doc`; throws DatabaseError('invalid') where MongoDB would fail. */
export function applyUpdate(doc: Doc, mod: Modifier): Doc {
  const next = clone(doc);
  assertApplicable(next, mod);
  try {
    mingoUpdate(next, mod as never, undefined, undefined, { cloneMode: 'deep' });
  } catch (e) {
    throw invalid(`update failed on document ${String(doc._id)}: ${(e as Error).message}`);
  }
  return next;
}

const CREATING_OPS = new Set(['$set', '$inc', '$mul', '$max', '$min', '$push', '$addToSet']);

function assertApplicable(doc: Doc, mod: Modifier): void {
  for (const [op, fields] of Object.entries(mod)) {
    for (const path of Object.keys(fields)) {
      const segs = path.split('.');
      let parent: unknown = doc;
      let ok = true;
      for (let i = 0; i < segs.length - 1 && parent !== undefined; i++) {
        const next = stepInto(parent, segs[i]);
        if (next === BLOCKED) {
          ok = false;
          break;
        }
        parent = next;
      }
      if (!ok) {
        if (!CREATING_OPS.has(op)) continue; // $unset / $pop through a scalar are no-ops in MongoDB
        throw invalid(`cannot apply ${op} to '${path}' of document ${String(doc._id)}: a parent of it is not an object`);
      }
      const target = parent === undefined ? undefined : stepInto(parent, segs[segs.length - 1]);
      if (target === BLOCKED) {
        if (!CREATING_OPS.has(op)) continue;
        throw invalid(`cannot apply ${op} to '${path}' of document ${String(doc._id)}: its parent is not an object`);
      }
      if ((op === '$inc' || op === '$mul') && target !== undefined && typeof target !== 'number') {
        throw invalid(`cannot apply ${op} to '${path}' of document ${String(doc._id)}: the field is of non-numeric type ${typeName(target)}`);
      }
      if ((op === '$push' || op === '$addToSet' || op === '$pop') && target !== undefined && !Array.isArray(target)) {
        throw invalid(`cannot apply ${op} to '${path}' of document ${String(doc._id)}: the field must be an array but is of type ${typeName(target)}`);
      }
    }
  }
}

const BLOCKED = Symbol('blocked');

/** One path step: `undefined` when missing (can be created), BLOCKED when the parent is a scalar. */
function stepInto(parent: unknown, seg: string): unknown {
  if (Array.isArray(parent)) return /^\d+$/.test(seg) ? parent[Number(seg)] : BLOCKED;
  if (parent === null || typeof parent !== 'object' || parent instanceof Date) return BLOCKED;
  return (parent as Doc)[seg];
}

const typeName = (v: unknown) => (v === null ? 'null' : v instanceof Date ? 'date' : Array.isArray(v) ? 'array' : typeof v);
