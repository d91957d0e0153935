import type { Database } from '../../_platform/database.port';
import { MAX_PAGE_SIZE } from '../shared/batch-job';
import { accountFields } from './points-account.rules';
import { applyEffects, deltasOf, EMPTY_STATE, type LedgerState, type Lot } from './points-ledger.rules';
import { POINT_ACCOUNTS, POINT_ENTRIES, type PointAccountRecord, type PointEntryRecord } from './points.record';

export interface LedgerMismatch {
  openid: string;
  problem: string;
}

export interface LedgerCheckResult {
  accounts: number;
  entries: number;
  mismatches: LedgerMismatch[];
}

type ListedEntry = Pick<PointEntryRecord, '_id' | '_openid' | 'seq' | 'effects' | 'delta' | 'pendingDelta' | 'owedDelta'>;

/** The replay of one member's entries so far. */
interface Fold {
  state: LedgerState;
  count: number;
  /** Set once an entry does not apply: later entries are not replayed. */
  broken: boolean;
}

const lotText = (l: Lot) => `${l.key}=${l.amount}${l.expiresOn ? `@${l.expiresOn}` : ''}${l.availableOn ? `>${l.availableOn}` : ''}`;
const lotsText = (lots: readonly Lot[]) => [...lots].map(lotText).sort().join(', ') || '(none)';

/**
 * Principle 4, checked: every cached account must equal the replay of its ledger entries' effects.
 *
 * Accounts are paged by `_id`; for each page, the entries of exactly that `_openid` range are read in
 * ledger order (`_openid`, `seq`; the `owner_seq` index), 1,000 per query with a cursor. Reading entries by
 * range rather than one member at a time needs about one query per 1,000 entries instead of one per
 * member, and also catches entries that belong to no account. Finds: entries that do not apply (taking
 * more than a lot holds), entry deltas that disagree with their effects, gaps in `seq`, and accounts whose
 * lots, owed, balance, pending, seq or nextDueOn differ from the replay.
 */
export async function checkLedger(db: Database, opts: { pageSize?: number } = {}): Promise<LedgerCheckResult> {
  const pageSize = Math.min(MAX_PAGE_SIZE, opts.pageSize ?? MAX_PAGE_SIZE);
  const _ = db.command;
  const result: LedgerCheckResult = { accounts: 0, entries: 0, mismatches: [] };
  const problem = (openid: string, text: string) => result.mismatches.push({ openid, problem: text });

  /** Replays the entries with `_openid` in (lo, hi] (hi null = no upper bound) into `folds`. */
  async function replayRange(lo: string | null, hi: string | null, folds: Map<string, Fold>): Promise<void> {
    const range = (low: string | null) => {
      if (low !== null && hi !== null) return _.gt(low).and(_.lte(hi));
      if (low !== null) return _.gt(low);
      return _.lte(hi as string);
    };
    let where: Record<string, unknown> = lo === null && hi === null ? {} : { _openid: range(lo) };
    for (;;) {
      const { data } = await db
        .collection<ListedEntry>(POINT_ENTRIES)
        .where(where)
        .orderBy('_openid', 'asc')
        .orderBy('seq', 'asc')
        .limit(pageSize)
        .field({ _openid: true, seq: true, effects: true, delta: true, pendingDelta: true, owedDelta: true })
        .get();
      for (const entry of data) replayEntry(entry, folds);
      if (data.length < pageSize) return;
      const last = data[data.length - 1];
      where = _.or([{ _openid: last._openid, seq: _.gt(last.seq) }, { _openid: range(last._openid) }]) as unknown as Record<string, unknown>;
    }
  }

  function replayEntry(entry: ListedEntry, folds: Map<string, Fold>): void {
    result.entries++;
    const openid = entry._openid;
    let fold = folds.get(openid);
    if (!fold) {
      fold = { state: EMPTY_STATE, count: 0, broken: false };
      folds.set(openid, fold);
    }
    fold.count++;
    if (fold.broken) return;
    const where = `entry ${entry._id} (seq ${entry.seq})`;
    if (entry.seq !== fold.count) {
      problem(openid, `${where}: expected seq ${fold.count} (a gap or a duplicate in the ledger)`);
      fold.broken = true;
      return;
    }
    try {
      const { delta, pendingDelta } = deltasOf(fold.state, entry.effects);
      if (delta !== entry.delta || pendingDelta !== entry.pendingDelta || entry.effects.owedDelta !== entry.owedDelta) {
        problem(
          openid,
          `${where}: stored delta/pending/owed ${entry.delta}/${entry.pendingDelta}/${entry.owedDelta}, its effects give ${delta}/${pendingDelta}/${entry.effects.owedDelta}`,
        );
      }
      fold.state = applyEffects(fold.state, entry.effects);
    } catch (e) {
      problem(openid, `${where}: its effects do not apply: ${(e as Error).message}`);
      fold.broken = true;
    }
  }

  function compare(account: PointAccountRecord, fold: Fold | undefined): void {
    const openid = account._id;
    const count = fold?.count ?? 0;
    if (account.seq !== count) problem(openid, `account seq ${account.seq}, ledger has ${count} entries`);
    if (fold?.broken) return;
    const want = accountFields(fold?.state ?? EMPTY_STATE);
    for (const field of ['balance', 'pending', 'owed', 'nextDueOn'] as const) {
      if (account[field] !== want[field]) problem(openid, `account ${field} ${String(account[field])}, ledger gives ${String(want[field])}`);
    }
    const have = lotsText(Array.isArray(account.lots) ? account.lots : []);
    const rebuilt = lotsText(want.lots);
    if (!Array.isArray(account.lots) || have !== rebuilt) problem(openid, `account lots [${have}], ledger gives [${rebuilt}]`);
  }

  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = after === null ? {} : { _id: _.gt(after) };
    const { data: accounts } = await db.collection<PointAccountRecord>(POINT_ACCOUNTS).where(where).orderBy('_id', 'asc').limit(pageSize).get();
    if (accounts.length === 0) break;
    const last = accounts[accounts.length - 1]._id;
    const folds = new Map<string, Fold>();
    await replayRange(after, last, folds);
    for (const account of accounts) {
      result.accounts++;
      compare(account, folds.get(account._id));
      folds.delete(account._id);
    }
    for (const [openid, fold] of folds) problem(openid, `${fold.count} ledger entries but no point account`);
    after = last;
    if (accounts.length < pageSize) break;
  }
  // Entries past the last account (or any at all when there is no account) belong to no account.
  const orphans = new Map<string, Fold>();
  await replayRange(after, null, orphans);
  for (const [openid, fold] of orphans) problem(openid, `${fold.count} ledger entries but no point account`);
  return result;
}
