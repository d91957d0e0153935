import type { Database } from '../../_platform/database.port';
import { replayLedgers, type LedgerCheckResult } from '../shared/ledger-replay';
import { accountFields } from './points-account.rules';
import { applyEffects, deltasOf, EMPTY_STATE, type LedgerState, type Lot } from './points-ledger.rules';
import { POINT_ACCOUNTS, POINT_ENTRIES, type PointAccountRecord, type PointEntryRecord } from './points.record';

export type { LedgerCheckResult, LedgerMismatch } from '../shared/ledger-replay';

type ListedEntry = Pick<PointEntryRecord, '_id' | '_openid' | 'seq' | 'effects' | 'delta' | 'pendingDelta' | 'owedDelta'>;

const lotText = (l: Lot) => `${l.key}=${l.amount}${l.expiresOn ? `@${l.expiresOn}` : ''}${l.availableOn ? `>${l.availableOn}` : ''}`;
const lotsText = (lots: readonly Lot[]) => [...lots].map(lotText).sort().join(', ') || '(none)';

/**
 * Principle 4, checked for points (the replay itself: shared/ledger-replay.ts): finds entries that do not apply
 * (taking more than a lot holds), entry deltas that disagree with their effects, gaps in `seq`, and accounts
 * whose lots, owed, balance, pending, seq or nextDueOn differ from the replay.
 */
export function checkLedger(db: Database, opts: { pageSize?: number } = {}): Promise<LedgerCheckResult> {
  return replayLedgers<PointAccountRecord, ListedEntry, LedgerState>(db, {
    accounts: db.collection<PointAccountRecord>(POINT_ACCOUNTS),
    entries: db.collection<ListedEntry>(POINT_ENTRIES),
    fields: { effects: true, delta: true, pendingDelta: true, owedDelta: true },
    entryNoun: 'ledger entries',
    accountNoun: 'point account',
    empty: EMPTY_STATE,
    pageSize: opts.pageSize,
    inspect(state, entry) {
      const { delta, pendingDelta } = deltasOf(state, entry.effects);
      if (delta === entry.delta && pendingDelta === entry.pendingDelta && entry.effects.owedDelta === entry.owedDelta) return null;
      return `stored delta/pending/owed ${entry.delta}/${entry.pendingDelta}/${entry.owedDelta}, its effects give ${delta}/${pendingDelta}/${entry.effects.owedDelta}`;
    },
    apply: (state, entry) => applyEffects(state, entry.effects),
    compare(account, fold) {
      const problems: string[] = [];
      const count = fold?.count ?? 0;
      if (account.seq !== count) problems.push(`account seq ${account.seq}, ledger has ${count} entries`);
      if (fold?.broken) return problems;
      const want = accountFields(fold?.state ?? EMPTY_STATE);
      for (const field of ['balance', 'pending', 'owed', 'nextDueOn'] as const) {
        if (account[field] !== want[field]) problems.push(`account ${field} ${String(account[field])}, ledger gives ${String(want[field])}`);
      }
      const have = lotsText(Array.isArray(account.lots) ? account.lots : []);
      const rebuilt = lotsText(want.lots);
      if (!Array.isArray(account.lots) || have !== rebuilt) problems.push(`account lots [${have}], ledger gives [${rebuilt}]`);
      return problems;
    },
  });
}
