/**
 * Images in polls and panels a KOC co-creator (共创发起人) hosts: they pass WeChat's asynchronous media check as a
 * post's do (one media_checks mechanism, rows naming their target). Until every image passed the poll or panel
 * is held: only its host sees it (审核中), nobody votes or applies, nothing is counted. Risky → never published;
 * review → the moderation queue, published when a moderator approves; still held at its closing time → never
 * published. Repeated or unknown trace ids change nothing. Operators' polls are unchanged.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { closeDuePolls } from '../../cloudfunctions/_core/cocreate/polls.service';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, post, registerMany, rid } from '../support/community';
import { grantCocreator, manualMediaChecks } from '../support/cocreate';

let cloud: LocalCloud;
const OP = 'o-operator';
const HOST = 'o-host';
const M = 'o-member';

interface Held {
  state: 'checking' | 'review' | 'rejected';
  note: string;
}
interface PollOut {
  pollId: string;
  state: string;
  held: Held | null;
  options: { optionId: string; label: string; image: string | null; votes: number }[];
}
interface PanelOut {
  panelId: string;
  state: string;
  held: Held | null;
  image: string | null;
  open: number;
  seated: number;
}

const upload = async (name: string, who = HOST) => (await cloud.storage.uploadAs(who, `cocreate/test/${name}`, Buffer.from(`image ${name}`))).fileId;
const pollInput = (images: (string | null)[], overrides: Record<string, unknown> = {}) => ({
  requestId: rid(),
  title: '会员周边礼盒选包装',
  subject: 'packaging',
  productName: '会员周边礼盒',
  creditLine: '名字印在礼盒内页',
  options: images.map((image, i) => ({ label: ['牛皮纸', '磨砂白', '森林绿'][i], image })),
  closesAt: '2026-11-30T00:00:00Z',
  ...overrides,
});
const panelInput = (image: string | null) => ({
  requestId: rid(),
  title: '冷萃乌龙城市试饮官',
  productName: '冷萃乌龙',
  seats: 3,
  image,
  applyUntil: '2026-11-30T00:00:00Z',
  questions: [{ id: 'taste', kind: 'rating', label: '口味打分' }],
});
const errorOf = (r: Result<unknown>) => (r.ok ? null : r.error);
/** Everything a vote or an application writes. */
const counted = async () => ({
  votes: await count(cloud, 'poll_votes'),
  ballots: await count(cloud, 'poll_ballots'),
  gates: await count(cloud, 'poll_gates'),
  seats: await count(cloud, 'panel_members'),
  activity: await count(cloud, 'member_activity'),
});
const pollIds = async (who: string) => ok(await call<{ polls: PollOut[] }>(cloud, who, 'polls')).polls.map((p) => p.pollId);

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [OP, HOST, M]);
  await grantRole(cloud, OP, 'operator', null);
  await grantCocreator(cloud, OP, HOST);
});
afterEach(() => cloud.close());

describe('a KOC host\'s poll images', () => {
  it('hold the poll until every image passed: only the host sees it (审核中), nobody votes; then members see the images and vote', async () => {
    const checks = manualMediaChecks(cloud);
    const [a, b] = [await upload('kraft.png'), await upload('white.png')];
    const opened = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([a, b, null])));
    expect(opened).toMatchObject({ state: 'held', held: { state: 'checking', note: '图片正在安全检查，通过后自动公开' } });
    expect(opened.options.map((o) => o.image !== null)).toEqual([true, true, false]); // the host sees their own images
    const id = opened.pollId;
    expect((await cloud.db.collection('media_checks').where({ targetId: id }).get()).data).toEqual([
      expect.objectContaining({ target: 'poll', targetId: id, _openid: HOST, status: 'pending' }),
      expect.objectContaining({ target: 'poll', targetId: id, _openid: HOST, status: 'pending' }),
    ]);
    const before = await counted();

    // Others: not listed, not readable, not votable, nothing written.
    expect(await pollIds(M)).not.toContain(id);
    expect(await pollIds(HOST)).toContain(id);
    expect(errorOf(await call(cloud, M, 'poll', { pollId: id }))).toMatchObject({ code: 'POLL_NOT_FOUND' });
    expect(errorOf(await call(cloud, M, 'vote', { pollId: id, optionId: 'o1' }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW', message: '这个投票还在审核中，通过后才能投票' });
    expect(errorOf(await call(cloud, HOST, 'vote', { pollId: id, optionId: 'o1' }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW' });
    expect(await counted()).toEqual(before);

    // One image passed: still held. The same verdict again, and an unknown trace id, change nothing.
    await checks.answer(a, 'pass');
    const traceA = await checks.traceOf(a);
    await checks.push(traceA, 'risky');
    expect(await cloud.call('community', { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'unknown-trace-0001', result: { suggest: 'risky', label: 20002 } }, M)).toBe('success');
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: id }))).toMatchObject({ state: 'held', held: { state: 'checking' } });
    expect(await pollIds(M)).not.toContain(id);

    // The last one passed: published, members see the images and vote.
    await checks.answer(b, 'pass');
    const seen = ok(await call<PollOut>(cloud, M, 'poll', { pollId: id }));
    expect(seen).toMatchObject({ state: 'open', held: null });
    expect(seen.options.map((o) => o.image !== null)).toEqual([true, true, false]);
    expect(await pollIds(M)).toContain(id);
    ok(await call(cloud, M, 'vote', { pollId: id, optionId: 'o2' }));
    // A late repeat of a verdict changes nothing either.
    await checks.push(await checks.traceOf(b), 'risky');
    expect(ok(await call<PollOut>(cloud, M, 'poll', { pollId: id }))).toMatchObject({ state: 'open', options: [{ votes: 0 }, { votes: 1, image: expect.any(String) }, { votes: 0 }] });
  });

  it('a risky image: the poll is never published, the host sees why, nothing is counted', async () => {
    const poll = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([await upload('ok.png'), await upload('risky.png')])));
    await cloud.openapi.settleMediaChecks();
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: poll.pollId }))).toMatchObject({ state: 'held', held: { state: 'rejected', note: '图片未通过安全检查，投票未发布' } });
    expect(await pollIds(M)).not.toContain(poll.pollId);
    expect(errorOf(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW' });
    // The nightly close after its time neither opens nor counts it.
    cloud.clock.set(new Date('2026-12-01T00:00:00Z'));
    await closeDuePolls(cloud.db, cloud.clock.now());
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: poll.pollId }))).toMatchObject({ state: 'held', held: { state: 'rejected', note: '图片未通过安全检查，投票未发布' } });
    expect(ok(await call<{ polls: { pollId: string }[] }>(cloud, M, 'credits')).polls).toEqual([]);
    expect(await counted()).toMatchObject({ votes: 0, ballots: 0, gates: 0 });
  });

  it('review: the moderation queue; a moderator approves and it is published; another is refused with the note', async () => {
    const pic = await upload('review-me.png');
    const poll = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([pic, null])));
    const panel = ok(await call<PanelOut>(cloud, HOST, 'openPanel', panelInput(await upload('review-panel.png'))));
    await cloud.openapi.settleMediaChecks();
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: poll.pollId })).held).toEqual({ state: 'review', note: '图片正在人工审核，通过后自动公开' });
    const queue = ok(await call<{ items: { caseId: string; target: string; reasons: string[]; images: { url: string | null; check: string }[]; preview: string }[] }>(cloud, OP, 'queue', {})).items;
    expect(queue.map((c) => [c.caseId, c.reasons])).toEqual(
      expect.arrayContaining([
        [`poll:${poll.pollId}`, ['图片需人工审核']],
        [`panel:${panel.panelId}`, ['图片需人工审核']],
      ]),
    );
    expect(queue.find((c) => c.target === 'poll')).toMatchObject({ images: [{ url: expect.any(String), check: 'review' }], preview: expect.stringContaining('会员周边礼盒选包装') });
    // Held for review: still nobody votes.
    expect(errorOf(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW' });

    ok(await call(cloud, OP, 'decide', { caseId: `poll:${poll.pollId}`, decision: 'approve', note: '' }));
    const published = ok(await call<PollOut>(cloud, M, 'poll', { pollId: poll.pollId }));
    expect(published).toMatchObject({ state: 'open', held: null, options: [{ image: expect.any(String) }, { image: null }] });
    ok(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' }));
    // Deciding again changes nothing (the poll stays open, its vote stays).
    ok(await call(cloud, OP, 'decide', { caseId: `poll:${poll.pollId}`, decision: 'hide', note: '' }));
    expect(ok(await call<PollOut>(cloud, M, 'poll', { pollId: poll.pollId }))).toMatchObject({ state: 'open', options: [{ votes: 1 }, { votes: 0 }] });

    ok(await call(cloud, OP, 'decide', { caseId: `panel:${panel.panelId}`, decision: 'hide', note: '图片与产品无关' }));
    expect(ok(await call<PanelOut>(cloud, HOST, 'panel', { panelId: panel.panelId })).held).toEqual({ state: 'rejected', note: '图片未通过人工审核：图片与产品无关' });
    expect(errorOf(await call(cloud, M, 'panel', { panelId: panel.panelId }))).toMatchObject({ code: 'PANEL_NOT_FOUND' });
  });

  it('a poll still held at its closing time never opens, whatever arrives later', async () => {
    const checks = manualMediaChecks(cloud);
    const pic = await upload('late.png');
    const poll = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([pic, null], { closesAt: '2026-11-24T00:00:00Z' })));
    cloud.clock.set(new Date('2026-11-24T00:00:01Z'));
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: poll.pollId })).held).toEqual({ state: 'rejected', note: '审核未在截止时间前完成，投票未发布' });
    await checks.answer(pic, 'pass');
    expect(ok(await call<PollOut>(cloud, HOST, 'poll', { pollId: poll.pollId }))).toMatchObject({ state: 'held', held: { state: 'rejected' } });
    expect(await pollIds(M)).not.toContain(poll.pollId);
    expect(ok(await call<{ polls: unknown[] }>(cloud, M, 'credits')).polls).toEqual([]);
  });

  it('refuses outside links and files that were never uploaded; writes nothing', async () => {
    const before = { polls: await count(cloud, 'cocreate_polls'), checks: await count(cloud, 'media_checks') };
    expect(errorOf(await call(cloud, HOST, 'openPoll', pollInput(['https://example.com/a.png', null])))).toMatchObject({ code: 'INVALID_INPUT', field: 'options[0].image' });
    expect(errorOf(await call(cloud, HOST, 'openPoll', pollInput([null, 'cloud://local-env.6c6f-local-env-1300000000/cocreate/missing.png'])))).toMatchObject({ code: 'IMAGE_INVALID', field: 'options[1].image' });
    expect(errorOf(await call(cloud, HOST, 'openPanel', panelInput('cloud://local-env.6c6f-local-env-1300000000/cocreate/missing.png')))).toMatchObject({ code: 'IMAGE_INVALID', field: 'image' });
    expect({ polls: await count(cloud, 'cocreate_polls'), checks: await count(cloud, 'media_checks') }).toEqual(before);
  });

  it("operators' polls with images are published at once and never checked", async () => {
    const poll = ok(await call<PollOut>(cloud, OP, 'openPoll', pollInput([await upload('brand.png', OP), null])));
    expect(poll).toMatchObject({ state: 'open', held: null });
    expect(await count(cloud, 'media_checks')).toBe(0);
    expect(ok(await call<PollOut>(cloud, M, 'poll', { pollId: poll.pollId })).options[0].image).toEqual(expect.any(String));
    ok(await call(cloud, M, 'vote', { pollId: poll.pollId, optionId: 'o1' }));
  });

  it('old media_checks rows (a post id only) are still answered', async () => {
    const checks = manualMediaChecks(cloud);
    const pic = (await cloud.storage.uploadAs(M, 'community/test/legacy.png', Buffer.from('x'))).fileId;
    const p = await post(cloud, M, { text: '旧记录', images: [pic] });
    const trace = await checks.traceOf(pic);
    await cloud.db.collection('media_checks').doc(trace).set({ data: { postId: p.post.postId, fileId: pic, _openid: M, status: 'pending', createdAt: cloud.clock.now(), answeredAt: null } });
    await checks.push(trace, 'pass');
    expect(ok(await call<{ post: { status: string } }>(cloud, M, 'post', { postId: p.post.postId })).post.status).toBe('visible');
  });
});

describe("a KOC host's panel image", () => {
  it('holds the panel: not listed, applications and invitations refused with nothing written; published once it passed', async () => {
    const checks = manualMediaChecks(cloud);
    const pic = await upload('oolong.png');
    const panel = ok(await call<PanelOut>(cloud, HOST, 'openPanel', panelInput(pic)));
    expect(panel).toMatchObject({ state: 'held', held: { state: 'checking' }, image: expect.any(String) });
    const listed = async (who: string) => ok(await call<{ panels: PanelOut[] }>(cloud, who, 'panels')).panels.map((p) => p.panelId);
    expect(await listed(M)).not.toContain(panel.panelId);
    expect(await listed(HOST)).toContain(panel.panelId);
    expect(errorOf(await call(cloud, M, 'applyPanel', { panelId: panel.panelId }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW' });
    expect(errorOf(await call(cloud, OP, 'invitePanel', { panelId: panel.panelId, count: 2 }))).toMatchObject({ code: 'COCREATE_UNDER_REVIEW' });
    expect(await count(cloud, 'panel_members')).toBe(0);
    expect((await cloud.db.collection<{ open: number }>('cocreate_panels').doc(panel.panelId).get()).data.open).toBe(3);

    await checks.answer(pic, 'pass');
    expect(await listed(M)).toContain(panel.panelId);
    const applied = ok(await call<{ panel: PanelOut }>(cloud, M, 'applyPanel', { panelId: panel.panelId })).panel;
    expect(applied).toMatchObject({ state: 'open', held: null, image: expect.any(String), seated: 1, open: 2 });
  });

  it("erasing the host: unpublished polls and panels stay unpublished and their images are deleted; published ones keep theirs, anonymised", async () => {
    const checks = manualMediaChecks(cloud);
    const [shown, hidden, panelPic] = [await upload('shown.png'), await upload('hidden.png'), await upload('panel.png')];
    const published = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([shown, null])));
    await checks.answer(shown, 'pass');
    const held = ok(await call<PollOut>(cloud, HOST, 'openPoll', pollInput([hidden, null])));
    const panel = ok(await call<PanelOut>(cloud, HOST, 'openPanel', panelInput(panelPic)));
    ok(await cloud.call('member', { action: 'closeAccount', input: { confirm: true } }, HOST));
    cloud.clock.set(new Date('2026-12-08T03:00:00Z'));
    expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 1 } });

    expect(await count(cloud, 'media_checks', { _openid: HOST })).toBe(0);
    expect(await count(cloud, 'cocreate_polls', { hostOpenid: HOST })).toBe(0);
    expect(Object.keys(await cloud.storage.tempUrls([shown, hidden, panelPic]))).toEqual([shown]);
    const stored = async (col: string, id: string) => (await cloud.db.collection<{ hostName: string | null; hold: Held | null }>(col).doc(id).get()).data;
    expect(await stored('cocreate_polls', held.pollId)).toMatchObject({ hostName: null, hold: { state: 'rejected', note: '发起人已注销，投票未发布' } });
    expect(await stored('cocreate_panels', panel.panelId)).toMatchObject({ hostName: null, hold: { state: 'rejected' } });
    // A verdict arriving after the erasure finds no row: nothing changes.
    await checks.push('manual-trace-0002', 'pass');
    expect((await stored('cocreate_polls', held.pollId)).hold).toMatchObject({ state: 'rejected' });
    expect(await pollIds(M)).toContain(published.pollId);
    expect(ok(await call<PollOut>(cloud, M, 'poll', { pollId: published.pollId }))).toMatchObject({ state: 'ended', options: [{ image: expect.any(String) }, { image: null }] });
  });
});
