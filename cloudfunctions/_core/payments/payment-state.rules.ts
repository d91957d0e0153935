/**
 * Payment and refund states only move forward.
 *
 * Many callers record the state of the same payment at once (WeChat Pay's notice, the member's confirms, a
 * timer, a cancel), each from an answer that may already be stale. So a state is recorded only over one it
 * outranks, or over one of its own rank unless that rank is the last (a retry after `failed` may say
 * `requested` again); a state of the last rank (`accepted`, `paid`) is never replaced. Pure: the service
 * (payment-state.service.ts) turns this rule into a conditional write.
 */
export interface ForwardStates<S extends string> {
  readonly rank: Readonly<Record<S, number>>;
}

export type RefundStatus = 'requested' | 'failed' | 'accepted';
/** A refund: asked for, then accepted by WeChat Pay (final) or failed (asked again later). */
export const REFUND_STATES: ForwardStates<RefundStatus> = { rank: { requested: 1, failed: 1, accepted: 2 } };

export type PaymentStatus = 'created' | 'paid';
/** A payment: created, then paid (final). */
export const PAYMENT_STATES: ForwardStates<PaymentStatus> = { rank: { created: 0, paid: 1 } };

const statesOf = <S extends string>(m: ForwardStates<S>) => Object.keys(m.rank) as S[];
const lastRank = <S extends string>(m: ForwardStates<S>) => Math.max(...statesOf(m).map((s) => m.rank[s]));

/**
 * Whether `next` may be recorded over `current`. Nothing recorded yet (or a value that is no state of
 * this machine): always, as the conditional write (`_.nin(statesRefusing)`) also does.
 */
export function mayRecord<S extends string>(m: ForwardStates<S>, current: S | null | undefined, next: S): boolean {
  const was = current === null || current === undefined ? undefined : m.rank[current];
  if (was === undefined) return true;
  const will = m.rank[next];
  return will > was || (will === was && was < lastRank(m));
}

/** The stored states that refuse `next`: what a conditional write must not find. */
export function statesRefusing<S extends string>(m: ForwardStates<S>, next: S): S[] {
  return statesOf(m).filter((s) => !mayRecord(m, s, next));
}

/** The value at a dotted path (`refund.status`), or undefined where the path stops. */
export function valueAt(doc: unknown, path: string): unknown {
  let at: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
