import fc from 'fast-check';
import { addDays } from '../../cloudfunctions/_core/shared/business-time.rules';
import { daysBetween, isFinished, judgeJoin, progressOf, rankKey } from '../../cloudfunctions/_core/community/campaign.rules';
import { CampaignConfig } from '../../cloudfunctions/_core/community/community-config.schema';
import { HALF_LIFE_HOURS, hotKey, hotScore, pageOf, timeKey } from '../../cloudfunctions/_core/community/feed.rules';
import { better, contributionOf, previousMonth } from '../../cloudfunctions/_core/community/honours.rules';
import { flagWeight, hourlyLimit, isMuted, standingOf } from '../../cloudfunctions/_core/community/moderation.rules';
import { CommunityConfig } from '../../cloudfunctions/_core/community/community-config.schema';
import { earnedBadges, displayBadge } from '../../cloudfunctions/_core/community/badge.rules';

const H = 3_600_000;
const t0 = new Date('2026-11-23T00:00:00Z');

describe('hot score', () => {
  it('ranks by engagement decayed with age, independent of when it is read', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(500), fc.nat(500), fc.nat(240), (l1, c1, l2, c2, ageHours) => {
        const older = new Date(t0.getTime() - ageHours * H);
        const a = hotScore(l1, c1, older);
        const b = hotScore(l2, c2, t0);
        // Exponential decay: engagement × 2^(−age/halfLife), compared directly.
        const ea = (1 + l1 + 2 * c1) * 2 ** (-ageHours / HALF_LIFE_HOURS);
        const eb = 1 + l2 + 2 * c2;
        if (Math.abs(Math.log2(ea) - Math.log2(eb)) > 1e-5) expect(a > b).toBe(ea > eb);
      }),
    );
  });

  it('doubling engagement is worth one half-life of recency', () => {
    const later = new Date(t0.getTime() + HALF_LIFE_HOURS * H);
    expect(Math.abs(hotScore(1, 0, t0) - hotScore(0, 0, later))).toBeLessThanOrEqual(1);
  });

  it('keys sort as their numbers, ties by id, and pages never repeat or skip', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10), fc.nat(10), fc.nat(1000)), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (rows, size) => {
        const keys = rows.map(([l, c, h], i) => hotKey(hotScore(l, c, new Date(t0.getTime() + h * H)), `p${String(i).padStart(3, '0')}`));
        const sorted = [...keys].sort().reverse();
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let guard = 0; guard < 100; guard++) {
          const rest: string[] = sorted.filter((k) => cursor === null || k < cursor);
          const page: { items: string[]; next: string | null } = pageOf(rest.slice(0, size + 1), size, (k: string) => k);
          seen.push(...page.items);
          cursor = page.next;
          if (!cursor) break;
        }
        expect(seen).toEqual(sorted);
      }),
    );
    expect(timeKey(new Date(5), 'x')).toBe('000000000000005~x');
  });
});

describe('campaign progress', () => {
  const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays('2026-11-01', n));

  it('counts each day once whatever the order, with the current and best streak', () => {
    fc.assert(
      fc.property(fc.array(day, { maxLength: 40 }), (days) => {
        const p = progressOf(days);
        const q = progressOf([...days].reverse().concat(days));
        expect(q).toEqual(p);
        expect(p.count).toBe(new Set(days).size);
        expect(p.bestStreak).toBeGreaterThanOrEqual(p.streak);
        expect(p.bestStreak).toBeLessThanOrEqual(p.count);
      }),
    );
    expect(progressOf(['2026-11-24', '2026-11-23', '2026-11-26'])).toMatchObject({ count: 3, streak: 1, bestStreak: 2 });
  });

  it('finishes by count, or by consecutive days with streak', () => {
    const days = ['2026-11-01', '2026-11-02', '2026-11-04'];
    expect(isFinished({ days: 3, streak: false }, progressOf(days))).toBe(true);
    expect(isFinished({ days: 3, streak: true }, progressOf(days))).toBe(false);
  });

  it('lets members join while the rest of the window can still finish it', () => {
    const c = { ...CampaignConfig.parse({ title: 't', topic: 'ab', days: 7, from: '2026-11-01', to: '2026-11-30', capacity: 1 }), id: 'c' };
    expect(judgeJoin(c, '2026-11-24').ok).toBe(true);
    expect(judgeJoin(c, '2026-11-25').ok).toBe(false);
    expect(daysBetween('2026-11-24', '2026-11-30')).toBe(6);
  });

  it('ranks by days, then likes', () => {
    expect(rankKey(3, 0, 'b') > rankKey(2, 999, 'a')).toBe(true);
    expect(rankKey(3, 5, 'a') > rankKey(3, 4, 'z')).toBe(true);
  });
});

describe('moderation rules', () => {
  const cfg = CommunityConfig.parse({});
  const facts = { isModerator: false, registeredAt: new Date(t0.getTime() - 30 * 24 * H), posts: 0, likesReceived: 0, muted: false };

  it('weighs flags by standing', () => {
    expect(standingOf(cfg.flags, { ...facts, registeredAt: t0 }, t0)).toBe('newcomer');
    expect(standingOf(cfg.flags, facts, t0)).toBe('member');
    expect(standingOf(cfg.flags, { ...facts, posts: 10, likesReceived: 50 }, t0)).toBe('trusted');
    expect(flagWeight(cfg.flags, { ...facts, isModerator: true }, t0)).toBeGreaterThanOrEqual(cfg.flags.hideThreshold);
    expect(flagWeight(cfg.flags, { ...facts, muted: true }, t0)).toBe(0);
  });

  it('is stricter in the first 24 hours', () => {
    expect(hourlyLimit(cfg.rateLimits, 'post', t0, new Date(t0.getTime() + 23 * H))).toBe(2);
    expect(hourlyLimit(cfg.rateLimits, 'post', t0, new Date(t0.getTime() + 25 * H))).toBe(6);
  });

  it('mutes until a time, suspends until lifted', () => {
    expect(isMuted({ mutedUntil: new Date(t0.getTime() + H), suspended: false }, t0)).toBe(true);
    expect(isMuted({ mutedUntil: new Date(t0.getTime() - H), suspended: false }, t0)).toBe(false);
    expect(isMuted({ mutedUntil: null, suspended: true }, t0)).toBe(true);
  });
});

describe('honours and badges', () => {
  it('measures a month by posts and what others gave them', () => {
    expect(contributionOf({ likesFromOthers: 3, commentsFromOthers: 2, sharesFromOthers: 1 })).toBe(7);
    expect(previousMonth('2027-01-01')).toBe('2026-12');
    expect(previousMonth('2026-12-02')).toBe('2026-11');
    expect(better({ openid: 'a', score: 5 }, { openid: 'b', score: 5 })).toBe(true);
    expect(better({ openid: 'c', score: 5 }, { openid: 'b', score: 5 })).toBe(false);
  });

  it('awards counter badges not held yet, and shows the latest one', () => {
    const catalogue = [
      { code: 'first', name: '初次', description: '', color: '#000000', active: true, sort: 0, rule: { kind: 'first_post' as const } },
      { code: 'likes', name: '百赞', description: '', color: '#000000', active: true, sort: 0, rule: { kind: 'likes_received' as const, count: 100 } },
    ];
    expect(earnedBadges(catalogue, { posts: 1, likesReceived: 100, held: new Set(['first']) }).map((b) => b.code)).toEqual(['likes']);
    expect(displayBadge([{ code: 'a', awardedAt: new Date(1) }, { code: 'b', awardedAt: new Date(2) }])?.code).toBe('b');
  });
});
