import { z } from 'zod';

/**
 * `roles/{openid}` as operators write it in the console (`RoleRecord` is what the code reads). A clerk or
 * manager works in one store; an operator in none.
 */
export const RoleConfig = z
  .object({
    role: z.enum(['clerk', 'manager', 'operator']),
    storeId: z.string().regex(/^[A-Za-z0-9_-]{2,16}$/, '门店编号为 2-16 位字母、数字、-或_').nullable(),
    name: z.string().trim().min(1, '请填写姓名').max(20, '姓名最多 20 个字'),
    active: z.boolean(),
  })
  .superRefine((r, ctx) => {
    if (r.role !== 'operator' && r.storeId === null) {
      ctx.addIssue({ code: 'custom', path: ['storeId'], message: '店员和店长必须填写所在门店编号' });
    }
  });
export type RoleConfig = z.output<typeof RoleConfig>;
