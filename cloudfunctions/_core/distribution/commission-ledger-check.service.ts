import type { Database } from '../../_platform/database.port';
import { replayLedgers, type LedgerCheckResult } from '../shared/ledger-replay';
import { applyDeltas, balanceDeltaOf, balanceOf, ZERO_TOTALS, type CommissionTotals } from './commission-ledger.rules';
import { COMMISSION_ACCOUNTS, COMMISSION_ENTRIES, type CommissionAccountRecord, type CommissionEntryRecord } from './distribution.record';

type ListedEntry = Pick<CommissionEntryRecord, '_id' | '_openid' | 'seq' | 'deltas' | 'balanceDelta'>;

/**
 * Principle 4 for commissions (the replay itself: shared/ledger-replay.ts): every cached account equals the
 * replay of its entries, its balance is settled - withdrawn - clawedBack, no entry takes a total below zero, and
 * each entry's stored balance change agrees with its deltas.
 */
export function checkCommissionLedger(db: Database, opts: { pageSize?: number } = {}): Promise<LedgerCheckResult> {
  return replayLedgers<CommissionAccountRecord, ListedEntry, CommissionTotals>(db, {
    accounts: db.collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS),
    entries: db.collection<ListedEntry>(COMMISSION_ENTRIES),
    fields: { deltas: true, balanceDelta: true },
    entryNoun: 'commission entries',
    accountNoun: 'commission account',
    empty: ZERO_TOTALS,
    pageSize: opts.pageSize,
    inspect: (_state, e) => (balanceDeltaOf(e.deltas) === e.balanceDelta ? null : `stored balance change ${e.balanceDelta}, its deltas give ${balanceDeltaOf(e.deltas)}`),
    apply: (state, e) => applyDeltas(state, e.deltas),
    compare(account, fold) {
      const problems: string[] = [];
      const count = fold?.count ?? 0;
      if (account.seq !== count) problems.push(`account seq ${account.seq}, ledger has ${count} entries`);
      if (fold?.broken) return problems;
      const want = fold?.state ?? ZERO_TOTALS;
      for (const k of ['pending', 'settled', 'withdrawn', 'clawedBack'] as const) {
        if (account[k] !== want[k]) problems.push(`account ${k} ${account[k]}, ledger gives ${want[k]}`);
      }
      if (account.balance !== balanceOf(want)) problems.push(`account balance ${account.balance}, settled - withdrawn - clawed back = ${balanceOf(want)}`);
      return problems;
    },
  });
}
