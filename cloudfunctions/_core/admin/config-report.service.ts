import { ALL_CONFIGS } from '../config/config-registry';
import { checkConfig } from '../config/operator-config';
import { reportCouponTemplates } from '../coupons/coupon-templates.service';
import { reportMallItems } from '../mall/mall-items.service';
import { reportDocs } from '../config/operator-collection';
import { BADGES, CAMPAIGNS, TOPICS } from '../community/community-catalogue';
import type { StaffContext } from '../shared/access';
import type { ConfigReportView } from './admin.schema';

/**
 * Tells an operator, in Chinese, what is wrong with each configuration document they edited: the
 * `app_config` documents, every coupon template, mall item and community topic, badge and campaign.
 */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const [checks, coupons, items, topics, badges, campaigns] = await Promise.all([
    Promise.all(ALL_CONFIGS.map((def) => checkConfig(ctx.db, def))),
    reportCouponTemplates(ctx.db),
    reportMallItems(ctx.db),
    reportDocs(ctx.db, TOPICS),
    reportDocs(ctx.db, BADGES),
    reportDocs(ctx.db, CAMPAIGNS),
  ]);
  return { configs: [...checks.map((c) => c.check), ...coupons, ...items, ...topics, ...badges, ...campaigns] };
}
