import fc from 'fast-check';
import { DEFAULT_TIERS } from '../../cloudfunctions/_core/config/defaults';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import {
  birthdayChangeAllowed,
  maskName,
  memberNoFromDigits,
  newMemberRecord,
  toMemberCardView,
  toMemberCenterView,
} from '../../cloudfunctions/_core/member/member.rules';
import { Birthday, RegisterInput } from '../../cloudfunctions/_core/member/member.schema';

const now = new Date('2026-11-23T16:30:00Z'); // 00:30 on Nov 24 in Shanghai
const input = RegisterInput.parse({
  consent: { policyVersion: 'v1', accepted: true },
  nickname: '  林小满 ',
  avatarUrl: 'preset:3',
  birthday: { month: 2, day: 29 },
});

describe('member numbers', () => {
  it('are 12 digits and never start with 0', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }), (digits) => {
        const no = memberNoFromDigits(digits);
        return /^[1-9]\d{11}$/.test(no);
      }),
    );
  });
  it('refuse the wrong number of digits', () => {
    expect(() => memberNoFromDigits([1, 2, 3])).toThrow(RangeError);
  });
});

describe('a new member', () => {
  const m = newMemberRecord({ openid: 'o1', memberNo: '812345678901', input, tiers: DEFAULT_TIERS.tiers, now });

  it('starts at the first tier with zero growth, consent recorded with its version and time', () => {
    expect(m).toMatchObject({ _id: 'o1', _openid: 'o1', tierCode: 'silver', growth: 0, nickname: '林小满' });
    expect(m.consent).toEqual({ policyVersion: 'v1', acceptedAt: now });
    expect(m.birthday).toEqual({ month: 2, day: 29 });
    expect(m.phone).toBeNull();
  });

  it('shows the member center with progress and benefits of the tier', () => {
    const view = toMemberCenterView(m, { balance: 42 }, DEFAULT_TIERS.tiers, new Date('2026-11-24T00:00:00Z'));
    expect(view).toMatchObject({
      tier: { code: 'silver', name: '银卡会员' },
      nextTier: { name: '金卡会员', threshold: 1000 },
      growthToNext: 1000,
      progressPercent: 0,
      points: { balance: 42 },
    });
    expect(view.benefits.map((b) => b.code)).toEqual(['points', 'birthday_gift']);
  });

  it('dates the card by the Shanghai business day', () => {
    expect(toMemberCardView(m, DEFAULT_TIERS.tiers, new Date('2026-11-24T00:00:00Z')).since).toBe('2026-11-24');
  });
});

describe('birthday', () => {
  it('can be set once; repeating the same value is not a change', () => {
    expect(birthdayChangeAllowed(null, { month: 5, day: 1 })).toBe(true);
    expect(birthdayChangeAllowed({ month: 5, day: 1 }, { month: 5, day: 1 })).toBe(true);
    expect(birthdayChangeAllowed({ month: 5, day: 1 }, { month: 5, day: 2 })).toBe(false);
  });

  it('rejects days that no year has', () => {
    expect(Birthday.safeParse({ month: 2, day: 30 }).success).toBe(false);
    expect(Birthday.safeParse({ month: 4, day: 31 }).success).toBe(false);
    expect(Birthday.safeParse({ month: 13, day: 1 }).success).toBe(false);
    expect(Birthday.safeParse({ month: 2, day: 29 }).success).toBe(true);
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('林小满')).toBe('林**');
    expect(maskName('A')).toBe('*');
    expect(maskName('😀abc')).toBe('😀***');
  });
});

export type { MemberRecord };
