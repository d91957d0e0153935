import fc from 'fast-check';
import { publicIdOf } from '../../cloudfunctions/_core/community/community-members.service';
import { attendanceOpen, inviteScene, judgeEventTimes, parseInviteScene, phaseOf, SCENE_MAX } from '../../cloudfunctions/_core/koc/koc.rules';

const SCENE_ALPHABET = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const H = 3_600_000;

describe('invitation scene', () => {
  it('fits wxacode.getUnlimited (≤ 32 characters of its alphabet) for any openid, and parses back', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (openid) => {
        const id = publicIdOf(openid);
        const scene = inviteScene(id);
        expect(scene.length).toBeLessThanOrEqual(SCENE_MAX);
        expect(scene).toMatch(SCENE_ALPHABET);
        expect(parseInviteScene(scene)).toBe(id);
        expect(parseInviteScene(encodeURIComponent(scene))).toBe(id);
      }),
    );
  });
  it('refuses scenes that are not invitations', () => {
    for (const s of ['', 'i=', 'x=uAAAAAAAAAAAAAAAA', 'i=../../etc', '%E0%A4%A', 'i=uAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) expect(parseInviteScene(s)).toBeNull();
  });
});

describe('event times and phases', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  const at = (h: number) => new Date(now.getTime() + h * H);
  it('needs a day of lead time, an end after the start and at most 12 hours', () => {
    expect(judgeEventTimes(at(25), at(27), now)).toEqual({ ok: true });
    expect(judgeEventTimes(at(5), at(7), now)).toMatchObject({ ok: false, field: 'startsAt' });
    expect(judgeEventTimes(at(24 * 91), at(24 * 91 + 1), now)).toMatchObject({ ok: false, field: 'startsAt' });
    expect(judgeEventTimes(at(30), at(30), now)).toMatchObject({ ok: false, field: 'endsAt' });
    expect(judgeEventTimes(at(30), at(43), now)).toMatchObject({ ok: false, field: 'endsAt' });
  });
  it('sign-up closes at the start; attendance runs from 3 hours before to 3 hours after', () => {
    const e = { status: 'approved' as const, startsAt: at(48), endsAt: at(50), capacity: 2, signedUp: 1 };
    expect(phaseOf(e, now)).toBe('open');
    expect(phaseOf({ ...e, signedUp: 2 }, now)).toBe('full');
    expect(phaseOf(e, at(48))).toBe('started');
    expect(phaseOf(e, at(50))).toBe('ended');
    expect(phaseOf({ ...e, status: 'proposed' }, now)).toBe('proposed');
    expect(attendanceOpen(e, at(44.9))).toBe(false);
    expect(attendanceOpen(e, at(45))).toBe(true);
    expect(attendanceOpen(e, at(53))).toBe(true);
    expect(attendanceOpen(e, at(53.1))).toBe(false);
    expect(attendanceOpen({ ...e, status: 'rejected' }, at(49))).toBe(false);
  });
});
