import type { Database } from '../../_platform/database.port';
import { OPERATOR_DOCUMENTS } from '../config/config-registry';
import type { RawDocument } from '../config/config-check.rules';
import { checkOperatorDocuments, outcomeLines, reportId, reportTitle } from '../config/operator-documents-check';
import type { StaffContext } from '../shared/access';
import type { ConfigReportView } from './admin.schema';

/** More documents of one kind than this is not something an operator edits by hand; the report reads one page. */
const MAX_PER_COLLECTION = 1000;

/** Every document of every registered collection, as stored. */
export async function readOperatorDocuments(db: Database): Promise<RawDocument[]> {
  const collections = [...new Set(OPERATOR_DOCUMENTS.map((s) => s.collection))];
  const pages = await Promise.all(
    collections.map(async (collection) => {
      const { data } = await db.collection(collection).orderBy('_id', 'asc').limit(MAX_PER_COLLECTION).get();
      return data.map(({ _id, ...body }) => ({ collection, _id: String(_id), body }));
    }),
  );
  return pages.flat();
}

/**
 * Tells an operator, in Chinese, what is wrong with each operator document: its own mistakes (the product
 * skips it or uses the default) and references to other documents that do not hold (warnings). Always reads
 * afresh. The same checks as `npm run config:check` on a folder.
 */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const docs = await readOperatorDocuments(ctx.db);
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
    configs: [...checks, ...missing].sort((a, b) => (order.get(keyOf(a.id)) ?? 99) - (order.get(keyOf(b.id)) ?? 99) || (a.id < b.id ? -1 : 1)),
  };
}
