import type { Database } from '../../_platform/database.port';
import { storesConfig, tierConfig } from '../config/config-registry';
import { loadConfig, readOperatorDocuments, type ConfigReader } from '../config/operator-config';
import { loadPointsNow } from '../points/points-ledger.service';
import type { UseCaseContext } from '../shared/use-case-context';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { explainIssues } from '../shared/config-problems.rules';
import { imageUrls } from '../shared/images';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { MallItemConfig, type MallItem } from './mall-item.schema';
import { MALL_HOLDINGS, MALL_ITEMS, MALL_STOCK, type MallHoldingRecord, type MallStockRecord } from './mall.record';
import { forTier, judgeRedeem, stockLeft, type RedeemSituation } from './mall.rules';
import { pickupStoresOf, type StoresConfig } from '../stores/stores-config.schema';
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

export function tierNamesOf(tiers: readonly { code: string; name: string }[]): Map<string, string> {
  return new Map(tiers.map((t) => [t.code, t.name]));
}

/** A visitor browsing before registering: nothing is available yet, and the reason says how to change that. */
const VISITOR_REASON = '加入会员后即可兑换';

/** `imageUrl`: the item's image as a display URL (fileIDs resolved by `imageUrls`), or null. */
export function toItemView(item: MallItem, s: RedeemSituation, storeNames: readonly string[] = [], imageUrl: string | null = null): ItemView {
  const verdict = judgeRedeem(item, s);
  return {
    itemId: item.itemId,
    title: item.title,
    description: item.description,
    image: imageUrl,
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
    storeNames: [...storeNames],
    available: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
  };
}

/** The caller as the mall sees them: a member with a tier and a balance, or a visitor (null). */
async function shopper(ctx: UseCaseContext): Promise<{ member: MemberRecord; balance: number } | null> {
  const member = await getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(ctx.caller.openid));
  if (!member) return null;
  return { member, balance: await balanceNow(ctx, member._id) };
}

/** A member's spendable balance now (after today's releases and expiries). */
export async function balanceNow(ctx: Pick<UseCaseContext, 'db' | 'clock'>, openid: string): Promise<number> {
  return (await loadPointsNow(ctx.db, openid, ctx.clock.now())).balance;
}

function asVisitor(view: ItemView): ItemView {
  return { ...view, available: false, reason: VISITOR_REASON };
}

/** The stores an item is picked up at (its own list, else every pickup store), as the member chooses them. */
function itemStores(item: MallItem, stores: StoresConfig) {
  const pickup = pickupStoresOf(stores);
  return item.stores.length === 0 ? pickup : pickup.filter((s) => item.stores.includes(s.id));
}

export async function mallItems(ctx: UseCaseContext, input: ItemsInput): Promise<ItemsView> {
  const openid = ctx.caller.openid;
  const [parsed, { tiers }, who, holdings, stores] = await Promise.all([
    loadItemDocs(ctx),
    loadConfig(ctx, tierConfig),
    shopper(ctx),
    ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).where({ _openid: openid }).limit(1000).get(),
    loadConfig(ctx, storesConfig),
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
  const urls = await imageUrls(ctx.storage, items.map((i) => i.image));
  const tierNames = tierNamesOf(tiers);
  const now = ctx.clock.now();
  const tierCode = who?.member.tierCode ?? '';
  const balance = who?.balance ?? 0;
  const views = items
    .sort((a, b) => a.sort - b.sort || (a.itemId < b.itemId ? -1 : 1))
    .filter((i) => input.filter !== 'myTier' || forTier(i, tierCode))
    .map((i) => {
      const view = toItemView(
        i,
        { now, tierCode, tierNames, balance, sold: sold.get(i.itemId) ?? 0, mine: mine.get(i.itemId) ?? 0, couponsReady: COUPONS_READY },
        i.stores.length ? itemStores(i, stores).map((s) => s.name) : [],
        i.image ? (urls[i.image] ?? null) : null,
      );
      return who ? view : asVisitor(view);
    })
    // 我能兑: what the member can redeem now (affordable, in stock, under their limit, for their tier).
    .filter((v) => input.filter !== 'affordable' || v.available);
  return { joined: who !== null, balance, items: views };
}

export async function mallItem(ctx: UseCaseContext, input: ItemInput): Promise<ItemDetailView> {
  const openid = ctx.caller.openid;
  const [item, { tiers }, who, stock, holding, stores] = await Promise.all([
    loadItem(ctx, input.itemId),
    loadConfig(ctx, tierConfig),
    shopper(ctx),
    getOrNull<MallStockRecord>(ctx.db.collection<MallStockRecord>(MALL_STOCK).doc(input.itemId)),
    getOrNull<MallHoldingRecord>(ctx.db.collection<MallHoldingRecord>(MALL_HOLDINGS).doc(holdingId(input.itemId, openid))),
    loadConfig(ctx, storesConfig),
  ]);
  if (!item || !item.active) throw new AppError('ITEM_NOT_FOUND', '没有找到这件商品，它可能已经下架');
  const pickupStores = itemStores(item, stores);
  const urls = await imageUrls(ctx.storage, [item.image]);
  const view = toItemView(
    item,
    {
      now: ctx.clock.now(),
      tierCode: who?.member.tierCode ?? '',
      tierNames: tierNamesOf(tiers),
      balance: who?.balance ?? 0,
      sold: stock?.sold ?? 0,
      mine: holding?.count ?? 0,
      couponsReady: COUPONS_READY,
    },
    item.stores.length ? pickupStores.map((s) => s.name) : [],
    item.image ? (urls[item.image] ?? null) : null,
  );
  return { joined: who !== null, balance: who?.balance ?? 0, pickupStores, item: who ? view : asVisitor(view) };
}

export const holdingId = (itemId: string, openid: string) => `${itemId}:${openid}`;
