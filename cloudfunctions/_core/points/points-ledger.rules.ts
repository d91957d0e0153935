/**
 * The points ledger as pure rules. A member's points are lots: active lots are grouped by expiry day (so a
 * daily check-in for years still makes a bounded list), pending purchase lots stay separate per order until
 * their after-sale window ends. Every ledger entry stores its effects on the lots, so the cached account is a
 * fold of the entries and can always be rebuilt from them (`replay`).
 *
 * Refund rule (documented in README): a refund first cancels the order's still-pending lot. If its points
 * were already released, the refund takes them back from the balance (soonest-expiring first); what the
 * member already spent becomes `owed`, and later earnings repay `owed` before they reach the balance.
 */

export interface Lot {
  /** `a:<expiresOn|never>` for active lots, `p:<sourceId>` for pending ones. */
  key: string;
  amount: number;
  /** Last business day the points can be used ('YYYY-MM-DD'); null = never expire. */
  expiresOn: string | null;
  /** Pending lots only: the business day they become spendable. */
  availableOn: string | null;
}

export interface LedgerState {
  lots: Lot[];
  owed: number;
}

export interface LotTake {
  key: string;
  amount: number;
}

/** What one entry does to the state; stored on the entry. */
export interface Effects {
  add: Lot[];
  take: LotTake[];
  /** Change of the debt left by refunds of spent points. */
  owedDelta: number;
}

export const EMPTY_STATE: LedgerState = { lots: [], owed: 0 };
const NO_EFFECTS: Effects = { add: [], take: [], owedDelta: 0 };

export const activeKey = (expiresOn: string | null) => `a:${expiresOn ?? 'never'}`;
export const pendingKey = (sourceId: string) => `p:${sourceId}`;
const isPending = (lot: Lot) => lot.availableOn !== null;

export function balanceOf(state: LedgerState): number {
  return state.lots.filter((l) => !isPending(l)).reduce((s, l) => s + l.amount, 0);
}
export function pendingOf(state: LedgerState): number {
  return state.lots.filter(isPending).reduce((s, l) => s + l.amount, 0);
}

/** Soonest expiry first; never-expiring last. */
function byExpiry(a: Lot, b: Lot): number {
  if (a.expiresOn === b.expiresOn) return a.key < b.key ? -1 : 1;
  if (a.expiresOn === null) return 1;
  if (b.expiresOn === null) return -1;
  return a.expiresOn < b.expiresOn ? -1 : 1;
}

/** Takes up to `amount` from active lots, soonest-expiring first. */
function takeFifo(state: LedgerState, amount: number): LotTake[] {
  const takes: LotTake[] = [];
  let left = amount;
  for (const lot of state.lots.filter((l) => !isPending(l)).sort(byExpiry)) {
    if (left <= 0) break;
    const n = Math.min(lot.amount, left);
    takes.push({ key: lot.key, amount: n });
    left -= n;
  }
  return takes;
}

const sum = (xs: readonly { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

export function assertPoints(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer, got ${n}`);
}

/** Earning: repays owed points first, the rest becomes an active lot, or a pending one for `availableOn`. */
export function planEarn(
  state: LedgerState,
  args: { amount: number; expiresOn: string | null; availableOn?: string | null; sourceId?: string },
): Effects {
  assertPoints(args.amount, 'earned points');
  if (args.amount === 0) return NO_EFFECTS;
  const pending = Boolean(args.availableOn);
  if (pending) {
    if (!args.sourceId) throw new Error('a pending lot needs its source id');
    // Pending points repay nothing until they are released.
    return {
      add: [{ key: pendingKey(args.sourceId), amount: args.amount, expiresOn: args.expiresOn, availableOn: args.availableOn! }],
      take: [],
      owedDelta: 0,
    };
  }
  const repay = Math.min(state.owed, args.amount);
  const rest = args.amount - repay;
  return {
    add: rest > 0 ? [{ key: activeKey(args.expiresOn), amount: rest, expiresOn: args.expiresOn, availableOn: null }] : [],
    take: [],
    owedDelta: -repay,
  };
}

export type SpendPlan = { ok: true; effects: Effects } | { ok: false; balance: number };

export function planSpend(state: LedgerState, amount: number): SpendPlan {
  assertPoints(amount, 'spent points');
  const balance = balanceOf(state);
  if (amount > balance) return { ok: false, balance };
  return { ok: true, effects: { add: [], take: takeFifo(state, amount), owedDelta: 0 } };
}

/** Pending lots whose day has come become active (and repay owed points first). */
export function planRelease(state: LedgerState, today: string): Effects {
  const due = state.lots.filter((l) => isPending(l) && l.availableOn! <= today);
  if (due.length === 0) return NO_EFFECTS;
  let owed = state.owed;
  const add: Lot[] = [];
  for (const lot of due) {
    const repay = Math.min(owed, lot.amount);
    owed -= repay;
    if (lot.amount - repay > 0) add.push({ key: activeKey(lot.expiresOn), amount: lot.amount - repay, expiresOn: lot.expiresOn, availableOn: null });
  }
  return { add, take: due.map((l) => ({ key: l.key, amount: l.amount })), owedDelta: owed - state.owed };
}

/** Lots whose last day is before `today` expire whole (pending ones too). */
export function planExpire(state: LedgerState, today: string): Effects {
  const take = state.lots.filter((l) => l.expiresOn !== null && l.expiresOn < today).map((l) => ({ key: l.key, amount: l.amount }));
  return take.length ? { add: [], take, owedDelta: 0 } : NO_EFFECTS;
}

/**
 * Takes back `amount` points an order earned: from its pending lot while it is still pending (a partial
 * refund takes part of it), the rest from the balance soonest-expiring first, and what the member already
 * spent becomes owed.
 */
export function planReverse(state: LedgerState, args: { sourceId: string; amount: number }): Effects {
  assertPoints(args.amount, 'reversed points');
  if (args.amount === 0) return NO_EFFECTS;
  const pending = state.lots.find((l) => l.key === pendingKey(args.sourceId));
  const fromPending = pending ? Math.min(pending.amount, args.amount) : 0;
  const rest = args.amount - fromPending;
  const take = takeFifo(state, rest);
  return {
    add: [],
    take: [...(fromPending > 0 ? [{ key: pending!.key, amount: fromPending }] : []), ...take],
    owedDelta: rest - sum(take),
  };
}

/** Applies effects; throws if they do not fit the state (a bug, or a replay of a forged ledger). */
export function applyEffects(state: LedgerState, fx: Effects): LedgerState {
  const lots = new Map(state.lots.map((l) => [l.key, { ...l }]));
  for (const t of fx.take) {
    const lot = lots.get(t.key);
    if (!lot || lot.amount < t.amount || t.amount <= 0) throw new Error(`cannot take ${t.amount} from lot ${t.key}`);
    lot.amount -= t.amount;
    if (lot.amount === 0) lots.delete(t.key);
  }
  for (const a of fx.add) {
    const lot = lots.get(a.key);
    if (lot) lot.amount += a.amount;
    else lots.set(a.key, { ...a });
  }
  const owed = state.owed + fx.owedDelta;
  if (owed < 0) throw new Error('owed points cannot go below zero');
  return { lots: [...lots.values()].sort(byExpiry), owed };
}

/** Change of the spendable balance and of pending points that the effects cause. */
export function deltasOf(state: LedgerState, fx: Effects): { delta: number; pendingDelta: number } {
  const next = applyEffects(state, fx);
  return { delta: balanceOf(next) - balanceOf(state), pendingDelta: pendingOf(next) - pendingOf(state) };
}

/** Rebuilds the state from entries' effects, in ledger order. */
export function replay(effects: readonly Effects[]): LedgerState {
  return effects.reduce(applyEffects, EMPTY_STATE);
}

/**
 * The soonest-expiring spendable points, for "N points expire on DATE": pending points are not counted (they
 * are not the member's to use yet), and with `within` only an expiry on or before that day is reported.
 */
export function nextExpiry(state: LedgerState, within?: string): { points: number; on: string } | null {
  const dated = state.lots.filter((l) => !isPending(l) && l.expiresOn !== null && (within === undefined || l.expiresOn <= within));
  if (dated.length === 0) return null;
  const on = dated.map((l) => l.expiresOn!).sort()[0];
  return { points: sum(dated.filter((l) => l.expiresOn === on)), on };
}

/** The earliest day a job must look at this account again (a release or an expiry), or null. */
export function nextDueDay(state: LedgerState): string | null {
  const days = state.lots.flatMap((l) => [l.availableOn, l.expiresOn ? dayAfter(l.expiresOn) : null]).filter((d): d is string => d !== null);
  return days.length ? days.sort()[0] : null;
}

/** 'YYYY-MM-DD' + 1 day, calendar arithmetic in UTC (dates carry no zone). */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
