import fc from 'fast-check';
import {
  applyDeltas,
  balanceOf,
  planAccrue,
  planClawback,
  planSettle,
  planVoid,
  planWithdraw,
  planWithdrawReturn,
  replayCommissions,
  ZERO_TOTALS,
  type CommissionDeltas,
  type CommissionTotals,
} from '../../cloudfunctions/_core/distribution/commission-ledger.rules';

describe('commission ledger rules', () => {
  it('a settled commission becomes withdrawable; a clawback takes it back in full even below zero', () => {
    let t = applyDeltas(ZERO_TOTALS, planAccrue(1000));
    expect(t).toEqual({ pending: 1000, settled: 0, withdrawn: 0, clawedBack: 0 });
    t = applyDeltas(t, planSettle(1000));
    const withdrawal = planWithdraw(t, 800);
    if (!withdrawal.ok) throw new Error('a withdrawal within the balance is allowed');
    t = applyDeltas(t, withdrawal.deltas);
    expect(balanceOf(t)).toBe(200);
    t = applyDeltas(t, planClawback(1000));
    expect(balanceOf(t)).toBe(-800);
    expect(planWithdraw(t, 1)).toEqual({ ok: false, balance: -800 });
    t = applyDeltas(applyDeltas(t, planAccrue(900)), planSettle(900));
    expect(balanceOf(t)).toBe(100);
  });

  it('never withdraws more than the balance, and refuses fractions and zero', () => {
    const t: CommissionTotals = { pending: 0, settled: 500, withdrawn: 0, clawedBack: 0 };
    expect(planWithdraw(t, 501)).toEqual({ ok: false, balance: 500 });
    expect(planWithdraw(t, 500)).toEqual({ ok: true, deltas: { pending: 0, settled: 0, withdrawn: 500, clawedBack: 0 } });
    expect(() => planWithdraw(t, 0)).toThrow(RangeError);
    expect(() => planAccrue(10.5)).toThrow(RangeError);
    expect(() => applyDeltas(ZERO_TOTALS, planVoid(1))).toThrow(/pending cannot become -1/);
    expect(() => applyDeltas(ZERO_TOTALS, planWithdrawReturn(1))).toThrow(/withdrawn cannot become -1/);
  });

  /**
   * Any sequence of ledger operations, each planned against the current totals as the services do: the balance
   * is settled - withdrawn - clawed back, computed independently from what happened to each commission and
   * withdrawal; no withdrawal ever takes the balance below zero; the replay of the entries gives the totals.
   */
  it('property: balance == settled - withdrawn - clawed back, and withdrawals never go below zero', () => {
    type Op =
      | { kind: 'order'; fen: number }
      | { kind: 'settle' | 'refund'; pick: number }
      | { kind: 'withdraw'; fen: number }
      | { kind: 'fail'; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('order' as const), fen: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constantFrom('settle' as const, 'refund' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('withdraw' as const), fen: fc.integer({ min: 1, max: 80_000 }) }),
      fc.record({ kind: fc.constant('fail' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        let t = ZERO_TOTALS;
        const entries: CommissionDeltas[] = [];
        const commissions: { fen: number; state: 'pending' | 'settled' | 'voided' | 'clawed_back' }[] = [];
        const withdrawals: { fen: number; returned: boolean }[] = [];
        const post = (d: CommissionDeltas) => {
          t = applyDeltas(t, d);
          entries.push(d);
        };
        for (const o of ops) {
          if (o.kind === 'order') {
            commissions.push({ fen: o.fen, state: 'pending' });
            post(planAccrue(o.fen));
          } else if (o.kind === 'settle' || o.kind === 'refund') {
            const c = commissions[o.pick % Math.max(1, commissions.length)];
            if (!c) continue;
            if (o.kind === 'settle' && c.state === 'pending') {
              post(planSettle(c.fen));
              c.state = 'settled';
            } else if (o.kind === 'refund' && c.state === 'pending') {
              post(planVoid(c.fen));
              c.state = 'voided';
            } else if (o.kind === 'refund' && c.state === 'settled') {
              post(planClawback(c.fen));
              c.state = 'clawed_back';
            }
          } else if (o.kind === 'withdraw') {
            const plan = planWithdraw(t, o.fen);
            if (plan.ok) {
              post(plan.deltas);
              withdrawals.push({ fen: o.fen, returned: false });
              expect(balanceOf(t)).toBeGreaterThanOrEqual(0);
            } else expect(o.fen).toBeGreaterThan(balanceOf(t));
          } else {
            const w = withdrawals[o.pick % Math.max(1, withdrawals.length)];
            if (!w || w.returned) continue;
            post(planWithdrawReturn(w.fen));
            w.returned = true;
          }
          const sum = (xs: { fen: number }[]) => xs.reduce((s, x) => s + x.fen, 0);
          const settled = sum(commissions.filter((c) => c.state === 'settled' || c.state === 'clawed_back'));
          const clawed = sum(commissions.filter((c) => c.state === 'clawed_back'));
          const withdrawn = sum(withdrawals.filter((x) => !x.returned));
          expect(t).toEqual({ pending: sum(commissions.filter((c) => c.state === 'pending')), settled, withdrawn, clawedBack: clawed });
          expect(balanceOf(t)).toBe(settled - withdrawn - clawed);
        }
        expect(replayCommissions(entries)).toEqual(t);
      }),
      { numRuns: 500 },
    );
  });
});
