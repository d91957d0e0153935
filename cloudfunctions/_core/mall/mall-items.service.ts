import type { Database } from '../../_platform/database.port';
import { storesConfig, tierConfig } from '../config/config-registry';
import { loadConfig, readOperatorDocuments, type ConfigCheck, type ConfigReader } from '../config/operator-config';
import { loadPointsNow } from '../points/points-ledger.service';
import type { MemberContext } from '../shared/access';
import { explainIssues } from '../shared/config-problems.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { MallItemConfig, type MallItem } from './mall-item.schema';
import { MALL_HOLDINGS, MALL_ITEMS, MALL_STOCK, type MallHoldingRecord, type MallStockRecord } from './mall.record';
import { forTier, judgeRedeem, stockLeft, type RedeemSituation } from './mall.rules';
import { pickupStoresOf } from '../stores/stores-config.schema';
import type { ItemDetailView, ItemInput, ItemsInput, ItemsView, ItemView } from './mall.schema';

/** More items than this is not a mall a member can browse; the list reads one page. */
const MAX_ITEMS = 200;

/** Whether coupon items can be fulfilled (the coupons feature's `issueCoupon`, see fulfil-coupon.service). */
export const COUPONS_READY = true;

type ParsedItem = { itemId: string; ok: true; item: MallItem } | { itemId: string; ok: false; problems: string[] };

function parseItem(doc: { _id: string } & Record<string, unknown>): ParsedItem {
  const { _id, ...body } = doc;
  const parsed = MallItemConfig.safeParse(body);
  if (!parsed.success) return { itemId: _id, ok: false, problems: explainIssues(parsed.error.issues) };
  return { itemId: _id, ok: true, item: { ...parsed.data, itemId: _id } };
}

async function readItemDocs(db: Database): Promise<ParsedItem[]> {
  const { data } = await db.collection(MALL_ITEMS).limit(MAX_ITEMS).get();
  return data.map(parseItem);
}

/** Every item document parsed (the member's list), cached per instance; broken ones are logged by the caller. */
function loadItemDocs(ctx: ConfigReader): Promise<ParsedItem[]> {
  return readOperatorDocuments(ctx, `${MALL_ITEMS}:all`, () => readItemDocs(ctx.db));
}

/** One item, or null when missing or broken (logged). Cached per instance. */
export function loadItem(ctx: ConfigReader, itemId: string): Promise<MallItem | null> {
  return readOperatorDocuments(ctx, `${MALL_ITEMS}/${itemId}`, async () => {
    const doc = await getOrNull(ctx.db.collection(MALL_ITEMS).doc(itemId));
    if (!doc) return null;
    const parsed = parseItem(doc);
    if (!parsed.ok) {
      ctx.log.error('mall.item_invalid', { itemId, problems: parsed.problems });
      return null;
    }
    return parsed.item;
  });
}

/** For admin.configReport: each item document, ok or its problems in Chinese. */
export async function reportMallItems(db: Database): Promise<ConfigCheck[]> {
  return (await readItemDocs(db)).map((p) =>
    p.ok
      ? { id: `${MALL_ITEMS}/${p.itemId}`, title: `积分商城：${p.item.title}`, status: 'ok' as const }
      : { id: `${MALL_ITEMS}/${p.itemId}`, title: '积分商城商品', status: 'invalid' as const, problems: p.problems },
  );
}

export function tierNamesOf(tiers: readonly { code: string; name: string }[]): Map<string, string> {
  return new Map(tiers.map((t) => [t.code, t.name]));
}

export function toItemView(item: MallItem, s: RedeemSituation): ItemView {
  const verdict = judgeRedeem(item, s);
  return {
    itemId: item.itemId,
    title: item.title,
    description: item.description,
    image: item.image,
    kind: item.kind,
    deliveryModes: item.kind === 'coupon' ? [] : item.kind === 'experience' ? ['pickup'] : item.delivery,
    pricePoints: item.pricePoints,
    cashFen: item.cashFen,
    stockLeft: stockLeft(item, s.sold),
    perMember: item.perMember,
    mine: s.mine,
    saleFrom: item.sale.from,
    saleTo: item.sale.to,
    tierNames: item.tiers.map((t) => s.tierNames.get(t) ?? t),
    available: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
  };
}

async function balanceNow(ctx: MemberContext): Promise<number> {
  return (await loadPointsNow(ctx.db, ctx.member._id, ctx.clock.now())).balance;
}

export async function mallItems(ctx: MemberContext, input: ItemsInput): Promise<ItemsView> {
  const openid = ctx.member._id;
  const [parsed, { tiers }, balance, holdings] = await Promise.all([
    loadItemDocs(ctx),
    loadConfig(ctx, tierConfig),
    balanceNow(ctx),
    ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).where({ _openid: openid }).limit(1000).get(),
  ]);
  const items: MallItem[] = [];
  for (const p of parsed) {
    if (p.ok) {
      if (p.item.active) items.push(p.item);
    } else ctx.log.error('mall.item_invalid', { itemId: p.itemId, problems: p.problems });
  }
  const ids = items.map((i) => i.itemId);
  const stock = ids.length
    ? (await ctx.db.collection<MallStockRecord>(MALL_STOCK).where({ _id: ctx.db.command.in(ids) }).limit(1000).get()).data
    : [];
  const sold = new Map(stock.map((s) => [s._id, s.sold]));
  const mine = new Map(holdings.data.map((h) => [h.itemId, h.count]));
  const tierNames = tierNamesOf(tiers);
  const now = ctx.clock.now();
  const views = items
    .sort((a, b) => a.sort - b.sort || (a.itemId < b.itemId ? -1 : 1))
    .filter((i) => input.filter !== 'myTier' || forTier(i, ctx.member.tierCode))
    .map((i) =>
      toItemView(i, { now, tierCode: ctx.member.tierCode, tierNames, balance, sold: sold.get(i.itemId) ?? 0, mine: mine.get(i.itemId) ?? 0, couponsReady: COUPONS_READY }),
    )
    .filter((v) => input.filter !== 'affordable' || v.pricePoints <= balance);
  return { balance, items: views };
}

export async function mallItem(ctx: MemberContext, input: ItemInput): Promise<ItemDetailView> {
  const openid = ctx.member._id;
  const [item, { tiers }, balance, stock, holding, stores] = await Promise.all([
    loadItem(ctx, input.itemId),
    loadConfig(ctx, tierConfig),
    balanceNow(ctx),
    getOrNull<MallStockRecord>(ctx.db.collection<MallStockRecord>(MALL_STOCK).doc(input.itemId)),
    getOrNull<MallHoldingRecord>(ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(input.itemId, openid))),
    loadConfig(ctx, storesConfig),
  ]);
  if (!item || !item.active) throw new AppError('ITEM_NOT_FOUND', '没有找到这件商品');
  return {
    balance,
    pickupStores: pickupStoresOf(stores),
    item: toItemView(item, {
      now: ctx.clock.now(),
      tierCode: ctx.member.tierCode,
      tierNames: tierNamesOf(tiers),
      balance,
      sold: stock?.sold ?? 0,
      mine: holding?.count ?? 0,
      couponsReady: COUPONS_READY,
    }),
  };
}

export const holdingId = (itemId: string, openid: string) => `${itemId}:${openid}`;
