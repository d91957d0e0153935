import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { PurchaseRecordedView, PurchaseRefundedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
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
    expect(r.award.lineItems).toEqual([{ code: 'purchase', title: '消费 1280 元', points: 1280 }]); // silver: no tier bonus
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
    expect(r).toEqual({ orderNo: 'B1001', repeated: false, reversedPoints: 1500, owed: 0 });
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
    expect(await refund('NOPE1')).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
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
