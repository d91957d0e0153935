import type { BatchOptions } from '../../cloudfunctions/_core/shared/batch-job';
import type { PurchaseRecordedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import { scoringJob } from '../../cloudfunctions/_core/scoring/scoring.job';
import type { ActivityRecord, LayerChangeRecord, MemberLayersRecord, ScoringRunRecord } from '../../cloudfunctions/_core/scoring/scoring.record';
import type { MyScoreView, ScoringOverviewView } from '../../cloudfunctions/_core/scoring/scoring.schema';
import { addDays } from '../../cloudfunctions/_core/shared/business-time.rules';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await grantRole(cloud, 'o-clerk', 'clerk');
  await grantRole(cloud, 'o-ops', 'operator');
  cloud.clock.set(new Date('2026-06-30T02:00:00Z')); // 10:00 Beijing, June 30 2026
});
afterEach(() => cloud.close());

const TODAY = '2026-06-30';
const register = async (openid: string) => ok(await cloud.call('member', { action: 'register', input: registration() }, openid));
const activity = async (openid: string) => (await cloud.db.collection<ActivityRecord>('member_activity').doc(openid).get()).data;
const mine = async (openid: string) => ok(await cloud.call<MyScoreView>('scoring', { action: 'mine', input: {} }, openid));

describe('purchases move the scoring bucket in the same transaction', () => {
  async function buy(visitId: string, orderNo: string, fen: number) {
    return cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input: { visitId, orderNo, amountFen: fen } }, 'o-clerk');
  }

  it('counts a purchase and takes a refund back from the purchase day', async () => {
    await register('o-m');
    const visitId = await openVisit(cloud, 'o-m', 'o-clerk');
    ok(await buy(visitId, 'ORD-1', 12_000));
    ok(await buy(visitId, 'ORD-1', 12_000)); // a retry counts nothing twice
    ok(await buy(visitId, 'ORD-2', 3_000));
    expect(await activity('o-m')).toMatchObject({ days: { [TODAY]: { pu: 2, sp: 15_000 } }, months: { '2026-06': 15_000 }, lastActive: 20260630 });

    cloud.clock.set(new Date('2026-07-02T02:00:00Z'));
    const refund = (amountFen: number | undefined, requestId: string) =>
      cloud.call('staff', { action: 'refundPurchase', input: { orderNo: 'ORD-1', requestId, reason: '顾客退货', ...(amountFen ? { amountFen } : {}) } }, 'o-clerk');
    ok(await refund(2_000, 'refund-part-1'));
    expect((await activity('o-m')).days[TODAY]).toEqual({ pu: 2, sp: 13_000 });
    ok(await refund(undefined, 'refund-part-2')); // the rest: the order no longer counts as a purchase
    expect((await activity('o-m')).days[TODAY]).toEqual({ pu: 1, sp: 3_000 });
    expect((await activity('o-m')).months).toEqual({ '2026-06': 3_000 });
    expect((await activity('o-m')).days['2026-07-02']).toBeUndefined();

    const me = await mine('o-m');
    // One purchase 2 days ago in a 90-day window: 88 × 10 / 90 = 9.8 → 9; total 9 × 40% = 3.
    expect(me.subScores.map((s) => [s.key, s.score])).toEqual([['purchase', 9], ['interaction', 0], ['content', 0]]);
    expect(me).toMatchObject({ total: 3, layers: [], asOf: null, percentBelow: null });
  });

  it('stays exact under 100 concurrent purchases of one member (BUSY answers retried with the same order number)', async () => {
    await register('o-hot');
    const visitId = await openVisit(cloud, 'o-hot', 'o-clerk');
    const one = async (i: number) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const r = await buy(visitId, `ORD-H${i}`, 100 + i);
        if (r.ok) return;
        if (r.error.code !== 'BUSY') throw new Error(r.error.code);
      }
      throw new Error('still busy');
    };
    await Promise.all(Array.from({ length: 100 }, (_, i) => one(i)));
    const a = await activity('o-hot');
    expect(a.days[TODAY].pu).toBe(100);
    expect(a.days[TODAY].sp).toBe(Array.from({ length: 100 }, (_, i) => 100 + i).reduce((s, x) => s + x, 0));
    expect(await count(cloud, 'purchases', { _openid: 'o-hot' })).toBe(100);
  }, 180_000); // timed out at 60 s once under the whole suite's load on the two shared cores

  it('a fault at any write of a purchase leaves the order and the bucket consistent', async () => {
    await register('o-f');
    const visitId = await openVisit(cloud, 'o-f', 'o-clerk');
    let went = false;
    for (let failAt = 1; failAt <= 40 && !went; failAt++) {
      let seen = 0;
      cloud.db.injectFault((op) => op.inTransaction && ++seen === failAt);
      const r = await buy(visitId, 'ORD-F', 5_000);
      cloud.db.injectFault(null);
      went = r.ok;
      const orders = await count(cloud, 'purchases', { _openid: 'o-f' });
      const bucket = (await count(cloud, 'member_activity', { _id: 'o-f' })) ? (await activity('o-f')).days[TODAY]?.pu ?? 0 : 0;
      expect(bucket).toBe(orders);
      expect(orders).toBe(went ? 1 : 0);
    }
    expect(went).toBe(true);
  });
});

/** Members with activity written straight into the buckets: `score` purchases today make a total of 4 × score. */
async function seedMembers(n: number, joined = '2025-01-01T00:00:00Z', totals: (i: number) => number = (i) => i % 25) {
  for (let i = 0; i < n; i++) {
    const id = `o-${String(i).padStart(4, '0')}`;
    await cloud.db.collection('members').add({ data: { _id: id, _openid: id, memberNo: String(880000000 + i), nickname: `会员${i}`, createdAt: new Date(joined) } });
    const pu = totals(i);
    if (pu > 0) {
      await cloud.db
        .collection('member_activity')
        .add({ data: { _id: id, _openid: id, days: { [TODAY]: { pu } }, months: { '2026-06': pu * 1000 }, lastActive: 20260630, createdAt: new Date(joined) } });
    }
  }
}

const job = (opts?: BatchOptions) => scoringJob(cloud.jobContext(), opts);
async function runToEnd(opts: () => BatchOptions): Promise<number> {
  for (let runs = 1; runs < 500; runs++) if ((await job(opts())).done) return runs;
  throw new Error('never finished');
}
async function snapshot() {
  const layers = (await cloud.db.collection<MemberLayersRecord>('member_layers').orderBy('_id', 'asc').limit(1000).get()).data.map(({ _id, layers: l, before, total, day }) => ({ _id, l, before, total, day }));
  const changes = (await cloud.db.collection<LayerChangeRecord>('layer_changes').orderBy('_id', 'asc').limit(1000).get()).data.map(({ _id, from, to, total }) => ({ _id, from, to, total }));
  const run = (await cloud.db.collection<ScoringRunRecord>('scoring_runs').doc(TODAY).get()).data;
  return { layers, changes, run: { histogram: run.histogram, layerSizes: run.layerSizes, moved: run.moved, members: run.members, enterAt: run.enterAt, phase: run.phase } };
}

describe('the nightly scoring job', () => {
  it('finds the top 10% (ties together), layers everyone, and records every change', async () => {
    await seedMembers(50, '2025-01-01T00:00:00Z', (i) => (i < 4 ? 10 : i < 6 ? 9 : i < 20 ? 1 : 0));
    expect(await job()).toMatchObject({ done: true, read: 100, moved: 36, failed: 0 });
    const { run, layers } = await snapshot();
    // 4 members at 40 (4 above 36: within 10% of 50), 2 at 36: 4 members above them = 8%, so both in; 14 at 4.
    expect(run).toMatchObject({ members: 50, enterAt: 36, moved: 36, phase: 'done', histogram: { '0': 30, '4': 14, '36': 2, '40': 4 } });
    expect(run.layerSizes).toEqual({ super: 6, high_value: 0, potential: 4, dormant: 30, newcomer: 0 }); // ¥100 this month, nothing before: 潜力
    expect(layers.filter((l) => l.l.includes('super')).map((l) => l._id)).toEqual(['o-0000', 'o-0001', 'o-0002', 'o-0003', 'o-0004', 'o-0005']);
    // Dormant members are written too (a layer is a tag an audience uses): 6 super + 30 dormant.
    expect(await count(cloud, 'layer_changes')).toBe(36);
    expect(await job()).toMatchObject({ done: true, read: 0 }); // a finished day does nothing

    // The next night, with nothing changed, nobody moves.
    cloud.clock.set(new Date('2026-07-01T02:00:00Z'));
    expect(await job()).toMatchObject({ done: true, moved: 0 });
  });

  it('keeps a super user in the 15% band (hysteresis) and lets them go below it', async () => {
    await seedMembers(20, '2025-01-01T00:00:00Z', (i) => (i === 0 ? 10 : i === 1 ? 9 : 1));
    await job();
    expect((await cloud.db.collection<MemberLayersRecord>('member_layers').doc('o-0001').get()).data.layers).toEqual(['super']); // 1 of 20 above: 5%
    // Next day o-0002 rises above o-0001: 2 above = 10%, not enough to enter, enough to stay.
    cloud.clock.set(new Date('2026-07-01T02:00:00Z'));
    await cloud.db.collection('member_activity').doc('o-0002').update({ data: { 'days.2026-07-01.pu': 20 } });
    await job();
    expect((await cloud.db.collection<MemberLayersRecord>('member_layers').doc('o-0001').get()).data.layers).toEqual(['super']);
    // A third member above: 3 of 20 = 15%, out.
    cloud.clock.set(new Date('2026-07-02T02:00:00Z'));
    await cloud.db.collection('member_activity').doc('o-0003').update({ data: { 'days.2026-07-02.pu': 20 } });
    await job();
    expect((await cloud.db.collection<MemberLayersRecord>('member_layers').doc('o-0001').get()).data.layers).toEqual([]);
    const history = (await cloud.db.collection<LayerChangeRecord>('layer_changes').where({ _openid: 'o-0001' }).orderBy('day', 'asc').get()).data;
    expect(history.map((h) => [h.day, h.from, h.to])).toEqual([
      ['2026-06-30', [], ['super']],
      ['2026-07-02', ['super'], []],
    ]);
  });

  it('resumes after a crash in the middle of a page (a member written, the cursor not yet saved)', async () => {
    await seedMembers(12);
    await job({ pageSize: 4 });
    const whole = await snapshot();
    await cloud.db.collection('member_layers').where({}).remove();
    await cloud.db.collection('layer_changes').where({}).remove();
    await cloud.db.collection('scoring_runs').where({}).remove();
    let writes = 0;
    cloud.db.injectFault((op) => op.kind === 'doc.set' && op.collection === 'scoring_runs' && ++writes === 5);
    await expect(job({ pageSize: 4 })).rejects.toBeDefined();
    cloud.db.injectFault(null);
    await runToEnd(() => ({ pageSize: 4 }));
    expect(await snapshot()).toEqual(whole);
  });

  it('runs from the timer and shows the member and the operator their views', async () => {
    await register('o-me');
    await seedMembers(9);
    const visitId = await openVisit(cloud, 'o-me', 'o-clerk');
    ok(await cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'ORD-ME', amountFen: 600_000 } }, 'o-clerk'));
    cloud.clock.set(new Date('2026-06-30T17:00:00Z')); // 01:00 Beijing, July 1
    expect(ok(await cloud.trigger('scoring', 'nightly'))).toMatchObject({ done: true, day: '2026-07-01' });
    const me = await mine('o-me');
    expect(me.layers.map((l) => l.name)).toEqual(['高净值', '潜力', '新人']); // ¥6,000 this month, nothing before
    expect(me.asOf).toBe('2026-07-01');
    expect(me.subScores).toHaveLength(3);
    expect(me.toSuperUser).toBeGreaterThan(0);
    const ov = ok(await cloud.call<ScoringOverviewView>('scoring', { action: 'overview', input: {} }, 'o-ops'));
    expect(ov).toMatchObject({ asOf: '2026-07-01', members: 10, running: null });
    expect(ov.layers.find((l) => l.code === 'high_value')).toMatchObject({ name: '高净值', size: 1, change: null });
    expect(ov.histogram.reduce((s, b) => s + b.members, 0)).toBe(10);
    expect(ov.movers.length).toBeGreaterThan(0);
    expect(ov.movers.find((m) => m.to.some((l) => l.code === 'high_value'))).toMatchObject({ name: expect.stringContaining('*') });
    expect(await cloud.call('scoring', { action: 'overview', input: {} }, 'o-me')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(addDays(TODAY, 1)).toBe('2026-07-01');
  });
});

describe('layers as audience tags', () => {
  it('a coupon template for 超级用户 is claimable by super users only, with the reason shown to others', async () => {
    await register('o-star');
    await register('o-plain');
    await cloud.db.collection('coupon_templates').doc('SUPER20').set({
      data: {
        title: '超级用户专享券',
        kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 },
        validity: { mode: 'afterClaim', days: 7 },
        total: 100,
        perMember: 1,
        channels: ['claim_center'],
        audience: { layers: ['super'] },
      },
    });
    await cloud.db.collection('member_layers').doc('o-star').set({ data: { _openid: 'o-star', day: TODAY, layers: ['super'], before: [], total: 50, updatedAt: cloud.clock.now() } });
    const claim = (openid: string) => cloud.call('coupons', { action: 'claim', input: { templateId: 'SUPER20', requestId: `claim-${openid}` } }, openid);
    expect(await claim('o-star')).toMatchObject({ ok: true });
    expect(await claim('o-plain')).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_ELIGIBLE', message: '仅限超级用户会员领取' } });
    const center = ok(await cloud.call<{ items: Array<{ templateId: string; claimable: boolean; reason: string | null }> }>('coupons', { action: 'center', input: {} }, 'o-plain'));
    expect(center.items.find((i) => i.templateId === 'SUPER20')).toMatchObject({ reason: '仅限超级用户会员领取' });
  });
});
