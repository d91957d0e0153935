import fc from 'fast-check';
import { DEFAULT_TIERS } from '../../cloudfunctions/_core/config/defaults';
import { TierConfig } from '../../cloudfunctions/_core/tier/tier-config.schema';
import { standingOf, tierForGrowth } from '../../cloudfunctions/_core/tier/tier.rules';

const tiers = DEFAULT_TIERS.tiers;

describe('tierForGrowth', () => {
  it('gives the highest tier whose threshold is reached, with exact boundaries', () => {
    expect(tierForGrowth(tiers, 0).code).toBe('silver');
    expect(tierForGrowth(tiers, 999).code).toBe('silver');
    expect(tierForGrowth(tiers, 1000).code).toBe('gold');
    expect(tierForGrowth(tiers, 4999).code).toBe('gold');
    expect(tierForGrowth(tiers, 5000).code).toBe('black');
    expect(tierForGrowth(tiers, 10 ** 9).code).toBe('black');
  });

  it('is monotonic: more growth never gives a lower tier', () => {
    const rank = (g: number) => tiers.findIndex((t) => t.code === tierForGrowth(tiers, g).code);
    fc.assert(fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => (a <= b ? rank(a) <= rank(b) : rank(a) >= rank(b))));
  });
});

describe('standingOf', () => {
  it('reports growth to the next tier and integer progress within the band', () => {
    const s = standingOf(tiers, 'gold', 1800);
    expect(s.current.code).toBe('gold');
    expect(s.next?.code).toBe('black');
    expect(s.growthToNext).toBe(3200);
    expect(s.progressPercent).toBe(20); // 800 of 4000
  });

  it('says the top tier is complete', () => {
    const top = standingOf(tiers, 'black', 9000);
    expect(top).toMatchObject({ growthToNext: 0, progressPercent: 100 });
    expect(top.next).toBeUndefined();
  });

  it('keeps progress within 0..100 for any growth and tier', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tiers.map((t) => t.code)), fc.integer({ min: 0, max: 50_000 }), (code, growth) => {
        const s = standingOf(tiers, code, growth);
        return Number.isInteger(s.progressPercent) && s.progressPercent >= 0 && s.progressPercent <= 100 && s.growthToNext >= 0;
      }),
    );
  });
});

describe('TierConfig validation', () => {
  it('accepts the default tiers', () => {
    expect(TierConfig.safeParse(DEFAULT_TIERS).success).toBe(true);
  });

  it('explains unordered thresholds, duplicate codes and a non-zero first tier in Chinese', () => {
    const broken = {
      tiers: [
        { ...tiers[0], threshold: 10 },
        { ...tiers[1], code: 'silver', threshold: 5 },
      ],
    };
    const r = TierConfig.safeParse(broken);
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        'tiers.0.threshold 第一个等级的成长值门槛必须是 0',
        'tiers.1.threshold 等级门槛必须按从低到高严格递增',
        'tiers.1.code 等级代码 silver 重复',
      ]),
    );
  });

  it('rejects a fractional multiplier: points stay integers', () => {
    const r = TierConfig.safeParse({ tiers: [{ ...tiers[0], pointsMultiplierPercent: 120.5 }] });
    expect(r.success).toBe(false);
  });
});
