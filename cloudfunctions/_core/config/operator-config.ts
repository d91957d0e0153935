import type { z } from 'zod';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';
import type { InstanceCache } from '../../_platform/cache.port';
import type { Database } from '../../_platform/database.port';
import type { Logger } from '../../_platform/logger.port';

/** Operators edit these documents in the cloud console (collection `app_config`, one doc per id). */
export const CONFIG_COLLECTION = 'app_config';

/**
 * How long a warm function instance keeps what it read from operator documents (app_config, coupon
 * templates, mall items) before reading them again: an operator's console edit reaches every member within
 * this. The product itself never writes operator documents (operators edit them in the console), so nothing
 * invalidates them earlier; a product write would call `ctx.cache.invalidate(<collection>)`.
 */
export const OPERATOR_DOCUMENT_TTL_MS = 30_000;

/** What reading operator documents needs: the database, the log for broken ones, this instance's cache. */
export interface ConfigReader {
  db: Database;
  log: Logger;
  cache: InstanceCache;
}

/**
 * Something derived from operator documents, kept by this function instance for OPERATOR_DOCUMENT_TTL_MS.
 * Every call of the instance gets the same value, so it is a frozen copy: a caller that tried to change it
 * would throw instead of changing what the next call sees. Keys start with the collection name.
 */
export function readOperatorDocuments<T>(ctx: ConfigReader, key: string, read: () => Promise<T>): Promise<T> {
  return ctx.cache.get(key, OPERATOR_DOCUMENT_TTL_MS, async () => frozenCopy(await read()));
}

function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.freeze(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, frozenCopy(v)]))) as T;
  }
  return value;
}

export interface ConfigDefinition<S extends z.ZodType> {
  id: string;
  title: string;
  schema: S;
  /** Used when the document is missing or broken, so a member's request never fails on an operator typo. */
  fallback: z.output<S>;
}

export const defineConfig = <S extends z.ZodType>(d: ConfigDefinition<S>) => d;

export type ConfigCheck =
  | { id: string; title: string; status: 'ok' }
  | { id: string; title: string; status: 'missing' }
  | { id: string; title: string; status: 'invalid'; problems: string[] };

export async function checkConfig<S extends z.ZodType>(
  db: Database,
  def: ConfigDefinition<S>,
): Promise<{ check: ConfigCheck; value: z.output<S> }> {
  const doc = await getOrNull(db.collection(CONFIG_COLLECTION).doc(def.id));
  if (!doc) return { check: { id: def.id, title: def.title, status: 'missing' }, value: def.fallback };
  const { _id, ...body } = doc;
  void _id;
  const parsed = def.schema.safeParse(body);
  if (!parsed.success) {
    return {
      check: { id: def.id, title: def.title, status: 'invalid', problems: explainIssues(parsed.error.issues) },
      value: def.fallback,
    };
  }
  return { check: { id: def.id, title: def.title, status: 'ok' }, value: parsed.data };
}

/**
 * Reads an operator document (cached per instance, see OPERATOR_DOCUMENT_TTL_MS); a broken one is logged
 * (with the operator-readable problems) and replaced. `admin.configReport` uses `checkConfig`: always fresh.
 */
export function loadConfig<S extends z.ZodType>(ctx: ConfigReader, def: ConfigDefinition<S>): Promise<z.output<S>> {
  return readOperatorDocuments(ctx, `${CONFIG_COLLECTION}/${def.id}`, async () => {
    const { check, value } = await checkConfig(ctx.db, def);
    if (check.status === 'invalid') ctx.log.error('config.invalid', { config: def.id, problems: check.problems });
    return value;
  });
}
