/**
 * `collection.aggregate()...end()`: stages are collected (validated as they are added, like the SDK, which
 * serialises each stage at once) and the pipeline runs in mingo in one atomic operation.
 * `match` takes the same WeChat query objects and commands as `where`; expressions come from
 * `db.command.aggregate` (plain MongoDB expressions). `lookup` reads the other collection's current documents.
 */
import { aggregate as mingoAggregate } from 'mingo';
import { DatabaseError, type Aggregate, type DocData } from '../../database.port';
import { isCommand } from './commands';
import type { Engine } from './engine';
import { translateWhere } from './query-translate';
import { clone, cloneIdFirst, isPlainObject, type Doc } from './values';

type Stage = Record<string, unknown>;

const invalid = (msg: string) => new DatabaseError('invalid', msg);

export class LocalAggregate implements Aggregate {
  constructor(
    private readonly engine: Engine,
    private readonly name: string,
    private readonly stages: readonly Stage[],
  ) {}

  private pipe(stage: string, value: unknown): Aggregate {
    return new LocalAggregate(this.engine, this.name, [...this.stages, { [`$${stage}`]: value }]);
  }

  match(q: DocData): Aggregate {
    return this.pipe('match', translateWhere(q));
  }
  group(spec: DocData): Aggregate {
    if (!isPlainObject(spec) || !('_id' in spec)) throw invalid('aggregate().group(): the spec needs an _id');
    return this.pipe('group', expression(spec, 'group'));
  }
  project(spec: DocData): Aggregate {
    return this.pipe('project', expression(objectArg(spec, 'project'), 'project'));
  }
  addFields(spec: DocData): Aggregate {
    return this.pipe('addFields', expression(objectArg(spec, 'addFields'), 'addFields'));
  }
  sort(spec: Record<string, 1 | -1>): Aggregate {
    const s = objectArg(spec, 'sort');
    if (Object.keys(s).length === 0 || Object.values(s).some((d) => d !== 1 && d !== -1)) {
      throw invalid('aggregate().sort(): needs at least one field, each 1 or -1');
    }
    return this.pipe('sort', { ...s });
  }
  skip(n: number): Aggregate {
    if (!Number.isInteger(n) || n < 0) throw invalid(`aggregate().skip(): needs a non-negative integer, got ${String(n)}`);
    return this.pipe('skip', n);
  }
  limit(n: number): Aggregate {
    if (!Number.isInteger(n) || n <= 0) throw invalid(`aggregate().limit(): needs a positive integer, got ${String(n)}`);
    return this.pipe('limit', n);
  }
  unwind(spec: string | DocData): Aggregate {
    if (typeof spec === 'string') {
      if (!spec.startsWith('$')) throw invalid(`aggregate().unwind(): the path must start with "$", got "${spec}"`);
      return this.pipe('unwind', spec);
    }
    return this.pipe('unwind', expression(objectArg(spec, 'unwind'), 'unwind'));
  }
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregate {
    const s = objectArg(spec, 'lookup');
    for (const k of ['from', 'localField', 'foreignField', 'as']) {
      if (typeof s[k] !== 'string' || s[k] === '') throw invalid(`aggregate().lookup(): "${k}" must be a non-empty string`);
    }
    return this.pipe('lookup', { from: s.from, localField: s.localField, foreignField: s.foreignField, as: s.as });
  }
  count(field: string): Aggregate {
    if (typeof field !== 'string' || field === '' || field.startsWith('$') || field.includes('.')) {
      throw invalid(`aggregate().count(): invalid field name "${String(field)}"`);
    }
    return this.pipe('count', field);
  }

  end<R = DocData>(): Promise<{ list: R[] }> {
    const stages = this.stages;
    return this.engine.op('aggregate', this.name, false, () => {
      // A leading $match filters the stored documents directly, so only the matches are copied into mingo.
      const first = stages[0];
      const leadingMatch = first && '$match' in first;
      const input = (leadingMatch
        ? this.engine.match(this.name, first.$match as Doc)
        : [...this.engine.store.scan(this.name)]
      ).map(clone);
      const rest = leadingMatch ? stages.slice(1) : stages;
      let out: unknown[];
      try {
        out = mingoAggregate(input, rest as never, {
          collectionResolver: (name: string) => [...this.engine.store.scan(name)].map(clone),
        });
      } catch (e) {
        throw invalid(`aggregate(): ${(e as Error).message}`);
      }
      return { list: out.map(cloneIdFirst) as R[] };
    });
  }
}

function objectArg(v: unknown, stage: string): Record<string, unknown> {
  if (!isPlainObject(v)) throw invalid(`aggregate().${stage}(): needs an object`);
  return v;
}

/** Copies a stage argument; query/update commands have no meaning in an expression. */
function expression(v: unknown, stage: string): unknown {
  if (isCommand(v)) throw invalid(`aggregate().${stage}(): use db.command.aggregate operators here, not db.command ones`);
  if (Array.isArray(v)) return v.map((x) => expression(x, stage));
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = expression(v[k], stage);
    return out;
  }
  return clone(v);
}
