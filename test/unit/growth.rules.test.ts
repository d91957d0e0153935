import fc from 'fast-check';
import { DEFAULT_TIERS } from '../../cloudfunctions/_core/config/defaults';
import { addGrowth, rollingGrowth, tierAfterEarning, tierAfterReview, windowMonths } from '../../cloudfunctions/_core/tier/growth.rules';
import { tierForGrowth } from '../../cloudfunctions/_core/tier/tier.rules';

const tiers = DEFAULT_TIERS.tiers; // silver 0, gold 1000, black 5000
const rank = (code: string) => tiers.findIndex((t) => t.code === code);

describe('windowMonths', () => {
  it('lists the window ending with the month, oldest first, across a year boundary', () => {
    expect(windowMonths('2027-02', 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(windowMonths('2026-12', 1)).toEqual(['2026-12']);
    expect(windowMonths('2027-01', 12)[0]).toBe('2026-02');
  });
});

describe('rollingGrowth', () => {
  const byMonth = { '2025-11': 500, '2025-12': 300, '2026-10': 200, '2026-11': 100 };

  it('sums the months inside the window only', () => {
    expect(rollingGrowth(byMonth, '2026-10', 12)).toBe(1000); // 2025-11 .. 2026-10
    expect(rollingGrowth(byMonth, '2026-11', 12)).toBe(600); // 2025-11 has left
    expect(rollingGrowth(byMonth, '2026-12', 12)).toBe(300); // and 2025-12
    expect(rollingGrowth(byMonth, '2027-11', 12)).toBe(0);
    expect(rollingGrowth({}, '2026-11', 12)).toBe(0);
  });
});

describe('addGrowth', () => {
  it('adds to the month and drops months that left the window', () => {
    expect(addGrowth({ '2025-10': 50, '2026-11': 10 }, '2026-11', 5, '2026-11', 12)).toEqual({ '2026-11': 15 });
  });

  it('takes refunded growth back from its month, never below zero', () => {
    expect(addGrowth({ '2026-10': 100 }, '2026-10', -150, '2026-11', 12)).toEqual({ '2026-10': 0 });
  });

  it('ignores a refund for a month already outside the window', () => {
    expect(addGrowth({ '2026-11': 10 }, '2025-01', -100, '2026-11', 12)).toEqual({ '2026-11': 10 });
  });
});

describe('tierAfterEarning', () => {
  it('upgrades at once when the threshold is reached, never lowers', () => {
    expect(tierAfterEarning(tiers, 'silver', 999).code).toBe('silver');
    expect(tierAfterEarning(tiers, 'silver', 1000).code).toBe('gold');
    expect(tierAfterEarning(tiers, 'black', 0).code).toBe('black');
  });
});

describe('tierAfterReview (hysteresis)', () => {
  it('keeps gold at 90% of its threshold and drops it at 89%', () => {
    expect(tierAfterReview(tiers, 'gold', 900, 90).code).toBe('gold');
    expect(tierAfterReview(tiers, 'gold', 899, 90).code).toBe('silver');
    expect(tierAfterReview(tiers, 'gold', 890, 90).code).toBe('silver');
  });

  it('drops to the tier the growth reaches, not necessarily the lowest', () => {
    expect(tierAfterReview(tiers, 'black', 4500, 90).code).toBe('black');
    expect(tierAfterReview(tiers, 'black', 4499, 90).code).toBe('gold');
    expect(tierAfterReview(tiers, 'black', 999, 90).code).toBe('silver');
  });

  it('without hysteresis (100%) keeps exactly at the threshold', () => {
    expect(tierAfterReview(tiers, 'gold', 1000, 100).code).toBe('gold');
    expect(tierAfterReview(tiers, 'gold', 999, 100).code).toBe('silver');
  });

  it('still upgrades when growth reached a higher tier', () => {
    expect(tierAfterReview(tiers, 'gold', 5000, 90).code).toBe('black');
  });

  it('never gives less than the growth reaches, nor more than earning would', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tiers.map((t) => t.code)), fc.nat(20_000), fc.integer({ min: 50, max: 100 }), (code, growth, keep) => {
        const reviewed = rank(tierAfterReview(tiers, code, growth, keep).code);
        return reviewed >= rank(tierForGrowth(tiers, growth).code) && reviewed <= rank(tierAfterEarning(tiers, code, growth).code);
      }),
    );
  });

  it('does not flip: a member kept at review stays kept for any growth between keep and threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 900, max: 999 }), (growth) => tierAfterReview(tiers, 'gold', growth, 90).code === 'gold'),
    );
  });
});
