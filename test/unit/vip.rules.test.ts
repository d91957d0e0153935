import fc from 'fast-check';
import { extendVip, isVip, lastVipDay, vipStatus } from '../../cloudfunctions/_core/vip/vip.rules';

// Beijing midnight of 2026-11-24 is 2026-11-23T16:00:00Z.
const BEFORE_MIDNIGHT = new Date('2026-11-23T15:59:59.999Z');
const AT_MIDNIGHT = new Date('2026-11-23T16:00:00.000Z');

describe('vip rules (Beijing days)', () => {
  it('a first purchase covers the rest of today plus `days` days, ending at a Beijing midnight', () => {
    expect(extendVip(null, new Date('2026-11-23T02:00:00Z'), 30)).toEqual({
      untilDay: '2026-12-23',
      vipUntil: new Date('2026-12-23T16:00:00Z'), // 2026-12-24 00:00 in Beijing
    });
  });

  it('counts from the Beijing day, not the UTC day, across midnight', () => {
    expect(extendVip(null, BEFORE_MIDNIGHT, 1).untilDay).toBe('2026-11-24');
    expect(extendVip(null, AT_MIDNIGHT, 1).untilDay).toBe('2026-11-25');
    // 08:00 Beijing is still the previous UTC day
    expect(extendVip(null, new Date('2026-11-30T00:00:00Z'), 1).untilDay).toBe('2026-12-01');
  });

  it('a renewal extends from the current last day, never shortens', () => {
    const first = extendVip(null, new Date('2026-11-23T02:00:00Z'), 30);
    const renewed = extendVip(first.vipUntil, new Date('2026-11-25T02:00:00Z'), 30);
    expect(renewed.untilDay).toBe('2027-01-22');
    expect(renewed.vipUntil.getTime()).toBeGreaterThan(first.vipUntil.getTime());
  });

  it('a renewal on the last valid day, just before midnight, still extends from that day', () => {
    const card = extendVip(null, new Date('2026-11-01T02:00:00Z'), 22); // last day 2026-11-23
    expect(card.untilDay).toBe('2026-11-23');
    expect(isVip({ vipUntil: card.vipUntil }, BEFORE_MIDNIGHT)).toBe(true);
    expect(extendVip(card.vipUntil, BEFORE_MIDNIGHT, 10).untilDay).toBe('2026-12-03');
    // one millisecond later the card has ended: a renewal counts from the new day
    expect(isVip({ vipUntil: card.vipUntil }, AT_MIDNIGHT)).toBe(false);
    expect(extendVip(card.vipUntil, AT_MIDNIGHT, 10).untilDay).toBe('2026-12-04');
  });

  it('an expired card counts from today', () => {
    const old = extendVip(null, new Date('2025-01-01T02:00:00Z'), 30);
    expect(extendVip(old.vipUntil, new Date('2026-11-23T02:00:00Z'), 30).untilDay).toBe('2026-12-23');
  });

  it('isVip and vipStatus', () => {
    expect(isVip({ vipUntil: null }, AT_MIDNIGHT)).toBe(false);
    expect(isVip({}, AT_MIDNIGHT)).toBe(false);
    expect(vipStatus({ vipUntil: null }, AT_MIDNIGHT)).toEqual({ active: false, until: null });
    expect(vipStatus({ vipUntil: AT_MIDNIGHT }, BEFORE_MIDNIGHT)).toEqual({ active: true, until: '2026-11-23' });
    expect(vipStatus({ vipUntil: AT_MIDNIGHT }, AT_MIDNIGHT)).toEqual({ active: false, until: '2026-11-23' });
    expect(lastVipDay(AT_MIDNIGHT)).toBe('2026-11-23');
  });

  it('refuses a non-positive or fractional number of days', () => {
    expect(() => extendVip(null, AT_MIDNIGHT, 0)).toThrow(RangeError);
    expect(() => extendVip(null, AT_MIDNIGHT, 1.5)).toThrow(RangeError);
  });

  it('always ends at a Beijing midnight, later than both now and the current end, by at least `days` days', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instant, fc.option(instant, { nil: null }), fc.integer({ min: 1, max: 3660 }), (now, current, days) => {
        const currentEnd = current && extendVip(null, current, 1).vipUntil; // a real end: a Beijing midnight
        const { vipUntil, untilDay } = extendVip(currentEnd, now, days);
        const beijing = new Date(vipUntil.getTime() + 8 * 3600_000);
        expect(beijing.getUTCHours() * 3600_000 + beijing.getUTCMinutes() * 60_000 + beijing.getUTCSeconds() * 1000 + beijing.getUTCMilliseconds()).toBe(0);
        expect(lastVipDay(vipUntil)).toBe(untilDay);
        const base = Math.max(now.getTime(), currentEnd?.getTime() ?? 0);
        expect(vipUntil.getTime() - base).toBeGreaterThanOrEqual(days * 86_400_000);
        expect(vipUntil.getTime() - base).toBeLessThanOrEqual((days + 1) * 86_400_000);
        expect(isVip({ vipUntil }, now)).toBe(true);
      }),
    );
  });
});
