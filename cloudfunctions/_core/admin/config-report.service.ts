import { ALL_CONFIGS } from '../config/config-registry';
import { checkConfig } from '../config/operator-config';
import { reportCouponTemplates } from '../coupons/coupon-templates.service';
import { reportMallItems } from '../mall/mall-items.service';
import type { StaffContext } from '../shared/access';
import type { ConfigReportView } from './admin.schema';

/**
 * Tells an operator, in Chinese, what is wrong with each configuration document they edited: the
 * `app_config` documents, every coupon template and every mall item.
 */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const [checks, coupons, items] = await Promise.all([
    Promise.all(ALL_CONFIGS.map((def) => checkConfig(ctx.db, def))),
    reportCouponTemplates(ctx.db),
    reportMallItems(ctx.db),
  ]);
  return { configs: [...checks.map((c) => c.check), ...coupons, ...items] };
}
