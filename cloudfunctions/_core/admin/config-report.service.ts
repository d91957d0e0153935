import { ALL_CONFIGS } from '../config/config-registry';
import { checkConfig } from '../config/operator-config';
import { reportCouponTemplates } from '../coupons/coupon-templates.service';
import { reportDealConfigs } from '../groupbuy/deal-config.service';
import { reportMallItems } from '../mall/mall-items.service';
import type { StaffContext } from '../shared/access';
import type { ConfigReportView } from './admin.schema';

/**
 * Tells an operator, in Chinese, what is wrong with each configuration document they edited: the
 * `app_config` documents, every coupon template, mall item, group-buy deal and flash sale.
 */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const [checks, coupons, items, deals] = await Promise.all([
    Promise.all(ALL_CONFIGS.map((def) => checkConfig(ctx.db, def))),
    reportCouponTemplates(ctx.db),
    reportMallItems(ctx.db),
    reportDealConfigs(ctx.db),
  ]);
  return { configs: [...checks.map((c) => c.check), ...coupons, ...items, ...deals] };
}
