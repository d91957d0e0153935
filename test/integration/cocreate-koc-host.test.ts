/**
 * KOC co-creators (共创发起人): members holding the KOC role co_creator open polls and product panels, credited
 * to them and validated exactly as an operator's; the role is read per request (a revocation stops them at
 * once); operators close or withdraw what they opened, audited.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, registerMany, rid } from '../support/community';
import { grantCocreator as grantCocreatorRole, setLayers, type PollOut } from '../support/cocreate';

let cloud: LocalCloud;
const OP = 'o-operator';
const HOST = 'o-host';
const M = 'o-member';

const koc = <T = unknown>(openid: string, action: string, input: Record<string, unknown> = {}) => cloud.call<T>('koc', { action, input }, openid) as Promise<Result<T>>;
type Hosted = PollOut & { host: { name: string; official: boolean } };
interface PanelOut {
  panelId: string;
  state: string;
  seats: number;
  host: { name: string; official: boolean };
}

const pollInput = (overrides: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '社群周边包装投票',
  subject: 'packaging',
  productName: '会员周边礼盒',
  creditLine: '名字印在礼盒内页',
  options: [{ label: '牛皮纸' }, { label: '磨砂白' }],
  closesAt: '2026-11-30T00:00:00Z',
  ...overrides,
});
const panelInput = (overrides: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '城市试饮官',
  productName: '冷萃乌龙',
  description: '试饮三天，写下真实感受',
  seats: 5,
  applyUntil: '2026-11-30T00:00:00Z',
  questions: [{ id: 'taste', kind: 'rating', label: '口味打分' }],
  ...overrides,
});
const writes = async () => ({ polls: await count(cloud, 'cocreate_polls'), panels: await count(cloud, 'cocreate_panels') });

const grantCocreator = (openid: string) => grantCocreatorRole(cloud, OP, openid);

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [OP, HOST, M]);
  await grantRole(cloud, OP, 'operator', null);
});
afterEach(() => cloud.close());

describe('KOC co-creators', () => {
  it('a member without the right is refused and nothing is written; with it, polls and panels are credited to the host', async () => {
    expect(await call(cloud, HOST, 'openPoll', pollInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '此功能仅限品牌运营或共创发起人使用' } });
    expect(await call(cloud, HOST, 'openPanel', panelInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await call<{ canOpen: boolean }>(cloud, HOST, 'polls')).canOpen).toBe(false);
    expect(await writes()).toEqual({ polls: 0, panels: 0 });

    await grantCocreator(HOST);
    expect(ok(await call<{ canOpen: boolean }>(cloud, HOST, 'polls')).canOpen).toBe(true);
    expect(ok(await call<{ canOpen: boolean }>(cloud, HOST, 'panels')).canOpen).toBe(true);
    const input = pollInput();
    const poll = ok(await call<Hosted>(cloud, HOST, 'openPoll', input));
    expect(poll.host).toEqual({ name: '会员ost', official: false });
    expect(ok(await call<Hosted>(cloud, HOST, 'openPoll', input)).pollId).toBe(poll.pollId); // a retry is the same poll
    const panel = ok(await call<PanelOut>(cloud, HOST, 'openPanel', panelInput()));
    expect(panel).toMatchObject({ state: 'open', seats: 5, host: { name: '会员ost', official: false } });
    const official = ok(await call<Hosted>(cloud, OP, 'openPoll', pollInput({ title: '官方口味投票' })));
    expect(official.host).toEqual({ name: '品牌官方', official: true });
    // Members see who hosts, and vote on a KOC poll as on any other.
    const list = ok(await call<{ polls: Hosted[] }>(cloud, M, 'polls')).polls;
    expect(list.map((p) => [p.pollId, p.host.name]).sort()).toEqual([[poll.pollId, '会员ost'], [official.pollId, '品牌官方']].sort());
    ok(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' }));
  });

  it('validated exactly as an operator\'s: options, duplicates, times, seats, questions; and content-checked', async () => {
    await grantCocreator(HOST);
    const bad: [Record<string, unknown>, string][] = [
      [{ options: [{ label: '只有一个' }] }, 'options'],
      [{ options: [{ label: '同名' }, { label: '同名' }] }, 'options'],
      [{ options: [{ label: 'A', image: 'javascript:alert(1)' }, { label: 'B' }] }, 'options[0].image'],
      [{ closesAt: '2026-11-20T00:00:00Z' }, 'closesAt'],
      [{ title: '' }, 'title'],
    ];
    for (const [overrides, field] of bad) {
      for (const who of [HOST, OP]) expect([who, field, await call(cloud, who, 'openPoll', pollInput(overrides))]).toEqual([who, field, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', field }) })]);
    }
    for (const [overrides, field] of [[{ seats: 0 }, 'seats'], [{ seats: 1001 }, 'seats'], [{ questions: [] }, 'questions'], [{ applyUntil: '2026-11-01T00:00:00Z' }, 'applyUntil']] as const) {
      for (const who of [HOST, OP]) expect([who, await call(cloud, who, 'openPanel', panelInput(overrides))]).toEqual([who, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', field }) })]);
    }
    expect(await call(cloud, HOST, 'openPoll', pollInput({ title: '违禁词投票' }))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await call(cloud, HOST, 'openPanel', panelInput({ description: '赌博' }))).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await writes()).toEqual({ polls: 0, panels: 0 });
  });

  it('a revoked role takes effect at once: the next call is refused and writes nothing', async () => {
    const applicationId = await grantCocreator(HOST);
    ok(await call(cloud, HOST, 'openPoll', pollInput()));
    ok(await koc(OP, 'revoke', { applicationId, role: 'co_creator', reason: '发起的投票与产品无关' }));
    const before = await writes();
    expect(await call(cloud, HOST, 'openPoll', pollInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(cloud, HOST, 'openPanel', panelInput())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await call<{ canOpen: boolean }>(cloud, HOST, 'polls')).canOpen).toBe(false);
    expect(await writes()).toEqual(before);
  });

  it('an operator closes a KOC poll and withdraws a KOC panel (audited); the host and members cannot', async () => {
    await grantCocreator(HOST);
    const poll = ok(await call<Hosted>(cloud, HOST, 'openPoll', pollInput()));
    const panel = ok(await call<PanelOut>(cloud, HOST, 'openPanel', panelInput()));
    ok(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o2' }));
    for (const who of [HOST, M]) {
      expect(await call(cloud, who, 'closePoll', { pollId: poll.pollId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await call(cloud, who, 'closePanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const closed = ok(await call<Hosted>(cloud, OP, 'closePoll', { pollId: poll.pollId }));
    expect(closed).toMatchObject({ state: 'ended', final: true, votes: 1, host: { name: '会员ost' } });
    const withdrawn = ok(await call<PanelOut>(cloud, OP, 'closePanel', { panelId: panel.panelId }));
    expect(withdrawn.state).toBe('closed');
    ok(await call(cloud, OP, 'closePanel', { panelId: panel.panelId })); // again: nothing more
    expect(await call(cloud, M, 'applyPanel', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'PANEL_CLOSED' } });
    const audit = (await cloud.db.collection<{ action: string; actor: string; target: string }>('audit_log').where({ target: HOST }).get()).data;
    expect(audit.map((a) => [a.action, a.actor]).filter(([a]) => a.startsWith('p'))).toEqual([
      ['poll.close', OP],
      ['panel.close', OP],
    ]);
  });

  it('the host of a panel invites, posts previews and reads the report of their own panel; another host or a member is refused, nothing written', async () => {
    const OTHER = 'o-other-host';
    const supers = ['o-super-a', 'o-super-b'];
    await registerMany(cloud, [OTHER, ...supers]);
    for (const [i, who] of supers.entries()) await setLayers(cloud, who, ['super'], 300 - i);
    await grantCocreator(HOST);
    await grantCocreatorRole(cloud, OP, OTHER);
    const panel = ok(await call<PanelOut & { hosting: boolean; manage: boolean }>(cloud, HOST, 'openPanel', panelInput()));
    expect(panel).toMatchObject({ hosting: true, manage: false });
    const preview = { panelId: panel.panelId, requestId: rid(), title: '包装抢先看', body: '冷萃乌龙的新瓶身' };
    const writes = async () => ({ members: await count(cloud, 'panel_members'), previews: await count(cloud, 'panel_previews') });

    // Another host and a plain member: refused, nothing written.
    for (const who of [OTHER, M]) {
      for (const [action, input] of [['invitePanel', { panelId: panel.panelId, count: 2 }], ['postPreview', preview], ['panelReport', { panelId: panel.panelId }]] as const) {
        expect([who, action, await call(cloud, who, action, input)]).toEqual([who, action, expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
      }
    }
    expect(await writes()).toEqual({ members: 0, previews: 0 });
    expect(ok(await call<{ hosting: boolean }>(cloud, OTHER, 'panel', { panelId: panel.panelId })).hosting).toBe(false);

    // The host: invites the super users, posts a text preview (content-checked, no pictures), reads the report.
    expect(ok(await call<{ invited: number }>(cloud, HOST, 'invitePanel', { panelId: panel.panelId, count: 5 })).invited).toBe(2);
    expect(await call(cloud, HOST, 'postPreview', { ...preview, requestId: rid(), body: '赌博' })).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await call(cloud, HOST, 'postPreview', { ...preview, requestId: rid(), images: ['https://example.com/a.png'] })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'images' } });
    const posted = ok(await call<{ previews: { title: string }[] }>(cloud, HOST, 'postPreview', preview));
    expect(posted.previews.map((p) => p.title)).toEqual(['包装抢先看']); // the host reads their panel's previews
    ok(await call(cloud, supers[0], 'applyPanel', { panelId: panel.panelId }));
    ok(await call(cloud, supers[0], 'panelFeedback', { panelId: panel.panelId, answers: { taste: 4 } }));
    const report = ok(await call<{ responses: number; questions: { averageTenths: number | null }[] }>(cloud, HOST, 'panelReport', { panelId: panel.panelId }));
    expect(report).toMatchObject({ responses: 1, questions: [{ averageTenths: 40 }] });
    // The other host cannot read it either; operators still can.
    expect(await call(cloud, OTHER, 'panelReport', { panelId: panel.panelId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(ok(await call<{ responses: number }>(cloud, OP, 'panelReport', { panelId: panel.panelId })).responses).toBe(1);
    expect(await writes()).toEqual({ members: 2, previews: 1 });
  });
});
