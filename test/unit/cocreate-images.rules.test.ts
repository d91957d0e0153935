import fc from 'fast-check';
import { allPassed, holdAsOf, HOLD_NOTES, imageVisible, initialHold } from '../../cloudfunctions/_core/cocreate/cocreate-images.rules';
import { pollState } from '../../cloudfunctions/_core/cocreate/poll.rules';
import type { ImageCheck } from '../../cloudfunctions/_core/cocreate/cocreate.record';

const CHECKS: (ImageCheck | undefined)[] = ['pending', 'pass', 'review', 'risky', undefined];
const closesAt = new Date('2026-11-30T00:00:00Z');

describe('pictures of a KOC host', () => {
  it('only a member host with pictures waits; an operator or a poll without pictures is published at once', () => {
    expect(initialHold(true, 1)).toEqual({ state: 'checking', note: HOLD_NOTES.checking });
    expect(initialHold(true, 0)).toBeNull();
    expect(initialHold(false, 3)).toBeNull();
  });

  it('a hold still pending at the closing time reads as not published; a published one stays published', () => {
    const checking = { state: 'checking' as const, note: HOLD_NOTES.checking };
    expect(holdAsOf(checking, 'poll', closesAt, new Date('2026-11-29T23:59:59Z'))).toBe(checking);
    expect(holdAsOf(checking, 'poll', closesAt, closesAt)).toEqual({ state: 'rejected', note: '审核未在截止时间前完成，投票未发布' });
    expect(holdAsOf({ state: 'review', note: HOLD_NOTES.review }, 'panel', closesAt, new Date('2026-12-01T00:00:00Z'))).toEqual({ state: 'rejected', note: '审核未在截止时间前完成，新品测试未发布' });
    const risky = { state: 'rejected' as const, note: HOLD_NOTES.risky('poll') };
    expect(holdAsOf(risky, 'poll', closesAt, new Date('2026-12-01T00:00:00Z'))).toBe(risky); // its own reason stays
    expect(holdAsOf(null, 'poll', closesAt, new Date('2026-12-01T00:00:00Z'))).toBeNull();
  });

  it('others see a picture only once it passed (operators\' have no check); the host always sees theirs', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CHECKS), fc.boolean(), (check, isHost) => {
        expect(imageVisible(check, isHost)).toBe(isHost || check === undefined || check === 'pass');
      }),
    );
  });

  it('published only when every picture passed', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHECKS), { maxLength: 8 }), (checks) => {
        expect(allPassed(checks)).toBe(checks.every((c) => c === undefined || c === 'pass'));
      }),
    );
    expect(allPassed(['pass', 'pending'])).toBe(false);
  });

  it('a held poll is neither open nor ended, whatever the time', () => {
    for (const now of ['2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z']) {
      expect(pollState({ status: 'held', opensAt: new Date('2026-11-01T00:00:00Z'), closesAt }, new Date(now))).toBe('held');
    }
  });
});
