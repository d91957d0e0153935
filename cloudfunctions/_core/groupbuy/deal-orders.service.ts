import { isDatabaseError, type Database } from '../../_platform/database.port';
import type { PaymentParams } from '../../_platform/payments.port';
import { giveBackCounter, takeCounter } from '../shared/counter';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import {
  DEAL_HOLDINGS,
  DEAL_ORDERS,
  DEAL_STOCK,
  GROUPS,
  holdingId,
  stockId,
  type DealKind,
  type DealOrderRecord,
  type DealOrderStep,
  type DealStockRecord,
  type GroupRecord,
} from './groupbuy.record';

/**
 * The claim saga every deal order goes through (group-buy open and join, flash-sale buy), the pattern coupon
 * claims use: no transaction on a hot document.
 *
 *   1. add `deal_orders/{orderNo}` as `claiming` (the number comes from member + request id: a retry or a
 *      concurrent duplicate hits duplicate-key and waits for the first one's outcome);
 *   2. take counters by conditional updates (`where({_id, n ≤ limit - k}).update(inc)` + `stats.updated`),
 *      marking each on the order once taken;
 *   3. finalize `claiming` -> `awaiting_payment` (conditional on still claiming).
 *
 * A failure after step 1 compensates once: whoever flips the order `claiming` -> `void` gives back what was
 * taken, then removes it. The timer sweeps orders a crash left claiming (`sweepStaleClaims`).
 */

export type OrderContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'payments' | 'cache'>;

/** A claim older than this was left by a crash (a call lives at most 60 s). */
export const STALE_CLAIM_MS = 10 * 60_000;
const SETTLE_WAITS_MS = [5, 10, 20, 40, 80, 160, 320];

export const orders = (db: Database) => db.collection<DealOrderRecord>(DEAL_ORDERS);

export function step(status: DealOrderStep['status'], at: Date, by: DealOrderStep['by'], note: string): DealOrderStep {
  return { status, at, by, note };
}

/**
 * Step 1. Returns null when the order was placed now, or the existing order of this request (settled:
 * never `claiming`) for a retry. A request id reused for something else is INVALID_INPUT.
 */
export async function placeClaim(db: Database, record: DealOrderRecord): Promise<DealOrderRecord | null> {
  const { _id, ...data } = record;
  try {
    await orders(db).add({ data: { _id, ...data } });
    return null;
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  const prior = await settledOrder(db, _id);
  if (!prior) return placeClaim(db, record); // the earlier attempt failed and gave everything back
  if (prior._openid !== record._openid || prior.dealId !== record.dealId || prior.groupId !== record.groupId) {
    throw new AppError('INVALID_INPUT', '请求编号已用于另一笔订单', 'requestId');
  }
  return prior;
}

/** The order once it is no longer claiming; null when it is gone (a failed claim removed it). */
export async function settledOrder(db: Database, orderNo: string): Promise<DealOrderRecord | null> {
  for (let i = 0; ; i++) {
    const doc = await getOrNull<DealOrderRecord>(orders(db).doc(orderNo));
    if (!doc) return null;
    if (doc.status !== 'claiming' && doc.status !== 'void') return doc;
    if (i >= SETTLE_WAITS_MS.length) throw new AppError('BUSY', '人有点多，请稍后再试');
    await new Promise((r) => setTimeout(r, SETTLE_WAITS_MS[i]));
  }
}

/** Step 2's mark: the order took `what` (only while still claiming). */
export async function markTook(db: Database, orderNo: string, what: 'slot' | 'holding'): Promise<void> {
  await orders(db)
    .where({ _id: orderNo, status: 'claiming' })
    .update({ data: { [`took.${what}`]: true } });
}

/** Step 3. */
export async function finalizeClaim(db: Database, order: DealOrderRecord, now: Date): Promise<DealOrderRecord> {
  const s = step('awaiting_payment', now, 'member', '已下单，等待支付');
  const r = await orders(db)
    .where({ _id: order._id, status: 'claiming' })
    .update({ data: { status: 'awaiting_payment', took: { slot: order.groupId !== null && order.role === 'member', holding: true }, updatedAt: now, history: db.command.push(s) } });
  if (r.stats.updated !== 1) throw new Error(`order ${order._id} is no longer claiming`);
  return { ...order, status: 'awaiting_payment', updatedAt: now, history: [...order.history, s] };
}

export interface Taken {
  slot: boolean;
  holding: boolean;
  /** Flash units taken from stock. */
  units: number;
}

/**
 * Gives back what a failed claim took, once: only the caller that flips `claiming` -> `void` does. Never
 * throws (a crash or failure here is the sweep's to finish).
 */
export async function voidClaim(ctx: Pick<UseCaseContext, 'db' | 'log'>, order: DealOrderRecord, taken: Taken): Promise<void> {
  const db = ctx.db;
  try {
    const flip = await orders(db).where({ _id: order._id, status: 'claiming' }).update({ data: { status: 'void' } });
    if (flip.stats.updated !== 1) return;
    await giveBack(db, order, taken);
    await orders(db).where({ _id: order._id, status: 'void' }).remove();
  } catch (e) {
    ctx.log.error('deal.void_failed', { orderNo: order._id, error: e instanceof Error ? e.message : String(e) });
  }
}

async function giveBack(db: Database, order: Pick<DealOrderRecord, 'kind' | 'dealId' | 'groupId' | '_openid'>, taken: Taken): Promise<void> {
  if (taken.units > 0) await giveBackCounter(db, { collection: DEAL_STOCK, id: stockId(order.kind, order.dealId), field: 'sold' }, taken.units);
  if (taken.slot && order.groupId) await giveBackCounter(db, { collection: GROUPS, id: order.groupId, field: 'taken' }, 1);
  if (taken.holding) await giveBackCounter(db, { collection: DEAL_HOLDINGS, id: holdingId(order.kind, order.dealId, order._openid), field: 'held' }, 1);
}

/** Takes one of the member's allowance for a deal. */
export function takeHolding(db: Database, kind: DealKind, dealId: string, openid: string, perMember: number): Promise<boolean> {
  return takeCounter(db, { collection: DEAL_HOLDINGS, id: holdingId(kind, dealId, openid), field: 'held', limit: perMember, init: { _openid: openid } }, 1);
}

/** Takes `units` of a deal's stock. */
export function takeStock(db: Database, kind: DealKind, dealId: string, stock: number, units: number): Promise<boolean> {
  return takeCounter(db, { collection: DEAL_STOCK, id: stockId(kind, dealId), field: 'sold', limit: stock }, units);
}

/** A group's orders in the given states, read by id (`orderNos`), in the order they took their slots. */
export async function groupOrders(db: Database, g: Pick<GroupRecord, 'orderNos'>, statuses: readonly DealOrderRecord['status'][]): Promise<DealOrderRecord[]> {
  if (g.orderNos.length === 0) return [];
  const { data } = await orders(db).where({ _id: db.command.in(g.orderNos) }).limit(1000).get();
  const byId = new Map(data.map((o) => [o._id, o]));
  return g.orderNos.map((no) => byId.get(no)).filter((o): o is DealOrderRecord => !!o && statuses.includes(o.status));
}

/** What a deal's stock counter says is taken (0 before the first order). */
export async function soldOf(db: Database, kind: DealKind, dealId: string): Promise<number> {
  const doc = await getOrNull<DealStockRecord>(db.collection<DealStockRecord>(DEAL_STOCK).doc(stockId(kind, dealId)));
  return doc?.sold ?? 0;
}

/** The WeChat Pay prepay for an order (the order number is the out_trade_no; a repeat is the same prepay). */
export function prepay(ctx: Pick<UseCaseContext, 'payments'>, order: DealOrderRecord): Promise<PaymentParams> {
  return ctx.payments.unifiedOrder({ outTradeNo: order._id, totalFee: order.priceFen, body: order.title, openid: order._openid });
}

/**
 * The crash sweep: claims older than STALE_CLAIM_MS are voided, giving back what their marks say they took
 * (a leader's reserved units go back with the group, see the lifecycle). Returns how many it voided.
 */
export async function sweepStaleClaims(ctx: Pick<UseCaseContext, 'db' | 'clock' | 'log'>, limit: number): Promise<DealOrderRecord[]> {
  const before = new Date(ctx.clock.now().getTime() - STALE_CLAIM_MS);
  const { data } = await orders(ctx.db)
    .where({ status: 'claiming', createdAt: ctx.db.command.lt(before) })
    .limit(limit)
    .get();
  const voided: DealOrderRecord[] = [];
  for (const o of data) {
    const took = o.took ?? { slot: false, holding: false };
    await voidClaim(ctx, o, { slot: took.slot, holding: took.holding, units: 0 });
    voided.push(o);
  }
  return voided;
}
