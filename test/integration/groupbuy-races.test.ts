import fc from 'fast-check';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { PaymentsPort } from '../../cloudfunctions/_platform/payments.port';
import type { DealOrderRecord, GroupRecord } from '../../cloudfunctions/_core/groupbuy/groupbuy.record';
import { count, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { DEAL, confirm, join, netFen, openPaidGroup, registerMany, sandboxPayments, setDeal } from '../support/groupbuy';
import { gatedPayments, Interleaver, randomSchedule, seeded } from '../support/interleaving';

/*
 * Expiry racing a last-second payment. A two-person group's member pays in the sandbox right at the end of
 * the window; then the member's confirm, WeChat Pay's notice and the expiry timer (whose clock passes the
 * window at a step of its own) run as actors of a seeded interleaving (test/support/interleaving.ts: every
 * WeChat Pay call and answer is a point where another actor may run), with database operations failing at a
 * seeded rate. Whatever the interleaving and faults, once the dust settles (the timer and the member try
 * again): every member ends either in a completed group or refunded exactly once, and the payment sandbox's
 * ledger nets to 0 for a failed group.
 */

let cloud: LocalCloud;
let realPayments: PaymentsPort;
beforeAll(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  realPayments = cloud.platform.payments;
});
afterAll(() => cloud.close());

let round = 0;
const outcomes = { completed: 0, failed: 0 };

it('expiry vs a last-second payment: completed or refunded exactly once, never both; failed groups net 0', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({ seed: fc.integer({ min: 1, max: 2 ** 30 }), faultRate: fc.constantFrom(0, 0, 0.03, 0.08) }),
      async (p) => {
        round += 1;
        const dealId = `race${round}`;
        const [leader, member] = await registerMany(cloud, `o-r${round}-`, 2);
        const t0 = new Date(Date.UTC(2026, 10, 23, 2, 0) + round * 7 * 24 * 3600_000);
        cloud.clock.set(t0);
        await setDeal(cloud, dealId, { ...DEAL, groupSize: 2, windowHours: 1, stock: 2 });
        const { groupId, orderNo: leadNo } = await openPaidGroup(cloud, leader, dealId);
        cloud.clock.set(new Date(t0.getTime() + 58 * 60_000));
        const j = ok(await join(cloud, member, groupId, dealId));
        if (j.status !== 'joined') throw new Error('expected to join');
        const memberNo = j.order.orderNo;
        await cloud.payments.pay(memberNo); // WeChat Pay took the money at the last second
        const expiresAt = (await cloud.db.collection<GroupRecord>('groups').doc(groupId).get()).data.expiresAt!;
        cloud.clock.set(new Date(expiresAt.getTime() - 1));

        const il = new Interleaver();
        Object.assign(cloud.platform, { payments: gatedPayments(realPayments, il) });
        const faults = seeded(p.seed ^ 0x5bd1e995);
        cloud.db.injectFault(() => faults() < p.faultRate);
        try {
          await il.run(
            {
              confirm: () => confirm(cloud, member, memberNo),
              // The local cloud's notice reads the sandbox first; a fault there is a notice that never came.
              notice: () => cloud.notifyPaid(memberNo).catch(() => undefined),
              timer: async () => {
                await il.gate('clock passes the window');
                cloud.clock.set(new Date(expiresAt.getTime() + 1000));
                return cloud.trigger('groupbuy', 'minutely');
              },
            },
            randomSchedule(p.seed),
          );
        } finally {
          cloud.db.injectFault(null);
          Object.assign(cloud.platform, { payments: realPayments });
        }
        // The dust settles: the timer runs again later, the member opens the app again.
        for (let i = 0; i < 3; i++) {
          cloud.clock.advance(60_000);
          await cloud.trigger('groupbuy', 'minutely');
        }
        await confirm(cloud, member, memberNo);

        const g = (await cloud.db.collection<GroupRecord>('groups').doc(groupId).get()).data;
        const orders = await Promise.all([leadNo, memberNo].map(async (no) => (await cloud.db.collection<DealOrderRecord>('deal_orders').doc(no).get()).data));
        const pays = await sandboxPayments(cloud, [leadNo, memberNo]);
        const stock = (await cloud.db.collection('deal_stock').doc(`group:${dealId}`).get()).data.sold;
        expect(['completed', 'failed']).toContain(g.status);
        for (const pay of pays) expect([0, pay.totalFee]).toContain(pay.refundedFee); // never refunded twice
        if (g.status === 'completed') {
          outcomes.completed += 1;
          expect(orders.map((o) => o.status)).toEqual(['completed', 'completed']);
          expect(pays.map(netFen)).toEqual([5990, 5990]);
          expect(stock).toBe(2);
          expect(await count(cloud, 'purchases', { _id: cloud.db.command.in([leadNo, memberNo]) })).toBe(2);
        } else {
          outcomes.failed += 1;
          expect(orders.map((o) => o.status)).toEqual(['refunded', 'refunded']);
          expect(orders.map((o) => o.refund?.status)).toEqual(['accepted', 'accepted']);
          expect(pays.map(netFen)).toEqual([0, 0]);
          expect(stock).toBe(0);
          expect(await count(cloud, 'purchases', { _id: cloud.db.command.in([leadNo, memberNo]) })).toBe(0);
        }
      },
    ),
    { numRuns: 40, seed: 20261123 },
  );
  // The property explored both endings (a race that always ends one way proves little).
  expect(outcomes.completed).toBeGreaterThan(0);
  expect(outcomes.failed).toBeGreaterThan(0);
}, 120_000);
