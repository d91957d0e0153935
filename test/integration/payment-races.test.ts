/**
 * Races between WeChat Pay's notice, the member's confirms and the unpaid-order timer, explored through
 * deterministic interleavings (test/support/interleaving.ts): every call to WeChat Pay and every answer
 * coming back is a step the schedule orders. Whatever the order, the record must tell the truth: a mall
 * refund is `accepted` exactly when the sandbox refunded, the sandbox refunds at most once, and a VIP order
 * is activated once, exactly when it was paid.
 */
import type { OrderResultView, RedeemView } from '../../cloudfunctions/_core/mall/mall.schema';
import type { MallOrderRecord } from '../../cloudfunctions/_core/mall/mall.record';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import type { BuyVipView, ConfirmVipView } from '../../cloudfunctions/_core/vip/vip.schema';
import type { VipHistoryRecord, VipOrderRecord } from '../../cloudfunctions/_core/vip/vip.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { DEV_PAYMENTS } from '../../cloudfunctions/_platform/local/payment-sandbox';
import type { PaymentsPort } from '../../cloudfunctions/_platform/payments.port';
import {
  gatedPayments,
  Interleaver,
  permutations,
  prioritySchedule,
  randomSchedule,
  scriptedSchedule,
  type RunResult,
  type Schedule,
} from '../support/interleaving';
import { ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);
const TOTE = { title: '帆布包', kind: 'physical', delivery: ['pickup'], pricePoints: 100, cashFen: 1990, stock: 100_000 };

let cloud: LocalCloud;
let il: Interleaver;
let round = 0;

/** A local cloud with member o-m holding `points` and a cash item `tote`. */
async function startMall(points: number): Promise<void> {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  await cloud.db.runTransaction((tx) =>
    postInTx(tx, 'o-m', { key: 'seed:o-m', kind: 'earn', reason: '测试', source: 'test', sourceId: 'seed', plan: (s) => planEarn(s, { amount: points, expiresOn: '2099-12-31' }) }, cloud.clock.now()),
  );
  await cloud.db.collection('mall_items').doc('tote').set({ data: TOTE });
}

/** How many refunds the sandbox made for an order (its own record of WeChat Pay's side). */
async function sandboxRefunds(orderNo: string): Promise<number> {
  const doc = (await cloud.db.collection(DEV_PAYMENTS).doc(orderNo).get()).data as { refunds?: unknown[] };
  return doc.refunds?.length ?? 0;
}

describe('mall: notice, confirms and the unpaid-order timer racing over a cash order', () => {
  beforeAll(async () => {
    await startMall(1_000_000);
    il = new Interleaver();
    cloud.platform.payments = gatedPayments(cloud.payments, il);
  });
  afterAll(() => cloud.close());

  const balance = async () => ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, 'o-m')).balance;
  const confirm = (orderNo: string) => cloud.call<OrderResultView>('mall', { action: 'confirmPayment', input: { orderNo } }, 'o-m');

  /** A fresh unpaid cash order, 31 minutes old (the timer's window has passed), raced under `schedule`. */
  async function race(schedule: Schedule): Promise<{ run: RunResult; order: MallOrderRecord; refunds: number }> {
    round += 1;
    cloud.clock.set(new Date(Date.parse('2026-11-23T02:00:00Z') + round * 3_600_000));
    const placed = ok(await cloud.call<RedeemView>('mall', { action: 'redeem', input: { itemId: 'tote', quantity: 1, requestId: `race-${String(round).padStart(6, "0")}`, delivery: { mode: 'pickup', storeId: 'S001' } } }, 'o-m'));
    const orderNo = placed.order.orderNo;
    cloud.clock.advance(31 * 60_000);
    const before = await balance();
    const run = await il.run(
      {
        // The member pays the stale prepay; WeChat Pay then sends its notice (which may come late).
        wechat: async () => {
          await cloud.payments.pay(orderNo);
          await il.gate('notify');
          return cloud.notifyPaid(orderNo);
        },
        confirmA: () => confirm(orderNo),
        confirmB: () => confirm(orderNo),
        timer: () => cloud.trigger('mall', 'unpaid'),
      },
      schedule,
    );
    const order = (await cloud.db.collection<MallOrderRecord>('mall_orders').doc(orderNo).get()).data;
    const refunds = await sandboxRefunds(orderNo);
    const why = `trace: ${run.trace.join(' ')}`;

    for (const [actor, outcome] of Object.entries(run.outcomes)) {
      expect([actor, outcome.status]).toEqual([actor, 'fulfilled']);
    }
    // The invariants of the issue: accepted exactly when the sandbox refunded; at most one refund.
    expect({ refunds, why }).toEqual({ refunds: expect.any(Number), why });
    expect(refunds).toBeLessThanOrEqual(1);
    expect({ accepted: order.refund?.status === 'accepted', why }).toEqual({ accepted: refunds === 1, why });
    // The member paid in every interleaving: a cancelled order has its money back, a live one kept it.
    expect({ status: order.status, refunds, why }).toEqual(
      order.status === 'cancelled' ? { status: 'cancelled', refunds: 1, why } : { status: 'pending', refunds: 0, why },
    );
    if (order.status === 'pending') expect(order.refund).toBeNull();
    // Points follow the order: returned when cancelled, spent when it lives.
    expect(await balance()).toBe(order.status === 'cancelled' ? before + 100 : before);
    // No confirm answered a state the order never ended in.
    for (const actor of ['confirmA', 'confirmB']) {
      const outcome = run.outcomes[actor] as PromiseFulfilledResult<Result<OrderResultView>>;
      const answer = outcome.value;
      if (answer.ok) expect({ actor, status: answer.data.order.status, why }).toEqual({ actor, status: order.status, why });
      else if (answer.error.code === 'ORDER_STATE_INVALID') expect({ actor, status: order.status, why }).toEqual({ actor, status: 'cancelled', why });
      else expect(answer.error.code).toBe('PAYMENT_PENDING');
    }
    return { run, order, refunds };
  }

  it('the interleaving of the issue: notice and confirm both refund, the stale answer comes back last', async () => {
    // The timer cancels (nothing paid yet); then the member pays; the notice and a confirm both find the
    // order cancelled and paid, both ask for the refund, and the second answer arrives after the first.
    const timer = Array<string>(5).fill('timer');
    const script = [...timer, 'wechat', 'wechat', 'confirmA', 'wechat', 'confirmA', 'wechat', 'confirmA', 'wechat', 'confirmA', 'wechat', 'confirmA'];
    const { run, order, refunds } = await race(scriptedSchedule(script));
    expect(run.trace.slice(0, 5)).toEqual(['timer:start', 'timer:queryOrder', 'timer:queryOrder:answer', 'timer:queryOrder', 'timer:queryOrder:answer']);
    expect(run.trace.filter((s) => s.endsWith(':refund'))).toEqual(['wechat:refund', 'confirmA:refund']);
    expect(run.trace.indexOf('confirmA:refund:answer')).toBeGreaterThan(run.trace.indexOf('wechat:refund:answer'));
    expect(order.status).toBe('cancelled');
    expect(refunds).toBe(1);
    expect(order.refund).toMatchObject({ status: 'accepted', fee: 1990 });
  });

  it.each(permutations(['wechat', 'confirmA', 'confirmB', 'timer']).map((p) => [p.join(' > ')]))('each actor to its end in the order %s', async (order) => {
    await race(prioritySchedule(order.split(' > ')));
  });

  it(`${SEEDS.length} seeded random interleavings, both outcomes reached`, async () => {
    const ends = new Set<string>();
    for (const seed of SEEDS) {
      const { order, run } = await race(randomSchedule(seed));
      ends.add(`${order.status}:${run.trace.filter((s) => s.endsWith(':refund')).length}`);
    }
    // The schedules do reach the races: orders that stay paid, cancelled ones refunded by one caller and by several.
    expect([...ends].map((e) => e.split(':')[0]).sort()).toEqual(expect.arrayContaining(['cancelled', 'pending']));
    expect([...ends].some((e) => e.startsWith('cancelled:') && Number(e.split(':')[1]) >= 2)).toBe(true);
  });
});

describe('mall: a refund whose call or answer is lost', () => {
  let flaky: { refund: 'ok' | 'fail-before' | 'lose-answer' };
  beforeEach(async () => {
    await startMall(1000);
    flaky = { refund: 'ok' };
    const sandbox: PaymentsPort = cloud.payments;
    cloud.platform.payments = {
      unifiedOrder: (i) => sandbox.unifiedOrder(i),
      queryOrder: (n) => sandbox.queryOrder(n),
      transfer: (i) => sandbox.transfer(i),
      queryTransfer: (n) => sandbox.queryTransfer(n),
      async refund(input) {
        if (flaky.refund === 'fail-before') throw new Error('network down before WeChat Pay saw the refund');
        const answer = await sandbox.refund(input);
        if (flaky.refund === 'lose-answer') throw new Error('network down after WeChat Pay refunded');
        return answer;
      },
    };
  });
  afterEach(() => cloud.close());

  async function paidThenCancelledByTimer(): Promise<string> {
    const orderNo = ok(await cloud.call<RedeemView>('mall', { action: 'redeem', input: { itemId: 'tote', quantity: 1, requestId: 'lost-0001', delivery: { mode: 'pickup', storeId: 'S001' } } }, 'o-m')).order.orderNo;
    cloud.clock.advance(31 * 60_000);
    ok(await cloud.trigger('mall', 'unpaid'));
    await cloud.payments.pay(orderNo);
    return orderNo;
  }
  const refundOf = async (orderNo: string) => (await cloud.db.collection<MallOrderRecord>('mall_orders').doc(orderNo).get()).data.refund;

  it('a refund WeChat Pay never saw is recorded failed, and a later notice retries it until accepted', async () => {
    const orderNo = await paidThenCancelledByTimer();
    flaky.refund = 'fail-before';
    // The notice answers "retry": WeChat Pay sends it again until the refund is on record.
    expect(await cloud.notifyPaid(orderNo)).toEqual({ errcode: 1, errmsg: 'retry' });
    expect(await refundOf(orderNo)).toMatchObject({ status: 'failed', fee: 1990 });
    expect(await sandboxRefunds(orderNo)).toBe(0);
    flaky.refund = 'ok';
    expect(await cloud.notifyPaid(orderNo)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await refundOf(orderNo)).toMatchObject({ status: 'accepted', fee: 1990 });
    expect(await sandboxRefunds(orderNo)).toBe(1);
  });

  it('a refund whose answer was lost is recorded accepted: the query, not the answer, decides', async () => {
    const orderNo = await paidThenCancelledByTimer();
    flaky.refund = 'lose-answer';
    expect(await cloud.notifyPaid(orderNo)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await refundOf(orderNo)).toMatchObject({ status: 'accepted' });
    expect(await sandboxRefunds(orderNo)).toBe(1);
  });

  it('the timer retries refunds left failed', async () => {
    const orderNo = await paidThenCancelledByTimer();
    flaky.refund = 'fail-before';
    await cloud.notifyPaid(orderNo);
    expect(await refundOf(orderNo)).toMatchObject({ status: 'failed' });
    flaky.refund = 'ok';
    cloud.clock.advance(5 * 60_000);
    ok(await cloud.trigger('mall', 'unpaid'));
    expect(await refundOf(orderNo)).toMatchObject({ status: 'accepted' });
    expect(await sandboxRefunds(orderNo)).toBe(1);
  });
});

describe('vip: notice and confirms racing over a payment', () => {
  beforeAll(async () => {
    cloud = await startSourceCloud();
    await writeDefaultConfigs(cloud);
    await cloud.db.collection('app_config').doc('vip_card').update({ data: { enabled: true, priceFen: 9900, days: 30 } });
    cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
    il = new Interleaver();
    cloud.platform.payments = gatedPayments(cloud.payments, il);
  });
  afterAll(() => cloud.close());

  async function race(schedule: Schedule): Promise<void> {
    round += 1;
    const openid = `o-v${round}`;
    ok(await cloud.call('member', { action: 'register', input: registration() }, openid));
    const { outTradeNo } = ok(await cloud.call<BuyVipView>('vip', { action: 'buy', input: { requestId: `vip-race-${round}` } }, openid));
    const confirm = () => cloud.call<ConfirmVipView>('vip', { action: 'confirm', input: { outTradeNo } }, openid);
    const run = await il.run(
      {
        wechat: async () => {
          await cloud.payments.pay(outTradeNo);
          await il.gate('notify');
          return cloud.notifyPaid(outTradeNo);
        },
        confirmA: confirm,
        confirmB: confirm,
      },
      schedule,
    );
    const why = `trace: ${run.trace.join(' ')}`;
    const order = (await cloud.db.collection<VipOrderRecord>('vip_orders').doc(outTradeNo).get()).data;
    const history = (await cloud.db.collection<VipHistoryRecord>('vip_history').where({ _openid: openid }).get()).data;
    const member = (await cloud.db.collection<{ vipUntil: Date | null }>('members').doc(openid).get()).data;
    // Paid in every interleaving (the notice always comes): activated exactly once, 30 days from now.
    expect({ status: order.status, entries: history.length, why }).toEqual({ status: 'paid', entries: 1, why });
    expect(member.vipUntil).toEqual(history[0].to);
    expect(order.untilDay).toBe(history[0].untilDay);
    for (const actor of ['confirmA', 'confirmB']) {
      const answer = (run.outcomes[actor] as PromiseFulfilledResult<Result<ConfirmVipView>>).value;
      if (answer.ok) expect(answer.data.until).toBe(order.untilDay);
      else expect({ actor, code: answer.error.code, why }).toEqual({ actor, code: 'PAYMENT_PENDING', why });
    }
    expect(run.outcomes.wechat).toMatchObject({ status: 'fulfilled', value: { errcode: 0 } });
  }

  it.each(permutations(['wechat', 'confirmA', 'confirmB']).map((p) => [p.join(' > ')]))('each actor to its end in the order %s', async (order) => {
    await race(prioritySchedule(order.split(' > ')));
  });

  it(`${SEEDS.length} seeded random interleavings`, async () => {
    for (const seed of SEEDS) await race(randomSchedule(seed));
  });
});
