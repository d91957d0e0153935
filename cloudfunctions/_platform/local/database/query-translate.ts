/**
 * WeChat query objects -> MongoDB query documents (evaluated by mingo).
 *
 * Mirrors the SDK's QuerySerializer (@cloudbase/database 1.4, serializer/query.js), quirks included, because
 * the server only ever sees what that serializer produced:
 * - nested plain objects are flattened to dotted paths: `{a: {b: 1}}` matches `a.b === 1`, not `a` equal to
 *   `{b: 1}` (use `_.eq({b: 1})` for that); an empty nested object vanishes (matches everything);
 * - a field-level logic command (`{a: _.gt(1).or(_.lt(0))}`) becomes a top-level `$or` over `a`; several of
 *   them in one object are concatenated into ONE `$or` (or `$and`) array, as the SDK does;
 * - a plain object inside a logic command is a whole query object, not relative to the field;
 * - commands inside `elemMatch`/`all` operands use their plain form (`{$gt: 1}`), nested objects there are
 *   literal values.
 * Raw `$operators` written by hand are refused: the core must ask `db.command` (see database.port.ts).
 */
import { DatabaseError } from '../../database.port';
import { isLogicCommand, isQueryCommand, isUpdateCommand, type LogicCommandValue, type QueryCommandValue } from './commands';
import { isPlainObject } from './values';

export type MongoQuery = Record<string, unknown>;

const invalid = (msg: string) => new DatabaseError('invalid', msg);

const MONGO_OP: Record<QueryCommandValue['op'], string> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  exists: '$exists',
  all: '$all',
  elemMatch: '$elemMatch',
};

/** `where(q)`: q is a query object or a top-level `_.and(...)` / `_.or(...)`. */
export function translateWhere(q: unknown): MongoQuery {
  if (isLogicCommand(q)) return encodeLogic(q, undefined);
  if (isQueryCommand(q)) throw invalid(`where(): a ${q.op} command needs a field, e.g. where({ field: _.${q.op}(...) })`);
  if (!isPlainObject(q)) throw invalid('where(): the query must be an object');
  const keys = Object.keys(q);
  if (keys.length > 0 && keys.every((k) => q[k] === undefined)) {
    // The SDK refuses a query whose every field is undefined (a classic `where({_id: event.id})` bug).
    throw invalid(`where(): every field of the query is undefined (${keys.join(', ')})`);
  }
  return encodeQueryObject(q);
}

function encodeQueryObject(obj: Record<string, unknown>): MongoQuery {
  const out: MongoQuery = {};
  for (const [path, value] of flatten(obj, '')) {
    if (isLogicCommand(value)) {
      const cond = encodeLogic(value, path);
      for (const [op, subs] of Object.entries(cond)) {
        out[op] = Array.isArray(out[op]) ? (out[op] as unknown[]).concat(subs) : subs;
      }
    } else if (isQueryCommand(value)) {
      out[path] = leafCondition(value);
    } else if (isUpdateCommand(value)) {
      throw invalid(`where(): ${path}: update command _.${value.op}() cannot be used in a query`);
    } else {
      out[path] = queryValue(value, path);
    }
  }
  return out;
}

/** Flattens nested plain objects into `[dotted path, leaf]` pairs; commands, Dates, RegExps, arrays are leaves. */
function flatten(obj: Record<string, unknown>, prefix: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    if (key.startsWith('$')) throw invalid(`where(): raw operator "${key}" is not supported; use db.command`);
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value)) out.push(...flatten(value, path));
    else out.push([path, value]);
  }
  return out;
}

function encodeLogic(cmd: LogicCommandValue, field: string | undefined): MongoQuery {
  const where = field === undefined ? 'where()' : `where(): ${field}`;
  if (cmd.operands.length === 0) throw invalid(`${where}: _.${cmd.op}() needs at least one condition`);
  const subs = cmd.operands.map((o): MongoQuery => {
    if (isLogicCommand(o)) return encodeLogic(o, field);
    if (isQueryCommand(o)) {
      if (field === undefined) throw invalid(`${where}: _.${o.op}() inside a top-level _.${cmd.op}() needs a field`);
      return { [field]: leafCondition(o) };
    }
    if (isUpdateCommand(o)) throw invalid(`${where}: update command _.${o.op}() cannot be used in a query`);
    if (o instanceof Date || o instanceof RegExp) {
      if (field === undefined) throw invalid(`${where}: a value inside a top-level _.${cmd.op}() needs a field`);
      return { [field]: queryValue(o, field) };
    }
    // SDK quirk: a plain object operand is a complete query object, even inside a field-level command.
    if (isPlainObject(o)) return encodeQueryObject(o);
    throw invalid(`${where}: _.${cmd.op}() operands must be commands or query objects, got ${JSON.stringify(o)}`);
  });
  return { [`$${cmd.op}`]: subs };
}

/** A leaf command's operator document, e.g. `_.gt(1)` -> `{$gt: 1}`. */
function leafCondition(cmd: QueryCommandValue): Record<string, unknown> {
  const op = MONGO_OP[cmd.op];
  if (cmd.op === 'in' || cmd.op === 'nin' || cmd.op === 'all') {
    if (!Array.isArray(cmd.operand)) throw invalid(`_.${cmd.op}() needs an array`);
  }
  if (cmd.op === 'exists' && typeof cmd.operand !== 'boolean') throw invalid('_.exists() needs true or false');
  if (cmd.operand === undefined) throw invalid(`_.${cmd.op}() needs a value`);
  if (cmd.op === 'elemMatch' && !isPlainObject(cmd.operand) && !isQueryCommand(cmd.operand) && !isLogicCommand(cmd.operand)) {
    throw invalid('_.elemMatch() needs a query object or a command');
  }
  return { [op]: queryValue(cmd.operand, `_.${cmd.op}()`) };
}

/** A value inside a query: copied; commands nested in it take their plain operator form. */
function queryValue(v: unknown, where: string): unknown {
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
      throw invalid(`${where}: a ${typeof v} cannot be used in a query`);
    }
    return v;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof RegExp) return new RegExp(v.source, v.flags);
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : queryValue(x, where)));
  if (isQueryCommand(v)) return leafCondition(v);
  if (isLogicCommand(v)) return mergedAndChain(v, where);
  if (isUpdateCommand(v)) throw invalid(`${where}: update command _.${v.op}() cannot be used in a query`);
  if (!isPlainObject(v)) throw invalid(`${where}: class instances cannot be used in a query`);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(v)) if (v[key] !== undefined) out[key] = queryValue(v[key], where);
  return out;
}

/**
 * `_.elemMatch(_.gt(80).and(_.lt(100)))` on an array of scalars needs one operator document
 * (`{$gt: 80, $lt: 100}`); only an `and` of distinct leaf operators can be written that way.
 */
function mergedAndChain(cmd: LogicCommandValue, where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (c: unknown) => {
    if (isLogicCommand(c) && c.op === 'and') return c.operands.forEach(visit);
    if (!isQueryCommand(c)) throw invalid(`${where}: only an and-chain of commands can be used here`);
    const cond = leafCondition(c);
    for (const op of Object.keys(cond)) {
      if (op in out) throw invalid(`${where}: ${op} appears twice in one condition`);
      out[op] = cond[op];
    }
  };
  visit(cmd);
  return out;
}

/** `field({a: true, b: 0})` -> MongoDB projection, converted as the SDK does (true/positive = 1). */
export function translateProjection(p: Record<string, unknown>): Record<string, unknown> | undefined {
  if (!isPlainObject(p)) throw invalid('field(): the projection must be an object');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(p)) {
    const v = p[key];
    if (typeof v === 'boolean') out[key] = v ? 1 : 0;
    else if (typeof v === 'number') out[key] = v > 0 ? 1 : 0;
    else if (typeof v === 'object' && v !== null) out[key] = queryValue(v, `field(): ${key}`);
  }
  return Object.keys(out).length ? out : undefined;
}

/** When a query pins `_id` to strings, the candidates can be looked up directly instead of scanning. */
export function idCandidates(q: MongoQuery): string[] | undefined {
  const id = q._id;
  if (typeof id === 'string') return [id];
  if (isPlainObject(id)) {
    const keys = Object.keys(id);
    if (keys.length === 1 && keys[0] === '$eq' && typeof id.$eq === 'string') return [id.$eq];
    if (keys.length === 1 && keys[0] === '$in' && Array.isArray(id.$in) && id.$in.every((x) => typeof x === 'string')) {
      return [...new Set(id.$in as string[])];
    }
  }
  return undefined;
}
