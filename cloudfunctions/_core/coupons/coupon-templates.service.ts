import { readOperatorDocuments, type ConfigReader } from '../config/operator-config';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';
import { COUPON_TEMPLATES } from './coupon.record';
import { CouponTemplateConfig, TemplateId, type CouponTemplate } from './coupon.schema';

/** Templates read per claim-center page; operators keep far fewer live at once. */
export const MAX_TEMPLATES = 200;

type Parsed = { ok: true; template: CouponTemplate } | { ok: false; problems: string[] };

function parseTemplate(doc: Record<string, unknown> & { _id: string }): Parsed {
  const { _id, ...body } = doc;
  if (!TemplateId.safeParse(_id).success) return { ok: false, problems: ['_id：券模板编号为 2-40 位字母、数字、-或_'] };
  const parsed = CouponTemplateConfig.safeParse(body);
  if (!parsed.success) return { ok: false, problems: explainIssues(parsed.error.issues) };
  return { ok: true, template: { ...parsed.data, id: _id } };
}

/** One template, or null when missing or broken (logged: the operator sees why in the config report). Cached per instance. */
export function loadTemplate(ctx: ConfigReader, id: string): Promise<CouponTemplate | null> {
  return readOperatorDocuments(ctx, `${COUPON_TEMPLATES}/${id}`, async () => {
    const doc = await getOrNull(ctx.db.collection(COUPON_TEMPLATES).doc(id));
    if (!doc) return null;
    const parsed = parseTemplate(doc);
    if (!parsed.ok) {
      ctx.log.error('config.invalid', { config: `${COUPON_TEMPLATES}/${id}`, problems: parsed.problems });
      return null;
    }
    return parsed.template;
  });
}

/** Every valid template (broken ones skipped and logged): one query, cached per instance. */
export function loadTemplates(ctx: ConfigReader): Promise<CouponTemplate[]> {
  return readOperatorDocuments(ctx, `${COUPON_TEMPLATES}:all`, async () => {
    const { data } = await ctx.db.collection(COUPON_TEMPLATES).orderBy('_id', 'asc').limit(MAX_TEMPLATES).get();
    const out: CouponTemplate[] = [];
    for (const doc of data) {
      const parsed = parseTemplate(doc);
      if (parsed.ok) out.push(parsed.template);
      else ctx.log.error('config.invalid', { config: `${COUPON_TEMPLATES}/${doc._id}`, problems: parsed.problems });
    }
    return out;
  });
}
