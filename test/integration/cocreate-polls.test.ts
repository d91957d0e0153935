import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, registerMany, rid } from '../support/community';
import { openPoll, setLayers, setTier, type PollOut } from '../support/cocreate';

let cloud: LocalCloud;
const OP = 'o-operator';
const M = 'o-member';

const pollDoc = async (id: string) => (await cloud.db.collection<{ tally: Record<string, number>; votes: number; voters: number }>('cocreate_polls').doc(id).get()).data;
const writes = async () => ({
  votes: await count(cloud, 'poll_votes'),
  ballots: await count(cloud, 'poll_ballots'),
  polls: await count(cloud, 'cocreate_polls'),
  activity: await count(cloud, 'member_activity'),
});

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [OP, M]);
  await grantRole(cloud, OP, 'operator', null);
});
afterEach(() => cloud.close());

describe('co-creation polls', () => {
  it('1,000 concurrent votes with budgets by layer and tier: nobody over budget, tallies equal the vote documents', async () => {
    const members = Array.from({ length: 250 }, (_, i) => `o-voter-${String(i).padStart(3, '0')}`);
    await registerMany(cloud, members);
    // Defaults: base 1, gold 2, black 3, super 3.
    const budget = new Map<string, number>();
    for (const [i, m] of members.entries()) {
      if (i % 5 === 0) {
        await setLayers(cloud, m, ['super']);
        budget.set(m, 3);
      } else if (i % 5 === 1) {
        await setTier(cloud, m, 'gold');
        budget.set(m, 2);
      } else budget.set(m, 1);
    }
    const poll = await openPoll(cloud, OP);
    const options = poll.options.map((o) => o.optionId);
    const calls = members.flatMap((m) => options.map((optionId) => ({ m, optionId })));
    expect(calls).toHaveLength(1000);
    const results = await Promise.all(calls.map(({ m, optionId }) => call(cloud, m, 'vote', { pollId: poll.pollId, optionId, creditName: `署名${m.slice(-3)}` })));

    const codes = new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code)));
    for (const code of codes) expect(['VOTE_BUDGET_EXCEEDED', 'BUSY']).toContain(code);
    const accepted = results.filter((r) => r.ok).length;
    const docs = await count(cloud, 'poll_votes', { pollId: poll.pollId });
    expect(docs).toBe(accepted);

    for (const m of members) {
      const mine = await count(cloud, 'poll_votes', { pollId: poll.pollId, _openid: m });
      expect(mine).toBeLessThanOrEqual(budget.get(m)!);
      const ballot = (await cloud.db.collection<{ used: number }>('poll_ballots').doc(`${poll.pollId}:${m}`).get()).data;
      expect(ballot.used).toBe(mine);
      const activity = (await cloud.db.collection<{ days: Record<string, { vo?: number }> }>('member_activity').doc(m).get()).data;
      expect(activity.days['2026-11-23'].vo).toBe(mine);
    }
    // Members whose calls were never answered BUSY used their whole budget.
    const busy = new Set(calls.filter((_, i) => !results[i].ok && (results[i] as { error: { code: string } }).error.code === 'BUSY').map((c) => c.m));
    for (const m of members.filter((x) => !busy.has(x))) expect(await count(cloud, 'poll_votes', { pollId: poll.pollId, _openid: m })).toBe(budget.get(m));
    expect(busy.size).toBeLessThan(members.length / 10);

    const stored = await pollDoc(poll.pollId);
    for (const o of options) expect(stored.tally[o]).toBe(await count(cloud, 'poll_votes', { pollId: poll.pollId, optionId: o }));
    expect(stored.votes).toBe(docs);
    expect(stored.voters).toBe(members.length);
  }, 120_000);

  it('votes committing while the poll closes: the stored final result equals the accepted vote documents', async () => {
    const members = Array.from({ length: 120 }, (_, i) => `o-racer-${String(i).padStart(3, '0')}`);
    await registerMany(cloud, members);
    const raced: boolean[] = [];
    for (let round = 0; round < 3; round++) {
      const poll = await openPoll(cloud, OP);
      const votes = members.map((m, i) => call(cloud, m, 'vote', { pollId: poll.pollId, optionId: `o${(i % 4) + 1}` }));
      // The close starts once the first votes have committed, while the others are still running.
      const close = (async () => {
        while ((await count(cloud, 'poll_votes', { pollId: poll.pollId })) < 5 * (round + 1)) await new Promise((r) => setImmediate(r));
        return call<PollOut>(cloud, OP, 'closePoll', { pollId: poll.pollId });
      })();
      const [results, closed] = await Promise.all([Promise.all(votes), close]);
      expect(ok(closed).final).toBe(true);
      const accepted = results.filter((r) => r.ok).length;
      const refused = results.filter((r) => !r.ok);
      for (const r of refused) expect(r).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
      const stored = (await cloud.db.collection<{ results: { tally: Record<string, number>; total: number } }>('cocreate_polls').doc(poll.pollId).get()).data.results;
      expect(stored.total).toBe(accepted);
      expect(await count(cloud, 'poll_votes', { pollId: poll.pollId })).toBe(accepted);
      for (const o of ['o1', 'o2', 'o3', 'o4']) expect(stored.tally[o]).toBe(await count(cloud, 'poll_votes', { pollId: poll.pollId, optionId: o }));
      raced.push(accepted > 0 && refused.length > 0);
      // Nothing after the close changes the stored result.
      expect(await call(cloud, members[0], 'vote', { pollId: poll.pollId, optionId: 'o2' })).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
      expect((await cloud.db.collection<{ results: { total: number } }>('cocreate_polls').doc(poll.pollId).get()).data.results.total).toBe(accepted);
    }
    // A race, not a formality: in some round votes both made it and were refused around the close.
    expect(raced).toContain(true);
  }, 120_000);

  it('the same option twice changes nothing; a third vote past a budget of two is refused and writes nothing', async () => {
    await setTier(cloud, M, 'gold');
    const poll = await openPoll(cloud, OP);
    const [a, b, c] = poll.options.map((o) => o.optionId);
    const first = ok(await call<{ poll: PollOut; repeated: boolean }>(cloud, M, 'vote', { pollId: poll.pollId, optionId: a }));
    expect(first.repeated).toBe(false);
    expect(first.poll.mine).toEqual({ budget: 2, used: 1 });
    expect(ok(await call<{ repeated: boolean }>(cloud, M, 'vote', { pollId: poll.pollId, optionId: a })).repeated).toBe(true);
    ok(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: b }));
    const before = await writes();
    const over = await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: c });
    expect(over).toMatchObject({ ok: false, error: { code: 'VOTE_BUDGET_EXCEEDED' } });
    expect(!over.ok && /2 票/.test(over.error.message)).toBe(true);
    expect(await writes()).toEqual(before);
    expect((await pollDoc(poll.pollId)).votes).toBe(2);
  });

  it('bad input: a closed poll, an unknown poll or option, an empty credit name: typed errors in Chinese, nothing written', async () => {
    const poll = await openPoll(cloud, OP);
    ok(await call(cloud, OP, 'closePoll', { pollId: poll.pollId }));
    const before = await writes();
    const closed = await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED', message: '投票已经结束' } });
    expect(await call(cloud, M, 'vote', { pollId: 'vNOSUCHPOLL', optionId: 'o1' })).toMatchObject({ ok: false, error: { code: 'POLL_NOT_FOUND' } });
    const open = await openPoll(cloud, OP);
    const mid = await writes();
    expect(await call(cloud, M, 'vote', { pollId: open.pollId, optionId: 'o9' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'optionId', message: '没有这个选项' } });
    expect(await call(cloud, M, 'vote', { pollId: open.pollId, optionId: 'o1', creditName: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'creditName' } });
    expect({ ...(await writes()), polls: 0 }).toEqual({ ...mid, polls: 0 });
    expect(before.votes).toBe(0);
    expect(await count(cloud, 'poll_votes')).toBe(0);
  });

  it('a poll that has not opened yet refuses votes', async () => {
    const poll = await openPoll(cloud, OP, { opensAt: '2026-11-25T00:00:00Z' });
    expect(poll.state).toBe('upcoming');
    expect(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' })).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED', message: '投票还没有开始' } });
  });

  it('access: a member cannot open or close a poll; a visitor reads polls but cannot vote', async () => {
    const input = { requestId: rid(), title: '包装颜色', subject: 'colour', productName: '礼盒', creditLine: '印在礼盒内页', options: [{ label: '红' }, { label: '绿' }], closesAt: '2026-11-30T00:00:00Z' };
    expect(await call(cloud, M, 'openPoll', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(cloud, 'cocreate_polls')).toBe(0);
    const poll = await openPoll(cloud, OP);
    expect(await call(cloud, M, 'closePoll', { pollId: poll.pollId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const list = ok(await call<{ polls: PollOut[]; canOpen: boolean }>(cloud, 'o-visitor', 'polls'));
    expect(list.polls.map((p) => p.pollId)).toEqual([poll.pollId]);
    expect(list.canOpen).toBe(false);
    expect(list.polls[0].mine).toBeNull();
    expect(ok(await call<{ canOpen: boolean }>(cloud, OP, 'polls')).canOpen).toBe(true);
    expect(await call(cloud, 'o-visitor', 'vote', { pollId: poll.pollId, optionId: 'o1' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });

  it('an ended poll is counted from the vote documents; its winners\' voters are credited by the names they chose', async () => {
    const voters = ['o-v1', 'o-v2', 'o-v3', 'o-v4'];
    await registerMany(cloud, voters);
    const poll = await openPoll(cloud, OP);
    ok(await call(cloud, 'o-v1', 'vote', { pollId: poll.pollId, optionId: 'o2', creditName: '小满' }));
    ok(await call(cloud, 'o-v2', 'vote', { pollId: poll.pollId, optionId: 'o2', creditName: null }));
    ok(await call(cloud, 'o-v3', 'vote', { pollId: poll.pollId, optionId: 'o2', creditName: '阿杰' }));
    ok(await call(cloud, 'o-v4', 'vote', { pollId: poll.pollId, optionId: 'o1', creditName: '落选者' }));
    // The live tally drifts (as it could after a crash between the vote and its increment): the result does not.
    await cloud.db.collection('cocreate_polls').doc(poll.pollId).update({ data: { 'tally.o1': 40 } });
    cloud.clock.set(new Date('2026-11-30T00:00:01Z'));
    const ended = ok(await call<PollOut>(cloud, M, 'poll', { pollId: poll.pollId }));
    expect(ended.state).toBe('ended');
    expect(ended.final).toBe(true);
    expect(ended.options.map((o) => [o.optionId, o.votes, o.percent, o.winner])).toEqual([
      ['o1', 1, 25, false],
      ['o2', 3, 75, true],
      ['o3', 0, 0, false],
      ['o4', 0, 0, false],
    ]);
    const credits = ok(await call<{ polls: { pollId: string; winners: string[]; names: string[]; total: number; creditLine: string }[] }>(cloud, 'o-visitor', 'credits'));
    expect(credits.polls).toEqual([expect.objectContaining({ pollId: poll.pollId, winners: ['青柠薄荷'], names: ['小满', '阿杰'], total: 2, creditLine: '名字印在春季新品吊牌上' })]);
    expect(await call(cloud, 'o-v1', 'vote', { pollId: poll.pollId, optionId: 'o3' })).toMatchObject({ ok: false, error: { code: 'POLL_CLOSED' } });
  });
});
