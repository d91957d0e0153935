import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { StaffContext } from '../shared/access';
import { AUDIT_LOG } from '../shared/audit';
import { businessDay, startOfBusinessDay } from '../shared/business-time.rules';
import { storeNameOf } from '../stores/stores-config.schema';
import { describeAudit, summarise, type AuditLine } from './shift-summary.rules';
import type { ShiftSummaryView } from './staff.schema';

/** A busy clerk's day fits in one page; more than this is summarised from the newest entries. */
const MAX_ENTRIES = 1000;
const RECENT = 30;

/** `staff.shiftSummary`: today's work of the caller, from the audit log (index actor + at). */
export async function shiftSummary(ctx: StaffContext): Promise<ShiftSummaryView> {
  const _ = ctx.db.command;
  const day = businessDay(ctx.clock.now());
  const [{ data }, stores] = await Promise.all([
    ctx.db
      .collection<AuditLine & { actor: string }>(AUDIT_LOG)
      .where({ actor: ctx.staff._id, at: _.gte(startOfBusinessDay(day)) })
      .orderBy('at', 'desc')
      .limit(MAX_ENTRIES)
      .get(),
    loadConfig(ctx, storesConfig),
  ]);
  return {
    day,
    name: ctx.staff.name,
    storeName: ctx.staff.storeId === null ? null : storeNameOf(stores, ctx.staff.storeId),
    totals: summarise(data),
    recent: data.slice(0, RECENT).map((a) => ({ at: new Date(a.at).toISOString(), ...describeAudit(a) })),
  };
}
