import { ALL_CONFIGS, OPERATOR_DOCUMENTS } from './config-registry';
import { checkDocuments, problemLine, type CheckOutcome, type RawDocument } from './config-check.rules';
import { CROSS_CHECKS } from './config-cross-checks.rules';

const FALLBACKS: Record<string, unknown> = Object.fromEntries(ALL_CONFIGS.map((d) => [d.id, d.fallback]));

/** Every registered check over these documents: their schemas, unknown fields, and the cross-document checks. */
export const checkOperatorDocuments = (docs: readonly RawDocument[]) => checkDocuments(OPERATOR_DOCUMENTS, docs, CROSS_CHECKS, FALLBACKS);

/** How reports name a document: `tiers` for `app_config` (as operators know them), `coupon_templates/X` otherwise. */
export const reportId = (o: Pick<CheckOutcome, 'doc'>): string => (o.doc.collection === 'app_config' ? o.doc._id : `${o.doc.collection}/${o.doc._id}`);

/** A title people recognise: the kind, and for one of many its own title or name. */
export function reportTitle(o: Pick<CheckOutcome, 'doc' | 'spec'>): string {
  if (o.spec.id.kind === 'single') return o.spec.title;
  const own = [o.doc.body.title, o.doc.body.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return own ? `${o.spec.title}：${own}` : o.spec.title;
}

export const outcomeLines = (o: CheckOutcome) => ({ invalid: o.invalid.map(problemLine), warnings: o.warnings.map(problemLine) });
