import fc from 'fast-check';
import { judgeRefundAmount, refundShare } from '../../cloudfunctions/_core/points/purchase-refund.rules';
import { EMPTY_STATE, applyEffects, balanceOf, pendingKey, pendingOf, planEarn, planReverse, planSpend } from '../../cloudfunctions/_core/points/points-ledger.rules';

describe('partial refunds: shares of points and growth', () => {
  it('refunding the whole amount in any number of parts takes back exactly the order points and growth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (amountFen, points, growth, weights) => {
          // Split the amount into parts proportional to the weights (each at least 1 fen when possible).
          const total = weights.reduce((a, b) => a + b, 0);
          const parts: number[] = [];
          let left = amountFen;
          weights.forEach((w, i) => {
            const part = i === weights.length - 1 ? left : Math.min(left, Math.max(1, Math.floor((amountFen * w) / total)));
            if (part > 0) parts.push(part);
            left -= part;
          });
          let refunded = 0;
          let takenPoints = 0;
          let takenGrowth = 0;
          for (const part of parts) {
            const verdict = judgeRefundAmount({ amountFen, refundedFen: refunded }, part);
            expect(verdict).toEqual({ ok: true, refundFen: part });
            const share = refundShare({ amountFen, points, growth, refundedFen: refunded }, part);
            expect(share.points).toBeGreaterThanOrEqual(0);
            expect(share.growth).toBeGreaterThanOrEqual(0);
            takenPoints += share.points;
            takenGrowth += share.growth;
            refunded += part;
            // The running total is always the rounded-down proportion: no drift between parts.
            expect(takenPoints).toBe(Math.floor((points * refunded) / amountFen));
          }
          expect(refunded).toBe(amountFen);
          expect(takenPoints).toBe(points);
          expect(takenGrowth).toBe(growth);
          expect(judgeRefundAmount({ amountFen, refundedFen: refunded }, undefined)).toMatchObject({ ok: false });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a part rounds down: ¥100 of a ¥300 order that earned 100 points takes back 33, the rest takes back 67', () => {
    const order = { amountFen: 30_000, points: 100, growth: 300, refundedFen: 0 };
    expect(refundShare(order, 10_000)).toEqual({ points: 33, growth: 100 });
    expect(refundShare({ ...order, refundedFen: 10_000 }, 20_000)).toEqual({ points: 67, growth: 200 });
  });

  it('refuses more than what is left, zero, and anything on a fully refunded order', () => {
    expect(judgeRefundAmount({ amountFen: 10_000, refundedFen: 4_000 }, 6_001)).toEqual({ ok: false, reason: '退款金额超出可退金额（最多可退 ¥60.00）' });
    expect(judgeRefundAmount({ amountFen: 10_000, refundedFen: 4_000 }, 0)).toMatchObject({ ok: false });
    expect(judgeRefundAmount({ amountFen: 10_000, refundedFen: 4_000 }, undefined)).toEqual({ ok: true, refundFen: 6_000 });
    expect(judgeRefundAmount({ amountFen: 10_000, refundedFen: 10_000 }, 1)).toEqual({ ok: false, reason: '这笔订单已经全额退款' });
  });
});

describe('the ledger refund rule with parts (planReverse)', () => {
  const pendingOrder = (points: number) =>
    applyEffects(EMPTY_STATE, planEarn(EMPTY_STATE, { amount: points, expiresOn: '2027-12-31', availableOn: '2026-12-01', sourceId: 'o1' }));

  it('a part of a still-pending order takes only that part of its pending lot; the rest stays pending', () => {
    let s = applyEffects(pendingOrder(100), planEarn(pendingOrder(100), { amount: 50, expiresOn: null }));
    s = applyEffects(s, planReverse(s, { sourceId: 'o1', amount: 33 }));
    expect(pendingOf(s)).toBe(67);
    expect(balanceOf(s)).toBe(50);
    expect(s.lots.find((l) => l.key === pendingKey('o1'))?.amount).toBe(67);
    s = applyEffects(s, planReverse(s, { sourceId: 'o1', amount: 67 }));
    expect(pendingOf(s)).toBe(0);
    expect(balanceOf(s)).toBe(50);
    expect(s.owed).toBe(0);
  });

  it('after release, a part comes from the balance soonest-expiring first and the spent rest is owed', () => {
    let s = applyEffects(EMPTY_STATE, planEarn(EMPTY_STATE, { amount: 100, expiresOn: '2027-12-31' }));
    s = applyEffects(s, (planSpend(s, 80) as { ok: true; effects: Parameters<typeof applyEffects>[1] }).effects);
    s = applyEffects(s, planReverse(s, { sourceId: 'o1', amount: 50 }));
    expect({ balance: balanceOf(s), owed: s.owed }).toEqual({ balance: 0, owed: 30 });
  });

  it('zero points (a small part of a small order) changes nothing', () => {
    expect(planReverse(pendingOrder(10), { sourceId: 'o1', amount: 0 })).toEqual({ add: [], take: [], owedDelta: 0 });
  });
});
