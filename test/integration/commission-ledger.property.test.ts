import fc from 'fast-check';
import { checkCommissionLedger } from '../../cloudfunctions/_core/distribution/commission-ledger-check.service';
import type { CommissionRecord, WithdrawalRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { DistributionWorld, setDistribution, TEST_DISTRIBUTION } from '../support/distribution';
import { startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

/**
 * The property of the issue, through the real functions on the local cloud: whatever happens (purchases,
 * refunds before and after settlement, settlement runs, withdrawals two at a time, refused transfers), the
 * distributor's balance == settled - withdrawn - clawed back, where each term is summed independently from the
 * commission and withdrawal documents; the balance never goes below zero except by clawbacks; the cached
 * account equals the replay of its ledger.
 */
type Op =
  | { kind: 'buy'; fan: number; yuan: number }
  | { kind: 'refund'; pick: number }
  | { kind: 'days'; n: number }
  | { kind: 'withdraw'; fen: number; twice: boolean }
  | { kind: 'refuseTransfers'; on: boolean };

const ops: fc.Arbitrary<Op[]> = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('buy' as const), fan: fc.integer({ min: 0, max: 1 }), yuan: fc.integer({ min: 1, max: 3000 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('days' as const), n: fc.integer({ min: 1, max: 9 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), fen: fc.integer({ min: 100, max: 40_000 }), twice: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('refuseTransfers' as const), on: fc.boolean() }) },
  ),
  { minLength: 5, maxLength: 22 },
);

describe('commission ledger property (local cloud)', () => {
  it('balance == settled - withdrawn - clawed back under any mix of orders, refunds, settlements and withdrawals', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ops, async (plan) => {
        const cloud: LocalCloud = await startSourceCloud();
        try {
          run++;
          await writeDefaultConfigs(cloud);
          await setDistribution(cloud);
          cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
          const w = new DistributionWorld(cloud);
          await w.setUp();
          await w.distributor('o-d');
          for (const f of ['o-f0', 'o-f1']) {
            await w.register(f);
            await w.bind(f, 'o-d');
          }
          const orders: string[] = [];
          let n = 0;
          // Withdrawals reserved this business day (refused transfers included): the daily count limit applies.
          let reservedToday = 0;
          for (const op of plan) {
            if (op.kind === 'buy') {
              const orderNo = `P${String(run).padStart(3, '0')}-${String(++n).padStart(3, '0')}`;
              await w.buy(`o-f${op.fan}`, orderNo, op.yuan * 100);
              orders.push(orderNo);
            } else if (op.kind === 'refund' && orders.length) await w.refund(orders[op.pick % orders.length]);
            else if (op.kind === 'days') {
              await w.days(op.n);
              reservedToday = 0;
            }
            else if (op.kind === 'refuseTransfers') cloud.payments.transferBehaviour = op.on ? 'failed' : 'success';
            else if (op.kind === 'withdraw') {
              const before = (await w.account('o-d'))?.balance ?? 0;
              const tries = await Promise.all(Array.from({ length: op.twice ? 2 : 1 }, (_, i) => w.withdraw('o-d', op.fen, `req-${run}-${n}-${i}-x`)));
              // Money that left (a refused transfer gives its amount back at once, so the other request may use it).
              const leaving = tries.filter((r) => r.ok && r.data.withdrawal.status !== 'failed' && r.data.withdrawal.status !== 'rejected').length;
              expect(leaving * op.fen).toBeLessThanOrEqual(Math.max(0, before));
              reservedToday += tries.filter((r) => r.ok).length;
              for (const r of tries) {
                if (r.ok) continue;
                if (r.error.code === 'WITHDRAW_LIMIT_REACHED') expect(reservedToday).toBeGreaterThanOrEqual(TEST_DISTRIBUTION.withdrawal.dailyCount);
                else expect(['WITHDRAW_INSUFFICIENT', 'BUSY']).toContain(r.error.code);
              }
              n++;
            }
          }
          const account = (await w.account('o-d')) ?? { pending: 0, settled: 0, withdrawn: 0, clawedBack: 0, balance: 0 };
          const commissions = (await cloud.db.collection<CommissionRecord>('commissions').where({ _openid: 'o-d' }).limit(1000).get()).data;
          const withdrawals = (await cloud.db.collection<WithdrawalRecord>('withdrawals').where({ _openid: 'o-d' }).limit(1000).get()).data;
          const sum = (xs: { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0);
          const settled = sum(commissions.filter((c) => c.status === 'settled' || c.status === 'clawed_back'));
          const clawedBack = sum(commissions.filter((c) => c.status === 'clawed_back'));
          const withdrawn = sum(withdrawals.filter((x) => x.status !== 'failed' && x.status !== 'rejected'));
          const pending = sum(commissions.filter((c) => ['in_progress', 'pending', 'flagged'].includes(c.status)));
          expect(account).toMatchObject({ settled, clawedBack, withdrawn, pending });
          expect(account.balance).toBe(settled - withdrawn - clawedBack);
          if (clawedBack === 0) expect(account.balance).toBeGreaterThanOrEqual(0);
          expect((await checkCommissionLedger(cloud.db)).mismatches).toEqual([]);
        } finally {
          await cloud.close();
        }
      }),
      // No shrinking: a world runs the functions end to end (0.1-2 s), and shrinking a failing plan of up to 22
      // steps re-runs hundreds of worlds (measured: 750+ worlds in over 10 minutes for one plan), which is what
      // made this test look hung in CI. The first failing plan and the seed to replay it are reported as found.
      { numRuns: 25, endOnFailure: true },
    );
  }, 120_000);
});
