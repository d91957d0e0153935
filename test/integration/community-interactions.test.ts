import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { monthlyHonoursJob } from '../../cloudfunctions/_core/community/honours.job';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, callUntilNotBusy, post, registerMany, rid, seedCommunity } from '../support/community';

let cloud: LocalCloud;
const A = 'o-author';
const MOD = 'o-moderator';

const balance = async (openid: string) => (await cloud.db.collection<{ balance: number }>('point_accounts').doc(openid).get()).data.balance;
const likeCount = async (postId: string) => (await cloud.db.collection<{ likeCount: number }>('posts').doc(postId).get()).data.likeCount;
const feedIds = async (tab: string, viewer: string) => ok(await call<{ items: { postId: string }[] }>(cloud, viewer, 'feed', { tab, limit: 50 })).items.map((p) => p.postId);
const board = async (viewer: string) =>
  ok(await call<{ items: { author: { nickname: string }; count: number; likes: number }[] }>(cloud, viewer, 'leaderboard', { campaignId: 'run7' })).items;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud);
  // Generous limits: these tests are about concurrency and counting, not rate limits.
  await cloud.db.collection('app_config').doc('community').set({
    data: { rateLimits: { postsPerHour: 100, commentsPerHour: 100, newMemberHours: 24, newMemberPostsPerHour: 100, newMemberCommentsPerHour: 100 } },
  });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [A, MOD]);
  await grantRole(cloud, MOD, 'operator', null);
});
afterEach(() => cloud.close());

describe('likes under concurrent taps', () => {
  it('100 members liking at once (tapping again on BUSY): count 100, 100 like documents', async () => {
    const likers = Array.from({ length: 100 }, (_, i) => `o-liker-${String(i).padStart(3, '0')}`);
    await registerMany(cloud, likers);
    const p = (await post(cloud, A, { text: '点赞测试' })).post.postId;
    const results = await Promise.all(likers.map((who) => callUntilNotBusy(cloud, who, 'like', { postId: p, liked: true })));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await likeCount(p)).toBe(100);
    expect(await count(cloud, 'post_likes', { postId: p })).toBe(100);
    expect((await cloud.db.collection<{ likesReceived: number }>('community_members').doc(A).get()).data.likesReceived).toBe(100);
    // The 100th like reached the catalogue's likes_received badge.
    expect(ok(await call<{ badges: { code: string }[] }>(cloud, A, 'profile', {})).badges.map((b) => b.code)).toContain('liked-100');
  }, 180_000);

  it('one member tapping 50 times at once: 0 or 1 like, and the count equals the like documents', async () => {
    await registerMany(cloud, ['o-tapper']);
    const p = (await post(cloud, A, { text: '连点测试' })).post.postId;
    const taps = Array.from({ length: 50 }, (_, i) => callUntilNotBusy(cloud, 'o-tapper', 'like', { postId: p, liked: i % 3 !== 0 }));
    expect((await Promise.all(taps)).every((r) => r.ok)).toBe(true);
    const docs = await count(cloud, 'post_likes', { postId: p });
    expect([0, 1]).toContain(docs);
    expect(await likeCount(p)).toBe(docs);

    const same = Array.from({ length: 50 }, () => callUntilNotBusy(cloud, 'o-tapper', 'like', { postId: p, liked: true }));
    await Promise.all(same);
    expect(await count(cloud, 'post_likes', { postId: p })).toBe(1);
    expect(await likeCount(p)).toBe(1);
  });

  it('favourites toggle the same way', async () => {
    await registerMany(cloud, ['o-fan']);
    const p = (await post(cloud, A, { text: '收藏测试' })).post.postId;
    await Promise.all(Array.from({ length: 30 }, (_, i) => callUntilNotBusy(cloud, 'o-fan', 'favourite', { postId: p, favourited: i % 2 === 0 })));
    const docs = await count(cloud, 'post_favourites', { postId: p });
    expect((await cloud.db.collection<{ favouriteCount: number }>('posts').doc(p).get()).data.favouriteCount).toBe(docs);
  });

  it('shares earn share points once per post, within the daily cap', async () => {
    await registerMany(cloud, ['o-sharer']);
    const posts = [];
    for (let i = 0; i < 7; i++) posts.push((await post(cloud, A, { text: `分享 ${i}` })).post.postId);
    const first = ok(await call<{ points: number }>(cloud, 'o-sharer', 'share', { postId: posts[0] }));
    expect(first.points).toBe(2);
    expect(ok(await call<{ repeated: boolean; points: number }>(cloud, 'o-sharer', 'share', { postId: posts[0] }))).toMatchObject({ repeated: true, points: 0 });
    for (const p of posts.slice(1)) ok(await call(cloud, 'o-sharer', 'share', { postId: p }));
    expect(await balance('o-sharer')).toBe(10); // share: 2 points, 5 a day
  });
});

describe('flags, hiding and restoring (Discourse model)', () => {
  it('hides a post at once past the threshold: points reversed, out of feeds and leaderboards; a restored post comes back', async () => {
    const flaggers = Array.from({ length: 6 }, (_, i) => `o-flagger-${i}`);
    await registerMany(cloud, [...flaggers, 'o-reader']);
    ok(await call(cloud, A, 'joinCampaign', { campaignId: 'run7' }));
    const p = (await post(cloud, A, { text: '今日晨跑', topics: ['morning-run'] })).post.postId;
    ok(await call(cloud, 'o-reader', 'like', { postId: p, liked: true }));
    expect(await balance(A)).toBe(5);
    expect(await board('o-reader')).toMatchObject([{ count: 1, likes: 1 }]);

    // New members weigh 1 each; the threshold is 6.
    for (const f of flaggers.slice(0, 5)) expect(ok(await call<{ hidden: boolean }>(cloud, f, 'flag', { postId: p, reason: 'spam' })).hidden).toBe(false);
    expect(await feedIds('latest', 'o-reader')).toEqual([p]);
    expect(ok(await call<{ hidden: boolean }>(cloud, flaggers[5], 'flag', { postId: p, reason: 'abuse' })).hidden).toBe(true);

    expect(await feedIds('latest', 'o-reader')).toEqual([]);
    expect(await feedIds('hot', 'o-reader')).toEqual([]);
    expect(await board('o-reader')).toEqual([]);
    expect(await balance(A)).toBe(0);
    expect(await count(cloud, 'point_entries', { _id: `post-undo:${p}` })).toBe(1);
    const mine = ok(await call<{ post: { status: string; note: string } }>(cloud, A, 'post', { postId: p }));
    expect(mine.post).toMatchObject({ status: 'hidden', note: expect.stringContaining('举报') });
    expect(ok(await call<{ posts: number; likesReceived: number }>(cloud, A, 'profile', {}))).toMatchObject({ posts: 0, likesReceived: 0 });

    // The moderator restores it: it counts again, under a new ledger key.
    const queue = ok(await call<{ items: { caseId: string; flagReasons: string[] }[] }>(cloud, MOD, 'queue', {}));
    expect(queue.items[0].flagReasons).toEqual(['广告或垃圾信息', '辱骂或人身攻击']);
    ok(await call(cloud, MOD, 'decide', { caseId: queue.items[0].caseId, decision: 'approve', note: '误报' }));
    expect(await feedIds('latest', 'o-reader')).toEqual([p]);
    expect(await board('o-reader')).toMatchObject([{ count: 1, likes: 1 }]);
    expect(await balance(A)).toBe(5);
    expect(await count(cloud, 'point_entries', { _id: `post:${p}.2` })).toBe(1);

    // Hiding again by decision: reversed again, exactly once even when two moderators click together.
    await Promise.all([
      call(cloud, MOD, 'decide', { caseId: queue.items[0].caseId, decision: 'hide', note: '广告' }),
      call(cloud, MOD, 'decide', { caseId: queue.items[0].caseId, decision: 'hide', note: '广告' }),
    ]);
    expect(await balance(A)).toBe(0);
    expect(ok(await call<{ post: { note: string } }>(cloud, A, 'post', { postId: p })).post.note).toBe('管理员已隐藏：广告');
    expect(await count(cloud, 'audit_log', { target: queue.items[0].caseId })).toBeGreaterThanOrEqual(2);
  });

  it("a moderator's flag hides at once; a muted member's flag weighs nothing", async () => {
    await registerMany(cloud, ['o-muted']);
    const p1 = (await post(cloud, A, { text: 'A' })).post.postId;
    const muted = ok(await call<{ author: { id: string } }>(cloud, 'o-muted', 'profile', {})).author.id;
    ok(await call(cloud, MOD, 'restrict', { authorId: muted, kind: 'mute', hours: 24, note: '刷屏' }));
    ok(await call(cloud, 'o-muted', 'flag', { postId: p1, reason: 'spam' }));
    expect((await cloud.db.collection<{ flagWeight: number }>('posts').doc(p1).get()).data.flagWeight).toBe(0);
    expect(ok(await call<{ hidden: boolean }>(cloud, MOD, 'flag', { postId: p1, reason: 'illegal' })).hidden).toBe(true);
  });
});

describe('muting', () => {
  it('a muted member cannot post or comment and is off the leaderboard until lifted', async () => {
    await registerMany(cloud, ['o-m']);
    ok(await call(cloud, 'o-m', 'joinCampaign', { campaignId: 'run7' }));
    await post(cloud, 'o-m', { text: '打卡', topics: ['morning-run'] });
    expect(await board(A)).toHaveLength(1);
    const id = ok(await call<{ author: { id: string } }>(cloud, 'o-m', 'profile', {})).author.id;
    ok(await call(cloud, MOD, 'restrict', { authorId: id, kind: 'mute', hours: 48, note: '发广告' }));
    const r = await call(cloud, 'o-m', 'createPost', { text: '又来了', requestId: rid() });
    expect(r).toMatchObject({ ok: false, error: { code: 'MEMBER_MUTED' } });
    expect(r.ok === false && r.error.message).toContain('发广告');
    expect(await board(A)).toEqual([]);
    cloud.clock.advance(49 * 3_600_000); // the mute ends by itself
    expect(await board(A)).toHaveLength(1);
    ok(await call(cloud, MOD, 'restrict', { authorId: id, kind: 'suspend', note: '多次违规' }));
    expect(await board(A)).toEqual([]);
    ok(await call(cloud, MOD, 'restrict', { authorId: id, kind: 'lift' }));
    await post(cloud, 'o-m', { text: '恢复了' });
    expect(await count(cloud, 'audit_log', { action: 'community.mute' })).toBe(1);
  });
});

describe('check-in campaigns', () => {
  it('counts one day per Beijing day across midnight, however many posts, and finishes with a certificate and badge', async () => {
    ok(await call(cloud, A, 'joinCampaign', { campaignId: 'run7' }));
    // 23:40 and 23:55 Beijing on 11-23 (15:40Z, 15:55Z), then 00:05 on 11-24 (16:05Z).
    for (const at of ['2026-11-23T15:40:00Z', '2026-11-23T15:55:00Z', '2026-11-23T16:05:00Z']) {
      cloud.clock.set(new Date(at));
      await post(cloud, A, { text: '晨跑打卡', topics: ['morning-run'] });
    }
    let mine = ok(await call<{ mine: { count: number; streak: number; days: string[]; checkedInToday: boolean } }>(cloud, A, 'campaign', { campaignId: 'run7' })).mine;
    expect(mine).toMatchObject({ count: 2, streak: 2, days: ['2026-11-23', '2026-11-24'], checkedInToday: true });
    expect(await count(cloud, 'campaign_checkins')).toBe(2);
    // A post without the topic is not a check-in.
    cloud.clock.set(new Date('2026-11-25T01:00:00Z'));
    await post(cloud, A, { text: '随便聊聊' });
    expect(ok(await call<{ mine: { count: number } }>(cloud, A, 'campaign', { campaignId: 'run7' })).mine.count).toBe(2);

    for (let d = 25; d <= 29; d++) {
      cloud.clock.set(new Date(`2026-11-${d}T01:00:00Z`));
      await post(cloud, A, { text: `第 ${d - 22} 天`, topics: ['morning-run'] });
    }
    mine = ok(await call<{ mine: { count: number; streak: number; days: string[]; checkedInToday: boolean; finished: boolean } }>(cloud, A, 'campaign', { campaignId: 'run7' })).mine;
    expect(mine).toMatchObject({ count: 7, streak: 7, finished: true });
    const cert = ok(await call<{ nickname: string; days: number; serial: string; self: boolean; imageUrl: string }>(cloud, A, 'certificate', { campaignId: 'run7' }));
    expect(cert).toMatchObject({ nickname: '会员hor', days: 7, self: true, imageUrl: expect.stringContaining('/_files/certificates/run7/') });
    // The image was generated on the server for this member and stored: a 900×1200 PNG.
    const { imageFileId } = (await cloud.db.collection<{ imageFileId: string }>('certificates').doc(`run7:${A}`).get()).data;
    const png = await cloud.storage.download(imageFileId);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 1200]);
    const profile = ok(await call<{ badges: { code: string }[]; certificates: { campaignId: string }[]; author: { id: string } }>(cloud, A, 'profile', {}));
    expect(profile.badges.map((b) => b.code)).toEqual(expect.arrayContaining(['first-post', 'run-7']));
    expect(profile.certificates).toEqual([expect.objectContaining({ campaignId: 'run7' })]);
    // Shareable: another member opens it by the author's public id.
    expect(ok(await call<{ self: boolean }>(cloud, MOD, 'certificate', { campaignId: 'run7', authorId: profile.author.id })).self).toBe(false);
  });

  it('never takes more places than capacity, whatever the concurrency', async () => {
    await cloud.db.collection('community_campaigns').doc('tiny').set({ data: { title: '小班', topic: 'recipes', days: 3, from: '2026-11-20', to: '2026-12-10', capacity: 10 } });
    const joiners = Array.from({ length: 30 }, (_, i) => `o-join-${i}`);
    await registerMany(cloud, joiners);
    const results = await Promise.all(joiners.map((j) => call(cloud, j, 'joinCampaign', { campaignId: 'tiny' })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['CAMPAIGN_FULL', 'BUSY'].includes(r.error.code))).toBe(true);
    expect(await count(cloud, 'campaign_members', { campaignId: 'tiny' })).toBe(10);
    expect((await cloud.db.collection<{ joined: number }>('campaign_counts').doc('tiny').get()).data.joined).toBe(10);
  });

  it('refuses to join a campaign that can no longer be finished', async () => {
    await cloud.db.collection('community_campaigns').doc('late').set({ data: { title: '晚了', topic: 'recipes', days: 7, from: '2026-11-01', to: '2026-11-25', capacity: 10 } });
    expect(await call(cloud, A, 'joinCampaign', { campaignId: 'late' })).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_CLOSED' } });
    expect(await count(cloud, 'campaign_members')).toBe(0);
  });
});

describe('monthly honours (每月分享王)', () => {
  it('crowns the top contributor from posts that still count, off muted members, resumably and once', async () => {
    const members = ['o-h1', 'o-h2', 'o-h3', 'o-fans1', 'o-fans2', 'o-fans3'];
    await registerMany(cloud, members);
    const p1 = (await post(cloud, 'o-h1', { text: 'h1' })).post.postId;
    await post(cloud, 'o-h2', { text: 'h2-a' });
    await post(cloud, 'o-h2', { text: 'h2-b' });
    await post(cloud, 'o-h3', { text: 'h3' });
    for (const f of ['o-fans1', 'o-fans2', 'o-fans3']) ok(await call(cloud, f, 'like', { postId: p1, liked: true }));
    // h1: 1 + 3 likes = 4; h2: 2; h3: 1. Then h1's post is hidden: h2 leads.
    ok(await call(cloud, MOD, 'flag', { postId: p1, reason: 'spam' }));

    cloud.clock.set(new Date('2026-12-01T19:00:00Z')); // 03:00 Beijing, 2 December
    const ctx = cloud.jobContext();
    let t = 0;
    const partial = await monthlyHonoursJob(ctx, { budgetMs: 1, elapsedMs: () => t++, pageSize: 1 });
    expect(partial).toMatchObject({ month: '2026-11', done: false });
    const done = await monthlyHonoursJob(ctx);
    expect(done).toMatchObject({ month: '2026-11', done: true, winner: 'o-h2' });
    expect(ok(await call<{ badges: { code: string; reason: string }[] }>(cloud, 'o-h2', 'profile', {})).badges).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'share-king', reason: '2026 年 11 月分享王' })]),
    );
    expect(await monthlyHonoursJob(ctx)).toMatchObject({ done: true, winner: 'o-h2', pages: 0 });
    expect(await count(cloud, 'community_honours')).toBe(1);
  });
});
