import type { z } from 'zod';
import type { Database } from '../../_platform/database.port';
import type { Logger } from '../../_platform/logger.port';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';

/**
 * A collection of operator documents, one per thing (a topic, a badge, a campaign): each validated when read;
 * a broken one is skipped and logged, and `report` explains it to the operator in Chinese.
 */
export interface DocCollection<S extends z.ZodType, K extends string> {
  collection: string;
  /** What one document is, in Chinese, for the config report. */
  title: string;
  schema: S;
  /** The id's rule (the id is the thing's code). */
  id: z.ZodType<string>;
  /** The property the id is exposed as on a parsed document. */
  key: K;
  /** Most documents a list reads (one query). */
  max: number;
}

export type Parsed<S extends z.ZodType, K extends string> = z.output<S> & { [P in K]: string };

type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export const defineDocCollection = <S extends z.ZodType, K extends string>(d: DocCollection<S, K>) => d;

function parse<S extends z.ZodType, K extends string>(def: DocCollection<S, K>, doc: { _id: string } & Record<string, unknown>): ParseResult<Parsed<S, K>> {
  const { _id, ...body } = doc;
  if (!def.id.safeParse(_id).success) return { ok: false, problems: [`_id：${def.id.safeParse(_id).error?.issues[0]?.message ?? '编号无效'}`] };
  const parsed = def.schema.safeParse(body);
  if (!parsed.success) return { ok: false, problems: explainIssues(parsed.error.issues) };
  return { ok: true, value: { ...(parsed.data as object), [def.key]: _id } as Parsed<S, K> };
}

/** One document, or null when missing or broken (logged). */
export async function loadDoc<S extends z.ZodType, K extends string>(
  db: Database,
  log: Logger,
  def: DocCollection<S, K>,
  id: string,
): Promise<Parsed<S, K> | null> {
  const doc = await getOrNull(db.collection(def.collection).doc(id));
  if (!doc) return null;
  const r = parse(def, doc);
  if (!r.ok) {
    log.error('config.invalid', { config: `${def.collection}/${id}`, problems: r.problems });
    return null;
  }
  return r.value;
}

/** Every valid document matching `where` (broken ones skipped and logged): one query. */
export async function loadDocs<S extends z.ZodType, K extends string>(
  db: Database,
  log: Logger,
  def: DocCollection<S, K>,
  where: Record<string, unknown> = {},
): Promise<Parsed<S, K>[]> {
  const { data } = await db.collection(def.collection).where(where).orderBy('_id', 'asc').limit(def.max).get();
  const out: Parsed<S, K>[] = [];
  for (const doc of data) {
    const r = parse(def, doc);
    if (r.ok) out.push(r.value);
    else log.error('config.invalid', { config: `${def.collection}/${doc._id}`, problems: r.problems });
  }
  return out;
}
