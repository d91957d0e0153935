import { ALL_CONFIGS } from '../config/config-registry';
import { checkConfig } from '../config/operator-config';
import type { StaffContext } from '../shared/access';
import type { ConfigReportView } from './admin.schema';

/** Tells an operator, in Chinese, what is wrong with each configuration document they edited. */
export async function configReport(ctx: StaffContext): Promise<ConfigReportView> {
  const checks = await Promise.all(ALL_CONFIGS.map((def) => checkConfig(ctx.db, def)));
  return { configs: checks.map((c) => c.check) };
}
