import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  CLERK_FAILURES_PER_HOUR,
  MEMBER_FAILURES_PER_WINDOW,
  MEMBER_WINDOW_MINUTES,
  PIN_ACCEPTED_STEPS,
  acceptedSteps,
  attemptKeys,
  pinExpiry,
  pinMessage,
  secondsToNextStep,
  stepOf,
  truncateToPin,
} from '../../cloudfunctions/_core/shared/one-time-pin.rules';

describe('one-time digit codes', () => {
  it('truncates like RFC 4226 (its HMAC-SHA1 test vectors for counters 0-9)', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((pin, counter) => {
      const msg = Buffer.alloc(8);
      msg.writeBigUInt64BE(BigInt(counter));
      expect(truncateToPin(createHmac('sha1', '12345678901234567890').update(msg).digest())).toBe(pin);
    });
  });

  it('always six digits, leading zeros kept', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (d) => /^\d{6}$/.test(truncateToPin(d))));
  });

  it('a code is accepted in its own step and the next one: 30 to 60 seconds', () => {
    const now = new Date('2026-11-23T02:00:10Z');
    const s = stepOf(now);
    expect(acceptedSteps(now)).toEqual([s, s - 1]);
    expect(pinExpiry(s).getTime() - now.getTime()).toBe(50_000);
    expect(secondsToNextStep(now)).toBe(20);
    expect(PIN_ACCEPTED_STEPS).toBe(2);
  });

  it('the purpose is part of what is signed: a coupon code never opens a member visit', () => {
    expect(pinMessage('member', '802345678901', 1)).not.toBe(pinMessage('coupon', '802345678901', 1));
  });

  it('the brute-force bound documented in README holds for the limits', () => {
    const perMemberPerDay = MEMBER_FAILURES_PER_WINDOW * ((24 * 60) / MEMBER_WINDOW_MINUTES);
    expect(perMemberPerDay).toBe(720);
    expect((perMemberPerDay * PIN_ACCEPTED_STEPS) / 1e6).toBeLessThanOrEqual(0.0015);
    expect((CLERK_FAILURES_PER_HOUR * 24 * PIN_ACCEPTED_STEPS) / 1e6).toBeLessThanOrEqual(0.001);
  });

  it('attempt windows: 10 minutes per member number, an hour per clerk', () => {
    const k = attemptKeys('802345678901', 'o-clerk', new Date('2026-11-23T02:05:00Z'));
    expect(k.member.startsWith('m:802345678901:')).toBe(true);
    expect(k.memberExpires.toISOString()).toBe('2026-11-23T02:10:00.000Z');
    expect(k.clerkExpires.toISOString()).toBe('2026-11-23T03:00:00.000Z');
  });
});
