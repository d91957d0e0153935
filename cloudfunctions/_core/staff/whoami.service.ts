import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { StaffContext } from '../shared/access';
import { storeNameOf } from '../stores/stores-config.schema';
import type { StaffIdentityView } from './staff.schema';

export async function whoami(ctx: StaffContext): Promise<StaffIdentityView> {
  const storeName = ctx.staff.storeId === null ? null : storeNameOf(await loadConfig(ctx, storesConfig), ctx.staff.storeId);
  return { role: ctx.staff.role, storeId: ctx.staff.storeId, storeName, name: ctx.staff.name };
}
