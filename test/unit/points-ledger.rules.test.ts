import fc from 'fast-check';
import {
  EMPTY_STATE,
  applyEffects,
  balanceOf,
  deltasOf,
  nextDueDay,
  nextExpiry,
  pendingOf,
  planEarn,
  planExpire,
  planRelease,
  planReverse,
  planSpend,
  replay,
  type Effects,
  type LedgerState,
} from '../../cloudfunctions/_core/points/points-ledger.rules';

const earn = (s: LedgerState, amount: number, expiresOn: string | null, availableOn?: string, sourceId?: string) =>
  applyEffects(s, planEarn(s, { amount, expiresOn, availableOn, sourceId }));

describe('points ledger rules', () => {
  it('spends the soonest-expiring points first, never-expiring last', () => {
    let s = earn(EMPTY_STATE, 100, null);
    s = earn(s, 50, '2027-12-31');
    s = earn(s, 30, '2026-12-31');
    const plan = planSpend(s, 60);
    expect(plan).toEqual({ ok: true, effects: { add: [], take: [{ key: 'a:2026-12-31', amount: 30 }, { key: 'a:2027-12-31', amount: 30 }], owedDelta: 0 } });
    s = applyEffects(s, (plan as { effects: Effects }).effects);
    expect(balanceOf(s)).toBe(120);
    expect(nextExpiry(s)).toEqual({ points: 20, on: '2027-12-31' });
  });

  it('refuses to spend more than the spendable balance; pending points do not count', () => {
    const s = earn(earn(EMPTY_STATE, 10, null), 500, null, '2026-12-01', 'order-1');
    expect(balanceOf(s)).toBe(10);
    expect(pendingOf(s)).toBe(500);
    expect(planSpend(s, 11)).toEqual({ ok: false, balance: 10 });
  });

  it('groups active points by expiry day, so the lot list stays bounded', () => {
    let s = EMPTY_STATE;
    for (let i = 0; i < 365; i++) s = earn(s, 5, '2027-12-31');
    expect(s.lots).toEqual([{ key: 'a:2027-12-31', amount: 1825, expiresOn: '2027-12-31', availableOn: null }]);
  });

  it('releases pending points on their day and expires lots the day after their last day', () => {
    let s = earn(EMPTY_STATE, 80, '2027-12-31', '2026-11-30', 'o1');
    expect(planRelease(s, '2026-11-29').take).toEqual([]);
    s = applyEffects(s, planRelease(s, '2026-11-30'));
    expect(balanceOf(s)).toBe(80);
    expect(planExpire(s, '2027-12-31').take).toEqual([]);
    s = applyEffects(s, planExpire(s, '2028-01-01'));
    expect(balanceOf(s)).toBe(0);
  });

  it('a refund cancels a still-pending lot', () => {
    const s = earn(earn(EMPTY_STATE, 10, null), 200, null, '2026-12-01', 'o2');
    const fx = planReverse(s, { sourceId: 'o2', amount: 200 });
    expect(deltasOf(s, fx)).toEqual({ delta: 0, pendingDelta: -200 });
    expect(applyEffects(s, fx).owed).toBe(0);
  });

  it('a refund of spent points leaves them owed, repaid first from later earnings', () => {
    let s = earn(EMPTY_STATE, 100, null); // released purchase points
    s = applyEffects(s, (planSpend(s, 70) as { effects: Effects }).effects);
    s = applyEffects(s, planReverse(s, { sourceId: 'o3', amount: 100 }));
    expect({ balance: balanceOf(s), owed: s.owed }).toEqual({ balance: 0, owed: 70 });
    s = earn(s, 50, null);
    expect({ balance: balanceOf(s), owed: s.owed }).toEqual({ balance: 0, owed: 20 });
    s = earn(s, 50, null);
    expect({ balance: balanceOf(s), owed: s.owed }).toEqual({ balance: 30, owed: 0 });
  });

  it('released pending points repay owed points first', () => {
    let s: LedgerState = { lots: [], owed: 40 };
    s = earn(s, 100, null, '2026-12-01', 'o4');
    s = applyEffects(s, planRelease(s, '2026-12-01'));
    expect({ balance: balanceOf(s), owed: s.owed }).toEqual({ balance: 60, owed: 0 });
  });

  it('schedules the job for the first release or the day after the first expiry', () => {
    const s = earn(earn(EMPTY_STATE, 5, '2027-12-31'), 9, null, '2026-12-05', 'o5');
    expect(nextDueDay(s)).toBe('2026-12-05');
    expect(nextDueDay(earn(EMPTY_STATE, 5, '2027-12-31'))).toBe('2028-01-01');
    expect(nextDueDay(earn(EMPTY_STATE, 5, null))).toBeNull();
  });

  it('refuses fractional or negative points', () => {
    expect(() => planEarn(EMPTY_STATE, { amount: 1.5, expiresOn: null })).toThrow(RangeError);
    expect(() => planSpend(EMPTY_STATE, -1)).toThrow(RangeError);
  });

  it('rejects effects that do not fit the state', () => {
    expect(() => applyEffects(EMPTY_STATE, { add: [], take: [{ key: 'a:never', amount: 1 }], owedDelta: 0 })).toThrow();
  });
});

/** Any sequence of earn, spend, expire, release and reverse keeps the books straight. */
describe('ledger invariants (property)', () => {
  const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
  const op = fc.oneof(
    fc.record({ t: fc.constant('earn' as const), amount: fc.integer({ min: 0, max: 500 }), life: fc.option(fc.integer({ min: 0, max: 60 })), pendingFor: fc.option(fc.integer({ min: 1, max: 10 })), order: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ t: fc.constant('spend' as const), amount: fc.integer({ min: 0, max: 800 }) }),
    fc.record({ t: fc.constant('reverse' as const), amount: fc.integer({ min: 0, max: 500 }), order: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ t: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 20 }) }),
  );

  it('balance == sum of active lots, never below zero; owed >= 0; a replay of the effects rebuilds the state', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let s = EMPTY_STATE;
        let today = 0;
        const log: Effects[] = [];
        const usedOrders = new Set<number>();
        const apply = (fx: Effects) => {
          const before = balanceOf(s);
          const { delta } = deltasOf(s, fx);
          s = applyEffects(s, fx);
          log.push(fx);
          expect(balanceOf(s)).toBe(before + delta);
        };
        for (const o of ops) {
          apply(planRelease(s, day(today)));
          apply(planExpire(s, day(today)));
          if (o.t === 'earn') {
            const pending = o.pendingFor !== null && !usedOrders.has(o.order);
            if (pending) usedOrders.add(o.order);
            apply(
              planEarn(s, {
                amount: o.amount,
                expiresOn: o.life === null ? null : day(today + o.life),
                availableOn: pending ? day(today + o.pendingFor!) : null,
                sourceId: `o${o.order}`,
              }),
            );
          } else if (o.t === 'spend') {
            const plan = planSpend(s, o.amount);
            if (plan.ok) apply(plan.effects);
            else expect(o.amount).toBeGreaterThan(balanceOf(s));
          } else if (o.t === 'reverse') {
            apply(planReverse(s, { sourceId: `o${o.order}`, amount: o.amount }));
          } else {
            today += o.days;
          }
          const active = s.lots.filter((l) => l.availableOn === null).reduce((a, l) => a + l.amount, 0);
          expect(balanceOf(s)).toBe(active);
          expect(balanceOf(s)).toBeGreaterThanOrEqual(0);
          expect(s.owed).toBeGreaterThanOrEqual(0);
          expect(s.lots.every((l) => Number.isInteger(l.amount) && l.amount > 0)).toBe(true);
        }
        expect(replay(log)).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the expiry notice (nextExpiry)', () => {
  it('counts only spendable points, and with a horizon only those expiring by then', () => {
    let s = applyEffects(EMPTY_STATE, planEarn(EMPTY_STATE, { amount: 40, expiresOn: '2027-06-30' }));
    s = applyEffects(s, planEarn(s, { amount: 500, expiresOn: '2027-01-31', availableOn: '2026-12-01', sourceId: 'o9' }));
    expect(nextExpiry(s)).toEqual({ points: 40, on: '2027-06-30' });
    expect(nextExpiry(s, '2027-06-29')).toBeNull();
    expect(nextExpiry(s, '2027-06-30')).toEqual({ points: 40, on: '2027-06-30' });
  });
});
