import type { PointAccountRecord } from './points.record';
import { balanceOf, nextDueDay, pendingOf, type LedgerState } from './points-ledger.rules';

export function newPointAccount(openid: string, now: Date): PointAccountRecord {
  return { _id: openid, _openid: openid, balance: 0, pending: 0, owed: 0, lots: [], seq: 0, nextDueOn: null, updatedAt: now };
}

export const stateOf = (account: Pick<PointAccountRecord, 'lots' | 'owed'>): LedgerState => ({ lots: account.lots, owed: account.owed });

/** The cached fields of an account for a ledger state: what the account document stores. */
export function accountFields(state: LedgerState) {
  return {
    balance: balanceOf(state),
    pending: pendingOf(state),
    owed: state.owed,
    lots: state.lots,
    nextDueOn: nextDueDay(state),
  };
}
