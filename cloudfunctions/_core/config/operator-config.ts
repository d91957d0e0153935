import type { z } from 'zod';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';
import type { Database } from '../../_platform/database.port';
import type { Logger } from '../../_platform/logger.port';

/** Operators edit these documents in the cloud console (collection `app_config`, one doc per id). */
export const CONFIG_COLLECTION = 'app_config';

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

/** Reads an operator document; a broken one is logged (with the operator-readable problems) and replaced. */
export async function loadConfig<S extends z.ZodType>(
  db: Database,
  log: Logger,
  def: ConfigDefinition<S>,
): Promise<z.output<S>> {
  const { check, value } = await checkConfig(db, def);
  if (check.status === 'invalid') log.error('config.invalid', { config: def.id, problems: check.problems });
  return value;
}
