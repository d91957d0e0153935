import { MallItemConfig, type MallItem } from '../../cloudfunctions/_core/mall/mall-item.schema';
import { deliveryFor, forTier, judgeRedeem, planReturn, saleInstant, stockLeft, type RedeemSituation } from '../../cloudfunctions/_core/mall/mall.rules';
import { applyEffects, balanceOf } from '../../cloudfunctions/_core/points/points-ledger.rules';

const item = (over: Record<string, unknown> = {}): MallItem => ({
  ...MallItemConfig.parse({ title: '马克杯', kind: 'physical', pricePoints: 100, stock: 10, ...over }),
  itemId: 'mug',
});
const situation = (over: Partial<RedeemSituation> = {}): RedeemSituation => ({
  now: new Date('2026-11-23T02:00:00Z'), // 10:00 Beijing
  tierCode: 'silver',
  tierNames: new Map([['silver', '银卡会员'], ['gold', '金卡会员'], ['black', '黑金会员']]),
  balance: 1000,
  sold: 0,
  mine: 0,
  couponsReady: true,
  ...over,
});

describe('availability', () => {
  it('is open for an ordinary item', () => {
    expect(judgeRedeem(item(), situation())).toEqual({ ok: true });
  });

  it('follows the sale window in Beijing time, day bounds inclusive', () => {
    const it1 = item({ sale: { from: '2026-11-23', to: '2026-11-23' } });
    expect(judgeRedeem(it1, situation({ now: new Date('2026-11-22T15:59:59Z') }))).toMatchObject({ ok: false, code: 'ITEM_NOT_AVAILABLE', reason: '2026-11-23 开始兑换' });
    expect(judgeRedeem(it1, situation({ now: new Date('2026-11-22T16:00:00Z') }))).toEqual({ ok: true });
    expect(judgeRedeem(it1, situation({ now: new Date('2026-11-23T15:59:59Z') }))).toEqual({ ok: true });
    expect(judgeRedeem(it1, situation({ now: new Date('2026-11-23T16:00:00Z') }))).toMatchObject({ ok: false, reason: '兑换已结束' });
    expect(saleInstant('2026-11-23 10:00', 'from')).toEqual(new Date('2026-11-23T02:00:00Z'));
    expect(saleInstant('2026-11-23 10:00', 'to')).toEqual(new Date('2026-11-23T02:01:00Z'));
  });

  it('gates by tier, naming the tiers', () => {
    const gated = item({ tiers: ['gold', 'black'] });
    expect(judgeRedeem(gated, situation())).toMatchObject({ ok: false, code: 'ITEM_NOT_AVAILABLE', reason: '仅限金卡会员、黑金会员兑换' });
    expect(judgeRedeem(gated, situation({ tierCode: 'gold' }))).toEqual({ ok: true });
    expect(forTier(gated, 'silver')).toBe(false);
    expect(forTier(item(), 'silver')).toBe(true);
  });

  it('checks stock, per-member limit, then points', () => {
    expect(judgeRedeem(item(), situation({ sold: 10 }))).toMatchObject({ code: 'ITEM_SOLD_OUT', reason: '已兑完' });
    expect(judgeRedeem(item(), situation({ sold: 8 }), 3)).toMatchObject({ code: 'ITEM_SOLD_OUT', reason: '仅剩 2 件' });
    expect(judgeRedeem(item({ perMember: 2 }), situation({ mine: 2 }))).toMatchObject({ code: 'ITEM_LIMIT_REACHED', reason: '每人限兑 2 件，你已兑满' });
    expect(judgeRedeem(item({ perMember: 2 }), situation({ mine: 1 }), 2)).toMatchObject({ code: 'ITEM_LIMIT_REACHED', reason: '每人限兑 2 件，你还可兑 1 件' });
    expect(judgeRedeem(item(), situation({ balance: 250 }), 3)).toMatchObject({ code: 'POINTS_INSUFFICIENT', reason: '积分不足，还差 50 积分' });
    expect(judgeRedeem(item({ active: false }), situation())).toMatchObject({ code: 'ITEM_NOT_AVAILABLE', reason: '商品已下架' });
    expect(judgeRedeem(item({ kind: 'coupon', couponTemplateId: 'C1' }), situation({ couponsReady: false }))).toMatchObject({ code: 'ITEM_NOT_AVAILABLE' });
  });

  it('stock left never goes negative when an operator lowers stock below what was sold', () => {
    expect(stockLeft({ stock: 3 }, 5)).toBe(0);
    expect(stockLeft({ stock: 8 }, 5)).toBe(3);
  });
});

describe('delivery', () => {
  it('allows only the item modes; experiences are checked in at a store; coupons need none', () => {
    const pickup = { mode: 'pickup', storeId: 'S001' } as const;
    const express = { mode: 'express', name: '林', phone: '13800000000', region: '上海', detail: '某路 1 号' } as const;
    expect(deliveryFor(item({ delivery: ['express'] }), pickup)).toMatchObject({ ok: false });
    expect(deliveryFor(item({ delivery: ['pickup', 'express'] }), express)).toMatchObject({ ok: true });
    expect(deliveryFor(item({ kind: 'experience' }), express)).toMatchObject({ ok: false });
    expect(deliveryFor(item({ kind: 'physical' }), undefined)).toMatchObject({ ok: false, reason: '请选择领取方式' });
    expect(deliveryFor(item({ kind: 'coupon', couponTemplateId: 'C1' }), undefined)).toEqual({ ok: true, delivery: { mode: 'none' } });
  });
});

describe('operator documents', () => {
  it('explains mistakes in Chinese', () => {
    const r = MallItemConfig.safeParse({ title: '券', kind: 'coupon', pricePoints: 1.5, stock: -1, sale: { from: '2026-12-01', to: '2026-11-01' } });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(['积分价格必须是整数', '库存不能为负']));
    const r2 = MallItemConfig.safeParse({ title: '券', kind: 'coupon', pricePoints: 10, stock: 1, sale: { from: '2026-12-01', to: '2026-11-01' } });
    expect(r2.success ? [] : r2.error.issues.map((i) => i.message)).toEqual(['优惠券商品必须填写券模板编号', '兑换结束时间不能早于开始时间']);
  });
});

describe('returning points of a cancelled order', () => {
  it('gives each lot back with its expiry; expired ones come back through today; owed is repaid first', () => {
    const state = { lots: [{ key: 'a:2027-12-31', amount: 10, expiresOn: '2027-12-31', availableOn: null }], owed: 30 };
    const spent = [
      { key: 'a:2026-11-01', amount: 40 },
      { key: 'a:2027-12-31', amount: 50 },
      { key: 'a:never', amount: 5 },
    ];
    const fx = planReturn(state, spent, '2026-11-23');
    expect(fx.owedDelta).toBe(-30);
    const after = applyEffects(state, fx);
    expect(balanceOf(after)).toBe(10 + 95 - 30);
    expect(after.lots).toEqual([
      { key: 'a:2026-11-23', amount: 10, expiresOn: '2026-11-23', availableOn: null },
      { key: 'a:2027-12-31', amount: 60, expiresOn: '2027-12-31', availableOn: null },
      { key: 'a:never', amount: 5, expiresOn: null, availableOn: null },
    ]);
  });
});
