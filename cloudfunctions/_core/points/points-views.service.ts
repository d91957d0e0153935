import { earnRulesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import { addDays, businessDay } from '../shared/business-time.rules';
import { loadPointsNow } from './points-ledger.service';
import { POINT_ENTRIES, type PointEntryRecord } from './points.record';
import type { HistoryInput, HistoryView, PointsSummaryView } from './points.schema';

/** Counts today's releases and expiries even before the nightly job has written them. */
export async function getPointsSummary(ctx: MemberContext): Promise<PointsSummaryView> {
  // The expiry notice looks only as far ahead as the operator's horizon (earn_rules.expiryNoticeDays).
  const now = ctx.clock.now();
  const rules = await loadConfig(ctx, earnRulesConfig);
  return loadPointsNow(ctx.db, ctx.member._id, now, addDays(businessDay(now), rules.expiryNoticeDays));
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
