import { CONFIG_CHANGES, type ConfigChangeRecord } from '../config/config-change.record';
import { OPERATOR_DOCUMENTS } from '../config/config-registry';
import { checkOperatorDocuments, outcomeLines, reportId, reportTitle } from '../config/operator-documents-check';
import type { StaffContext } from '../shared/access';

/** Changes the report lists (each document's full history: `admin.documentHistory`). */
const RECENT_CHANGES = 20;
import type { ConfigReportView } from './admin.schema';
import { changeView, detectConsoleEdits, readAllOperatorDocuments } from './operator-documents.service';

/**
 * Tells an operator, in Chinese, what is wrong with each operator document: its own mistakes (the product
 * skips it or uses the default) and references to other documents that do not hold (warnings), and the
 * latest changes (console edits are found here by their content hash). Always reads afresh. The same checks
 * as `npm run config:check` on a folder.
 */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const docs = await readAllOperatorDocuments(ctx.db);
  await detectConsoleEdits(ctx.db, docs, ctx.clock.now());
  const recent = await ctx.db.collection<ConfigChangeRecord>(CONFIG_CHANGES).orderBy('at', 'desc').limit(RECENT_CHANGES).get();
  const { outcomes } = checkOperatorDocuments(docs);
  const present = new Set(outcomes.map((o) => o.address));
  const missing = OPERATOR_DOCUMENTS.flatMap((s) =>
    s.id.kind === 'single' && !present.has(`${s.collection}/${s.id.id}`) ? [{ id: s.id.id, title: s.title, status: 'missing' as const }] : [],
  );
  const checks = outcomes.map((o) => {
    const id = reportId(o);
    const title = reportTitle(o);
    const lines = outcomeLines(o);
    if (lines.invalid.length) return { id, title, status: 'invalid' as const, problems: [...lines.invalid, ...lines.warnings] };
    if (lines.warnings.length) return { id, title, status: 'warning' as const, problems: lines.warnings };
    return { id, title, status: 'ok' as const };
  });
  const order = new Map(OPERATOR_DOCUMENTS.map((s, i) => [s.key, i]));
  const keyOf = (id: string) => (id.includes('/') ? id.split('/')[0] : id);
  return {
    recentChanges: recent.data.map(changeView),
    configs: [...[...checks, ...missing].sort((a, b) => (order.get(keyOf(a.id)) ?? 99) - (order.get(keyOf(b.id)) ?? 99) || (a.id < b.id ? -1 : 1))],
  };
}
