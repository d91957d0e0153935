import { z } from 'zod';

export const StoreDefinition = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{2,16}$/, '门店编号为 2-16 位字母、数字、-或_'),
  name: z.string().trim().min(1, '请填写门店名称').max(30),
  address: z.string().trim().max(100).default(''),
  /** Whether members may choose it for picking up mall orders. */
  pickup: z.boolean().default(true),
});

/** `app_config/stores`: the brand's stores; staff roles name one by `storeId`. */
export const StoresConfig = z
  .object({ stores: z.array(StoreDefinition).min(1, '至少配置一家门店').max(500) })
  .superRefine((cfg, ctx) => {
    cfg.stores.forEach((s, i) => {
      if (cfg.stores.findIndex((o) => o.id === s.id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['stores', i, 'id'], message: `门店编号 ${s.id} 重复` });
      }
    });
  });

export type StoresConfig = z.output<typeof StoresConfig>;
export type StoreDefinition = z.output<typeof StoreDefinition>;

export const PickupStoreView = z.object({ id: z.string(), name: z.string(), address: z.string() });
export type PickupStoreView = z.output<typeof PickupStoreView>;

export const pickupStoresOf = (cfg: StoresConfig): PickupStoreView[] =>
  cfg.stores.filter((s) => s.pickup).map((s) => ({ id: s.id, name: s.name, address: s.address }));

/** A store's name for people (ids like "S001" are never shown); an unknown id reads as 其他门店. */
export function storeNameOf(cfg: StoresConfig, storeId: string | null): string {
  if (storeId === null) return '总部';
  return cfg.stores.find((s) => s.id === storeId)?.name ?? '其他门店';
}
