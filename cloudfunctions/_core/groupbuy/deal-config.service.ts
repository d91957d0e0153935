import type { Database } from '../../_platform/database.port';
import type { Logger } from '../../_platform/logger.port';
import { readOperatorDocuments, type ConfigCheck, type ConfigReader } from '../config/operator-config';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';
import { FlashSaleConfig, GroupDealConfig, type FlashSale, type GroupDeal } from './deal-config.schema';
import { FLASH_SALES, GROUP_DEALS } from './groupbuy.record';

/** More deals than this is not a page a member can browse; lists read one page. */
const MAX_DEALS = 200;

type Parsed<T> = { id: string; ok: true; value: T } | { id: string; ok: false; problems: string[] };

function parseDeal(doc: { _id: string } & Record<string, unknown>): Parsed<GroupDeal> {
  const { _id, ...body } = doc;
  const r = GroupDealConfig.safeParse(body);
  return r.success ? { id: _id, ok: true, value: { ...r.data, dealId: _id } } : { id: _id, ok: false, problems: explainIssues(r.error.issues) };
}

function parseSale(doc: { _id: string } & Record<string, unknown>): Parsed<FlashSale> {
  const { _id, ...body } = doc;
  const r = FlashSaleConfig.safeParse(body);
  return r.success ? { id: _id, ok: true, value: { ...r.data, saleId: _id } } : { id: _id, ok: false, problems: explainIssues(r.error.issues) };
}

/** Where a kind of operator document lives and how it is read. */
interface Source<T> {
  collection: string;
  parse: (d: { _id: string } & Record<string, unknown>) => Parsed<T>;
}
const DEALS: Source<GroupDeal> = { collection: GROUP_DEALS, parse: parseDeal };
const SALES: Source<FlashSale> = { collection: FLASH_SALES, parse: parseSale };

async function loadOne<T>(db: Database, log: Logger, { collection, parse }: Source<T>, id: string): Promise<T | null> {
  const doc = await getOrNull(db.collection(collection).doc(id));
  if (!doc) return null;
  const p = parse(doc);
  if (p.ok) return p.value;
  log.error('deal.config_invalid', { collection, id, problems: p.problems });
  return null;
}

async function loadAll<T>(db: Database, log: Logger, { collection, parse }: Source<T>): Promise<T[]> {
  const { data } = await db.collection(collection).limit(MAX_DEALS).get();
  const out: T[] = [];
  for (const p of data.map(parse)) {
    if (p.ok) out.push(p.value);
    else log.error('deal.config_invalid', { collection, id: p.id, problems: p.problems });
  }
  return out;
}

/** One deal, or null when missing or broken (logged, never thrown at a member); kept per instance like every operator document. */
export const loadDeal = (ctx: ConfigReader, dealId: string) =>
  readOperatorDocuments(ctx, `${GROUP_DEALS}/${dealId}`, () => loadOne(ctx.db, ctx.log, DEALS, dealId));
export const loadFlashSale = (ctx: ConfigReader, saleId: string) =>
  readOperatorDocuments(ctx, `${FLASH_SALES}/${saleId}`, () => loadOne(ctx.db, ctx.log, SALES, saleId));
/** Every valid deal / flash sale (broken ones skipped and logged), in display order. */
export const loadDeals = (ctx: ConfigReader) =>
  readOperatorDocuments(ctx, `${GROUP_DEALS}:all`, async () => (await loadAll(ctx.db, ctx.log, DEALS)).sort(bySort((d) => d.dealId)));
export const loadFlashSales = (ctx: ConfigReader) =>
  readOperatorDocuments(ctx, `${FLASH_SALES}:all`, async () => (await loadAll(ctx.db, ctx.log, SALES)).sort(bySort((s) => s.saleId)));

function bySort<T extends { sort: number }>(id: (t: T) => string) {
  return (a: T, b: T) => a.sort - b.sort || (id(a) < id(b) ? -1 : 1);
}

/** For admin.configReport: each deal and flash-sale document, ok or its problems in Chinese. */
export async function reportDealConfigs(db: Database): Promise<ConfigCheck[]> {
  const [deals, sales] = await Promise.all([db.collection(GROUP_DEALS).limit(MAX_DEALS).get(), db.collection(FLASH_SALES).limit(MAX_DEALS).get()]);
  const checks: ConfigCheck[] = [];
  for (const p of deals.data.map(parseDeal)) {
    const id = `${GROUP_DEALS}/${p.id}`;
    checks.push(p.ok ? { id, title: `拼团：${p.value.title}`, status: 'ok' } : { id, title: '拼团活动', status: 'invalid', problems: p.problems });
  }
  for (const p of sales.data.map(parseSale)) {
    const id = `${FLASH_SALES}/${p.id}`;
    checks.push(p.ok ? { id, title: `秒杀：${p.value.title}`, status: 'ok' } : { id, title: '限时秒杀', status: 'invalid', problems: p.problems });
  }
  return checks;
}
