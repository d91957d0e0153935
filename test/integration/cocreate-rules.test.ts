import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { communityNightlyJob } from '../../cloudfunctions/_core/community/honours.job';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, registerMany, rid } from '../support/community';

let cloud: LocalCloud;
const OP = 'o-operator';
const P = 'o-proposer';

interface RuleOut {
  ruleId: string;
  status: string;
  support: number;
  oppose: number;
  proposer: string;
  missingVotes: number;
  supportPercent: number;
  adoptedAt: string | null;
  arbitration: { decision: string; note: string } | null;
  mine: string | null;
}

const propose = async (who = P, title = '发帖请附真实体验') => ok(await call<RuleOut>(cloud, who, 'proposeRule', { requestId: rid(), title, body: '分享产品时请写自己的真实体验，不搬运广告文案。' }));
const ruleDoc = async (id: string) => (await cloud.db.collection<{ status: string; support: number; oppose: number }>('community_rules').doc(id).get()).data;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  // Quorum 10, majority 60 %, window 7 days.
  await cloud.db.collection('app_config').doc('cocreate').set({ data: { rules: { quorum: 10, majorityPercent: 60, windowDays: 7 } } });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [OP, P]);
  await grantRole(cloud, OP, 'operator', null);
});
afterEach(() => cloud.close());

describe('co-built rules', () => {
  it('a proposal reaching quorum and majority under 40 concurrent votes is adopted exactly once and shown with its proposer', async () => {
    const voters = Array.from({ length: 40 }, (_, i) => `o-member-${String(i).padStart(2, '0')}`);
    await registerMany(cloud, voters);
    const rule = await propose();
    expect(rule).toMatchObject({ status: 'open', missingVotes: 10, proposer: '会员ser' });
    // 30 support, 10 oppose: 75 %, past the quorum of 10 many times over, in every interleaving.
    const results = await Promise.all(voters.map((v, i) => call<{ adopted: boolean; repeated: boolean }>(cloud, v, 'voteRule', { ruleId: rule.ruleId, stance: i % 4 === 3 ? 'oppose' : 'support' })));
    const answers = results.map((r) => r);
    const accepted = answers.filter((r) => r.ok);
    const closed = answers.filter((r) => !r.ok);
    for (const r of closed) expect(r).toMatchObject({ ok: false, error: { code: 'RULE_CLOSED', message: '这条公约已经通过' } });
    expect(accepted.filter((r) => r.ok && r.data.adopted)).toHaveLength(1);
    const stored = await ruleDoc(rule.ruleId);
    expect(stored.status).toBe('adopted');
    expect(stored.support + stored.oppose).toBe(await count(cloud, 'rule_votes', { ruleId: rule.ruleId }));
    expect(stored.support + stored.oppose).toBe(accepted.length);

    const page = ok(await call<{ adopted: RuleOut[]; open: RuleOut[] }>(cloud, 'o-visitor', 'rules'));
    expect(page.adopted.map((r) => [r.ruleId, r.proposer])).toEqual([[rule.ruleId, '会员ser']]);
    expect(page.open).toEqual([]);
    // Votes cast are interaction depth.
    const activity = (await cloud.db.collection<{ days: Record<string, { vo?: number }> }>('member_activity').doc(voters[0]).get()).data;
    expect(activity.days['2026-11-23'].vo).toBe(1);
  });

  it('a proposal without its majority inside the window expires, once, and takes no more votes; the nightly job expires the rest', async () => {
    await registerMany(cloud, ['o-a', 'o-b', 'o-c']);
    const weak = await propose();
    const idle = await propose(P, '每周日晚上分享一次食谱');
    ok(await call(cloud, 'o-a', 'voteRule', { ruleId: weak.ruleId, stance: 'support' }));
    ok(await call(cloud, 'o-b', 'voteRule', { ruleId: weak.ruleId, stance: 'oppose' }));
    cloud.clock.set(new Date('2026-11-30T02:00:00Z')); // exactly 7 days: the window is over
    const late = await call(cloud, 'o-c', 'voteRule', { ruleId: weak.ruleId, stance: 'support' });
    expect(late).toMatchObject({ ok: false, error: { code: 'RULE_CLOSED', message: '这条公约提议已经结束表决' } });
    expect(await count(cloud, 'rule_votes', { ruleId: weak.ruleId })).toBe(2);
    expect(await ruleDoc(weak.ruleId)).toMatchObject({ status: 'expired', support: 1, oppose: 1 });
    await communityNightlyJob({ db: cloud.db, clock: cloud.clock, log: { info: () => undefined, warn: () => undefined, error: () => undefined } } as never);
    expect((await ruleDoc(idle.ruleId)).status).toBe('expired');
    const page = ok(await call<{ closed: RuleOut[]; open: RuleOut[] }>(cloud, 'o-a', 'rules'));
    expect(page.open).toEqual([]);
    expect(page.closed.map((r) => r.status).sort()).toEqual(['expired', 'expired']);
  });

  it('bad input: an empty rule, a vote on an unknown rule, voting twice: typed errors or no change, nothing written', async () => {
    const empty = await call(cloud, P, 'proposeRule', { requestId: rid(), title: '   ', body: '内容' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'title', message: '请填写公约标题' } });
    const noBody = await call(cloud, P, 'proposeRule', { requestId: rid(), title: '标题', body: '' });
    expect(noBody).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'body', message: '请填写公约内容' } });
    expect(await count(cloud, 'community_rules')).toBe(0);
    expect(await call(cloud, P, 'voteRule', { ruleId: 'rNOSUCHRULE', stance: 'support' })).toMatchObject({ ok: false, error: { code: 'RULE_NOT_FOUND' } });
    const rule = await propose();
    ok(await call(cloud, P, 'voteRule', { ruleId: rule.ruleId, stance: 'support' }));
    const again = ok(await call<{ repeated: boolean; rule: RuleOut }>(cloud, P, 'voteRule', { ruleId: rule.ruleId, stance: 'oppose' }));
    expect(again.repeated).toBe(true);
    expect(again.rule.mine).toBe('support');
    expect(await ruleDoc(rule.ruleId)).toMatchObject({ support: 1, oppose: 0 });
    // A retry of the same proposal (same request id) is the same proposal.
    const requestId = rid();
    const one = ok(await call<RuleOut>(cloud, P, 'proposeRule', { requestId, title: '同一个提议', body: '重试不会产生第二条' }));
    const two = ok(await call<RuleOut>(cloud, P, 'proposeRule', { requestId, title: '同一个提议', body: '重试不会产生第二条' }));
    expect(two.ruleId).toBe(one.ruleId);
    expect(await count(cloud, 'community_rules')).toBe(2);
  });

  it('access: only operators arbitrate; an arbitration is recorded on the rule and in the audit log', async () => {
    const rule = await propose();
    const input = { ruleId: rule.ruleId, decision: 'overturn', note: '与平台规定冲突' };
    expect(await call(cloud, P, 'arbitrateRule', input)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ruleDoc(rule.ruleId)).status).toBe('open');
    expect(await count(cloud, 'audit_log')).toBe(0);
    expect(await call(cloud, OP, 'arbitrateRule', { ...input, note: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'note' } });
    const upheld = ok(await call<RuleOut>(cloud, OP, 'arbitrateRule', { ...input, decision: 'uphold', note: '提议合理，继续表决' }));
    expect(upheld).toMatchObject({ status: 'open', arbitration: { decision: 'uphold', note: '提议合理，继续表决' } });
    const overturned = ok(await call<RuleOut>(cloud, OP, 'arbitrateRule', input));
    expect(overturned).toMatchObject({ status: 'overturned', arbitration: { decision: 'overturn', note: '与平台规定冲突' } });
    const audit = (await cloud.db.collection<{ action: string; actor: string; detail: { decision: string } }>('audit_log').where({ action: 'rule.arbitrate' }).get()).data;
    expect(audit.map((a) => [a.actor, a.detail.decision])).toEqual([
      [OP, 'uphold'],
      [OP, 'overturn'],
    ]);
    expect(await call(cloud, OP, 'arbitrateRule', input)).toMatchObject({ ok: false, error: { code: 'RULE_CLOSED' } });
    expect(await call(cloud, 'o-x', 'voteRule', { ruleId: rule.ruleId, stance: 'support' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});

describe('rule disputes', () => {
  interface DisputedOut extends RuleOut {
    disputes: number;
    disputed: boolean;
    myDispute: boolean;
  }
  const adoptedRule = async () => {
    const rule = await propose();
    const voters = Array.from({ length: 10 }, (_, i) => `o-adopter-${i}`);
    await registerMany(cloud, voters);
    for (const v of voters) ok(await call(cloud, v, 'voteRule', { ruleId: rule.ruleId, stance: 'support' }));
    expect((await ruleDoc(rule.ruleId)).status).toBe('adopted');
    return rule;
  };
  const disputesOf = async (id: string) => (await cloud.db.collection<{ disputes: number }>('community_rules').doc(id).get()).data.disputes;

  it('60 members dispute an adopted rule at once, each twice: the counter equals the dispute documents, one per member', async () => {
    const rule = await adoptedRule();
    const members = Array.from({ length: 60 }, (_, i) => `o-disputer-${String(i).padStart(2, '0')}`);
    await registerMany(cloud, members);
    const calls = [...members, ...members].map((m) => call<{ repeated: boolean }>(cloud, m, 'disputeRule', { ruleId: rule.ruleId, reason: '这条公约限制了正常分享' }));
    const results = await Promise.all(calls);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    const docs = await count(cloud, 'rule_disputes', { ruleId: rule.ruleId });
    expect(await disputesOf(rule.ruleId)).toBe(docs);
    const disputers = new Set(members.filter((_m, i) => results[i].ok || results[i + members.length].ok));
    expect(docs).toBe(disputers.size);
    expect(disputers.size).toBeGreaterThan(0);
    for (const m of members) expect(await count(cloud, 'rule_disputes', { _openid: m })).toBeLessThanOrEqual(1);
    // A member answered BUSY (one hot rule under load) wrote nothing and succeeds when they try again.
    for (const m of members.filter((x) => !disputers.has(x))) ok(await call(cloud, m, 'disputeRule', { ruleId: rule.ruleId, reason: '这条公约限制了正常分享' }));
    expect(await count(cloud, 'rule_disputes', { ruleId: rule.ruleId })).toBe(members.length);
    expect(await disputesOf(rule.ruleId)).toBe(members.length);
    // The rules page shows it disputed; the member sees their own dispute.
    const page = ok(await call<{ adopted: DisputedOut[] }>(cloud, [...disputers][0], 'rules'));
    expect(page.adopted[0]).toMatchObject({ ruleId: rule.ruleId, disputes: members.length, disputed: true, myDispute: true });
  }, 60_000);

  it('erasing a member takes their disputes out of the counter too: counter = dispute documents, the ruling still answered', async () => {
    const rule = await adoptedRule();
    const [early, late, other] = ['o-erase-early', 'o-erase-late', 'o-erase-other'];
    await registerMany(cloud, [early, late, other]);
    ok(await call(cloud, early, 'disputeRule', { ruleId: rule.ruleId, reason: '限制太多' }));
    ok(await call(cloud, other, 'disputeRule', { ruleId: rule.ruleId, reason: '表述不清' }));
    ok(await call(cloud, OP, 'arbitrateRule', { ruleId: rule.ruleId, decision: 'uphold', note: '维持' }));
    cloud.clock.advance(60_000);
    ok(await call(cloud, late, 'disputeRule', { ruleId: rule.ruleId, reason: '新的问题' }));
    // Both erased members close their accounts; the daily job erases them after the grace period.
    for (const who of [early, late]) ok(await cloud.call('member', { action: 'closeAccount', input: { confirm: true } }, who));
    cloud.clock.set(new Date('2026-12-08T03:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 2 } });
    expect(await count(cloud, 'rule_disputes', { ruleId: rule.ruleId })).toBe(1);
    expect(await disputesOf(rule.ruleId)).toBe(1);
    // The ruling answered the remaining dispute; the one raised after it is gone, so the rule is no longer disputed.
    const seen = (await cloud.db.collection<{ arbitration: { disputesSeen: number } }>('community_rules').doc(rule.ruleId).get()).data.arbitration.disputesSeen;
    expect(seen).toBe(1);
    expect(ok(await call<DisputedOut>(cloud, other, 'rule', { ruleId: rule.ruleId }))).toMatchObject({ disputes: 1, disputed: false, myDispute: true });
  });

  it('bad input: an empty or long reason, an unknown or ended rule: typed errors in Chinese, nothing written', async () => {
    const rule = await adoptedRule();
    const before = { disputes: await count(cloud, 'rule_disputes'), counter: await disputesOf(rule.ruleId) };
    expect(await call(cloud, P, 'disputeRule', { ruleId: rule.ruleId, reason: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason', message: '请填写争议理由' } });
    expect(await call(cloud, P, 'disputeRule', { ruleId: rule.ruleId, reason: '长'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reason', message: '争议理由最多 200 个字' } });
    expect(await call(cloud, P, 'disputeRule', { ruleId: 'rNOSUCHRULE', reason: '不合理' })).toMatchObject({ ok: false, error: { code: 'RULE_NOT_FOUND' } });
    expect(await call(cloud, P, 'disputeRule', { ruleId: rule.ruleId, reason: '这里有违禁词' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await call(cloud, 'o-visitor', 'disputeRule', { ruleId: rule.ruleId, reason: '不合理' })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    const expiring = await propose(P, '另一条提议');
    cloud.clock.set(new Date('2026-12-01T00:00:00Z'));
    expect(await call(cloud, P, 'disputeRule', { ruleId: expiring.ruleId, reason: '不合理' })).toMatchObject({ ok: false, error: { code: 'RULE_CLOSED' } });
    expect({ disputes: await count(cloud, 'rule_disputes'), counter: await disputesOf(rule.ruleId) }).toEqual(before);
  });

  it('access: a member can neither arbitrate nor read the disputes; the arbitration answers the disputes, recorded and shown', async () => {
    const rule = await adoptedRule();
    await registerMany(cloud, ['o-d1', 'o-d2', 'o-d3']);
    ok(await call(cloud, 'o-d1', 'disputeRule', { ruleId: rule.ruleId, reason: '限制太多' }));
    ok(await call(cloud, 'o-d2', 'disputeRule', { ruleId: rule.ruleId, reason: '表述不清' }));
    expect(await call(cloud, 'o-d1', 'arbitrateRule', { ruleId: rule.ruleId, decision: 'overturn', note: '我觉得不行' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(cloud, 'o-d1', 'ruleDisputes', { ruleId: rule.ruleId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await count(cloud, 'audit_log')).toBe(0);
    const read = ok(await call<{ disputes: { reason: string }[] }>(cloud, OP, 'ruleDisputes', { ruleId: rule.ruleId }));
    expect(read.disputes.map((d) => d.reason).sort()).toEqual(['表述不清', '限制太多']);
    expect(JSON.stringify(read)).not.toContain('o-d1');
    const upheld = ok(await call<DisputedOut>(cloud, OP, 'arbitrateRule', { ruleId: rule.ruleId, decision: 'uphold', note: '公约符合多数会员意见，维持' }));
    expect(upheld).toMatchObject({ status: 'adopted', disputes: 2, disputed: false, arbitration: { decision: 'uphold' } });
    // A dispute raised after the decision makes it disputed again; repealing takes it off the adopted list.
    ok(await call(cloud, 'o-d3', 'disputeRule', { ruleId: rule.ruleId, reason: '新的问题' }));
    expect(ok(await call<DisputedOut>(cloud, 'o-d3', 'rule', { ruleId: rule.ruleId }))).toMatchObject({ disputes: 3, disputed: true, myDispute: true });
    ok(await call(cloud, OP, 'arbitrateRule', { ruleId: rule.ruleId, decision: 'overturn', note: '与平台规定冲突，撤销' }));
    const page = ok(await call<{ adopted: DisputedOut[]; closed: DisputedOut[] }>(cloud, 'o-visitor', 'rules'));
    expect(page.adopted).toEqual([]);
    expect(page.closed).toEqual([expect.objectContaining({ ruleId: rule.ruleId, status: 'overturned', disputed: false })]);
    const audit = (await cloud.db.collection<{ actor: string; detail: { decision: string; disputes: number } }>('audit_log').where({ action: 'rule.arbitrate' }).get()).data;
    expect(audit.map((a) => [a.actor, a.detail.decision, a.detail.disputes])).toEqual([
      [OP, 'uphold', 2],
      [OP, 'overturn', 3],
    ]);
    expect(await call(cloud, 'o-d1', 'disputeRule', { ruleId: rule.ruleId, reason: '再提一次' })).toMatchObject({ ok: true, data: { repeated: true } });
  });
});
