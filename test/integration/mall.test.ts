import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import type { ItemsView, OrderResultView, OrdersView, PickupView, RedeemView, StaffOrderView } from '../../cloudfunctions/_core/mall/mall.schema';
import { OPERATOR_DOCUMENT_TTL_MS } from '../../cloudfunctions/_core/config/operator-config';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
  await grantRole(cloud, 'o-clerk2', 'clerk', 'S002');
});
afterEach(() => cloud.close());

const MUG = { title: '品牌马克杯', kind: 'physical', delivery: ['pickup', 'express'], pricePoints: 100, stock: 50 };
const setItem = (id: string, doc: Record<string, unknown>) => cloud.db.collection('mall_items').doc(id).set({ data: doc });
const give = (openid: string, amount: number, key = `seed:${openid}:${amount}`) =>
  cloud.db.runTransaction((tx) =>
    postInTx(tx, openid, { key, kind: 'earn', reason: '测试', source: 'test', sourceId: key, plan: (s) => planEarn(s, { amount, expiresOn: '2027-12-31' }) }, cloud.clock.now()),
  );
const pickup = { mode: 'pickup', storeId: 'S001' } as const;
const redeem = (itemId: string, requestId: string, openid = 'o-m', quantity = 1, delivery: unknown = pickup) =>
  cloud.call<RedeemView>('mall', { action: 'redeem', input: { itemId, quantity, requestId, delivery } }, openid);
const balance = async (openid = 'o-m') => ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, openid)).balance;
const sold = async (itemId: string) => {
  const r = await cloud.db.collection('mall_stock').where({ _id: itemId }).get();
  return (r.data[0]?.sold as number | undefined) ?? 0;
};
const cancel = (orderNo: string, openid = 'o-m') => cloud.call<OrderResultView>('mall', { action: 'cancel', input: { orderNo } }, openid);
const orderCode = (orderNo: string, openid = 'o-m') => cloud.call<MemberCodeView>('mall', { action: 'orderCode', input: { orderNo } }, openid);
const doPickup = (code: string, clerk = 'o-clerk') => cloud.call<PickupView>('mall', { action: 'pickup', input: { code } }, clerk);
const rid = (i: number | string) => `req-${String(i).padStart(6, '0')}`;

async function members(n: number, points: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `o-p${i}`);
  for (const id of ids) {
    ok(await cloud.call('member', { action: 'register', input: registration() }, id));
    await give(id, points);
  }
  return ids;
}

describe('browsing', () => {
  it('lists items with stock, limits, reasons and balance; skips broken documents', async () => {
    await give('o-m', 150);
    await setItem('mug', { ...MUG, perMember: 2 });
    await setItem('gold-only', { ...MUG, title: '金卡专享', tiers: ['gold'] });
    await setItem('later', { ...MUG, title: '新品试用', kind: 'experience', delivery: ['pickup'], sale: { from: '2026-12-01' } });
    await setItem('broken', { title: '', pricePoints: -1 });
    await setItem('pricey', { ...MUG, title: '手稿鉴赏', pricePoints: 1000 });
    const all = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: {} }, 'o-m'));
    expect(all.balance).toBe(150);
    const byId = Object.fromEntries(all.items.map((i) => [i.itemId, i]));
    expect(Object.keys(byId).sort()).toEqual(['gold-only', 'later', 'mug', 'pricey']);
    expect(byId.mug).toMatchObject({ available: true, reason: null, stockLeft: 50, perMember: 2, mine: 0 });
    expect(byId['gold-only']).toMatchObject({ available: false, reason: '仅限金卡会员兑换' });
    expect(byId.later).toMatchObject({ available: false, reason: '2026-12-01 开始兑换', deliveryModes: ['pickup'] });
    expect(byId.pricey).toMatchObject({ available: false, reason: '积分不足，还差 850 积分' });
    // 我能兑: only what the member can redeem now (not an item for another tier, not one not yet on sale).
    const affordable = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: { filter: 'affordable' } }, 'o-m'));
    expect(affordable.items.map((i) => i.itemId).sort()).toEqual(['mug']);
    const mine = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: { filter: 'myTier' } }, 'o-m'));
    expect(mine.items.map((i) => i.itemId)).not.toContain('gold-only');
  });

  it('我能兑 leaves out what the member already redeemed up to the limit', async () => {
    await give('o-m', 1000);
    await setItem('mug', { ...MUG, perMember: 1 });
    ok(await cloud.call('mall', { action: 'redeem', input: { itemId: 'mug', quantity: 1, requestId: 'limit-0001', delivery: { mode: 'pickup', storeId: 'S001' } } }, 'o-m'));
    const affordable = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: { filter: 'affordable' } }, 'o-m'));
    expect(affordable.items.map((i) => i.itemId)).not.toContain('mug');
    const all = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: {} }, 'o-m'));
    expect(all.items.find((i) => i.itemId === 'mug')).toMatchObject({ available: false, reason: '每人限兑 1 件，你已兑满' });
  });

  it('visitors browse before joining: nothing is available, and the reason asks them to join', async () => {
    await setItem('mug', MUG);
    const seen = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: {} }, 'o-visitor'));
    expect(seen.joined).toBe(false);
    expect(seen.items.find((i) => i.itemId === 'mug')).toMatchObject({ available: false, reason: '加入会员后即可兑换' });
    expect(await cloud.call('mall', { action: 'redeem', input: { itemId: 'mug', quantity: 1, requestId: 'visit-0001', delivery: { mode: 'pickup', storeId: 'S001' } } }, 'o-visitor')).toMatchObject({
      ok: false,
      error: { code: 'NOT_REGISTERED', message: '加入会员后即可使用' },
    });
  });

  it('an item kept at one store cannot be booked at another, and shows that store by name', async () => {
    await give('o-m', 1000);
    await cloud.db.collection('app_config').doc('stores').set({
      data: { stores: [{ id: 'S001', name: '静安店', address: '', pickup: true }, { id: 'S002', name: '徐汇店', address: '', pickup: true }] },
    });
    await setItem('sketch', { ...MUG, title: '手稿鉴赏会', kind: 'experience', delivery: ['pickup'], stores: ['S001'] });
    const detail = ok(await cloud.call<{ pickupStores: { id: string }[]; item: { storeNames: string[] } }>('mall', { action: 'item', input: { itemId: 'sketch' } }, 'o-m'));
    expect(detail.pickupStores.map((s) => s.id)).toEqual(['S001']);
    expect(detail.item.storeNames).toEqual(['静安店']);
    const r = await cloud.call('mall', { action: 'redeem', input: { itemId: 'sketch', quantity: 1, requestId: 'store-0001', delivery: { mode: 'pickup', storeId: 'S002' } } }, 'o-m');
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'delivery.storeId', message: '手稿鉴赏会仅限静安店参加，请选择静安店' } });
  });
});

describe('redeeming', () => {
  beforeEach(() => setItem('mug', MUG));

  it('spends points, takes stock and writes the order; a retry returns the same order', async () => {
    await give('o-m', 300);
    const r = ok(await redeem('mug', rid(1), 'o-m', 2));
    expect(r.payment).toBeNull();
    expect(r.order).toMatchObject({ itemId: 'mug', quantity: 2, pointsSpent: 200, status: 'pending', delivery: pickup });
    expect(r.order.orderNo).toMatch(/^MALL[0-9a-f]{28}$/);
    expect(await balance()).toBe(100);
    expect(await sold('mug')).toBe(2);
    const again = ok(await redeem('mug', rid(1), 'o-m', 2));
    expect(again.order.orderNo).toBe(r.order.orderNo);
    expect(await balance()).toBe(100);
    const entry = (await cloud.db.collection('point_entries').doc(`mall:o-m:${rid(1)}`).get()).data;
    expect(entry).toMatchObject({ kind: 'spend', delta: -200, reason: '兑换 品牌马克杯 ×2' });
    expect(ok(await cloud.call<OrdersView>('mall', { action: 'orders', input: {} }, 'o-m')).orders).toHaveLength(1);
  });

  it('a member with points for exactly 3 items, 20 concurrent redemptions -> exactly 3 orders, balance 0', async () => {
    await give('o-m', 300);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem('mug', rid(i))));
    for (const r of results) if (!r.ok) expect(['POINTS_INSUFFICIENT', 'BUSY']).toContain(r.error.code);
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await count(cloud, 'mall_orders')).toBe(3);
    expect(await balance()).toBe(0);
    expect(await sold('mug')).toBe(3);
  });

  it('the same requestId 20 times concurrently -> one order', async () => {
    await give('o-m', 1000);
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem('mug', rid(7))));
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('BUSY');
    expect(new Set(results.filter((r) => r.ok).map((r) => r.ok && r.data.order.orderNo)).size).toBe(1);
    expect(await count(cloud, 'mall_orders')).toBe(1);
    expect(await balance()).toBe(900);
    expect(await sold('mug')).toBe(1);
  });

  it('stock 20 and 50 members at once -> 20 orders, 30 sold out, none busy (conditional counters)', async () => {
    await setItem('mug', { ...MUG, stock: 20 });
    const ids = await members(50, 100);
    const results = await Promise.all(ids.map((id, i) => redeem('mug', rid(i), id)));
    const codes = results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code));
    expect(results.filter((r) => r.ok)).toHaveLength(20);
    expect(codes).toEqual(Array(30).fill('ITEM_SOLD_OUT'));
    expect(await count(cloud, 'mall_orders')).toBe(20);
    expect(await sold('mug')).toBe(20);
    let total = 0;
    for (const id of ids) total += await balance(id);
    expect(total).toBe(50 * 100 - 20 * 100);
  });

  it('a claim that cannot pay its points gives stock and allowance back at once', async () => {
    await setItem('mug', { ...MUG, stock: 1, perMember: 1 });
    await give('o-m', 50);
    expect(await redeem('mug', rid(1))).toMatchObject({ ok: false, error: { code: 'POINTS_INSUFFICIENT' } });
    expect(await sold('mug')).toBe(0);
    expect(await count(cloud, 'mall_orders')).toBe(0);
    await give('o-m', 50, 'more');
    expect(ok(await redeem('mug', rid(2))).order.status).toBe('pending');
  });

  it('a claim a crash left half-done is voided by the timer, giving back what it marked', async () => {
    await setItem('mug', { ...MUG, stock: 1 });
    const now = cloud.clock.now();
    await cloud.db.collection('mall_stock').doc('mug').set({ data: { initial: 1, sold: 1, updatedAt: now } });
    await cloud.db.collection('mall_holdings').doc('mug:o-m').set({ data: { _openid: 'o-m', itemId: 'mug', count: 1, updatedAt: now } });
    await cloud.db.collection('mall_orders').doc('MALL0000000000000000000000000001').set({
      data: { _openid: 'o-m', itemId: 'mug', quantity: 1, status: 'claiming', took: { holding: true, stock: true }, createdAt: now, updatedAt: now, history: [] },
    });
    await give('o-m', 100);
    expect(await redeem('mug', rid(3))).toMatchObject({ ok: false, error: { code: 'ITEM_SOLD_OUT' } });
    cloud.clock.advance(11 * 60_000);
    expect(ok(await cloud.trigger('mall', 'unpaid'))).toMatchObject({ voided: 1 });
    expect(await sold('mug')).toBe(0);
    expect(ok(await cloud.call<OrdersView>('mall', { action: 'orders', input: {} }, 'o-m')).orders).toEqual([]);
    expect(ok(await redeem('mug', rid(4))).order.status).toBe('pending');
  });

  it('stock 5 and 30 members at once -> 5 orders', async () => {
    await setItem('mug', { ...MUG, stock: 5 });
    const ids = await members(30, 100);
    const results = await Promise.all(ids.map((id, i) => redeem('mug', rid(i), id)));
    for (const r of results) if (!r.ok) expect(['ITEM_SOLD_OUT', 'BUSY']).toContain(r.error.code);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(await count(cloud, 'mall_orders')).toBe(5);
    expect(await sold('mug')).toBe(5);
    let total = 0;
    for (const id of ids) total += await balance(id);
    expect(total).toBe(30 * 100 - 5 * 100);
  });

  it('the per-member limit holds under concurrency', async () => {
    await setItem('mug', { ...MUG, perMember: 2 });
    await give('o-m', 10_000);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => redeem('mug', rid(i))));
    for (const r of results) if (!r.ok) expect(['ITEM_LIMIT_REACHED', 'BUSY']).toContain(r.error.code);
    expect(await count(cloud, 'mall_orders')).toBe(2);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(await balance()).toBe(9_800);
    expect((await cloud.db.collection('mall_holdings').doc('mug:o-m').get()).data.count).toBe(2);
  });

  it('bad input gets typed errors and writes nothing', async () => {
    await give('o-m', 10_000);
    await setItem('gold-only', { ...MUG, tiers: ['gold'] });
    await setItem('over', { ...MUG, sale: { from: '2026-11-01', to: '2026-11-22' } });
    await setItem('express-only', { ...MUG, delivery: ['express'] });
    for (const quantity of [0, -1, 1.5, 1e9]) {
      expect(await redeem('mug', rid(1), 'o-m', quantity)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'quantity' } });
    }
    expect(await redeem('nope', rid(2))).toMatchObject({ ok: false, error: { code: 'ITEM_NOT_FOUND' } });
    expect(await redeem('over', rid(3))).toMatchObject({ ok: false, error: { code: 'ITEM_NOT_AVAILABLE', message: '兑换已结束' } });
    expect(await redeem('gold-only', rid(4))).toMatchObject({ ok: false, error: { code: 'ITEM_NOT_AVAILABLE' } });
    expect(await redeem('express-only', rid(5))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'delivery' } });
    const noDelivery = { itemId: 'mug', quantity: 1, requestId: rid(6) };
    expect(await cloud.call('mall', { action: 'redeem', input: noDelivery }, 'o-m')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'delivery' } });
    expect(await redeem('mug', 'bad id!', 'o-m')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'requestId' } });
    expect(await redeem('mug', rid(6), 'o-m', 1, { mode: 'pickup', storeId: 'S999' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'delivery.storeId' } });
    await setItem('big', { ...MUG, pricePoints: 20_000 });
    expect(await redeem('big', rid(8))).toMatchObject({ ok: false, error: { code: 'POINTS_INSUFFICIENT' } });
    expect(await count(cloud, 'mall_orders')).toBe(0);
    expect(await count(cloud, 'mall_stock')).toBe(0);
    expect(await count(cloud, 'mall_holdings')).toBe(0);
    expect(await balance()).toBe(10_000);
    // Another member's order: not found, for cancel and for the code.
    const order = ok(await redeem('mug', rid(9))).order;
    ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-x'));
    expect(await cancel(order.orderNo, 'o-x')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    expect(await orderCode(order.orderNo, 'o-x')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
    expect((await cloud.db.collection('mall_orders').doc(order.orderNo).get()).data.status).toBe('pending');
  });

  it('coupon items issue one coupon through the coupons feature; a failed issue returns the points', async () => {
    await cloud.db.collection('coupon_templates').doc('C100-20').set({
      data: { title: '满100减20', kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 }, validity: { mode: 'afterClaim', days: 7 }, total: 1, perMember: 1, channels: ['points_exchange'] },
    });
    await setItem('cpn', { title: '满100减20券', kind: 'coupon', couponTemplateId: 'C100-20', pricePoints: 100, stock: 10 });
    await give('o-m', 1000);
    const r = ok(await redeem('cpn', rid(1), 'o-m', 1, undefined));
    expect(r.order).toMatchObject({ status: 'picked_up', delivery: { mode: 'none' } });
    expect(r.order.couponId).toEqual(expect.any(String));
    expect(await count(cloud, 'coupons', { _openid: 'o-m' })).toBe(1);
    expect(await cancel(r.order.orderNo)).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_CANCELLABLE' } });
    expect(await redeem('cpn', rid(2), 'o-m', 2)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'quantity' } });
    // The template has no coupon left: the order is cancelled and the points come back.
    const [other] = await members(1, 100);
    expect(await redeem('cpn', rid(3), other)).toMatchObject({ ok: false, error: { code: 'ITEM_SOLD_OUT' } });
    expect(await balance(other)).toBe(100);
    expect(await sold('cpn')).toBe(1);
    expect(await count(cloud, 'mall_orders', { _openid: other, status: 'cancelled' })).toBe(1);
  });

  it('operators restock by raising stock; the counter follows', async () => {
    await setItem('mug', { ...MUG, stock: 1 });
    await give('o-m', 1000);
    ok(await redeem('mug', rid(1)));
    expect(await redeem('mug', rid(2))).toMatchObject({ ok: false, error: { code: 'ITEM_SOLD_OUT' } });
    await setItem('mug', { ...MUG, stock: 3 });
    // The warm instance reads the item again only when its cached copy expires (as after a console edit).
    expect(await redeem('mug', rid(3))).toMatchObject({ ok: false, error: { code: 'ITEM_SOLD_OUT' } });
    cloud.clock.advance(OPERATOR_DOCUMENT_TTL_MS);
    ok(await redeem('mug', rid(4)));
    expect((await cloud.db.collection('mall_stock').doc('mug').get()).data).toMatchObject({ initial: 3, sold: 2 });
  });
});

describe('cancelling', () => {
  beforeEach(() => setItem('mug', MUG));

  it('restores points (with their expiry), stock and allowance exactly; a repeat changes nothing', async () => {
    await give('o-m', 250);
    const order = ok(await redeem('mug', rid(1), 'o-m', 2)).order;
    const r = ok(await cancel(order.orderNo));
    expect(r.order.status).toBe('cancelled');
    expect(r.order.history.map((h) => h.status)).toEqual(['pending', 'cancelled']);
    expect(await balance()).toBe(250);
    expect(await sold('mug')).toBe(0);
    expect((await cloud.db.collection('mall_holdings').doc('mug:o-m').get()).data.count).toBe(0);
    const account = (await cloud.db.collection('point_accounts').doc('o-m').get()).data;
    expect(account.lots).toEqual([{ key: 'a:2027-12-31', amount: 250, expiresOn: '2027-12-31', availableOn: null }]);
    ok(await cancel(order.orderNo));
    expect(await balance()).toBe(250);
    expect(await count(cloud, 'point_entries', { source: 'mall-cancel' })).toBe(1);
  });

  it('refuses shipped or picked-up orders; staff cancel at their own store only, audited', async () => {
    await give('o-m', 1000);
    const a = ok(await redeem('mug', rid(1), 'o-m', 1, { mode: 'express', name: '林小满', phone: '13800000000', region: '上海市', detail: '某路 1 号' })).order;
    ok(await cloud.call<StaffOrderView>('mall', { action: 'ship', input: { orderNo: a.orderNo, trackingNo: 'SF123456789' } }, 'o-clerk'));
    expect(await cancel(a.orderNo)).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_CANCELLABLE' } });
    const b = ok(await redeem('mug', rid(2))).order;
    const staffCancel = (clerk: string) =>
      cloud.call<StaffOrderView>('mall', { action: 'cancelOrder', input: { orderNo: b.orderNo, reason: '门店缺货' } }, clerk);
    expect(await staffCancel('o-clerk2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await staffCancel('o-clerk'))).toMatchObject({ status: 'cancelled', returnedPoints: 100 });
    expect(await count(cloud, 'audit_log', { action: 'mall.cancel', actor: 'o-clerk' })).toBe(1);
    expect(await count(cloud, 'audit_log', { action: 'mall.ship' })).toBe(1);
    expect(await balance()).toBe(900);
  });
});

describe('fault injection', () => {
  beforeEach(() => setItem('mug', MUG));

  const invariant = async (before: number) => {
    const orders = (await cloud.db.collection('mall_orders').where({ status: 'pending' }).get()).data;
    const spent = orders.reduce((s, o) => s + (o.pointsSpent as number), 0);
    expect((await balance()) + spent).toBe(before);
    expect(await sold('mug')).toBe(orders.reduce((s, o) => s + (o.quantity as number), 0));
  };

  it('a failure at any database operation of redeem loses or creates nothing', async () => {
    await give('o-m', 500);
    let done = false;
    for (let failAt = 1; failAt <= 30 && !done; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await redeem('mug', rid(1), 'o-m', 2);
      cloud.db.injectFault(null);
      done = r.ok;
      if (!r.ok) expect(await count(cloud, 'mall_orders')).toBe(0);
      await invariant(500);
    }
    expect(done).toBe(true);
    expect(await balance()).toBe(300);
  });

  it('a failure at any database operation of cancel loses or creates nothing', async () => {
    await give('o-m', 500);
    const order = ok(await redeem('mug', rid(1), 'o-m', 2)).order;
    let done = false;
    for (let failAt = 1; failAt <= 30 && !done; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await cancel(order.orderNo);
      cloud.db.injectFault(null);
      done = r.ok;
      await invariant(500);
    }
    expect(done).toBe(true);
    expect(await balance()).toBe(500);
    expect(await sold('mug')).toBe(0);
  });
});

describe('pickup', () => {
  beforeEach(() => setItem('mug', MUG));

  it('a code picks up once, at the order store only; replayed and expired codes are refused', async () => {
    await give('o-m', 1000);
    const order = ok(await redeem('mug', rid(1))).order;
    const code = ok(await orderCode(order.orderNo)).token;
    expect(await doPickup(code, 'o-clerk2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A pickup code is not a member card code, and a card code picks up nothing.
    expect(await cloud.call('staff', { action: 'scanMember', input: { code } }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    const card = ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, 'o-m')).token;
    expect(await doPickup(card)).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });

    const both = await Promise.all([doPickup(code), doPickup(code)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: expect.stringMatching(/CODE_USED|BUSY/) } });
    expect(await doPickup(code)).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
    expect(await orderCode(order.orderNo)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } });
    expect(await count(cloud, 'audit_log', { action: 'mall.pickup' })).toBe(1);
    expect((await cloud.db.collection('mall_orders').doc(order.orderNo).get()).data.status).toBe('picked_up');
    expect(await cancel(order.orderNo)).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_CANCELLABLE' } });

    const other = ok(await redeem('mug', rid(2))).order;
    const late = ok(await orderCode(other.orderNo)).token;
    cloud.clock.advance(61_000);
    expect(await doPickup(late)).toMatchObject({ ok: false, error: { code: 'CODE_EXPIRED' } });
  });
});

describe('cash part', () => {
  it('awaits payment, becomes pending once paid; cancelling a paid order refunds it', async () => {
    await setItem('tote', { ...MUG, title: '帆布包', cashFen: 1990 });
    await give('o-m', 1000);
    const r = ok(await redeem('tote', rid(1)));
    expect(r.order.status).toBe('awaiting_payment');
    expect(r.payment).toMatchObject({ package: `prepay_id=sandbox_${r.order.orderNo}` });
    const confirm = () => cloud.call<OrderResultView>('mall', { action: 'confirmPayment', input: { orderNo: r.order.orderNo } }, 'o-m');
    expect(await confirm()).toMatchObject({ ok: false, error: { code: 'PAYMENT_PENDING' } });
    expect(await orderCode(r.order.orderNo)).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } });
    expect(await cloud.payments.pay(r.order.orderNo)).toEqual({ paid: true });
    expect(ok(await confirm()).order.status).toBe('pending');
    expect(ok(await confirm()).order.history.map((h) => h.status)).toEqual(['awaiting_payment', 'pending']);
    ok(await cancel(r.order.orderNo));
    expect((await cloud.db.collection('_dev_payments').doc(r.order.orderNo).get()).data).toMatchObject({ status: 'refunded', refundedFee: 1990 });
    expect((await cloud.db.collection('mall_orders').doc(r.order.orderNo).get()).data.refund).toMatchObject({ status: 'accepted', fee: 1990 });
    expect(await balance()).toBe(1000);
  });
});

describe('unpaid orders', () => {
  it('the mall timer cancels orders unpaid after 30 minutes; a payment arriving later is refunded', async () => {
    await setItem('tote', { ...MUG, title: '帆布包', cashFen: 1990 });
    await give('o-m', 1000);
    const a = ok(await redeem('tote', rid(1))).order;
    const b = ok(await redeem('tote', rid(2))).order;
    await cloud.payments.pay(b.orderNo); // paid, but the app never confirmed
    expect(await balance()).toBe(800);
    cloud.clock.advance(31 * 60_000);
    ok(await cloud.trigger('mall', 'unpaid'));
    const status = async (no: string) => (await cloud.db.collection('mall_orders').doc(no).get()).data.status;
    expect(await status(a.orderNo)).toBe('cancelled');
    expect(await status(b.orderNo)).toBe('pending');
    expect(await balance()).toBe(900);
    expect(await sold('tote')).toBe(1);
    await cloud.payments.pay(a.orderNo); // the member pays the stale prepay anyway
    expect(await cloud.call('mall', { action: 'confirmPayment', input: { orderNo: a.orderNo } }, 'o-m')).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } });
    expect((await cloud.db.collection('_dev_payments').doc(a.orderNo).get()).data).toMatchObject({ status: 'refunded' });
  });
});
