import { isDatabaseError, type Database, type DocData } from '../../_platform/database.port';
import { getOrNull } from './db-helpers';

/**
 * Conditional counters: stock and per-member allowances taken under bursts without a transaction on the hot
 * document (DESIGN principle 2; the pattern coupon claims use). One `where({_id, field ≤ limit - n}).update(inc)`
 * either takes `n` or changes nothing (`stats.updated`), so concurrent takers can never go past `limit`, and
 * nobody is told BUSY while units are left: a taker that lost a race re-reads and tries again while the
 * counter shows room.
 */

/** Rounds a taker retries when the counter moved between its update and its read (someone gave units back). */
const ATTEMPTS = 6;

export interface CounterSpec {
  collection: string;
  id: string;
  field: string;
  /** The counter may reach this and no further; null = no limit (still counted). */
  limit: number | null;
  /** Fields of a counter document created by the first taker (besides `_id` and the counter). */
  init?: DocData;
  /** Extra fields set with every take (e.g. `updatedAt`). */
  touch?: DocData;
}

/** Takes `n` units; false when the limit leaves no room for them. Creates the document on first use. */
export async function takeCounter(db: Database, spec: CounterSpec, n: number): Promise<boolean> {
  const _ = db.command;
  const col = db.collection(spec.collection);
  if (spec.limit !== null && n > spec.limit) return false;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const where: DocData = { _id: spec.id };
    if (spec.limit !== null) where[spec.field] = _.lte(spec.limit - n);
    const r = await col.where(where).update({ data: { [spec.field]: _.inc(n), ...spec.touch } });
    if (r.stats.updated === 1) return true;
    const doc = await getOrNull(col.doc(spec.id));
    if (doc) {
      if (spec.limit !== null && Number(doc[spec.field] ?? 0) + n > spec.limit) return false;
      continue; // units came back between our update and our read
    }
    try {
      await col.add({ data: { _id: spec.id, ...spec.init, [spec.field]: n, ...spec.touch } });
      return true;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e; // another first taker: take by update
    }
  }
  return false;
}

/** Gives `n` units back (never below zero). Callers guarantee once-only by a state change they won first. */
export async function giveBackCounter(db: Database, spec: Pick<CounterSpec, 'collection' | 'id' | 'field' | 'touch'>, n: number): Promise<boolean> {
  const _ = db.command;
  const r = await db
    .collection(spec.collection)
    .where({ _id: spec.id, [spec.field]: _.gte(n) })
    .update({ data: { [spec.field]: _.inc(-n), ...spec.touch } });
  return r.stats.updated === 1;
}
