import fc from 'fast-check';
import { benefitFor, birthdayMultiplier, birthdaysInPeriod, occurrenceIn, periodStart, windowAround, windowContaining } from '../../cloudfunctions/_core/birthday/birthday.rules';
import { addDays } from '../../cloudfunctions/_core/shared/business-time.rules';

describe('birthday windows', () => {
  it('29 February falls on 28 February in years without one', () => {
    expect(occurrenceIn(2027, { month: 2, day: 29 })).toBe('2027-02-28');
    expect(occurrenceIn(2028, { month: 2, day: 29 })).toBe('2028-02-29');
    expect(occurrenceIn(2100, { month: 2, day: 29 })).toBe('2100-02-28'); // not a leap year
    expect(occurrenceIn(2000, { month: 2, day: 29 })).toBe('2000-02-29');
    expect(birthdaysInPeriod('2027-02-28', 'day')).toEqual([
      { month: 2, day: 28, year: 2027 },
      { month: 2, day: 29, year: 2027 },
    ]);
    expect(birthdaysInPeriod('2028-02-28', 'day')).toEqual([{ month: 2, day: 28, year: 2028 }]);
  });

  it('day, week (Monday to Sunday) and month windows; a week can cross the new year', () => {
    expect(windowAround('2026-11-25', 'day')).toEqual({ start: '2026-11-25', end: '2026-11-25' });
    expect(windowAround('2026-11-25', 'week')).toEqual({ start: '2026-11-23', end: '2026-11-29' });
    expect(windowAround('2026-11-29', 'week')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // a Sunday
    expect(windowAround('2027-02-10', 'month')).toEqual({ start: '2027-02-01', end: '2027-02-28' });
    expect(windowContaining({ month: 1, day: 2 }, '2026-12-29', 'week')).toEqual({ year: 2027, occurrence: '2027-01-02', start: '2026-12-28', end: '2027-01-03' });
    expect(windowContaining({ month: 1, day: 2 }, '2026-12-27', 'week')).toBeNull();
    expect(periodStart('2026-12-31', 'week')).toBe('2026-12-28');
    expect(birthdaysInPeriod('2026-12-28', 'week').map((b) => `${b.year}-${b.month}-${b.day}`)).toEqual([
      '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-1-1', '2027-1-2', '2027-1-3',
    ]);
  });

  it('property: in every window mode, each birthday belongs to exactly one period per year, and that period contains its occurrence', () => {
    const birthday = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) }).filter((b) => b.day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][b.month - 1]);
    fc.assert(
      fc.property(birthday, fc.integer({ min: 2024, max: 2031 }), fc.constantFrom('day' as const, 'week' as const, 'month' as const), (b, year, mode) => {
        const occurrence = occurrenceIn(year, b);
        // Walk every period start that can hold this year's occurrence.
        const starts = new Set<string>();
        for (let d = `${year - 1}-12-20`; d <= `${year + 1}-01-10`; d = addDays(d, 1)) starts.add(periodStart(d, mode));
        const holding = [...starts].filter((s) => birthdaysInPeriod(s, mode).some((x) => x.month === b.month && x.day === b.day && x.year === year));
        expect(holding).toHaveLength(1);
        const w = windowAround(holding[0], mode);
        expect(w.start <= occurrence && occurrence <= w.end).toBe(true);
        expect(windowContaining(b, occurrence, mode)).toMatchObject({ year, occurrence });
      }),
      { numRuns: 400 },
    );
  });

  it('benefits by tier; the multiplier applies only inside the window', () => {
    const cfg = { enabled: true, window: 'month' as const, tiers: [{ tierCode: 'gold', couponTemplateIds: ['B'], bonusPoints: 100, pointsMultiplierPercent: 200 }] };
    expect(benefitFor(cfg.tiers, 'silver')).toEqual({ couponTemplateIds: [], bonusPoints: 0, pointsMultiplierPercent: 100 });
    expect(birthdayMultiplier(cfg, { birthday: { month: 3, day: 9 }, tierCode: 'gold' }, '2026-03-31')).toBe(200);
    expect(birthdayMultiplier(cfg, { birthday: { month: 3, day: 9 }, tierCode: 'gold' }, '2026-04-01')).toBe(100);
    expect(birthdayMultiplier(cfg, { birthday: null, tierCode: 'gold' }, '2026-03-09')).toBe(100);
    expect(birthdayMultiplier({ ...cfg, enabled: false }, { birthday: { month: 3, day: 9 }, tierCode: 'gold' }, '2026-03-09')).toBe(100);
  });
});
