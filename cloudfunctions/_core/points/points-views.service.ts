import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { accountFields } from './points-account.rules';
import { nextExpiry } from './points-ledger.rules';
import { stateAsOf } from './points-ledger.service';
import { POINT_ACCOUNTS, POINT_ENTRIES, type PointAccountRecord, type PointEntryRecord } from './points.record';
import type { HistoryInput, HistoryView, PointsSummaryView } from './points.schema';

/** Counts today's releases and expiries even before the nightly job has written them. */
export async function getPointsSummary(ctx: MemberContext): Promise<PointsSummaryView> {
  const account = await getOrNull<PointAccountRecord>(ctx.db.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(ctx.member._id));
  if (!account) return { balance: 0, pending: 0, owed: 0, expiring: null };
  const state = stateAsOf(account, ctx.clock.now());
  const { balance, pending, owed } = accountFields(state);
  return { balance, pending, owed, expiring: nextExpiry(state) };
}

export async function getHistory(ctx: MemberContext, input: HistoryInput): Promise<HistoryView> {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { _openid: ctx.member._id };
  if (input.beforeSeq !== undefined) where.seq = _.lt(input.beforeSeq);
  const { data } = await ctx.db
    .collection<PointEntryRecord>(POINT_ENTRIES)
    .where(where)
    .orderBy('seq', 'desc')
    .limit(input.limit)
    .get();
  return {
    entries: data.map((e) => ({
      id: e._id,
      seq: e.seq,
      kind: e.kind,
      status: e.status,
      delta: e.delta,
      pendingDelta: e.pendingDelta,
      reason: e.reason,
      lineItems: e.lineItems,
      day: e.day,
      createdAt: e.createdAt.toISOString(),
    })),
    nextBeforeSeq: data.length === input.limit ? data[data.length - 1].seq : null,
  };
}
