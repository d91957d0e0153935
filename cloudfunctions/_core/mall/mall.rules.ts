/**
 * The points mall as pure rules: when an item can be redeemed (and why not, in Chinese), how much stock is
 * left, and how a cancelled order gives its points back.
 */
import { addDays, startOfBusinessDay } from '../shared/business-time.rules';
import { applyEffects, planEarn, type Effects, type LedgerState, type LotTake } from '../points/points-ledger.rules';
import type { MallItem } from './mall-item.schema';
import type { DeliveryInput } from './mall.schema';
import { formatNumber } from '../shared/money.rules';

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** A sale bound as an instant: 'YYYY-MM-DD' = start of that day (from) or start of the next (to, exclusive). */
export function saleInstant(bound: string, edge: 'from' | 'to'): Date {
  if (bound.length === 10) return startOfBusinessDay(edge === 'from' ? bound : addDays(bound, 1));
  const [day, time] = bound.split(' ');
  const [h, m] = time.split(':').map(Number);
  const at = new Date(`${day}T00:00:00Z`).getTime() + (h * 60 + m) * 60_000 - BEIJING_OFFSET_MS;
  // 'HH:mm' as an end bound means through that minute.
  return new Date(edge === 'from' ? at : at + 60_000);
}

/** Left to redeem: the total ever offered minus what is sold (never negative). */
export function stockLeft(item: Pick<MallItem, 'stock'>, sold: number): number {
  return Math.max(0, item.stock - sold);
}

export interface RedeemSituation {
  now: Date;
  tierCode: string;
  /** tier code -> display name, for the reason text. */
  tierNames: ReadonlyMap<string, string>;
  balance: number;
  sold: number;
  /** How many the member already holds. */
  mine: number;
  /** Whether coupon items can be fulfilled (the coupons feature is wired). */
  couponsReady: boolean;
}

/** Error codes (shared/errors.ts) a refusal maps to; spelled here because rules import no services. */
export type Refusal = 'ITEM_NOT_AVAILABLE' | 'ITEM_SOLD_OUT' | 'ITEM_LIMIT_REACHED' | 'POINTS_INSUFFICIENT';

export type Verdict = { ok: true } | { ok: false; code: Refusal; reason: string };

/**
 * Whether `quantity` of an item can be redeemed now, checked in the order a member would want to hear
 * it: not on sale, not for their tier, sold out, over their limit, then not enough points.
 */
export function judgeRedeem(item: MallItem, s: RedeemSituation, quantity = 1): Verdict {
  if (!item.active) return { ok: false, code: 'ITEM_NOT_AVAILABLE', reason: '商品已下架' };
  if (item.sale.from && s.now < saleInstant(item.sale.from, 'from')) {
    return { ok: false, code: 'ITEM_NOT_AVAILABLE', reason: `${item.sale.from} 开始兑换` };
  }
  if (item.sale.to && s.now >= saleInstant(item.sale.to, 'to')) return { ok: false, code: 'ITEM_NOT_AVAILABLE', reason: '兑换已结束' };
  if (item.tiers.length > 0 && !item.tiers.includes(s.tierCode)) {
    const names = item.tiers.map((t) => s.tierNames.get(t) ?? t).join('、');
    return { ok: false, code: 'ITEM_NOT_AVAILABLE', reason: `仅限${names}兑换` };
  }
  if (item.kind === 'coupon' && !s.couponsReady) return { ok: false, code: 'ITEM_NOT_AVAILABLE', reason: '优惠券兑换暂未开放' };
  const left = stockLeft(item, s.sold);
  if (left === 0) return { ok: false, code: 'ITEM_SOLD_OUT', reason: '已兑完' };
  if (quantity > left) return { ok: false, code: 'ITEM_SOLD_OUT', reason: `仅剩 ${left} 件` };
  if (item.perMember !== null && s.mine + quantity > item.perMember) {
    return {
      ok: false,
      code: 'ITEM_LIMIT_REACHED',
      reason: s.mine >= item.perMember ? `每人限兑 ${item.perMember} 件，你已兑满` : `每人限兑 ${item.perMember} 件，你还可兑 ${item.perMember - s.mine} 件`,
    };
  }
  const price = item.pricePoints * quantity;
  if (price > s.balance) return { ok: false, code: 'POINTS_INSUFFICIENT', reason: `积分不足，还差 ${formatNumber(price - s.balance)} 积分` };
  return { ok: true };
}

/** Whether the item is meant for the member's tier (the `myTier` filter): open items and gated ones that include it. */
export function forTier(item: Pick<MallItem, 'tiers'>, tierCode: string): boolean {
  return item.tiers.length === 0 || item.tiers.includes(tierCode);
}

/** The delivery an order gets; an error text when the item cannot be delivered that way. */
export function deliveryFor(
  item: Pick<MallItem, 'kind' | 'delivery'>,
  delivery: DeliveryInput | undefined,
): { ok: true; delivery: DeliveryInput | { mode: 'none' } } | { ok: false; reason: string } {
  if (item.kind === 'coupon') return { ok: true, delivery: { mode: 'none' } };
  if (!delivery) return { ok: false, reason: '请选择领取方式' };
  const modes = item.kind === 'experience' ? ['pickup'] : item.delivery;
  if (!modes.includes(delivery.mode)) return { ok: false, reason: delivery.mode === 'express' ? '该商品不支持快递，请选择到店自提' : '该商品不支持到店自提' };
  return { ok: true, delivery };
}

/** `a:<expiresOn|never>` -> the expiry day (spending only ever takes active lots). */
function expiryOfKey(key: string): string | null {
  if (!key.startsWith('a:')) throw new Error(`not an active lot: ${key}`);
  const day = key.slice(2);
  return day === 'never' ? null : day;
}

/**
 * Giving back the points of a cancelled order (our rule, documented in README): each lot comes back with
 * the expiry it had when spent, so cancelling never extends points; a lot whose expiry passed meanwhile
 * comes back usable through today (the member did nothing wrong by waiting for an order). Returned points
 * repay owed points first, like any earning.
 */
export function planReturn(state: LedgerState, spent: readonly LotTake[], today: string): Effects {
  let cur = state;
  const out: Effects = { add: [], take: [], owedDelta: 0 };
  for (const t of spent) {
    const exp = expiryOfKey(t.key);
    const fx = planEarn(cur, { amount: t.amount, expiresOn: exp !== null && exp < today ? today : exp });
    cur = applyEffects(cur, fx);
    for (const lot of fx.add) {
      const same = out.add.find((l) => l.key === lot.key);
      if (same) same.amount += lot.amount;
      else out.add.push({ ...lot });
    }
    out.owedDelta += fx.owedDelta;
  }
  return out;
}
