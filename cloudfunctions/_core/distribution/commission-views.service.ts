import type { MemberContext } from '../shared/access';
import { COMMISSIONS, type CommissionRecord } from './distribution.record';
import type { CommissionsInput, CommissionsView, CommissionView } from './distribution.schema';
import { requireDistributor } from './distributor.service';
import { afterCursor, cursorOf } from './page-cursor';

export function toCommissionView(c: CommissionRecord): CommissionView {
  return {
    id: c._id,
    level: c.level,
    buyerName: c.buyerMasked,
    source: c.source,
    orderFen: c.orderFen,
    rateBp: c.rateBp,
    amountFen: c.amountFen,
    reversedFen: c.reversedFen ?? 0,
    status: c.status,
    reason: c.reason,
    settleOn: c.settleOn,
    createdAt: c.createdAt.toISOString(),
  };
}

const FILTERS = {
  pending: ['in_progress', 'pending', 'flagged'],
  settled: ['settled'],
  voided: ['voided', 'clawed_back'],
} as const;

/** `distribution.commissions`: the caller's commissions, newest first, with their state and its reason. */
export async function myCommissions(ctx: MemberContext, input: CommissionsInput): Promise<CommissionsView> {
  const d = await requireDistributor(ctx);
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { _openid: d._id };
  if (input.status !== 'all') where.status = _.in([...FILTERS[input.status]]);
  const { data } = await ctx.db
    .collection<CommissionRecord>(COMMISSIONS)
    .where(afterCursor(_, where, 'createdAt', input.after))
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(input.limit)
    .get();
  const last = data[data.length - 1];
  return { commissions: data.map(toCommissionView), next: data.length === input.limit ? cursorOf(last.createdAt, last._id) : null };
}
