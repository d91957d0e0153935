import fc from 'fast-check';
import { CocreateConfig } from '../../cloudfunctions/_core/cocreate/cocreate-config.schema';
import { isCarried, missingVotes, supportPercent, withinWindow } from '../../cloudfunctions/_core/cocreate/community-rule.rules';
import { checkFeedback, summarise } from '../../cloudfunctions/_core/cocreate/panel.rules';
import { gateShard, percentages, POLL_GATE_SHARDS, pollState, sumShards, voteBudget, winnersOf } from '../../cloudfunctions/_core/cocreate/poll.rules';
import type { PanelQuestion } from '../../cloudfunctions/_core/cocreate/cocreate.record';

const polls = CocreateConfig.parse({}).polls;

describe('vote budgets', () => {
  it('the largest of base, tier and layers, never above the options', () => {
    expect(voteBudget(polls, 'silver', [], 4)).toBe(1);
    expect(voteBudget(polls, 'gold', [], 4)).toBe(2);
    expect(voteBudget(polls, 'gold', ['super'], 4)).toBe(3);
    expect(voteBudget(polls, 'black', ['dormant'], 2)).toBe(2);
    expect(voteBudget(polls, 'unknown-tier', ['newcomer'], 4)).toBe(1);
  });

  it('adding a layer never lowers a budget, and a budget is at least 1 and at most the options', () => {
    const layer = fc.constantFrom('super', 'high_value', 'potential', 'dormant', 'newcomer' as const);
    fc.assert(
      fc.property(fc.constantFrom('silver', 'gold', 'black'), fc.array(layer, { maxLength: 5 }), layer, fc.integer({ min: 2, max: 8 }), (tier, layers, extra, n) => {
        const before = voteBudget(polls, tier, layers, n);
        expect(voteBudget(polls, tier, [...layers, extra], n)).toBeGreaterThanOrEqual(before);
        expect(before).toBeGreaterThanOrEqual(1);
        expect(before).toBeLessThanOrEqual(n);
      }),
    );
  });

  it('rejects an operator document with an unknown layer or a fractional majority', () => {
    expect(CocreateConfig.safeParse({ polls: { votes: { base: 1, layers: { 超级用户: 3 } } } }).success).toBe(false);
    expect(CocreateConfig.safeParse({ rules: { quorum: 10, majorityPercent: 0.6, windowDays: 7 } }).success).toBe(false);
  });
});

describe('poll results', () => {
  it('percentages are whole numbers adding to 100 whenever anyone voted', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(10_000), { minLength: 2, maxLength: 8 }), (counts) => {
        const tally = Object.fromEntries(counts.map((c, i) => [`o${i + 1}`, c]));
        const pct = percentages(tally);
        const sum = Object.values(pct).reduce((s, v) => s + v, 0);
        expect(sum).toBe(counts.some((c) => c > 0) ? 100 : 0);
        for (const k of Object.keys(tally)) expect(Number.isInteger(pct[k])).toBe(true);
      }),
    );
  });

  it('winners are the options with the most votes; ties share; no votes, no winner', () => {
    expect(winnersOf({ o1: 3, o2: 5, o3: 5 })).toEqual(['o2', 'o3']);
    expect(winnersOf({ o1: 0, o2: 0 })).toEqual([]);
  });

  it('a poll is upcoming, open, then ended; closing ends it at once', () => {
    const p = { status: 'open' as const, opensAt: new Date('2026-11-23T00:00:00Z'), closesAt: new Date('2026-11-30T00:00:00Z') };
    expect(pollState(p, new Date('2026-11-22T23:59:59Z'))).toBe('upcoming');
    expect(pollState(p, new Date('2026-11-23T00:00:00Z'))).toBe('open');
    expect(pollState(p, new Date('2026-11-30T00:00:00Z'))).toBe('ended');
    expect(pollState({ ...p, status: 'closed' }, new Date('2026-11-24T00:00:00Z'))).toBe('ended');
  });
});

describe('rule adoption', () => {
  it('carried exactly when the quorum is met and support reaches the majority', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 51, max: 100 }), (support, oppose, quorum, majorityPercent) => {
        const t = { support, oppose, quorum, majorityPercent };
        const cast = support + oppose;
        expect(isCarried(t)).toBe(cast >= quorum && support / cast >= majorityPercent / 100 - 1e-12);
        expect(missingVotes(t)).toBe(Math.max(0, quorum - cast));
        expect(supportPercent(t)).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('one more supporter never un-carries a proposal', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.nat(200), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 51, max: 100 }), (support, oppose, quorum, majorityPercent) => {
        if (isCarried({ support, oppose, quorum, majorityPercent })) expect(isCarried({ support: support + 1, oppose, quorum, majorityPercent })).toBe(true);
      }),
    );
  });

  it('the window is half-open: its last instant is outside', () => {
    const end = new Date('2026-11-30T02:00:00Z');
    expect(withinWindow(end, new Date(end.getTime() - 1))).toBe(true);
    expect(withinWindow(end, end)).toBe(false);
  });
});

describe('panel feedback', () => {
  const questions: PanelQuestion[] = [
    { id: 'taste', kind: 'rating', label: '口感', options: [] },
    { id: 'buy', kind: 'choice', label: '回购', options: ['会', '不会'] },
    { id: 'note', kind: 'text', label: '建议', options: [] },
  ];

  it('accepts every question answered in its kind, trimmed', () => {
    expect(checkFeedback(questions, { taste: 5, buy: '会', note: ' 好 ' })).toEqual({ ok: true, answers: { taste: 5, buy: '会', note: '好' } });
  });

  it('names the first wrong or unknown answer', () => {
    expect(checkFeedback(questions, { taste: 0, buy: '会', note: '好' })).toMatchObject({ ok: false, field: 'answers.taste' });
    expect(checkFeedback(questions, { taste: 3.5, buy: '会', note: '好' })).toMatchObject({ ok: false, field: 'answers.taste' });
    expect(checkFeedback(questions, { taste: 3, buy: '也许', note: '好' })).toMatchObject({ ok: false, field: 'answers.buy' });
    expect(checkFeedback(questions, { taste: 3, buy: '会', note: '  ' })).toMatchObject({ ok: false, field: 'answers.note' });
    expect(checkFeedback(questions, { taste: 3, buy: '会', note: '好', extra: 1 })).toMatchObject({ ok: false, field: 'answers.extra' });
  });

  it('summarises ratings as integer tenths, choices as counts, texts in order', () => {
    const s = summarise(questions, [
      { taste: 4, buy: '会', note: 'a' },
      { taste: 5, buy: '会', note: 'b' },
      { taste: 5, buy: '不会', note: 'c' },
    ]);
    expect(s[0].averageTenths).toBe(47);
    expect(s[1].counts).toEqual([
      { option: '会', count: 2 },
      { option: '不会', count: 1 },
    ]);
    expect(s[2].texts).toEqual(['a', 'b', 'c']);
  });
});

describe('vote shards', () => {
  it('a member always lands on the same shard, within range, and members spread over the shards', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), (openid) => {
      const k = gateShard(openid);
      return k === gateShard(openid) && Number.isInteger(k) && k >= 0 && k < POLL_GATE_SHARDS;
    }));
    const used = new Set(Array.from({ length: 1000 }, (_, i) => gateShard(`o-voter-${i}`)));
    expect(used.size).toBeGreaterThan(POLL_GATE_SHARDS * 0.9);
  });

  it('the final result is the sum of the shards over the poll\'s options, winners by that sum', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ o1: fc.nat(50), o2: fc.nat(50), o3: fc.nat(50) }), { maxLength: 20 }), (tallies) => {
        const r = sumShards(['o1', 'o2', 'o3'], tallies.map((tally) => ({ tally })));
        for (const id of ['o1', 'o2', 'o3'] as const) expect(r.tally[id]).toBe(tallies.reduce((s, t) => s + t[id], 0));
        expect(r.total).toBe(r.tally.o1 + r.tally.o2 + r.tally.o3);
        expect(r.winners).toEqual(winnersOf(r.tally));
      }),
    );
    // Counts of an option no longer on the poll are ignored; missing counts are 0.
    expect(sumShards(['o1', 'o2'], [{ tally: { o1: 2, zz: 9 } }, { tally: {} }])).toEqual({ tally: { o1: 2, o2: 0 }, total: 2, winners: ['o1'] });
  });
});
