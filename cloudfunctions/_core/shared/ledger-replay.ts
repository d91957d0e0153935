import type { CollectionRef, Database } from '../../_platform/database.port';
import { MAX_PAGE_SIZE } from './batch-job';

/** A ledger entry as the replay reads it: its owner and its place in the owner's ledger. */
export interface ReplayedEntry {
  _id: string;
  _openid: string;
  seq: number;
}

export interface LedgerMismatch {
  openid: string;
  problem: string;
}

export interface LedgerCheckResult {
  accounts: number;
  entries: number;
  mismatches: LedgerMismatch[];
}

/** One owner's replay so far. */
export interface LedgerFold<S> {
  state: S;
  count: number;
  /** Set once an entry does not apply: later entries are not replayed. */
  broken: boolean;
}

export interface LedgerReplaySpec<A extends { _id: string }, E extends ReplayedEntry, S> {
  /** The collections, opened by the caller (so the collection spec's scan sees their names there). */
  accounts: CollectionRef<A>;
  entries: CollectionRef<E>;
  /** The entry fields the replay needs (besides `_id`). */
  fields: Record<string, true>;
  /** How an orphan is named: "<n> <noun> but no <account>". */
  entryNoun: string;
  accountNoun: string;
  empty: S;
  /** A problem with the entry as stored, judged against the state before it (null when fine). */
  inspect?(state: S, entry: E): string | null;
  /** The state after the entry; throws when it does not apply. */
  apply(state: S, entry: E): S;
  /** Problems of an account against its replay (`fold` undefined: the account has no entries). */
  compare(account: A, fold: LedgerFold<S> | undefined): string[];
  pageSize?: number;
}

/**
 * DESIGN principle 4, checked for any ledger: every cached account must equal the replay of its entries.
 *
 * Accounts are paged by `_id`; for each page, the entries of exactly that owner range are read in ledger order
 * (`_openid`, `seq`; the owner_seq index), 1,000 per query with a cursor. Reading entries by range rather than
 * one owner at a time needs about one query per 1,000 entries instead of one per owner, and also catches
 * entries that belong to no account. Finds gaps in `seq`, entries that do not apply, whatever `inspect` and
 * `compare` find, and entries without an account.
 */
export async function replayLedgers<A extends { _id: string }, E extends ReplayedEntry, S>(
  db: Database,
  spec: LedgerReplaySpec<A, E, S>,
): Promise<LedgerCheckResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, spec.pageSize ?? MAX_PAGE_SIZE);
  const _ = db.command;
  const result: LedgerCheckResult = { accounts: 0, entries: 0, mismatches: [] };
  const problem = (openid: string, text: string) => result.mismatches.push({ openid, problem: text });
  const fields = { _openid: true, seq: true, ...spec.fields };

  /** Replays the entries with `_openid` in (lo, hi] (hi null = no upper bound) into `folds`. */
  async function replayRange(lo: string | null, hi: string | null, folds: Map<string, LedgerFold<S>>): Promise<void> {
    const range = (low: string | null) => {
      if (low !== null && hi !== null) return _.gt(low).and(_.lte(hi));
      if (low !== null) return _.gt(low);
      return _.lte(hi as string);
    };
    let where: Record<string, unknown> = lo === null && hi === null ? {} : { _openid: range(lo) };
    for (;;) {
      const { data } = await spec.entries.where(where).orderBy('_openid', 'asc').orderBy('seq', 'asc').limit(pageSize).field(fields).get();
      for (const entry of data) replayEntry(entry, folds);
      if (data.length < pageSize) return;
      const last = data[data.length - 1];
      where = _.or([{ _openid: last._openid, seq: _.gt(last.seq) }, { _openid: range(last._openid) }]) as unknown as Record<string, unknown>;
    }
  }

  function replayEntry(entry: E, folds: Map<string, LedgerFold<S>>): void {
    result.entries++;
    const openid = entry._openid;
    let fold = folds.get(openid);
    if (!fold) folds.set(openid, (fold = { state: spec.empty, count: 0, broken: false }));
    fold.count++;
    if (fold.broken) return;
    const where = `entry ${entry._id} (seq ${entry.seq})`;
    if (entry.seq !== fold.count) {
      problem(openid, `${where}: expected seq ${fold.count} (a gap or a duplicate in the ledger)`);
      fold.broken = true;
      return;
    }
    try {
      const found = spec.inspect?.(fold.state, entry);
      if (found) problem(openid, `${where}: ${found}`);
      fold.state = spec.apply(fold.state, entry);
    } catch (e) {
      problem(openid, `${where}: its effects do not apply: ${(e as Error).message}`);
      fold.broken = true;
    }
  }

  const orphans = (folds: Map<string, LedgerFold<S>>) => {
    for (const [openid, fold] of folds) problem(openid, `${fold.count} ${spec.entryNoun} but no ${spec.accountNoun}`);
  };

  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = after === null ? {} : { _id: _.gt(after) };
    const { data: accounts } = await spec.accounts.where(where).orderBy('_id', 'asc').limit(pageSize).get();
    if (accounts.length === 0) break;
    const last = accounts[accounts.length - 1]._id;
    const folds = new Map<string, LedgerFold<S>>();
    await replayRange(after, last, folds);
    for (const account of accounts) {
      result.accounts++;
      for (const text of spec.compare(account, folds.get(account._id))) problem(account._id, text);
      folds.delete(account._id);
    }
    orphans(folds);
    after = last;
    if (accounts.length < pageSize) break;
  }
  // Entries past the last account (or any at all when there is no account) belong to no account.
  const rest = new Map<string, LedgerFold<S>>();
  await replayRange(after, null, rest);
  orphans(rest);
  return result;
}
