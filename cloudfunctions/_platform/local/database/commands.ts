/**
 * `db.command`: the opaque command values of the WeChat SDK, rebuilt as small tagged objects.
 *
 * Shapes follow @cloudbase/database 1.4 (the library inside wx-server-sdk 4): `and`/`or` accept varargs or one
 * array; a query command's `.and()`/`.or()` makes a logic command with itself as first operand; `push` accepts a
 * value, an array or `{each, position, sort, slice}`; `unshift` accepts varargs or an array; `addToSet` takes its
 * argument as is (pass `{$each: [...]}` for several values). Translation to MongoDB operators lives in
 * query-translate.ts and update-translate.ts.
 */
import type { AggregateOperators, DbCommand, DbCommandValue, QueryCommand } from '../../database.port';

/** Registered symbol, so that a second copy of this module (another bundle) still recognises commands. */
const BRAND: unique symbol = Symbol.for('local-cloud.database.command');

export type QueryOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists' | 'all' | 'elemMatch';
export type LogicOp = 'and' | 'or';
export type UpdateOp =
  | 'set'
  | 'remove'
  | 'inc'
  | 'mul'
  | 'push'
  | 'pop'
  | 'shift'
  | 'unshift'
  | 'addToSet'
  | 'max'
  | 'min';

const flatArgs = (args: unknown[]): unknown[] => (Array.isArray(args[0]) ? [...args[0]] : [...args]);

abstract class Chainable {
  and(...others: unknown[]): QueryCommand {
    return new LogicCommandValue('and', [this, ...flatArgs(others)]);
  }
  or(...others: unknown[]): QueryCommand {
    return new LogicCommandValue('or', [this, ...flatArgs(others)]);
  }
}

export class QueryCommandValue extends Chainable implements QueryCommand {
  readonly [BRAND] = 'query' as const;
  constructor(
    readonly op: QueryOp,
    readonly operand: unknown,
  ) {
    super();
  }
}

export class LogicCommandValue extends Chainable implements QueryCommand {
  readonly [BRAND] = 'logic' as const;
  constructor(
    readonly op: LogicOp,
    readonly operands: unknown[],
  ) {
    super();
  }
}

export class UpdateCommandValue implements DbCommandValue {
  readonly [BRAND] = 'update' as const;
  constructor(
    readonly op: UpdateOp,
    readonly operand: unknown,
  ) {}
}

type Branded = { [BRAND]: 'query' | 'logic' | 'update' };
const brandOf = (v: unknown) =>
  typeof v === 'object' && v !== null && BRAND in v ? (v as Branded)[BRAND] : undefined;

export const isCommand = (v: unknown): boolean => brandOf(v) !== undefined;
export const isQueryCommand = (v: unknown): v is QueryCommandValue => brandOf(v) === 'query';
export const isLogicCommand = (v: unknown): v is LogicCommandValue => brandOf(v) === 'logic';
export const isUpdateCommand = (v: unknown): v is UpdateCommandValue => brandOf(v) === 'update';

/** `db.command.aggregate`: each operator is simply the MongoDB expression (`$.sum('$x')` -> `{$sum: '$x'}`). */
const aggregateOperators: AggregateOperators = {
  sum: (e) => ({ $sum: e }),
  avg: (e) => ({ $avg: e }),
  max: (e) => ({ $max: e }),
  min: (e) => ({ $min: e }),
  first: (e) => ({ $first: e }),
  last: (e) => ({ $last: e }),
  push: (e) => ({ $push: e }),
  addToSet: (e) => ({ $addToSet: e }),
  cond: (a) => ({ $cond: a }),
  eq: (a) => ({ $eq: a }),
  gt: (a) => ({ $gt: a }),
  gte: (a) => ({ $gte: a }),
  lt: (a) => ({ $lt: a }),
  lte: (a) => ({ $lte: a }),
  add: (a) => ({ $add: a }),
  subtract: (a) => ({ $subtract: a }),
  multiply: (a) => ({ $multiply: a }),
  size: (e) => ({ $size: e }),
};

export function createCommand(): DbCommand {
  const q = (op: QueryOp) => (v: unknown) => new QueryCommandValue(op, v);
  const u = (op: UpdateOp, operand?: unknown) => new UpdateCommandValue(op, operand);
  return {
    eq: q('eq'),
    neq: q('neq'),
    gt: q('gt'),
    gte: q('gte'),
    lt: q('lt'),
    lte: q('lte'),
    in: q('in'),
    nin: q('nin'),
    exists: q('exists'),
    all: q('all'),
    elemMatch: q('elemMatch'),
    and: (...conds: unknown[]) => new LogicCommandValue('and', flatArgs(conds)),
    or: (...conds: unknown[]) => new LogicCommandValue('or', flatArgs(conds)),
    inc: (n) => u('inc', n),
    mul: (n) => u('mul', n),
    set: (v) => u('set', v),
    remove: () => u('remove'),
    push: (...args: unknown[]) => u('push', pushOperand(args)),
    pop: () => u('pop'),
    shift: () => u('shift'),
    unshift: (...args: unknown[]) => u('unshift', flatArgs(args)),
    addToSet: (v) => u('addToSet', v),
    max: (n) => u('max', n),
    min: (n) => u('min', n),
    aggregate: aggregateOperators,
  };
}

/** `_.push(v)`, `_.push([a, b])`, `_.push({each, position, sort, slice})` -> MongoDB `$push` modifier. */
function pushOperand(args: unknown[]): Record<string, unknown> {
  const first = args[0];
  if (typeof first === 'object' && first !== null && !Array.isArray(first) && 'each' in first) {
    const o = first as { each?: unknown; position?: unknown; sort?: unknown; slice?: unknown };
    const m: Record<string, unknown> = {};
    if (o.each !== undefined) m.$each = o.each;
    if (o.position !== undefined) m.$position = o.position;
    if (o.sort !== undefined) m.$sort = o.sort;
    if (o.slice !== undefined) m.$slice = o.slice;
    return m;
  }
  return { $each: flatArgs(args) };
}
