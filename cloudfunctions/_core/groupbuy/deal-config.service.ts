import { defineDocCollection, loadDoc, loadDocs } from '../config/operator-collection';
import { readOperatorDocuments, type ConfigReader } from '../config/operator-config';
import { DealId, FlashSaleConfig, GroupDealConfig, type FlashSale, type GroupDeal } from './deal-config.schema';
import { FLASH_SALES, GROUP_DEALS } from './groupbuy.record';

/** More deals than this is not a page a member can browse; lists read one page. */
const MAX_DEALS = 200;

const DEALS = defineDocCollection({ collection: GROUP_DEALS, title: '拼团活动', schema: GroupDealConfig, id: DealId, key: 'dealId', max: MAX_DEALS });
const SALES = defineDocCollection({ collection: FLASH_SALES, title: '限时秒杀', schema: FlashSaleConfig, id: DealId, key: 'saleId', max: MAX_DEALS });

/** One deal, or null when missing or broken (logged, never thrown at a member); kept per instance like every operator document. */
export const loadDeal = (ctx: ConfigReader, dealId: string): Promise<GroupDeal | null> =>
  readOperatorDocuments(ctx, `${GROUP_DEALS}/${dealId}`, () => loadDoc(ctx.db, ctx.log, DEALS, dealId));
export const loadFlashSale = (ctx: ConfigReader, saleId: string): Promise<FlashSale | null> =>
  readOperatorDocuments(ctx, `${FLASH_SALES}/${saleId}`, () => loadDoc(ctx.db, ctx.log, SALES, saleId));
/** Every valid deal / flash sale (broken ones skipped and logged; `admin.configReport` explains them), in display order. */
export const loadDeals = (ctx: ConfigReader): Promise<GroupDeal[]> =>
  readOperatorDocuments(ctx, `${GROUP_DEALS}:all`, async () => (await loadDocs(ctx.db, ctx.log, DEALS)).sort(bySort((d) => d.dealId)));
export const loadFlashSales = (ctx: ConfigReader): Promise<FlashSale[]> =>
  readOperatorDocuments(ctx, `${FLASH_SALES}:all`, async () => (await loadDocs(ctx.db, ctx.log, SALES)).sort(bySort((s) => s.saleId)));

function bySort<T extends { sort: number }>(id: (t: T) => string) {
  return (a: T, b: T) => a.sort - b.sort || (id(a) < id(b) ? -1 : 1);
}
