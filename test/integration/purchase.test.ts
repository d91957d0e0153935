import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { PurchaseRecordedView, PurchaseRefundedView, RefundPreviewView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';

let cloud: LocalCloud;
let visitId: string;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, Monday Nov 23
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  await grantRole(cloud, 'o-clerk', 'clerk');
  visitId = await openVisit(cloud, 'o-m', 'o-clerk');
});
afterEach(() => cloud.close());

const record = (orderNo: string, amountFen: number, clerk = 'o-clerk', visit = visitId) =>
  cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input: { visitId: visit, orderNo, amountFen } }, clerk);
const refund = (orderNo: string) =>
  cloud.call<PurchaseRefundedView>('staff', { action: 'refundPurchase', input: { orderNo, requestId: `rf-${orderNo}`, reason: '顾客退货' } }, 'o-clerk');
const points = async () => {
  const r = await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, 'o-m');
  return ok(r);
};

describe('recording a purchase', () => {
  it('awards pending points with line items, growth, and upgrades the tier at once', async () => {
    const r = ok(await record('A1001', 128_000)); // ¥1,280
    expect(r).toMatchObject({ repeated: false, pendingUntil: '2026-11-30', growth: 1280, tier: { code: 'gold' }, upgradedFrom: { code: 'silver' } });
    expect(r.award.lineItems).toEqual([{ code: 'purchase', title: '消费 ¥1,280.00', points: 1280 }]); // silver: no tier bonus
    expect(await points()).toMatchObject({ balance: 0, pending: 1280 });
    expect(await count(cloud, 'tier_changes', { _openid: 'o-m', to: 'gold', reason: 'upgrade' })).toBe(1);
    expect(await count(cloud, 'audit_log', { action: 'purchase.record', actor: 'o-clerk' })).toBe(1);
  });

  it('adds the paid VIP card bonus while the card is valid', async () => {
    await cloud.db.collection('members').doc('o-m').update({ data: { vipUntil: new Date('2026-12-31T16:00:00Z') } });
    const r = ok(await record('A1500', 10_000));
    expect(r.award.lineItems).toContainEqual({ code: 'vip_bonus', title: '付费会员积分加成', points: 10 });
    await cloud.db.collection('members').doc('o-m').update({ data: { vipUntil: new Date('2026-11-01T00:00:00Z') } });
    expect(ok(await record('A1501', 10_000)).award.lineItems.map((i) => i.code)).toEqual(['purchase']);
  });

  it('the same order recorded 50 times concurrently awards once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => record('A2002', 9_900)));
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('BUSY');
    expect(results.filter((r) => r.ok && !r.data.repeated)).toHaveLength(1);
    expect(await count(cloud, 'point_entries', { source: 'purchase' })).toBe(1);
    expect(await count(cloud, 'purchases')).toBe(1);
    expect((await points()).pending).toBe(99);
    const member = (await cloud.db.collection<{ growth: number }>('members').doc('o-m').get()).data;
    expect(member.growth).toBe(99);
  });

  it('refuses the same order number for another amount', async () => {
    ok(await record('A3003', 1_000));
    expect(await record('A3003', 2_000)).toMatchObject({ ok: false, error: { code: 'ORDER_CONFLICT' } });
  });

  it('refuses bad input and non-staff callers, writing nothing', async () => {
    for (const amountFen of [0, -100, 12.5, 1e12]) {
      expect(await record('A4004', amountFen)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'amountFen' } });
    }
    expect(await record('bad order no!', 100)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'orderNo' } });
    expect(await record('A4004', 100, 'o-m')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(cloud, 'purchases')).toBe(0);
  });

  it('needs a fresh visit of the same clerk', async () => {
    await grantRole(cloud, 'o-clerk2', 'clerk');
    expect(await record('A5005', 100, 'o-clerk2')).toMatchObject({ ok: false, error: { code: 'VISIT_EXPIRED' } });
    cloud.clock.advance(11 * 60_000);
    expect(await record('A5005', 100)).toMatchObject({ ok: false, error: { code: 'VISIT_EXPIRED' } });
  });
});

describe('refunds', () => {
  it('cancel still-pending points and growth, without lowering the tier at once', async () => {
    ok(await record('B1001', 150_000));
    const r = ok(await refund('B1001'));
    expect(r).toEqual({ orderNo: 'B1001', repeated: false, refundFen: 150_000, refundedFen: 150_000, remainingFen: 0, reversedPoints: 1500, owed: 0, crossStore: false });
    expect(await points()).toMatchObject({ balance: 0, pending: 0 });
    const member = (await cloud.db.collection<{ growth: number; tierCode: string }>('members').doc('o-m').get()).data;
    expect(member).toMatchObject({ growth: 0, tierCode: 'gold' });
    expect(ok(await refund('B1001')).repeated).toBe(true);
    expect(await count(cloud, 'point_entries', { source: 'refund' })).toBe(1);
  });

  it('after release, take back what is left and leave the spent part owed', async () => {
    ok(await record('B2002', 10_000)); // 100 points pending until Nov 30
    cloud.clock.set(new Date('2026-11-30T02:00:00Z'));
    expect(await points()).toMatchObject({ balance: 100, pending: 0 });
    // spend 70 through the ledger (the mall will do this)
    const { postInTx } = await import('../../cloudfunctions/_core/points/points-ledger.service');
    const { planSpend } = await import('../../cloudfunctions/_core/points/points-ledger.rules');
    await cloud.db.runTransaction((tx) =>
      postInTx(tx, 'o-m', { key: 'spend:test', kind: 'spend', reason: '兑换', source: 'test', sourceId: 't', plan: (s) => { const p = planSpend(s, 70); if (!p.ok) throw new Error('insufficient'); return p.effects; } }, cloud.clock.now()),
    );
    expect(ok(await refund('B2002'))).toMatchObject({ reversedPoints: 100, owed: 70 });
    expect(await points()).toMatchObject({ balance: 0, owed: 70 });
  });

  it('refuses an unknown order', async () => {
    expect(await refund('NOPE1')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND', message: '没有找到这笔订单，请核对小票上的订单号' } });
  });
});

describe('partial refunds', () => {
  const refundPart = (orderNo: string, amountFen: number | undefined, requestId: string, clerk = 'o-clerk') =>
    cloud.call<PurchaseRefundedView>(
      'staff',
      { action: 'refundPurchase', input: { orderNo, requestId, reason: '部分退货', ...(amountFen === undefined ? {} : { amountFen }) } },
      clerk,
    );
  const preview = (orderNo: string, amountFen?: number, clerk = 'o-clerk') =>
    cloud.call<RefundPreviewView>('staff', { action: 'previewRefund', input: { orderNo, ...(amountFen === undefined ? {} : { amountFen }) } }, clerk);
  const growth = async () => (await cloud.db.collection<{ growth: number }>('members').doc('o-m').get()).data.growth;

  it('refunds by amount in parts: each takes its share of the pending points and growth, the last the rest', async () => {
    ok(await record('P1001', 30_000)); // ¥300: 300 points pending, 300 growth
    const p = ok(await preview('P1001', 10_000));
    expect(p).toMatchObject({ refundFen: 10_000, points: 100, fromPending: 100, fromBalance: 0, newlyOwed: 0, growth: 100, allowed: true, crossStore: false, refundableFen: 30_000 });
    expect(await count(cloud, 'point_entries', { source: 'refund' })).toBe(0); // a preview writes nothing
    expect(ok(await refundPart('P1001', 10_000, 'part-0001'))).toMatchObject({ refundFen: 10_000, refundedFen: 10_000, remainingFen: 20_000, reversedPoints: 100 });
    expect(await points()).toMatchObject({ balance: 0, pending: 200 });
    expect(await growth()).toBe(200);
    // A retry of the same part changes nothing.
    expect(ok(await refundPart('P1001', 10_000, 'part-0001'))).toMatchObject({ repeated: true, reversedPoints: 100 });
    // More than is left is refused with the server's reason.
    expect(await refundPart('P1001', 20_001, 'part-0002')).toMatchObject({
      ok: false,
      error: { code: 'REFUND_AMOUNT_INVALID', field: 'amountFen', message: '退款金额超出可退金额（最多可退 ¥200.00）' },
    });
    // The rest (no amount): exactly the remaining points and growth.
    expect(ok(await refundPart('P1001', undefined, 'part-0003'))).toMatchObject({ refundFen: 20_000, refundedFen: 30_000, remainingFen: 0, reversedPoints: 200 });
    expect(await points()).toMatchObject({ balance: 0, pending: 0, owed: 0 });
    expect(await growth()).toBe(0);
    expect(await refundPart('P1001', 100, 'part-0004')).toMatchObject({ ok: false, error: { code: 'REFUND_AMOUNT_INVALID', message: '这笔订单已经全额退款' } });
    const order = (await cloud.db.collection<{ status: string; refunds: unknown[] }>('purchases').doc('P1001').get()).data;
    expect(order.status).toBe('refunded');
    expect(order.refunds).toHaveLength(2);
    expect(await count(cloud, 'audit_log', { action: 'purchase.refund' })).toBe(2);
  });

  it('after release, a part comes from the balance and what was spent is owed', async () => {
    ok(await record('P2002', 10_000)); // 100 points
    cloud.clock.set(new Date('2026-11-30T02:00:00Z')); // released
    const { postInTx } = await import('../../cloudfunctions/_core/points/points-ledger.service');
    const { planSpend } = await import('../../cloudfunctions/_core/points/points-ledger.rules');
    await cloud.db.runTransaction((tx) =>
      postInTx(tx, 'o-m', { key: 'spend:p2', kind: 'spend', reason: '兑换', source: 'test', sourceId: 't', plan: (st) => { const p = planSpend(st, 80); if (!p.ok) throw new Error('insufficient'); return p.effects; } }, cloud.clock.now()),
    );
    expect(ok(await preview('P2002', 5_000))).toMatchObject({ points: 50, fromPending: 0, fromBalance: 20, newlyOwed: 30 });
    expect(ok(await refundPart('P2002', 5_000, 'part-0101'))).toMatchObject({ reversedPoints: 50, owed: 30 });
    expect(await points()).toMatchObject({ balance: 0, owed: 30 });
  });

  it("a clerk cannot refund another store's purchase; a manager can, audited as a cross-store refund", async () => {
    ok(await record('X3003', 20_000)); // recorded at S001 by o-clerk
    await cloud.db.collection('app_config').doc('stores').set({
      data: { stores: [{ id: 'S001', name: '静安店', address: '', pickup: true }, { id: 'S002', name: '徐汇店', address: '', pickup: true }] },
    });
    await grantRole(cloud, 'o-clerk2', 'clerk', 'S002');
    await grantRole(cloud, 'o-manager2', 'manager', 'S002');
    expect(ok(await preview('X3003', undefined, 'o-clerk2'))).toMatchObject({ crossStore: true, allowed: false, reason: '这笔订单在静安店登记，跨店退款需由店长办理', storeName: '静安店' });
    expect(await refundPart('X3003', undefined, 'cross-0001', 'o-clerk2')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: '这笔订单在静安店登记，跨店退款需由店长办理' },
    });
    expect(await count(cloud, 'point_entries', { source: 'refund' })).toBe(0);
    expect(ok(await preview('X3003', undefined, 'o-manager2'))).toMatchObject({ crossStore: true, allowed: true });
    expect(ok(await refundPart('X3003', undefined, 'cross-0002', 'o-manager2'))).toMatchObject({ crossStore: true, reversedPoints: 200 });
    const audit = (await cloud.db.collection<{ detail: Record<string, unknown>; role: string; storeId: string }>('audit_log').where({ action: 'purchase.refund' }).get()).data;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ role: 'manager', storeId: 'S002', detail: { crossStore: true, orderStoreId: 'S001' } });
  });

  it('concurrent parts never refund more than the order', async () => {
    ok(await record('C4004', 10_000));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => refundPart('C4004', 3_000, `conc-${String(i).padStart(4, '0')}`)));
    const done = results.filter((r) => r.ok);
    expect(done.length).toBeLessThanOrEqual(3);
    const order = (await cloud.db.collection<{ refundedFen: number; reversedPoints: number }>('purchases').doc('C4004').get()).data;
    expect(order.refundedFen).toBe(done.length * 3_000);
    expect(order.refundedFen).toBeLessThanOrEqual(10_000);
    expect((await points()).pending).toBe(100 - order.reversedPoints);
  });
});

describe('fault injection', () => {
  it('a failure at any database operation of recording a purchase leaves no partial state', async () => {
    for (let failAt = 1; failAt <= 20; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await record('C1001', 5_000);
      cloud.db.injectFault(null);
      if (r.ok) break;
      expect(await count(cloud, 'purchases')).toBe(0);
      expect(await count(cloud, 'point_entries')).toBe(0);
      expect(await count(cloud, 'tier_changes')).toBe(0);
      expect((await points()).pending).toBe(0);
      expect((await cloud.db.collection<{ growth: number }>('members').doc('o-m').get()).data.growth).toBe(0);
    }
    expect((await points()).pending).toBe(50);
  });
});
