import type { StaffContext } from '../shared/access';
import type { StaffIdentityView } from './staff.schema';

export async function whoami(ctx: StaffContext): Promise<StaffIdentityView> {
  return { role: ctx.staff.role, storeId: ctx.staff.storeId, name: ctx.staff.name };
}
