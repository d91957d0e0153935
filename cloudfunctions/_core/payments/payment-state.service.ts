import type { Database, DocData, Transaction } from '../../_platform/database.port';
import { getOrNull } from '../shared/db-helpers';
import { mayRecord, statesRefusing, valueAt, type ForwardStates } from './payment-state.rules';

/** One forward-only write of a payment or refund state (rule: payment-state.rules.ts). */
export interface ForwardWrite<S extends string> {
  collection: string;
  id: string;
  /** Where the state lives in the document, e.g. `status` or `refund.status`. */
  statePath: string;
  states: ForwardStates<S>;
  next: S;
  /** The update (update commands allowed); it sets `statePath` to `next`, with whatever goes along. */
  data: DocData;
}

/**
 * Records a state with one conditional update that applies only while the stored state may be replaced
 * (`where({ _id, [statePath]: _.nin(refusing) })`): no read-then-write window, so a caller with a stale
 * answer can never take back what another recorded. Returns the state stored afterwards: `next`, or the
 * state that refused it (read back when the update changed nothing, which is also what an identical
 * concurrent write looks like), or null for a missing document.
 */
export async function recordForward<S extends string>(db: Database, w: ForwardWrite<S>): Promise<S | null> {
  const refusing = statesRefusing(w.states, w.next);
  const where: DocData = { _id: w.id };
  if (refusing.length > 0) where[w.statePath] = db.command.nin(refusing);
  const { stats } = await db.collection(w.collection).where(where).update({ data: w.data });
  if (stats.updated === 1) return w.next;
  const stored = await getOrNull(db.collection(w.collection).doc(w.id));
  return stored ? ((valueAt(stored, w.statePath) as S | undefined) ?? null) : null;
}

/**
 * The same rule inside a transaction (which offers no `where`): `doc` is the document as this transaction
 * read it; the write happens only if its state may be replaced, and the transaction's conflict check makes
 * that read-then-write atomic. Returns the state stored afterwards.
 */
export async function recordForwardInTx<S extends string>(tx: Transaction, doc: object, w: ForwardWrite<S>): Promise<S | null> {
  const current = (valueAt(doc, w.statePath) as S | undefined) ?? null;
  if (!mayRecord(w.states, current, w.next)) return current;
  await tx.collection(w.collection).doc(w.id).update({ data: w.data });
  return w.next;
}
