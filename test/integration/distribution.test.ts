import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import { checkCommissionLedger } from '../../cloudfunctions/_core/distribution/commission-ledger-check.service';
import type { BindView, FansView, ReviewQueueView, ShareCodeView, WithdrawalsView, WithdrawResultView } from '../../cloudfunctions/_core/distribution/distribution.schema';
import type { ReferralRecord, WithdrawalRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { firesBetween } from '../../cloudfunctions/_platform/local/timer-schedule';
import type { InspectDealPickupView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { CLERK, DistributionWorld, setDistribution } from '../support/distribution';
import { DEAL, gb, joinPaid, openPaidGroup, setDeal } from '../support/groupbuy';
import { count, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
let w: DistributionWorld;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await setDistribution(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // Monday 10:00 Beijing
  w = new DistributionWorld(cloud);
  await w.setUp();
});
afterEach(() => cloud.close());

const ledgerIsClean = async () => {
  const check = await checkCommissionLedger(cloud.db);
  expect(check.mismatches).toEqual([]);
  return check;
};

/** o-d distributes to o-f, whose purchase has settled: `fen` (10 % of it) is withdrawable. */
async function settledBalance(fen: number): Promise<void> {
  await w.distributor('o-d');
  await w.register('o-f');
  await w.bind('o-f', 'o-d');
  await w.buy('o-f', 'B-001', fen * 10);
  await w.days(7);
  expect((await w.account('o-d'))!.balance).toBe(fen);
}

describe('who may distribute', () => {
  it('shows conditions with progress; a member who meets none cannot join; a KOC can', async () => {
    await setDistribution(cloud, {
      eligibility: { koc: { enabled: true, memberNos: [] }, task: { enabled: true, windowDays: 30, checkinDays: 2, spendFen: 50_000 }, giftPack: { enabled: false } },
    });
    await w.register('o-a');
    const status = await w.status('o-a');
    expect(status).toMatchObject({ enabled: true, distributor: null, canJoin: false });
    expect(status.conditions).toEqual([
      { code: 'koc', title: '品牌认证达人（由品牌邀请）', met: false, current: null, target: null },
      { code: 'task_checkin', title: '近 30 天签到满 2 天', met: false, current: 0, target: 2 },
      { code: 'task_spend', title: '近 30 天门店消费满 ¥500.00', met: false, current: 0, target: 50_000 },
    ]);
    expect(await cloud.call('distribution', { action: 'join', input: {} }, 'o-a')).toMatchObject({ ok: false, error: { code: 'DISTRIBUTOR_NOT_ELIGIBLE' } });

    // Spend at the till in the window: the task is met.
    await w.buy('o-a', 'T-SPEND-1', 30_000);
    await w.buy('o-a', 'T-SPEND-2', 20_000);
    expect((await w.status('o-a')).conditions.find((c) => c.code === 'task_spend')).toMatchObject({ met: true, current: 50_000 });
    const joined = ok(await cloud.call<{ distributor: { via: string; grade: { code: string } }; repeated: boolean }>('distribution', { action: 'join', input: {} }, 'o-a'));
    expect(joined).toMatchObject({ repeated: false, distributor: { via: 'task', grade: { code: 'starter' } } });
    expect(ok(await cloud.call<{ repeated: boolean }>('distribution', { action: 'join', input: {} }, 'o-a')).repeated).toBe(true);

    // Check-in days count too.
    await w.register('o-b');
    for (let d = 0; d < 2; d++) {
      ok(await cloud.call('points', { action: 'checkIn', input: {} }, 'o-b'));
      cloud.clock.set(new Date(cloud.clock.now().getTime() + 86_400_000));
    }
    expect((await w.status('o-b')).conditions.find((c) => c.code === 'task_checkin')).toMatchObject({ met: true, current: 2 });
    await w.distributor('o-k');
    expect((await w.status('o-k')).distributor).toMatchObject({ via: 'koc' });
  });

  it('a closed programme binds nobody and joins nobody', async () => {
    await setDistribution(cloud, { enabled: false });
    await w.register('o-a');
    expect(await cloud.call('distribution', { action: 'join', input: {} }, 'o-a')).toMatchObject({ ok: false, error: { code: 'DISTRIBUTION_CLOSED' } });
    await w.register('o-f');
    expect(ok(await cloud.call<BindView>('distribution', { action: 'bind', input: { scene: `d=${await w.memberNo('o-a')}` } }, 'o-f')).outcome).toBe('closed');
  });
});

describe('binding', () => {
  it('binds through the scene; a non-distributor, oneself or a made-up scene binds nobody; a bound member is not rebound', async () => {
    await w.distributor('o-d1');
    await w.distributor('o-d2');
    await w.register('o-plain');
    await w.register('o-f');
    expect(await w.bind('o-f', 'o-plain')).toMatchObject({ outcome: 'not_distributor', distributorName: null });
    expect(ok(await cloud.call<BindView>('distribution', { action: 'bind', input: { scene: 'd=000000000000' } }, 'o-f')).outcome).toBe('not_distributor');
    expect(ok(await cloud.call<BindView>('distribution', { action: 'bind', input: { scene: 'x=hello' } }, 'o-f')).outcome).toBe('not_distributor');
    expect((await w.bind('o-d1', 'o-d1')).outcome).toBe('self');
    expect(await count(cloud, 'referrals', { referrer: 'o-plain' })).toBe(0);

    expect(await w.bind('o-f', 'o-d1')).toMatchObject({ outcome: 'bound', distributorName: '会****' });
    expect(await w.bind('o-f', 'o-d2')).toMatchObject({ outcome: 'already_bound' });
    expect((await cloud.db.collection<ReferralRecord>('referrals').doc('o-f').get()).data).toMatchObject({ referrer: 'o-d1', maskedName: '会****' });

    const fans = ok(await cloud.call<FansView>('distribution', { action: 'fans', input: {} }, 'o-d1'));
    expect(fans).toMatchObject({ total: 1, fans: [{ name: '会****', active: false, orders: 0 }] });
    expect(JSON.stringify(fans)).not.toContain('o-f');
  });

  it('bad input is refused with the field', async () => {
    await w.register('o-f');
    expect(await cloud.call('distribution', { action: 'bind', input: { scene: '' } }, 'o-f')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'scene' } });
    expect(await cloud.call('distribution', { action: 'withdraw', input: { requestId: 'short', amountFen: 100 } }, 'o-f')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'requestId' },
    });
    expect(await cloud.call('distribution', { action: 'bind', input: { scene: 'd=1' } }, 'o-visitor')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  it('two distributors\' links opened at once by a new member -> one binding', async () => {
    await w.distributor('o-d1');
    await w.distributor('o-d2');
    for (let round = 0; round < 5; round++) {
      const fan = `o-race${round}`;
      await w.register(fan);
      const [a, b] = await Promise.all([w.bind(fan, 'o-d1'), w.bind(fan, 'o-d2')]);
      const outcomes = [a.outcome, b.outcome].sort();
      expect(outcomes).toEqual(['already_bound', 'bound']);
      const node = (await cloud.db.collection<ReferralRecord>('referrals').doc(fan).get()).data;
      expect(['o-d1', 'o-d2']).toContain(node.referrer);
    }
    const nodes = (await cloud.db.collection<ReferralRecord>('referrals').where({ _id: cloud.db.command.in(['o-d1', 'o-d2']) }).get()).data;
    expect(nodes.reduce((s, n) => s + n.fanCount, 0)).toBe(5);
    expect(await count(cloud, 'referrals', { referrer: cloud.db.command.in(['o-d1', 'o-d2']) })).toBe(5);
  });

  it('refuses loops, A -> B -> A and longer, also when both sides bind at once', async () => {
    for (const d of ['o-a', 'o-b', 'o-c']) await w.distributor(d);
    expect((await w.bind('o-b', 'o-a')).outcome).toBe('bound'); // B's distributor is A
    expect((await w.bind('o-a', 'o-b')).outcome).toBe('loop');
    expect((await w.bind('o-c', 'o-b')).outcome).toBe('bound'); // C -> B -> A
    expect((await w.bind('o-a', 'o-c')).outcome).toBe('loop');
    expect((await cloud.db.collection<ReferralRecord>('referrals').doc('o-a').get()).data.referrer).toBeNull();

    // Two distributors opening each other's links at the same moment: one binding, never a loop.
    for (let round = 0; round < 5; round++) {
      const [x, y] = [`o-x${round}`, `o-y${round}`];
      await w.distributor(x);
      await w.distributor(y);
      const [r1, r2] = await Promise.all([w.bind(x, y), w.bind(y, x)]);
      expect([r1.outcome, r2.outcome].filter((o) => o === 'bound')).toHaveLength(1);
      const nx = (await cloud.db.collection<ReferralRecord>('referrals').doc(x).get()).data;
      const ny = (await cloud.db.collection<ReferralRecord>('referrals').doc(y).get()).data;
      expect(nx.referrer === y && ny.referrer === x).toBe(false);
    }
  });

  it('window mode: the binding ends after N days and another link may bind; untilFirstPurchase: buyers are not bound', async () => {
    await setDistribution(cloud, { binding: { mode: 'window', days: 3 } });
    await w.distributor('o-d1');
    await w.distributor('o-d2');
    await w.register('o-f');
    expect((await w.bind('o-f', 'o-d1')).outcome).toBe('bound');
    await w.buy('o-f', 'W-001', 10_000);
    expect((await w.commissionsOf('o-d1')).map((c) => c.amountFen)).toEqual([1000]);
    await w.days(4);
    await w.buy('o-f', 'W-002', 10_000); // binding over: nobody earns
    expect(await w.commissionsOf('o-d1')).toHaveLength(1);
    expect((await w.bind('o-f', 'o-d2')).outcome).toBe('bound');
    await w.buy('o-f', 'W-003', 10_000);
    expect((await w.commissionsOf('o-d2')).map((c) => c.orderNo)).toEqual(['W-003']);

    await setDistribution(cloud, { binding: { mode: 'untilFirstPurchase' } });
    await w.register('o-g');
    await w.buy('o-g', 'U-001', 5_000);
    expect((await w.bind('o-g', 'o-d1')).outcome).toBe('purchased');
    await w.register('o-h');
    expect((await w.bind('o-h', 'o-d1')).outcome).toBe('bound');
  });

  it('a burst of new fans flags the commissions of the fans beyond the daily limit', async () => {
    await setDistribution(cloud, { antiFraud: { maxBindingsPerDay: 2, refundsToFlag: 3, monthlyCapFen: 10_000_000, flagSelfPaid: true } });
    await w.distributor('o-d');
    for (const f of ['o-f1', 'o-f2', 'o-f3']) {
      await w.register(f);
      await w.bind(f, 'o-d');
      await w.buy(f, `V-${f}`, 10_000);
    }
    const list = await w.commissionsOf('o-d');
    expect(list.map((c) => [c.buyer, c.status])).toEqual([
      ['o-f1', 'pending'],
      ['o-f2', 'pending'],
      ['o-f3', 'flagged'],
    ]);
    expect(list[2].reason).toBe('短时间内新增粉丝过多，待人工审核');
    const fans = ok(await cloud.call<FansView>('distribution', { action: 'fans', input: {} }, 'o-d'));
    expect(fans.fans.filter((f) => f.flagged)).toHaveLength(1);
  });
});

describe('commissions', () => {
  it('two levels at most: the fan\'s distributor and theirs, never a third', async () => {
    for (const d of ['o-a', 'o-b', 'o-c']) await w.distributor(d);
    await w.bind('o-b', 'o-a');
    await w.bind('o-c', 'o-b'); // C -> B -> A
    await w.register('o-f');
    await w.bind('o-f', 'o-c');
    await w.buy('o-f', 'L-001', 12_345);
    expect((await w.commissionsOf('o-c')).map((c) => [c.level, c.amountFen, c.status])).toEqual([[1, 1234, 'pending']]); // 10%, rounded down
    expect((await w.commissionsOf('o-b')).map((c) => [c.level, c.amountFen])).toEqual([[2, 370]]); // 3%
    expect(await w.commissionsOf('o-a')).toEqual([]);
    expect(await w.account('o-c')).toMatchObject({ pending: 1234, balance: 0 });
    // A distributor's own purchase pays their distributor, not themselves.
    await w.buy('o-c', 'L-002', 10_000);
    expect((await w.commissionsOf('o-b')).map((c) => [c.level, c.orderNo])).toEqual([[2, 'L-001'], [1, 'L-002']]);
    expect((await w.commissionsOf('o-a')).map((c) => [c.level, c.orderNo])).toEqual([[2, 'L-002']]);
    await ledgerIsClean();
  });

  it('a refund inside the window voids; after settlement it claws back in full, the balance goes negative and later commissions repay it', async () => {
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await w.buy('o-f', 'R-001', 10_000);
    await w.refund('R-001');
    expect((await w.commissionsOf('o-d'))[0]).toMatchObject({ status: 'voided', reason: '订单在售后期内退款，佣金作废' });
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 0, balance: 0 });

    await w.buy('o-f', 'R-002', 10_000);
    const pending = (await w.list('o-d', 'pending')).commissions;
    expect(pending).toMatchObject([{ status: 'pending', amountFen: 1000, settleOn: '2026-11-30', reason: '售后期内，期满后可提现' }]);
    await w.days(6);
    expect((await w.account('o-d'))!.pending).toBe(1000); // one day short
    await w.days(1);
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 1000, balance: 1000 });
    expect(ok(await w.withdraw('o-d', 1000, 'req-wd-0001')).withdrawal.status).toBe('paid');
    await w.refund('R-002');
    expect((await w.commissionsOf('o-d'))[1]).toMatchObject({ status: 'clawed_back', reason: '订单在结算后退款，佣金已全额扣回' });
    expect(await w.account('o-d')).toMatchObject({ settled: 1000, withdrawn: 1000, clawedBack: 1000, balance: -1000 });
    expect((await w.status('o-d')).account).toMatchObject({ balanceFen: -1000, clawedBackFen: 1000 });
    expect(await w.withdraw('o-d', 100, 'req-wd-0002')).toMatchObject({ ok: false, error: { code: 'WITHDRAW_INSUFFICIENT' } });

    // The next commission repays the debt first.
    await w.buy('o-f', 'R-003', 25_000);
    await w.days(7);
    expect(await w.account('o-d')).toMatchObject({ settled: 3500, balance: 1500 });
    expect(await w.withdraw('o-d', 1501, 'req-wd-0003')).toMatchObject({ ok: false, error: { code: 'WITHDRAW_INSUFFICIENT' } });
    expect(ok(await w.withdraw('o-d', 1500, 'req-wd-0004')).account.balanceFen).toBe(0);
    // A refund repeated changes nothing.
    await w.refund('R-002');
    expect((await w.account('o-d'))!.clawedBack).toBe(1000);
    await ledgerIsClean();
  });

  it('a refund after the window but before the nightly settlement is a refund after settlement', async () => {
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await w.buy('o-f', 'N-001', 10_000);
    cloud.clock.set(new Date('2026-11-30T03:00:00Z')); // settleOn has come; no timer ran
    await w.refund('N-001');
    expect((await w.commissionsOf('o-d'))[0].status).toBe('clawed_back');
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 1000, clawedBack: 1000, balance: 0 });
    await ledgerIsClean();
  });

  it('partial refunds take back the commission in proportion: voided while pending, clawed back once settled, for both levels', async () => {
    await w.distributor('o-top');
    await w.distributor('o-d');
    await w.bind('o-d', 'o-top');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await w.buy('o-f', 'P-001', 30_000); // 10% = ¥30.00 direct, 3% = ¥9.00 indirect
    const byLevel = async (openid: string) => (await w.commissionsOf(openid)).find((c) => c.orderNo === 'P-001')!;

    // ¥100.00 back inside the window: the commissions are those of a ¥200.00 order, the rest is voided.
    expect(await w.refund('P-001', { amountFen: 10_000, requestId: 'rf-part-0001' })).toMatchObject({ refundFen: 10_000, remainingFen: 20_000 });
    expect(await byLevel('o-d')).toMatchObject({ status: 'pending', amountFen: 3000, reversedFen: 1000 });
    expect((await byLevel('o-d')).reason).toContain('订单部分退款');
    expect(await byLevel('o-top')).toMatchObject({ status: 'pending', amountFen: 900, reversedFen: 300 });
    expect(await w.account('o-d')).toMatchObject({ pending: 2000, settled: 0 });
    expect(await w.account('o-top')).toMatchObject({ pending: 600, settled: 0 });
    // The same part again (a retry) changes nothing.
    expect(await w.refund('P-001', { amountFen: 10_000, requestId: 'rf-part-0001' })).toMatchObject({ repeated: true });
    expect(await w.account('o-d')).toMatchObject({ pending: 2000 });
    const direct = (await byLevel('o-d'))._id;
    const view = (await w.list('o-d')).commissions.find((c) => c.id === direct);
    expect(view).toMatchObject({ amountFen: 3000, reversedFen: 1000 });

    // The window passes: what is left settles.
    await w.days(7);
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 2000, balance: 2000 });
    expect(await w.account('o-top')).toMatchObject({ pending: 0, settled: 600, balance: 600 });

    // ¥55.55 back after settlement: kept ¥144.45 -> ¥14.44 (rounded down), so ¥5.56 is clawed back.
    await w.refund('P-001', { amountFen: 5_555, requestId: 'rf-part-0002' });
    expect(await byLevel('o-d')).toMatchObject({ status: 'settled', reversedFen: 1556 });
    expect(await w.account('o-d')).toMatchObject({ settled: 2000, clawedBack: 556, balance: 1444 });
    expect(await byLevel('o-top')).toMatchObject({ status: 'settled', reversedFen: 467 }); // 3% of ¥144.45 = ¥4.33
    expect(await w.account('o-top')).toMatchObject({ clawedBack: 167, balance: 433 });

    // The rest: nothing is left of either commission, clawed back in full.
    await w.refund('P-001');
    expect(await byLevel('o-d')).toMatchObject({ status: 'clawed_back', reversedFen: 3000 });
    expect(await w.account('o-d')).toMatchObject({ settled: 2000, clawedBack: 2000, balance: 0 });
    expect(await byLevel('o-top')).toMatchObject({ status: 'clawed_back', reversedFen: 900 });
    expect(await w.account('o-top')).toMatchObject({ clawedBack: 600, balance: 0 });
    // Counted once as a refunding buyer, however many parts.
    expect((await cloud.db.collection<ReferralRecord>('referrals').doc('o-f').get()).data.refunds).toBe(1);
    await ledgerIsClean();
  });

  it('the grade follows the active fan group: more active fans, a higher rate', async () => {
    await w.distributor('o-d');
    for (const f of ['o-f1', 'o-f2', 'o-f3']) {
      await w.register(f);
      await w.bind(f, 'o-d');
    }
    await w.buy('o-f1', 'G-001', 10_000);
    await w.buy('o-f2', 'G-002', 10_000);
    await w.buy('o-f3', 'G-003', 10_000); // the third active fan: 推广达人, 15%
    expect((await w.commissionsOf('o-d')).map((c) => [c.gradeCode, c.amountFen])).toEqual([
      ['starter', 1000],
      ['starter', 1000],
      ['leader', 1500],
    ]);
    expect((await w.status('o-d')).distributor).toMatchObject({ grade: { code: 'leader' }, activeFans: 3, fans: 3, nextGrade: null });
    // Three months later nobody has bought again: back to the first grade.
    cloud.clock.set(new Date('2027-02-10T02:00:00Z'));
    expect((await w.status('o-d')).distributor).toMatchObject({ grade: { code: 'starter' }, activeFans: 0, nextGrade: { minActiveFans: 3 } });
  });

  it('anti-fraud: repeated refunds, orders paid by the distributor, the monthly cap; an operator approves or rejects', async () => {
    await setDistribution(cloud, { antiFraud: { maxBindingsPerDay: 50, refundsToFlag: 2, monthlyCapFen: 2_500, flagSelfPaid: true } });
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await w.buy('o-f', 'F-001', 10_000);
    await w.buy('o-f', 'F-002', 10_000); // pending
    await w.refund('F-001');
    await w.buy('o-f', 'F-003', 10_000);
    await w.refund('F-003'); // the fan has refunded twice now
    await w.buy('o-f', 'F-004', 10_000); // 1000 more would pass the 2,500 monthly cap as well
    const { recordCommissionableOrder } = await import('../../cloudfunctions/_core/distribution/commissionable-order.service');
    await recordCommissionableOrder(cloud.jobContext(), { source: 'groupbuy', orderNo: 'GB-1', buyer: 'o-f', payer: 'o-d', amountFen: 1_000, productClass: 'groupbuy', paidAt: cloud.clock.now() });
    const byOrder = Object.fromEntries((await w.commissionsOf('o-d')).map((c) => [c.orderNo, c]));
    expect(byOrder['F-004']).toMatchObject({ status: 'flagged', flags: ['repeat_refunds', 'monthly_cap'] });
    expect(byOrder['GB-1']).toMatchObject({ status: 'flagged', flags: ['repeat_refunds', 'self_paid', 'monthly_cap'] });

    // At settlement the pending F-2 is held too: its buyer has refunded repeatedly since.
    await w.days(7);
    expect((await w.commissionsOf('o-d')).find((c) => c.orderNo === 'F-002')).toMatchObject({ status: 'flagged', flags: ['repeat_refunds'] });
    expect(await w.account('o-d')).toMatchObject({ settled: 0, pending: 2100 });

    // A member cannot review; an operator can, once.
    const decide = (openid: string, commissionId: string, verdict: 'approve' | 'reject') =>
      cloud.call('distribution', { action: 'reviewCommission', input: { commissionId, verdict, note: '核实' } }, openid);
    expect(await cloud.call('distribution', { action: 'reviewQueue', input: {} }, 'o-d')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await decide('o-d', 'till:F-002:L1', 'approve')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const queue = ok(await cloud.call<ReviewQueueView>('distribution', { action: 'reviewQueue', input: {} }, 'o-operator'));
    expect(queue.commissions.map((c) => c.id).sort()).toEqual(['groupbuy:GB-1:L1', 'till:F-002:L1', 'till:F-004:L1']);
    expect(queue.commissions[0].distributorNo).toBe(await w.memberNo('o-d'));

    expect(ok(await decide('o-operator', 'till:F-002:L1', 'approve'))).toMatchObject({ commission: { status: 'settled' } }); // its window has passed
    expect(ok(await decide('o-operator', 'groupbuy:GB-1:L1', 'reject'))).toMatchObject({ commission: { status: 'voided', reason: '审核未通过，佣金作废' } });
    expect(await decide('o-operator', 'groupbuy:GB-1:L1', 'approve')).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_PENDING' } });
    expect(await decide('o-operator', 'till:NOPE:L1', 'approve')).toMatchObject({ ok: false, error: { code: 'COMMISSION_NOT_FOUND' } });
    expect(await w.account('o-d')).toMatchObject({ settled: 1000, pending: 1000, balance: 1000 });
    expect(await count(cloud, 'audit_log', { action: 'commission.approved', actor: 'o-operator' })).toBe(1);
    expect(await count(cloud, 'audit_log', { action: 'commission.rejected', actor: 'o-operator' })).toBe(1);
    await ledgerIsClean();
  });

  it('rates per product class: the VIP card earns its own rate; the gift pack makes its buyer a distributor and pays their referrer', async () => {
    await cloud.db.collection('app_config').doc('vip_card').update({ data: { enabled: true, priceFen: 9_900 } });
    await cloud.db.collection('app_config').doc('gift_pack').update({ data: { enabled: true, priceFen: 29_900 } });
    cloud.coldStart();
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');

    const vip = ok(await cloud.call<{ outTradeNo: string }>('vip', { action: 'buy', input: { requestId: 'req-vip-001' } }, 'o-f'));
    await cloud.payments.pay(vip.outTradeNo);
    ok(await cloud.call('vip', { action: 'confirm', input: { outTradeNo: vip.outTradeNo } }, 'o-f'));
    ok(await cloud.call('vip', { action: 'confirm', input: { outTradeNo: vip.outTradeNo } }, 'o-f')); // repeat: nothing twice

    expect((await w.status('o-f')).giftPack).toMatchObject({ title: '推广礼包', priceFen: 29_900 });
    const pack = ok(await cloud.call<{ outTradeNo: string }>('vip', { action: 'buyGiftPack', input: { requestId: 'req-gift-01' } }, 'o-f'));
    expect(pack.outTradeNo).toMatch(/^GFT[0-9a-f]{29}$/);
    expect(await cloud.call('vip', { action: 'confirmGiftPack', input: { outTradeNo: pack.outTradeNo } }, 'o-f')).toMatchObject({ ok: false, error: { code: 'PAYMENT_PENDING' } });
    expect(await cloud.call('vip', { action: 'confirm', input: { outTradeNo: pack.outTradeNo } }, 'o-f')).toMatchObject({ ok: false, error: { code: 'PAYMENT_NOT_FOUND' } });
    await cloud.payments.pay(pack.outTradeNo);
    await cloud.notifyPaid(pack.outTradeNo); // WeChat Pay's notice activates it, the app's confirm then agrees
    expect(ok(await cloud.call('vip', { action: 'confirmGiftPack', input: { outTradeNo: pack.outTradeNo } }, 'o-f'))).toMatchObject({ distributor: true });
    expect((await w.status('o-f')).distributor).toMatchObject({ via: 'gift_pack' });

    expect((await w.commissionsOf('o-d')).map((c) => [c.source, c.productClass, c.rateBp, c.amountFen])).toEqual([
      ['vip', 'vip_card', 2000, 1980],
      ['gift_pack', 'gift_pack', 1000, 2990],
    ]);
    await setDistribution(cloud, { eligibility: { koc: { enabled: true, memberNos: [] }, task: { enabled: false, windowDays: 30, checkinDays: 1, spendFen: null }, giftPack: { enabled: false } } });
    expect(await cloud.call('vip', { action: 'buyGiftPack', input: { requestId: 'req-gift-02' } }, 'o-f')).toMatchObject({ ok: false, error: { code: 'GIFT_PACK_NOT_OFFERED' } });
  });

  it('mall cash parts: in progress until handed over, then the window; a cancel voids', async () => {
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await cloud.db.collection('mall_items').doc('tote').set({ data: { title: '帆布包', kind: 'physical', delivery: ['express', 'pickup'], pricePoints: 1, cashFen: 5_000, stock: 10 } });
    await cloud.db.runTransaction((tx) =>
      postInTx(tx, 'o-f', { key: 'seed:o-f', kind: 'earn', reason: '测试', source: 'test', sourceId: 'seed', plan: (st) => planEarn(st, { amount: 10, expiresOn: null }) }, cloud.clock.now()),
    );
    const redeem = async (requestId: string) => {
      const r = ok(await cloud.call<{ order: { orderNo: string } }>('mall', { action: 'redeem', input: { itemId: 'tote', quantity: 1, requestId, delivery: { mode: 'express', name: '林小满', phone: '13800000000', region: '上海市 静安区', detail: '南京西路 1 号' } } }, 'o-f'));
      await cloud.payments.pay(r.order.orderNo);
      ok(await cloud.call('mall', { action: 'confirmPayment', input: { orderNo: r.order.orderNo } }, 'o-f'));
      return r.order.orderNo;
    };
    const shipped = await redeem('req-mall-01');
    const cancelled = await redeem('req-mall-02');
    expect((await w.commissionsOf('o-d')).map((c) => [c.source, c.status, c.settleOn, c.amountFen])).toEqual([
      ['mall', 'in_progress', null, 500],
      ['mall', 'in_progress', null, 500],
    ]);
    await w.days(10);
    expect(await w.account('o-d')).toMatchObject({ pending: 1000, settled: 0 }); // not handed over: no window yet
    ok(await cloud.call('mall', { action: 'ship', input: { orderNo: shipped, trackingNo: 'SF1234567890' } }, CLERK));
    ok(await cloud.call('mall', { action: 'cancel', input: { orderNo: cancelled } }, 'o-f'));
    const [a, b] = await w.commissionsOf('o-d');
    expect([a.status, a.settleOn, b.status]).toEqual(['pending', '2026-12-10', 'voided']);
    await w.days(7);
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 500, balance: 500 });
    await ledgerIsClean();
  });

  it('group-buy orders: commissionable once the group forms, the window from hand-over; a failed group earns nothing', async () => {
    await w.distributor('o-d');
    for (const fan of ['o-f', 'o-g']) {
      await w.register(fan);
      await w.bind(fan, 'o-d');
    }
    await w.register('o-x');
    await setDeal(cloud, 'beans', { ...DEAL, groupSize: 2 });
    // A group that forms: the bound fan's own payment earns the distributor 10 % (5,990 fen → 599); the unbound joiner's earns nobody.
    const formed = await openPaidGroup(cloud, 'o-f');
    expect(await w.commissionsOf('o-d')).toEqual([]); // paid, not yet formed: nothing to earn on
    await joinPaid(cloud, 'o-x', formed.groupId);
    expect((await w.commissionsOf('o-d')).map((c) => [c.source, c.orderNo, c.status, c.amountFen, c.settleOn])).toEqual([['group_buy', formed.orderNo, 'in_progress', 599, null]]);
    // A group that fails: the member is refunded their own payment and nobody earns on it.
    await openPaidGroup(cloud, 'o-g');
    await w.days(2);
    ok(await cloud.trigger('groupbuy', 'minutely'));
    expect(await w.commissionsOf('o-d')).toHaveLength(1);
    // Handed over at the store: the after-sale window starts, then it settles.
    const code = ok(await gb<MemberCodeView>(cloud, 'orderCode', { orderNo: formed.orderNo }, 'o-f'));
    const seen = ok(await gb<InspectDealPickupView>(cloud, 'inspectPickup', { code: code.token }, CLERK));
    ok(await gb(cloud, 'pickup', { ticket: seen.ticket }, CLERK));
    expect((await w.commissionsOf('o-d'))[0]).toMatchObject({ status: 'pending', settleOn: '2026-12-02' });
    await w.days(7);
    expect(await w.account('o-d')).toMatchObject({ pending: 0, settled: 599, balance: 599 });
    await ledgerIsClean();
  });

  it('group-buy and any other source: record, complete, reverse through the one entry point; idempotent', async () => {
    const svc = await import('../../cloudfunctions/_core/distribution/commissionable-order.service');
    const ctx = cloud.jobContext();
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    const paidAt = cloud.clock.now();
    const order = { source: 'groupbuy', orderNo: 'GB-100', buyer: 'o-f', amountFen: 8_800, productClass: 'groupbuy', paidAt, inProgress: true };
    const [first, again] = await Promise.all([svc.recordCommissionableOrder(ctx, order), svc.recordCommissionableOrder(ctx, order)]);
    expect(first.commissions).toEqual([{ id: 'groupbuy:GB-100:L1', distributor: 'o-d', level: 1, amountFen: 880, status: 'in_progress' }]);
    expect(again.commissions).toHaveLength(1);
    await expect(svc.recordCommissionableOrder(ctx, { ...order, amountFen: 1 })).rejects.toThrow(/different details/);
    await expect(svc.recordCommissionableOrder(ctx, { ...order, amountFen: 10.5 })).rejects.toThrow();
    cloud.clock.set(new Date('2026-11-25T02:00:00Z'));
    expect((await svc.completeCommissionableOrder(ctx, { source: 'groupbuy', orderNo: 'GB-100', completedAt: cloud.clock.now() })).commissions[0].status).toBe('pending');
    expect((await w.commissionsOf('o-d'))[0].settleOn).toBe('2026-12-02');
    expect((await svc.reverseCommissionableOrder(ctx, { source: 'groupbuy', orderNo: 'GB-100', refundedAt: cloud.clock.now(), reason: '拼团失败' })).commissions[0].status).toBe('voided');
    expect((await svc.reverseCommissionableOrder(ctx, { source: 'groupbuy', orderNo: 'NEVER', refundedAt: cloud.clock.now(), reason: 'x' })).commissions).toEqual([]);
    await ledgerIsClean();
  });

  it('the settlement timer fires every 10 minutes from 01:00 to 02:50 Beijing', () => {
    expect(cloud.triggers()).toContainEqual({ fn: 'distribution', name: 'daily', cron: '0 0/10 1-2 * * * *' });
    const fires = firesBetween('0 0/10 1-2 * * * *', new Date('2026-11-29T16:00:00Z'), new Date('2026-11-30T16:00:00Z'));
    expect([fires[0].toISOString(), fires[fires.length - 1].toISOString(), fires.length]).toEqual(['2026-11-29T17:00:00.000Z', '2026-11-29T18:50:00.000Z', 12]);
  });

  it('a fact noted but not processed (a crash after commit) is applied by the timer', async () => {
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    // Every transaction touching commissions fails for a moment: the purchase commits, its commission waits.
    cloud.db.injectFault((op) => op.inTransaction && op.collection === 'commissions');
    await w.buy('o-f', 'C-001', 10_000);
    cloud.db.injectFault(null);
    expect(await w.commissionsOf('o-d')).toEqual([]);
    expect(await count(cloud, 'commission_orders', { needsWork: true })).toBe(1);
    await w.days(0);
    expect((await w.commissionsOf('o-d')).map((c) => c.status)).toEqual(['pending']);
    expect(await count(cloud, 'commission_orders', { needsWork: true })).toBe(0);
    await ledgerIsClean();
  });
});

describe('withdrawals', () => {
  it('100 concurrent withdrawals for the whole balance: exactly one succeeds, the balance never goes below zero', async () => {
    await settledBalance(50_000);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => w.withdraw('o-d', 50_000, `req-all-${String(i).padStart(4, '0')}`)));
    const okOnes = results.filter((r) => r.ok);
    expect(okOnes).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(['WITHDRAW_INSUFFICIENT', 'BUSY']).toContain(r.error.code);
    expect(await w.account('o-d')).toMatchObject({ balance: 0, withdrawn: 50_000 });
    expect(await count(cloud, 'withdrawals')).toBe(1);
    expect(await count(cloud, '_dev_transfers')).toBe(1);
    const sent = (await cloud.db.collection('_dev_transfers').get()).data[0];
    expect(sent).toMatchObject({ openid: 'o-d', amountFen: 50_000, state: 'success' });
    await ledgerIsClean();
  });

  it('the same request id is the same withdrawal; minimum and daily cap hold', async () => {
    await settledBalance(10_000);
    await setDistribution(cloud, { withdrawal: { minFen: 200, dailyCapFen: 5_000, dailyCount: 2, approvalAboveFen: 100_000 } });
    const [a, b] = await Promise.all([w.withdraw('o-d', 1_000, 'req-same-001'), w.withdraw('o-d', 1_000, 'req-same-001')]);
    expect(ok(a).withdrawal.withdrawalNo).toBe(ok(b).withdrawal.withdrawalNo);
    expect((await w.account('o-d'))!.withdrawn).toBe(1_000);
    expect(await w.withdraw('o-d', 199, 'req-min-0001')).toMatchObject({ ok: false, error: { code: 'WITHDRAW_BELOW_MINIMUM', message: '最低提现 ¥2.00' } });
    expect(await w.withdraw('o-d', 4_001, 'req-cap-0001')).toMatchObject({ ok: false, error: { code: 'WITHDRAW_LIMIT_REACHED', message: '今日还可提现 ¥40.00' } });
    ok(await w.withdraw('o-d', 4_000, 'req-cap-0002'));
    expect(await w.withdraw('o-d', 200, 'req-cap-0003')).toMatchObject({ ok: false, error: { code: 'WITHDRAW_LIMIT_REACHED' } });
    cloud.clock.set(new Date(cloud.clock.now().getTime() + 86_400_000));
    // Closing the programme does not take earned money away: it can still be withdrawn.
    await setDistribution(cloud, { enabled: false, withdrawal: { minFen: 200, dailyCapFen: 5_000, dailyCount: 2, approvalAboveFen: 100_000 } });
    ok(await w.withdraw('o-d', 5_000, 'req-next-001'));
    expect((await w.account('o-d'))!.balance).toBe(0);
    expect(await cloud.call('distribution', { action: 'withdraw', input: { requestId: 'req-nodist1', amountFen: 100 } }, 'o-f')).toMatchObject({ ok: false, error: { code: 'NOT_DISTRIBUTOR' } });
  });

  it('above the threshold an operator approves (paid) or rejects (given back); a member cannot approve', async () => {
    await settledBalance(20_000);
    await setDistribution(cloud, { withdrawal: { minFen: 100, dailyCapFen: 100_000, dailyCount: 5, approvalAboveFen: 5_000 } });
    const big = ok(await w.withdraw('o-d', 8_000, 'req-big-0001')).withdrawal;
    expect(big).toMatchObject({ status: 'awaiting_approval', reason: '金额较大，等待运营审核' });
    const other = ok(await w.withdraw('o-d', 6_000, 'req-big-0002')).withdrawal;
    expect(await w.account('o-d')).toMatchObject({ balance: 6_000, withdrawn: 14_000 });
    const decide = (openid: string, withdrawalNo: string, verdict: string) =>
      cloud.call<{ withdrawal: { status: string } }>('distribution', { action: 'reviewWithdrawal', input: { withdrawalNo, verdict } }, openid);
    expect(await decide('o-d', big.withdrawalNo, 'approve')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await decide(CLERK, big.withdrawalNo, 'approve')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const queue = ok(await cloud.call<ReviewQueueView>('distribution', { action: 'reviewQueue', input: {} }, 'o-operator'));
    expect(queue.withdrawals.map((q) => [q.amountFen, q.balanceFen])).toEqual([
      [8_000, 6_000],
      [6_000, 6_000],
    ]);
    expect(ok(await decide('o-operator', big.withdrawalNo, 'approve')).withdrawal.status).toBe('paid');
    expect(ok(await decide('o-operator', other.withdrawalNo, 'reject')).withdrawal.status).toBe('rejected');
    expect(await decide('o-operator', other.withdrawalNo, 'approve')).toMatchObject({ ok: false, error: { code: 'REVIEW_NOT_PENDING' } });
    expect(await w.account('o-d')).toMatchObject({ balance: 12_000, withdrawn: 8_000 });
    expect(await count(cloud, 'audit_log', { action: 'withdrawal.approved' })).toBe(1);
    await ledgerIsClean();
  });

  it('a refused transfer gives the amount back; a lost answer is followed up by the timer; payouts not set up fail cleanly', async () => {
    await settledBalance(30_000);
    cloud.payments.transferBehaviour = 'failed';
    const refused = ok(await w.withdraw('o-d', 10_000, 'req-fail-001'));
    expect(refused.withdrawal).toMatchObject({ status: 'failed', reason: '转账失败（微信账户收款异常，请在微信支付中完善身份信息），金额已退回可提现余额' });
    expect(refused.account.balanceFen).toBe(30_000);

    cloud.payments.transferBehaviour = 'error';
    const lost = ok(await w.withdraw('o-d', 10_000, 'req-lost-001'));
    expect(lost.withdrawal.status).toBe('transferring');
    expect(lost.account.balanceFen).toBe(20_000);
    cloud.payments.transferBehaviour = 'accepted';
    const slow = ok(await w.withdraw('o-d', 5_000, 'req-slow-001'));
    expect(slow.withdrawal.status).toBe('transferring');
    cloud.payments.transferBehaviour = 'success';
    await w.days(0); // too recent to follow up
    expect((await cloud.db.collection('withdrawals').doc(lost.withdrawal.withdrawalNo).get()).data.status).toBe('transferring');
    cloud.clock.set(new Date(cloud.clock.now().getTime() + 10 * 60_000));
    await cloud.payments.finishTransfer(slow.withdrawal.withdrawalNo, 'success');
    await w.days(0);
    expect((await cloud.db.collection('withdrawals').doc(lost.withdrawal.withdrawalNo).get()).data.status).toBe('paid'); // re-sent
    expect((await cloud.db.collection('withdrawals').doc(slow.withdrawal.withdrawalNo).get()).data.status).toBe('paid'); // queried
    expect(await count(cloud, '_dev_transfers', { state: 'success' })).toBe(2);

    // The WeChat adapter throws TransferUnavailableError until a merchant is set up: nothing was sent.
    const { TransferUnavailableError } = await import('../../cloudfunctions/_platform/payments.port');
    const realTransfer = cloud.payments.transfer;
    cloud.payments.transfer = () => Promise.reject(new TransferUnavailableError('商家转账未配置'));
    const unavailable = ok(await w.withdraw('o-d', 1_000, 'req-none-001'));
    cloud.payments.transfer = realTransfer;
    expect(unavailable.withdrawal).toMatchObject({ status: 'failed', reason: '转账失败（商家转账暂未开通），金额已退回可提现余额' });
    expect(await w.account('o-d')).toMatchObject({ balance: 15_000, withdrawn: 15_000 });
    await ledgerIsClean();
  });
});

describe('the member confirms receipt (商家转账用户确认模式)', () => {
  const stored = async (no: string) => (await cloud.db.collection<WithdrawalRecord>('withdrawals').doc(no).get()).data;
  const returns = (no: string) => count(cloud, 'commission_entries', { kind: 'withdraw_return', ref: no });
  const check = (openid: string, withdrawalNo: string) => cloud.call<WithdrawResultView>('distribution', { action: 'checkWithdrawal', input: { withdrawalNo } }, openid);
  const later = (ms: number) => cloud.clock.set(new Date(cloud.clock.now().getTime() + ms));

  async function waiting() {
    await settledBalance(30_000);
    cloud.payments.transferBehaviour = 'wait_confirm';
    return ok(await w.withdraw('o-d', 10_000, 'req-conf-001')).withdrawal;
  }

  it('a transfer waiting for confirmation keeps the package for the owner only; confirming pays it at once', async () => {
    const wd = await waiting();
    const created = cloud.clock.now();
    expect(wd).toMatchObject({ status: 'transferring', reason: '请点击“确认收款”领取，逾期未确认将退回可提现余额' });
    expect(wd.confirmation).toEqual({ mchId: 'sandbox-mch', appId: 'wx-local-dev', package: `sandbox_transfer_${wd.withdrawalNo}`, expiresAt: new Date(created.getTime() + 86_400_000).toISOString() });
    expect((await stored(wd.withdrawalNo)).memberConfirmation).toMatchObject({ packageInfo: `sandbox_transfer_${wd.withdrawalNo}` });
    // The history shows it too; nobody else gets it (another member's number is not found, nor can they confirm).
    const mine = ok(await cloud.call<WithdrawalsView>('distribution', { action: 'withdrawals', input: {} }, 'o-d'));
    expect(mine.withdrawals[0].confirmation?.package).toBe(`sandbox_transfer_${wd.withdrawalNo}`);
    await w.distributor('o-other');
    expect(await check('o-other', wd.withdrawalNo)).toMatchObject({ ok: false, error: { code: 'WITHDRAWAL_NOT_FOUND' } });
    expect(await cloud.payments.confirmTransfer(wd.confirmation!.package, 'o-other')).toEqual({ confirmed: false, message: '你的微信号与商家指定的微信号不一致' });
    // Asking before confirming changes nothing.
    expect(ok(await check('o-d', wd.withdrawalNo)).withdrawal).toMatchObject({ status: 'transferring', confirmation: { package: wd.confirmation!.package } });

    expect(await cloud.payments.confirmTransfer(wd.confirmation!.package, 'o-d')).toEqual({ confirmed: true, message: '已收款' });
    const paid = ok(await check('o-d', wd.withdrawalNo));
    expect(paid.withdrawal).toMatchObject({ status: 'paid', reason: '已转入微信零钱', confirmation: null });
    expect(paid.account).toMatchObject({ balanceFen: 20_000, withdrawnFen: 10_000 });
    expect((await stored(wd.withdrawalNo)).memberConfirmation).toBeNull();
    expect(await returns(wd.withdrawalNo)).toBe(0);
    await ledgerIsClean();
  });

  it('confirmed but not asked: the timer finds it paid', async () => {
    const wd = await waiting();
    await cloud.payments.confirmTransfer(wd.confirmation!.package, 'o-d');
    later(10 * 60_000);
    await w.days(0);
    expect((await stored(wd.withdrawalNo)).status).toBe('paid');
  });

  it.each([
    ['FAIL', 'failed', 'ACCOUNT_FROZEN', '转账失败（微信账户已被冻结），金额已退回可提现余额'],
    ['CANCELLED', 'cancelled', 'MCH_CANCEL', '转账失败（转账已撤销），金额已退回可提现余额'],
    ['an unknown failure code', 'failed', 'SOMETHING_NEW', '转账失败，金额已退回可提现余额'],
  ] as const)('%s: failed with a Chinese reason, the amount back once (timer run twice)', async (_, state, code, reason) => {
    const wd = await waiting();
    await cloud.payments.finishTransfer(wd.withdrawalNo, state, code);
    later(10 * 60_000);
    await w.days(0);
    await w.days(0);
    expect(await stored(wd.withdrawalNo)).toMatchObject({ status: 'failed', reason, memberConfirmation: null });
    expect(await returns(wd.withdrawalNo)).toBe(1);
    expect(await w.account('o-d')).toMatchObject({ balance: 30_000, withdrawn: 0 });
    // A confirmation after the end changes nothing.
    expect((await cloud.payments.confirmTransfer(wd.confirmation!.package, 'o-d')).confirmed).toBe(false);
    expect(ok(await check('o-d', wd.withdrawalNo)).withdrawal.status).toBe('failed');
    await ledgerIsClean();
  });

  it('a confirmation left past 24 hours: no button, then WeChat Pay closes the bill (OVERDUE_CLOSE) and the amount comes back once', async () => {
    const wd = await waiting();
    later(86_400_000 + 60_000);
    const view = ok(await cloud.call<WithdrawalsView>('distribution', { action: 'withdrawals', input: {} }, 'o-d')).withdrawals[0];
    expect(view).toMatchObject({ status: 'transferring', confirmation: null, reason: '确认收款已逾期，金额将在微信支付关闭转账后退回' });
    expect(await cloud.payments.confirmTransfer(wd.confirmation!.package, 'o-d')).toEqual({ confirmed: false, message: '该笔转账已失效，请返回商家处理' });
    await w.days(0);
    expect(await stored(wd.withdrawalNo)).toMatchObject({ status: 'failed', reason: '转账失败（未在 24 小时内确认收款，转账已关闭），金额已退回可提现余额' });
    expect(await returns(wd.withdrawalNo)).toBe(1);
    expect((await w.account('o-d'))!.balance).toBe(30_000);
    await ledgerIsClean();
  });

  it('a refused request (4xx, no bill) fails the withdrawal instead of re-sending forever; a refusal of a number that has a bill follows the bill', async () => {
    await settledBalance(30_000);
    cloud.payments.transferBehaviour = 'rejected';
    const refused = ok(await w.withdraw('o-d', 10_000, 'req-rej-0001')).withdrawal;
    expect(refused).toMatchObject({ status: 'failed', reason: '转账失败（商户暂时无法转账，请稍后再试），金额已退回可提现余额' });
    expect(await count(cloud, '_dev_transfers')).toBe(0);
    expect(await returns(refused.withdrawalNo)).toBe(1);

    // A lost answer whose bill exists: the re-send is refused, the bill (waiting for the member) decides.
    cloud.payments.transferBehaviour = 'wait_confirm';
    const realTransfer = cloud.payments.transfer;
    cloud.payments.transfer = async (input) => {
      await realTransfer(input);
      throw new Error('answer lost');
    };
    const lost = ok(await w.withdraw('o-d', 5_000, 'req-rej-0002')).withdrawal;
    cloud.payments.transfer = realTransfer;
    expect(lost).toMatchObject({ status: 'transferring', confirmation: null });
    // Every request refused from now on (the merchant's balance ran out), but this number has a bill.
    const { PaymentError } = await import('../../cloudfunctions/_platform/payments.port');
    cloud.payments.transfer = () => Promise.reject(new PaymentError('rejected', 'transfer', 'HTTP 403 NOT_ENOUGH 资金不足', 'NOT_ENOUGH'));
    const queryTransfer = jest.spyOn(cloud.payments, 'queryTransfer').mockResolvedValueOnce(null);
    later(10 * 60_000);
    await w.days(0); // the query finds nothing (yet): re-sent, refused, asked again: the bill
    cloud.payments.transfer = realTransfer;
    expect(queryTransfer).toHaveBeenCalledTimes(2);
    expect(await stored(lost.withdrawalNo)).toMatchObject({ status: 'transferring', memberConfirmation: { packageInfo: `sandbox_transfer_${lost.withdrawalNo}` } });
    expect(await w.account('o-d')).toMatchObject({ balance: 25_000, withdrawn: 5_000 });
    await ledgerIsClean();
  });

  it('two timer runs and the member asking at the same moment: the amount comes back exactly once', async () => {
    const wd = await waiting();
    await cloud.payments.finishTransfer(wd.withdrawalNo, 'cancelled', 'OVERDUE_CLOSE');
    later(10 * 60_000);
    const runs = await Promise.all([cloud.trigger('distribution', 'daily'), cloud.trigger('distribution', 'daily'), check('o-d', wd.withdrawalNo), check('o-d', wd.withdrawalNo)]);
    for (const r of runs) expect(r.ok).toBe(true);
    expect(await returns(wd.withdrawalNo)).toBe(1);
    expect(await w.account('o-d')).toMatchObject({ balance: 30_000, withdrawn: 0 });
    expect((await stored(wd.withdrawalNo)).status).toBe('failed');
    await ledgerIsClean();
  });
});

describe('the commission ledger check', () => {
  it('finds an account that does not match its entries, a gap, and entries without an account', async () => {
    await w.distributor('o-d');
    await w.register('o-f');
    await w.bind('o-f', 'o-d');
    await w.buy('o-f', 'K-001', 10_000);
    await w.days(7);
    expect(await ledgerIsClean()).toMatchObject({ accounts: 1, entries: 2 });
    const problems = async () => (await checkCommissionLedger(cloud.db)).mismatches.map((m) => `${m.openid}: ${m.problem}`);
    await cloud.db.collection('commission_accounts').doc('o-d').update({ data: { balance: 999_999 } });
    expect(await problems()).toEqual(['o-d: account balance 999999, settled - withdrawn - clawed back = 1000']);
    await cloud.db.collection('commission_entries').doc('settle:till:K-001:L1').update({ data: { seq: 3 } });
    await cloud.db.collection('commission_entries').add({
      data: { _id: 'forged', _openid: 'o-zz', seq: 1, kind: 'settle', deltas: { pending: 0, settled: 5, withdrawn: 0, clawedBack: 0 }, balanceDelta: 5, ref: 'x', reason: 'x', day: '2026-11-30', createdAt: cloud.clock.now() },
    });
    expect(await problems()).toEqual([
      'o-d: entry settle:till:K-001:L1 (seq 3): expected seq 2 (a gap or a duplicate in the ledger)',
      'o-zz: 1 commission entries but no commission account',
    ]);
  });
});

describe('share code', () => {
  it('gives the scene (at most 32 characters), the share path and a mini-program code image made once', async () => {
    const memberNo = await w.distributor('o-d');
    const first = ok(await cloud.call<ShareCodeView>('distribution', { action: 'shareCode', input: {} }, 'o-d'));
    expect(first).toMatchObject({ scene: `d=${memberNo}`, page: 'pages/home/index', sharePath: `/pages/home/index?scene=d%3D${memberNo}` });
    expect(first.scene.length).toBeLessThanOrEqual(32);
    expect(first.imageUrl).toMatch(/\/_files\/share-codes\/\d{12}\.png\?/);
    ok(await cloud.call('distribution', { action: 'shareCode', input: {} }, 'o-d'));
    expect(await count(cloud, '_dev_outbox', { kind: 'wxacode' })).toBe(1);
    await w.register('o-f');
    expect(await cloud.call('distribution', { action: 'shareCode', input: {} }, 'o-f')).toMatchObject({ ok: false, error: { code: 'NOT_DISTRIBUTOR' } });
  });
});
