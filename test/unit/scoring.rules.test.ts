import fc from 'fast-check';
import { applyDelta, dayIndex, EMPTY_ACTIVITY, incrementsFor, staleKeys, windowTotals, type ActivityState } from '../../cloudfunctions/_core/scoring/activity.rules';
import { changesOf, type ScoringEvent } from '../../cloudfunctions/_core/scoring/activity-events.rules';
import {
  addToHistogram,
  decideLayers,
  decideSuper,
  distributionOf,
  enterThreshold,
  membersAbove,
  percentBelow,
  toHistogram,
  type Distribution,
} from '../../cloudfunctions/_core/scoring/ranking.rules';
import { DEFAULT_SCORING, ScoringConfig } from '../../cloudfunctions/_core/scoring/scoring-config.schema';
import { explain, scoreMember } from '../../cloudfunctions/_core/scoring/scoring.rules';
import { addDays } from '../../cloudfunctions/_core/shared/business-time.rules';
import { act, applyEvents, emptyWorld, recomputeFromRaw, type WorldOp } from '../support/scoring-world';

const TODAY = '2026-06-30';
const cfg = DEFAULT_SCORING;
const OLD = new Date('2020-01-01T00:00:00Z');
const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

const day = fc.integer({ min: 0, max: 120 }).map((n) => addDays(TODAY, -n));
const bucket = fc.record(
  { pu: fc.nat(5), sp: fc.nat(100_000), cg: fc.nat(9), cr: fc.nat(9), lr: fc.nat(30), fr: fc.nat(9), cd: fc.nat(2), po: fc.nat(3), vo: fc.nat(3) },
  { requiredKeys: [] },
);
const state = fc.dictionary(day, bucket, { maxKeys: 20 }).map((days): ActivityState => ({ days, months: {}, lastActiveDay: null }));
const config = fc
  .record({
    windowDays: fc.integer({ min: 7, max: 365 }),
    purchase: fc.record({ perPurchase: fc.nat(50) }),
    interaction: fc.record({ commentGiven: fc.nat(9), commentReceived: fc.nat(9), likeReceived: fc.nat(9), campaignDay: fc.nat(9), voteCast: fc.nat(9), eventAttended: fc.nat(9) }),
    content: fc.record({ post: fc.nat(9), likeReceived: fc.nat(9), favouriteReceived: fc.nat(9) }),
    blend: fc.record({ purchase: fc.nat(100), interaction: fc.nat(100), content: fc.nat(100) }),
  })
  .map((c) => ScoringConfig.parse(c));

describe('activity buckets', () => {
  it('the database increments and the in-memory delta agree', () => {
    expect(incrementsFor('2026-06-30', { pu: 1, sp: 2500 })).toEqual({ 'days.2026-06-30.pu': 1, 'days.2026-06-30.sp': 2500, 'months.2026-06': 2500 });
    expect(incrementsFor('2026-06-30', { sp: -100 }, { dayKept: false })).toEqual({ 'months.2026-06': -100 });
    const s = applyDelta(EMPTY_ACTIVITY, '2026-06-30', { pu: 1, sp: 2500 });
    expect(s).toMatchObject({ days: { '2026-06-30': { pu: 1, sp: 2500, cg: 0 } }, months: { '2026-06': 2500 }, lastActiveDay: '2026-06-30' });
  });

  it('only days inside the window count, and a take-back below zero counts as zero', () => {
    const days = { [TODAY]: { pu: 1 }, [addDays(TODAY, -89)]: { pu: 1 }, [addDays(TODAY, -90)]: { pu: 5 }, [addDays(TODAY, 1)]: { pu: 7 }, [addDays(TODAY, -3)]: { lr: -2, po: 1 } };
    const t = windowTotals(days, TODAY, 90);
    expect(t.purchases).toBe(2);
    expect(t.recentPurchases).toBe(90 + 1);
    expect(t.likesReceived).toBe(0);
    expect(t.posts).toBe(1);
  });

  it('prunes days only once the oldest is a month past the window, and months older than 18', () => {
    const s: ActivityState = { days: { [addDays(TODAY, -100)]: { pu: 1 }, [TODAY]: { pu: 1 } }, months: { '2024-12': 5, '2025-01': 5, '2026-06': 1 }, lastActiveDay: TODAY };
    expect(staleKeys(s, TODAY, 90)).toEqual(['months.2024-12']);
    s.days[addDays(TODAY, -120)] = { cg: 1 };
    expect(staleKeys(s, TODAY, 90).sort()).toEqual([`days.${addDays(TODAY, -100)}`, `days.${addDays(TODAY, -120)}`, 'months.2024-12'].sort());
  });
});

describe('scoring properties', () => {
  const postDay = addDays(TODAY, -5);
  type ReactionEvent = Extract<ScoringEvent, { kind: 'like' | 'favourite' }>;
  const like = (by: string, byJoinedAt: Date, postAuthor = 'author'): ReactionEvent => ({ kind: 'like', by, byJoinedAt, at: at(TODAY), postAuthor, postDay, on: true });

  it('adding a like from a third member never lowers anyone’s score', () => {
    fc.assert(
      fc.property(state, state, config, fc.date({ min: new Date('2020-01-01'), max: at(TODAY) }), (author, other, c, joined) => {
        const states = new Map([['author', author], ['other', other]]);
        const before = new Map([...states].map(([k, v]) => [k, scoreMember(v, TODAY, c)]));
        applyEvents(states, [like('third', joined)]);
        for (const [k, s] of states) {
          const a = scoreMember(s, TODAY, c);
          const b = before.get(k)!;
          expect(a.total).toBeGreaterThanOrEqual(b.total);
          for (const key of ['purchase', 'interaction', 'content'] as const) expect(a[key]).toBeGreaterThanOrEqual(b[key]);
        }
      }),
    );
  });

  it('self-likes and likes from accounts younger than 24 hours add nothing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 3600 * 1000 - 1 }), fc.boolean(), (ageMs, favourite) => {
        const young = new Date(at(TODAY).getTime() - ageMs);
        const e = like('newbie', young);
        expect(changesOf(favourite ? { ...e, kind: 'favourite' } : e)).toEqual([]);
        expect(changesOf(like('author', OLD))).toEqual([]);
        expect(changesOf({ ...like('author', OLD), on: false, counted: false })).toEqual([]);
      }),
    );
    expect(changesOf(like('elder', new Date(at(TODAY).getTime() - 24 * 3600 * 1000)))).toHaveLength(1);
  });

  const members = ['a', 'b', 'c', 'd'];
  const joinedAt = new Map(members.map((m, i) => [m, i === 3 ? at(TODAY, 1) : OLD])); // d joined this morning
  const member = fc.constantFrom(...members);
  const postId = fc.constantFrom('p1', 'p2', 'p3');
  const commentId = fc.constantFrom('c1', 'c2', 'c3', 'c4');
  const op: fc.Arbitrary<WorldOp> = fc.oneof(
    fc.record({ kind: fc.constant('publish' as const), postId, author: member, day }),
    fc.record({ kind: fc.constant('hide' as const), postId }),
    fc.record({ kind: fc.constantFrom('like' as const, 'favourite' as const), postId, by: member, at: fc.constant(at(TODAY, 20)), on: fc.boolean() }),
    fc.record({ kind: fc.constant('comment' as const), commentId, postId, by: member, day }),
    fc.record({ kind: fc.constant('hideComment' as const), commentId }),
    fc.record({ kind: fc.constant('purchase' as const), member, day, amountFen: fc.integer({ min: 1, max: 50_000 }) }),
    fc.record({ kind: fc.constant('campaign_day' as const), member, day }),
  );

  it('buckets kept at event time equal a recomputation from the raw documents, whatever the order of events', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const world = emptyWorld(joinedAt);
        const incremental = new Map<string, ActivityState>();
        for (const o of ops) applyEvents(incremental, act(world, o));
        const raw = recomputeFromRaw(world);
        for (const m of members) {
          const inc = windowTotals(incremental.get(m)?.days ?? {}, TODAY, 365);
          expect(inc).toEqual(windowTotals(raw.get(m)?.days ?? {}, TODAY, 365));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('hidden or deleted content never contributes: hiding leaves the scores of a world where it never was', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.array(op, { maxLength: 20 }), (before, around) => {
        const world = emptyWorld(joinedAt);
        const states = new Map<string, ActivityState>();
        for (const o of before) applyEvents(states, act(world, o));
        const baseline = new Map(members.map((m) => [m, scoreMember(states.get(m) ?? EMPTY_ACTIVITY, TODAY, cfg)]));
        // A new post gets reactions and comments from anyone (the ops aimed at p9), then is hidden.
        applyEvents(states, act(world, { kind: 'publish', postId: 'p9', author: 'a', day: addDays(TODAY, -2) }));
        for (const o of around) {
          if (o.kind === 'like' || o.kind === 'favourite') applyEvents(states, act(world, { ...o, postId: 'p9' }));
          if (o.kind === 'comment') applyEvents(states, act(world, { ...o, postId: 'p9', commentId: `x-${o.commentId}` }));
        }
        applyEvents(states, act(world, { kind: 'hide', postId: 'p9' }));
        for (const m of members) {
          const s = scoreMember(states.get(m) ?? EMPTY_ACTIVITY, TODAY, cfg);
          // Comments given on the hidden post still count for who wrote them (their own content was not hidden).
          expect(s.content).toBe(baseline.get(m)!.content);
          expect(s.totals.likesReceived).toBe(baseline.get(m)!.totals.likesReceived);
          expect(s.totals.commentsReceived).toBe(baseline.get(m)!.totals.commentsReceived);
        }
      }),
    );
  });
});

const distOf = (totals: number[]): Distribution => {
  const counts = new Map<number, number>();
  for (const t of totals) addToHistogram(counts, t);
  return distributionOf(toHistogram(counts));
};

describe('ranking', () => {
  it('counts the members strictly above a total', () => {
    const d = distOf([0, 0, 5, 5, 7, 9]);
    expect([membersAbove(d, -1), membersAbove(d, 0), membersAbove(d, 5), membersAbove(d, 6), membersAbove(d, 9)]).toEqual([6, 4, 2, 2, 0]);
    expect(percentBelow(d, 7)).toBe(66);
    expect(percentBelow(d, 0)).toBe(0);
  });

  it('matches a brute-force count for any distribution', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 200 }), fc.nat(60), (totals, x) => {
        expect(membersAbove(distOf(totals), x)).toBe(totals.filter((t) => t > x).length);
      }),
    );
  });

  it('the top 10% enter, the top 15% stay, ties stand together, and 0 never counts', () => {
    const totals = Array.from({ length: 100 }, (_, i) => i); // 0..99: 10 members above 89
    const d = distOf(totals);
    expect(decideSuper(90, false, d, cfg)).toBe(true);
    expect(decideSuper(89, false, d, cfg)).toBe(false); // 10 above: not within the top 10%
    expect(decideSuper(85, true, d, cfg)).toBe(true); // 14 above: within 15%
    expect(decideSuper(84, true, d, cfg)).toBe(false);
    expect(enterThreshold(d, cfg)).toBe(90);
    expect(decideSuper(0, true, distOf([0, 0, 0]), cfg)).toBe(false);
  });

  const superSet = (totals: number[], was: Set<number>) => {
    const d = distOf(totals);
    return new Set(totals.flatMap((t, i) => (decideSuper(t, was.has(i), d, cfg) ? [i] : [])));
  };

  it('is stable when nothing changes: the set after one day is the set after the next', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(100), { minLength: 1, maxLength: 300 }), fc.array(fc.boolean(), { maxLength: 300 }), (totals, wasFlags) => {
        const was = new Set(wasFlags.flatMap((w, i) => (w && i < totals.length ? [i] : [])));
        const day1 = superSet(totals, was);
        const day2 = superSet(totals, day1);
        expect([...day2].sort()).toEqual([...day1].sort());
      }),
    );
  });

  it('a member just inside the band does not flap when the others move a little', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 50, maxLength: 200 }), fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 200, maxLength: 200 }), fc.nat(10), (totals, jitter, seed) => {
        const d = distOf(totals);
        // Our member enters today at the lowest total in the top 10% ...
        const entry = enterThreshold(d, cfg);
        if (entry === null) return;
        const idx = totals.indexOf(entry);
        const day1 = superSet(totals, new Set());
        expect(day1.has(idx)).toBe(true);
        // ... and tomorrow everybody's total moves by at most one point, theirs not at all.
        const next = totals.map((t, i) => (i === idx ? t : Math.max(1, t + jitter[(i + seed) % jitter.length])));
        const d2 = distOf(next);
        const above = membersAbove(d2, entry);
        // Whoever stays within the 15% band keeps the title: no daily in-and-out at the 10% line.
        if (above * 100 < 15 * next.length) expect(superSet(next, day1).has(idx)).toBe(true);
      }),
    );
  });
});

describe('layers', () => {
  const d = distOf([0, 10, 20]);
  const base = { total: 0, wasSuper: false, activity: { months: {}, lastActiveDay: TODAY }, joinedDay: '2025-01-01' };
  it('high value, potential, dormant and newcomer follow their rules', () => {
    expect(decideLayers({ ...base, activity: { months: { '2026-06': 300_000, '2025-07': 200_000 }, lastActiveDay: TODAY } }, d, TODAY, cfg)).toEqual(['high_value', 'potential']);
    expect(decideLayers({ ...base, activity: { months: { '2025-06': 500_000 }, lastActiveDay: TODAY } }, d, TODAY, cfg)).toEqual([]); // 13 months ago
    expect(decideLayers({ ...base, activity: { months: { '2026-05': 20_000, '2026-02': 20_000 }, lastActiveDay: TODAY } }, d, TODAY, cfg)).toEqual([]); // not growing
    expect(decideLayers({ ...base, activity: { months: { '2026-05': 24_001, '2026-02': 20_000 }, lastActiveDay: TODAY } }, d, TODAY, cfg)).toEqual(['potential']);
    expect(decideLayers({ ...base, activity: { months: {}, lastActiveDay: addDays(TODAY, -89) } }, d, TODAY, cfg)).toEqual([]);
    expect(decideLayers({ ...base, activity: { months: {}, lastActiveDay: addDays(TODAY, -90) } }, d, TODAY, cfg)).toEqual(['dormant']);
    expect(decideLayers({ ...base, activity: { months: {}, lastActiveDay: null }, joinedDay: addDays(TODAY, -29) }, d, TODAY, cfg)).toEqual(['newcomer']);
    expect(decideLayers({ ...base, total: 20, activity: { months: {}, lastActiveDay: null }, joinedDay: addDays(TODAY, -30) }, d, TODAY, cfg)).toEqual(['super', 'dormant']);
  });
});

describe('explanations for a fixture of members (hand-computed)', () => {
  // Window 90 days, default weights. 林: purchases today and 30 days ago, 2 comments, 1 post with 3 likes and
  // 1 favourite from others, 1 campaign day. 周: one purchase 89 days ago.
  const lin: ActivityState = {
    days: {
      [TODAY]: { pu: 1, sp: 3000, cg: 2, cd: 1 },
      [addDays(TODAY, -30)]: { pu: 1, sp: 5000, po: 1, lr: 3, fr: 1 },
    },
    months: { '2026-06': 8000 },
    lastActiveDay: TODAY,
  };
  const zhou: ActivityState = { days: { [addDays(TODAY, -89)]: { pu: 1, sp: 1000 } }, months: {}, lastActiveDay: addDays(TODAY, -89) };

  it('gives the sub-scores, total, layer and what would raise each', () => {
    const l = scoreMember(lin, TODAY, cfg);
    // purchase: recency weights 90 + 60 = 150; 150 × 10 / 90 = 16.67 → 16
    // interaction: 2 comments × 2 + 3 likes × 1 + 1 campaign day × 3 = 10
    // content: 1 post × 5 + 3 likes × 1 + 1 favourite × 2 = 10
    // total: (16 × 40 + 10 × 30 + 10 × 30) / 100 = 12.4 → 12
    expect([l.purchase, l.interaction, l.content, l.total]).toEqual([16, 10, 10, 12]);
    const z = scoreMember(zhou, TODAY, cfg);
    // purchase: weight 1; 1 × 10 / 90 → 0; total 0
    expect([z.purchase, z.interaction, z.content, z.total]).toEqual([0, 0, 0, 0]);

    const [p, i, c] = explain(l, cfg);
    // one more purchase today: (150 + 90) × 10 / 90 = 26.67 → 26, i.e. +10
    expect(p).toMatchObject({ name: '消费频次', score: 16, counts: '近 90 天消费 2 次，越近的消费分量越重', raise: [{ action: '今天到店消费 1 次', points: 10 }] });
    expect(i.raise.map((r) => [r.action, r.points])).toEqual([
      ['参加 1 场线下活动', 5],
      ['参加活动打卡 1 天', 3],
      ['评论 1 条他人的帖子', 2],
      ['参与 1 次投票', 2],
      ['你的帖子收到 1 条他人评论', 1],
      ['你的帖子收到 1 个他人点赞', 1],
    ]);
    expect(c.raise.map((r) => [r.action, r.points])).toEqual([
      ['发布 1 篇帖子', 5],
      ['帖子被他人收藏 1 次', 2],
      ['帖子收到 1 个他人点赞', 1],
    ]);
    expect(explain(z, cfg)[0].raise[0].points).toBe(10); // (1 + 90) × 10 / 90 = 10.1 → 10, from 0

    // Among 10 members with totals 0 ×8, 12 (林) and 3: 林 is the only one above the 10% line.
    const dist = distOf([0, 0, 0, 0, 0, 0, 0, 0, 12, 3]);
    expect(decideLayers({ total: l.total, wasSuper: false, activity: lin, joinedDay: '2025-01-01' }, dist, TODAY, cfg)).toEqual(['super']);
    expect(decideLayers({ total: z.total, wasSuper: false, activity: zhou, joinedDay: '2025-01-01' }, dist, TODAY, cfg)).toEqual([]);
    expect(enterThreshold(dist, cfg)).toBe(12);
    expect(percentBelow(dist, 12)).toBe(90);
  });
});

describe('day arithmetic', () => {
  it('dayIndex agrees with the calendar for any day 1970-2099', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 47_000 }), (n) => {
        const day = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(dayIndex(day)).toBe(n);
      }),
    );
  });
});
