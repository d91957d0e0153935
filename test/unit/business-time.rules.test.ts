import { addDays, businessDay, businessMonthDay, startOfBusinessDay } from '../../cloudfunctions/_core/shared/business-time.rules';

describe('business time (Asia/Shanghai)', () => {
  it('puts 16:00 UTC on the next Shanghai day', () => {
    expect(businessDay(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(businessDay(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });
  it('starts a business day at 16:00 UTC of the day before', () => {
    expect(startOfBusinessDay('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z');
  });
  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('gives month and day in Shanghai', () => {
    expect(businessMonthDay(new Date('2026-12-31T16:00:00Z'))).toEqual({ month: 1, day: 1 });
  });
});
