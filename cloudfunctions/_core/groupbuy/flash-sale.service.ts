import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { saleInstant } from '../mall/mall.rules';
import { withViewer, type MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import { pickupStoresOf } from '../stores/stores-config.schema';
import type { FlashSale } from './deal-config.schema';
import { loadFlashSale, loadFlashSales } from './deal-config.service';
import { dealOrderNo } from './deal-ids';
import { finalizeClaim, markTook, orders, placeClaim, soldOf, takeHolding, takeStock, voidClaim, type Taken } from './deal-orders.service';
import { forViewer, heldOf, layerNamesOf, memberFacts, toDealOrderView, viewerFacts, VISITOR_FLASH_REASON } from './deal-views.service';
import { checkDelivery, newOrderRecord, placedBefore, placedView } from './group-buy.service';
import { flashPhase, judgeFlash, minuteInstant, unitsLeft, type MemberFacts } from './groupbuy.rules';
import type { DealOrderRecord } from './groupbuy.record';
import type { FlashBuyInput, FlashSalesView, FlashSaleView, PlacedView } from './groupbuy.schema';

/*
 * 限时秒杀: a fixed stock sold from an exact minute (server clock, Beijing). A burst of buyers takes units by
 * conditional counters (deal-orders.service.ts): never more orders than units, never BUSY while units are
 * left. Each order then awaits payment for the sale's minutes; an unpaid one gives its unit back.
 */

function saleView(s: FlashSale, urls: Record<string, string>, sold: number, mine: number, f: MemberFacts | null, now: Date): FlashSaleView {
  let judged = judgeFlash(s, f, now, sold);
  if (judged.ok && mine >= s.perMember) judged = { ok: false, code: 'DEAL_SOLD_OUT', reason: `每人限购 ${s.perMember} 件，你已抢到` };
  const verdict = forViewer(judged, f !== null, VISITOR_FLASH_REASON);
  return {
    saleId: s.saleId,
    title: s.title,
    description: s.description,
    images: s.images.map((r) => urls[r]).filter((u): u is string => !!u),
    originalPriceFen: s.originalPriceFen,
    priceFen: s.priceFen,
    stock: s.stock,
    unitsLeft: unitsLeft(s.stock, sold),
    startAt: minuteInstant(s.startAt).toISOString(),
    endAt: s.endAt ? saleInstant(s.endAt, 'to').toISOString() : null,
    phase: flashPhase(s, now),
    perMember: s.perMember,
    mine,
    deliveryModes: s.delivery,
    layerNames: layerNamesOf(s.audience),
    available: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
  };
}

export async function flashSales(caller: UseCaseContext): Promise<FlashSalesView> {
  const ctx = await withViewer(caller);
  const member = ctx.member;
  const [sales, stores, mineOrders] = await Promise.all([
    loadFlashSales(ctx),
    loadConfig(ctx, storesConfig),
    member ? orders(ctx.db).where({ _openid: member._id, kind: 'flash' }).orderBy('createdAt', 'desc').limit(50).get() : { data: [] },
  ]);
  const active = sales.filter((s) => s.active);
  const [f, urls, sold, held] = await Promise.all([
    viewerFacts(ctx, active),
    imageUrls(ctx.storage, active.flatMap((s) => s.images)),
    Promise.all(active.map((s) => soldOf(ctx.db, 'flash', s.saleId))),
    Promise.all(active.map((s) => heldOf(ctx, 'flash', s.saleId))),
  ]);
  const now = ctx.clock.now();
  return {
    serverNow: now.toISOString(),
    registered: member !== null,
    sales: active.map((s, i) => saleView(s, urls, sold[i], held[i], f.facts, now)),
    orders: mineOrders.data.filter((o) => o.status !== 'claiming' && o.status !== 'void').map(toDealOrderView),
    pickupStores: pickupStoresOf(stores),
  };
}

/** 抢购 one unit: refused before the start minute; the member's allowance, then one unit, then the order awaits payment. */
export async function buyFlash(ctx: MemberContext, input: FlashBuyInput): Promise<PlacedView> {
  const openid = ctx.member._id;
  const orderNo = dealOrderNo('flash', openid, input.requestId);
  const prior = await placedBefore(ctx, orderNo);
  if (prior) return placedView(ctx, prior);
  const sale = await loadFlashSale(ctx, input.saleId);
  if (!sale) throw new AppError('DEAL_NOT_FOUND', '没有找到这个秒杀活动');
  const f = await memberFacts(ctx, [sale]);
  const now = ctx.clock.now();
  const verdict = judgeFlash(sale, f, now, await soldOf(ctx.db, 'flash', sale.saleId));
  if (!verdict.ok) throw new AppError(verdict.code, verdict.reason);
  await checkDelivery(ctx, sale.delivery, input.delivery);

  const record = newOrderRecord(
    ctx,
    { orderNo, kind: 'flash', dealId: sale.saleId, groupId: null, role: 'buyer', requestId: input.requestId, title: sale.title, priceFen: sale.priceFen, payMinutes: sale.payMinutes, delivery: input.delivery },
    now,
  );
  const placed = await placeClaim(ctx.db, record);
  if (placed) return placedView(ctx, placed);

  const taken: Taken = { slot: false, holding: false, units: 0 };
  let order: DealOrderRecord;
  try {
    // The member's limit first: a member over it never touches the hot stock document.
    if (!(await takeHolding(ctx.db, 'flash', sale.saleId, openid, sale.perMember))) {
      throw new AppError('DEAL_LIMIT_REACHED', `每人限购 ${sale.perMember} 件`);
    }
    taken.holding = true;
    await markTook(ctx.db, orderNo, 'holding');
    if (!(await takeStock(ctx.db, 'flash', sale.saleId, sale.stock, 1))) throw new AppError('DEAL_SOLD_OUT', '已抢光');
    taken.units = 1;
    order = await finalizeClaim(ctx.db, record, now);
  } catch (e) {
    await voidClaim(ctx, record, taken);
    throw e;
  }
  return placedView(ctx, order);
}
