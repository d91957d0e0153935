/**
 * The forward-only writer on the local database (conditional update and in-transaction forms) and the
 * payment sandbox answering refunds by their refund number, as WeChat Pay does.
 */
import { REFUND_STATES, type RefundStatus } from '../../cloudfunctions/_core/payments/payment-state.rules';
import { recordForward, recordForwardInTx } from '../../cloudfunctions/_core/payments/payment-state.service';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { DEV_PAYMENTS } from '../../cloudfunctions/_platform/local/payment-sandbox';
import { startSourceCloud } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
});
afterEach(() => cloud.close());

const write = (status: RefundStatus, id = 'o1') =>
  recordForward(cloud.db, {
    collection: 'mall_orders',
    id,
    statePath: 'refund.status',
    states: REFUND_STATES,
    next: status,
    data: { refund: cloud.db.command.set({ status, fee: 100, at: cloud.clock.now() }) },
  });
const stored = async (id = 'o1') => ((await cloud.db.collection('mall_orders').doc(id).get()).data.refund as { status: string } | null)?.status ?? null;

describe('recordForward', () => {
  beforeEach(() => cloud.db.collection('mall_orders').doc('o1').set({ data: { refund: null } }));

  it('moves forward and never back: a stale failed after accepted changes nothing and answers accepted', async () => {
    expect(await write('requested')).toBe('requested');
    expect(await write('failed')).toBe('failed');
    expect(await write('requested')).toBe('requested');
    expect(await write('accepted')).toBe('accepted');
    expect(await write('failed')).toBe('accepted');
    expect(await write('requested')).toBe('accepted');
    expect(await stored()).toBe('accepted');
  });

  it('an identical concurrent write answers the state, not "refused"', async () => {
    expect(await Promise.all([write('requested'), write('requested')])).toEqual(['requested', 'requested']);
  });

  it('concurrent writers in any order: accepted wins whenever one of them says it', async () => {
    for (let round = 0; round < 20; round++) {
      const id = `r${round}`;
      await cloud.db.collection('mall_orders').doc(id).set({ data: { refund: null } });
      const writes: RefundStatus[] = ['failed', 'requested', 'accepted', 'failed', 'requested'];
      const order = writes.map((w, i) => ({ w, k: (i * 7 + round * 3) % 5 })).sort((a, b) => a.k - b.k);
      await Promise.all(order.map(({ w }) => write(w, id)));
      expect(await stored(id)).toBe('accepted');
    }
  });

  it('a missing document records nothing', async () => {
    expect(await write('accepted', 'nope')).toBeNull();
  });

  it('inside a transaction the same rule holds', async () => {
    await write('accepted');
    const inTx = (status: RefundStatus) =>
      cloud.db.runTransaction(async (tx) => {
        const doc = (await tx.collection('mall_orders').doc('o1').get()).data;
        return recordForwardInTx(tx, doc, { collection: 'mall_orders', id: 'o1', statePath: 'refund.status', states: REFUND_STATES, next: status, data: { refund: { status, fee: 1, at: new Date() } } });
      });
    expect(await inTx('failed')).toBe('accepted');
    expect(await stored()).toBe('accepted');
  });
});

describe('payment sandbox refunds', () => {
  async function paidOrder(no: string, fee = 1990) {
    await cloud.payments.unifiedOrder({ outTradeNo: no, totalFee: fee, body: '测试', openid: 'o-m' });
    await cloud.payments.pay(no);
  }
  const sandbox = async (no: string) => (await cloud.db.collection<{ refunds: unknown[]; refundedFee: number }>(DEV_PAYMENTS).doc(no).get()).data;
  const refund = (no: string, refundFee = 1990, outRefundNo = `${no}R`) => cloud.payments.refund({ outTradeNo: no, outRefundNo, totalFee: 1990, refundFee });

  it('answers a repeated refund number as already refunded, without refunding twice', async () => {
    await paidOrder('T1');
    expect(await refund('T1')).toEqual({ accepted: true });
    expect(await refund('T1')).toEqual({ accepted: true });
    expect(await sandbox('T1')).toMatchObject({ refundedFee: 1990, refunds: [{ outRefundNo: 'T1R', fee: 1990 }] });
    expect(await cloud.payments.queryOrder('T1')).toEqual({ paid: true, refunded: true, totalFee: 1990 });
  });

  it('concurrent calls with one refund number are one refund, all answered accepted', async () => {
    await paidOrder('T2');
    expect(await Promise.all(Array.from({ length: 8 }, () => refund('T2')))).toEqual(Array(8).fill({ accepted: true }));
    expect((await sandbox('T2')).refunds).toHaveLength(1);
  });

  it('refuses a different fee under the same number, more than was paid, and an unpaid order', async () => {
    await paidOrder('T3');
    expect(await refund('T3', 1000)).toEqual({ accepted: true });
    expect(await refund('T3', 990)).toEqual({ accepted: false }); // same number, other fee
    expect(await refund('T3', 1000, 'T3R2')).toEqual({ accepted: false }); // 2000 > 1990 paid
    expect(await refund('T3', 990, 'T3R2')).toEqual({ accepted: true }); // the rest, under a new number
    expect(await sandbox('T3')).toMatchObject({ refundedFee: 1990 });
    await cloud.payments.unifiedOrder({ outTradeNo: 'T4', totalFee: 1990, body: '测试', openid: 'o-m' });
    expect(await refund('T4')).toEqual({ accepted: false });
    expect(await cloud.payments.queryOrder('T4')).toEqual({ paid: false, refunded: false, totalFee: 1990 });
    expect(await refund('nope')).toEqual({ accepted: false });
  });
});
