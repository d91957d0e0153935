import type { Database, Transaction } from '../../_platform/database.port';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { LineItem } from './earn-rules.schema';
import { accountFields, stateOf } from './points-account.rules';
import {
  applyEffects,
  deltasOf,
  nextExpiry,
  planExpire,
  planRelease,
  type Effects,
  type LedgerState,
} from './points-ledger.rules';
import {
  POINT_ACCOUNTS,
  POINT_ENTRIES,
  type EntryKind,
  type EntryStatus,
  type PointAccountRecord,
  type PointEntryRecord,
} from './points.record';
import type { PointsSummaryView } from './points.schema';

export interface Posting {
  /** The idempotency key, used as the entry's id: the same key never posts twice. */
  key: string;
  kind: Extract<EntryKind, 'earn' | 'spend' | 'reverse'>;
  reason: string;
  source: string;
  sourceId: string;
  lineItems?: LineItem[];
  /** Decides the effects from the current state (after today's releases and expiries); may throw AppError. */
  plan(state: LedgerState): Effects;
}

export interface PostResult {
  entry: PointEntryRecord;
  account: PointAccountRecord;
  /** True when the key had been posted before: nothing was written. */
  repeated: boolean;
}

interface Draft {
  state: LedgerState;
  seq: number;
  entries: PointEntryRecord[];
}

function statusOf(kind: EntryKind, fx: Effects): EntryStatus {
  if (kind === 'earn') return fx.add.some((l) => l.availableOn !== null) ? 'pending' : 'active';
  return ({ spend: 'spent', release: 'active', expire: 'expired', reverse: 'reversed' } as const)[kind];
}

function addEntry(
  draft: Draft,
  openid: string,
  now: Date,
  e: { key: string; kind: EntryKind; effects: Effects; reason: string; source: string; sourceId: string; lineItems?: LineItem[] },
): void {
  const { delta, pendingDelta } = deltasOf(draft.state, e.effects);
  draft.seq += 1;
  draft.entries.push({
    _id: e.key,
    _openid: openid,
    seq: draft.seq,
    kind: e.kind,
    status: statusOf(e.kind, e.effects),
    delta,
    pendingDelta,
    owedDelta: e.effects.owedDelta,
    effects: e.effects,
    reason: e.reason,
    lineItems: e.lineItems ?? [],
    source: e.source,
    sourceId: e.sourceId,
    day: businessDay(now),
    createdAt: now,
  });
  draft.state = applyEffects(draft.state, e.effects);
}

const isEmpty = (fx: Effects) => fx.add.length === 0 && fx.take.length === 0 && fx.owedDelta === 0;

/** Today's releases and expiries first, so nobody spends points that expired last night. */
function housekeep(draft: Draft, openid: string, now: Date): void {
  const today = businessDay(now);
  const release = planRelease(draft.state, today);
  if (!isEmpty(release)) {
    addEntry(draft, openid, now, { key: `release:${openid}:${draft.seq + 1}`, kind: 'release', effects: release, reason: '售后期结束，积分生效', source: 'release', sourceId: today });
  }
  const expire = planExpire(draft.state, today);
  if (!isEmpty(expire)) {
    addEntry(draft, openid, now, { key: `expire:${openid}:${draft.seq + 1}`, kind: 'expire', effects: expire, reason: '积分到期', source: 'expiry', sourceId: today });
  }
}

async function loadAccount(tx: Transaction, openid: string): Promise<PointAccountRecord> {
  const account = await getOrNull<PointAccountRecord>(tx.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(openid));
  if (!account) throw new AppError('NOT_REGISTERED', '请先注册会员');
  return account;
}

async function save(tx: Transaction, account: PointAccountRecord, draft: Draft, now: Date): Promise<PointAccountRecord> {
  for (const { _id, ...entry } of draft.entries) {
    await tx.collection(POINT_ENTRIES).doc(_id).set({ data: entry });
  }
  const fields = accountFields(draft.state);
  const next: PointAccountRecord = { ...account, ...fields, seq: draft.seq, updatedAt: now };
  const { _id, ...data } = next;
  await tx.collection(POINT_ACCOUNTS).doc(_id).set({ data });
  return next;
}

/**
 * Posts one ledger entry inside the caller's transaction: entries and the cached account change together
 * or not at all. Use inside `db.runTransaction` so the caller can add its own writes (an order, a streak).
 */
export async function postInTx(tx: Transaction, openid: string, posting: Posting, now: Date): Promise<PostResult> {
  const prior = await getOrNull<PointEntryRecord>(tx.collection<PointEntryRecord>(POINT_ENTRIES).doc(posting.key));
  if (prior) {
    if (prior._openid !== openid) throw new Error(`ledger key ${posting.key} belongs to another member`);
    return { entry: prior, account: await loadAccount(tx, openid), repeated: true };
  }
  const account = await loadAccount(tx, openid);
  const draft: Draft = { state: stateOf(account), seq: account.seq, entries: [] };
  housekeep(draft, openid, now);
  addEntry(draft, openid, now, { ...posting, effects: posting.plan(draft.state) });
  const saved = await save(tx, account, draft, now);
  return { entry: draft.entries[draft.entries.length - 1], account: saved, repeated: false };
}

/** Releases and expiries only (the nightly job); returns how many entries were written. */
export async function housekeepInTx(tx: Transaction, openid: string, now: Date): Promise<number> {
  const account = await loadAccount(tx, openid);
  const draft: Draft = { state: stateOf(account), seq: account.seq, entries: [] };
  housekeep(draft, openid, now);
  if (draft.entries.length > 0) await save(tx, account, draft, now);
  return draft.entries.length;
}

/** The account's state now: today's releases and expiries applied by the same `housekeep` a posting runs. */
export function stateAsOf(account: Pick<PointAccountRecord, 'lots' | 'owed' | 'seq'>, now: Date): LedgerState {
  const draft: Draft = { state: stateOf(account), seq: account.seq, entries: [] };
  housekeep(draft, '', now);
  return draft.state;
}

/**
 * The one way to show a member's points: what is due at read time, counted exactly as the member's own next
 * action would post it (releases, then expiries, then the fold), whether or not the nightly job has written
 * it yet. Every view of a balance, pending, owed or expiring points uses this, never the cached fields.
 */
export function pointsNow(account: Pick<PointAccountRecord, 'lots' | 'owed' | 'seq'> | null, now: Date, expiringBy?: string): PointsSummaryView {
  if (!account) return { balance: 0, pending: 0, owed: 0, expiring: null };
  const state = stateAsOf(account, now);
  const { balance, pending, owed } = accountFields(state);
  return { balance, pending, owed, expiring: nextExpiry(state, expiringBy) };
}

/** `pointsNow` of a member's account, read outside any transaction (`expiringBy`: the notice horizon's last day). */
export async function loadPointsNow(db: Database, openid: string, now: Date, expiringBy?: string): Promise<PointsSummaryView> {
  return pointsNow(await getOrNull<PointAccountRecord>(db.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(openid)), now, expiringBy);
}
