import type { Transaction } from '../../_platform/database.port';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import {
  applyDeltas,
  balanceDeltaOf,
  balanceOf,
  type CommissionDeltas,
  type CommissionEntryKind,
  type CommissionTotals,
} from './commission-ledger.rules';
import {
  COMMISSION_ACCOUNTS,
  COMMISSION_ENTRIES,
  type CommissionAccountRecord,
  type CommissionEntryRecord,
} from './distribution.record';

export interface CommissionPosting {
  /** The idempotency key, used as the entry's id: the same key never posts twice. */
  key: string;
  kind: CommissionEntryKind;
  /** The commission id or withdrawal number the entry is about. */
  ref: string;
  reason: string;
  /** Decides the deltas from the current totals; may throw AppError (a withdrawal above the balance). */
  plan(totals: CommissionTotals): CommissionDeltas;
}

export const totalsOf = (a: Pick<CommissionAccountRecord, 'pending' | 'settled' | 'withdrawn' | 'clawedBack'>): CommissionTotals => ({
  pending: a.pending,
  settled: a.settled,
  withdrawn: a.withdrawn,
  clawedBack: a.clawedBack,
});

export function newCommissionAccount(openid: string, now: Date): CommissionAccountRecord {
  return {
    _id: openid,
    _openid: openid,
    pending: 0,
    settled: 0,
    withdrawn: 0,
    clawedBack: 0,
    balance: 0,
    seq: 0,
    withdrawDay: null,
    withdrawnThatDay: 0,
    withdrawalsThatDay: 0,
    updatedAt: now,
  };
}

/** The account as the transaction sees it; a distributor's first commission creates it. */
export async function loadCommissionAccount(tx: Transaction, openid: string, now: Date): Promise<CommissionAccountRecord> {
  const found = await getOrNull<CommissionAccountRecord>(tx.collection<CommissionAccountRecord>(COMMISSION_ACCOUNTS).doc(openid));
  return found ?? newCommissionAccount(openid, now);
}

export interface CommissionPostResult {
  account: CommissionAccountRecord;
  /** Entries written now (postings whose key was posted before are skipped). */
  entries: CommissionEntryRecord[];
}

/**
 * Posts entries to one distributor's ledger inside the caller's transaction: entries and the cached account
 * change together or not at all (DESIGN principle 4). `account` lets the caller pass the account it already
 * read and adjust other fields (today's withdrawal counters) in the same write.
 */
export async function postCommissionsInTx(
  tx: Transaction,
  openid: string,
  postings: readonly CommissionPosting[],
  now: Date,
  opts: { account?: CommissionAccountRecord; extra?: Partial<CommissionAccountRecord> } = {},
): Promise<CommissionPostResult> {
  const account = opts.account ?? (await loadCommissionAccount(tx, openid, now));
  let totals = totalsOf(account);
  let seq = account.seq;
  const entries: CommissionEntryRecord[] = [];
  for (const p of postings) {
    const prior = await getOrNull<CommissionEntryRecord>(tx.collection<CommissionEntryRecord>(COMMISSION_ENTRIES).doc(p.key));
    if (prior) {
      if (prior._openid !== openid) throw new Error(`commission ledger key ${p.key} belongs to another distributor`);
      continue;
    }
    const deltas = p.plan(totals);
    totals = applyDeltas(totals, deltas);
    seq += 1;
    entries.push({
      _id: p.key,
      _openid: openid,
      seq,
      kind: p.kind,
      deltas,
      balanceDelta: balanceDeltaOf(deltas),
      ref: p.ref,
      reason: p.reason,
      day: businessDay(now),
      createdAt: now,
    });
  }
  if (entries.length === 0 && !opts.extra) return { account, entries };
  for (const { _id, ...entry } of entries) await tx.collection(COMMISSION_ENTRIES).doc(_id).set({ data: entry });
  const next: CommissionAccountRecord = { ...account, ...opts.extra, ...totals, balance: balanceOf(totals), seq, updatedAt: now };
  const { _id, ...data } = next;
  await tx.collection(COMMISSION_ACCOUNTS).doc(_id).set({ data });
  return { account: next, entries };
}
