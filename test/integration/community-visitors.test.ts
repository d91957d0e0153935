/**
 * The community for visitors (read, never write), the caller's `me`, favourites paged by key, comments flagged
 * and deleted, and member-proposed topics approved in the review queue.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, post, registerMany, rid, seedCommunity } from '../support/community';

let cloud: LocalCloud;
const A = 'o-author';
const B = 'o-reader';
const MOD = 'o-moderator';
const VISITOR = 'o-visitor';

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud);
  await cloud.db.collection('app_config').doc('community').set({
    data: { rateLimits: { postsPerHour: 100, commentsPerHour: 100, newMemberHours: 24, newMemberPostsPerHour: 100, newMemberCommentsPerHour: 100 } },
  });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [A, B, MOD]);
  await grantRole(cloud, MOD, 'operator', null);
});
afterEach(() => cloud.close());

const comment = async (who: string, postId: string, text: string) =>
  ok(await call<{ comment: { commentId: string } }>(cloud, who, 'comment', { postId, text, requestId: rid() })).comment.commentId;
const commentCount = async (postId: string) => (await cloud.db.collection<{ commentCount: number }>('posts').doc(postId).get()).data.commentCount;

describe('visitors', () => {
  it('read the feed, a post, its comments, topics, campaigns, the leaderboard and members\' pages', async () => {
    ok(await call(cloud, A, 'joinCampaign', { campaignId: 'run7' }));
    const p = (await post(cloud, A, { text: '早安，晨跑第一天', topics: ['morning-run'] })).post.postId;
    await comment(B, p, '加油！');

    expect(ok(await call<{ items: { postId: string }[] }>(cloud, VISITOR, 'feed', { tab: 'latest' })).items.map((x) => x.postId)).toEqual([p]);
    expect(ok(await call<{ items: { postId: string }[] }>(cloud, VISITOR, 'feed', { tab: 'topic', topic: 'morning-run' })).items).toHaveLength(1);
    const detail = ok(await call<{ liked: boolean; viewer: { joined: boolean; moderator: boolean }; post: { mine: boolean } }>(cloud, VISITOR, 'post', { postId: p }));
    expect(detail).toMatchObject({ liked: false, viewer: { joined: false, moderator: false }, post: { mine: false } });
    expect(ok(await call<{ items: unknown[] }>(cloud, VISITOR, 'comments', { postId: p })).items).toHaveLength(1);
    expect(ok(await call<{ topics: unknown[] }>(cloud, VISITOR, 'topics')).topics).toHaveLength(2);
    const campaigns = ok(await call<{ campaigns: { campaignId: string; mine: unknown; joined: number }[] }>(cloud, VISITOR, 'campaigns'));
    expect(campaigns.campaigns).toMatchObject([{ campaignId: 'run7', mine: null, joined: 1 }]);
    expect(ok(await call<{ items: unknown[] }>(cloud, VISITOR, 'leaderboard', { campaignId: 'run7' })).items).toHaveLength(1);
    const authorId = ok(await call<{ author: { id: string } }>(cloud, A, 'profile', {})).author.id;
    expect(ok(await call<{ self: boolean; posts: number }>(cloud, VISITOR, 'profile', { authorId }))).toMatchObject({ self: false, posts: 1 });
    expect(ok(await call<{ joined: boolean; author: unknown; openCases: unknown }>(cloud, VISITOR, 'me'))).toEqual({
      joined: false,
      moderator: false,
      author: null,
      muted: null,
      openCases: null,
    });
  });

  it('are asked to join at every action: typed NOT_REGISTERED and nothing written', async () => {
    const p = (await post(cloud, A, { text: '可以看，不能动' })).post.postId;
    const before = await Promise.all(['posts', 'comments', 'post_likes', 'post_favourites', 'post_flags', 'community_members', 'community_topics'].map((c) => count(cloud, c)));
    const attempts = [
      call(cloud, VISITOR, 'createPost', { text: '我也来', requestId: rid() }),
      call(cloud, VISITOR, 'comment', { postId: p, text: '路过', requestId: rid() }),
      call(cloud, VISITOR, 'like', { postId: p, liked: true }),
      call(cloud, VISITOR, 'favourite', { postId: p, favourited: true }),
      call(cloud, VISITOR, 'flag', { postId: p, reason: 'spam' }),
      call(cloud, VISITOR, 'favourites', {}),
      call(cloud, VISITOR, 'joinCampaign', { campaignId: 'run7' }),
      call(cloud, VISITOR, 'proposeTopic', { name: '路人话题', requestId: rid() }),
      call(cloud, VISITOR, 'profile', {}),
    ];
    for (const r of await Promise.all(attempts)) expect(r).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    const after = await Promise.all(['posts', 'comments', 'post_likes', 'post_favourites', 'post_flags', 'community_members', 'community_topics'].map((c) => count(cloud, c)));
    expect(after).toEqual(before);
  });
});

describe("a member's page", () => {
  it('pages the posts by cursor without gaps or repeats, for a visitor too', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      cloud.clock.advance(1000);
      ids.push((await post(cloud, A, { text: `第 ${i} 条` })).post.postId);
    }
    const authorId = ok(await call<{ author: { id: string } }>(cloud, A, 'profile', {})).author.id;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { feed: { items: { postId: string }[]; next: string | null } } = ok(await call(cloud, VISITOR, 'profile', { authorId, cursor, limit: 3 }));
      seen.push(...page.feed.items.map((x) => x.postId));
      cursor = page.feed.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('me', () => {
  it('tells a member their mute and a moderator the open cases', async () => {
    const id = ok(await call<{ author: { id: string } }>(cloud, B, 'profile', {})).author.id;
    expect(ok(await call<{ joined: boolean; muted: unknown }>(cloud, B, 'me'))).toMatchObject({ joined: true, moderator: false, muted: null, openCases: null });
    ok(await call(cloud, MOD, 'restrict', { authorId: id, kind: 'mute', hours: 24, note: '刷屏' }));
    expect(ok(await call<{ muted: unknown }>(cloud, B, 'me')).muted).toEqual({ until: '2026-11-24T02:00:00.000Z', suspended: false, note: '刷屏' });
    ok(await call(cloud, A, 'proposeTopic', { name: '周末咖啡馆', requestId: rid() }));
    expect(ok(await call<{ moderator: boolean; openCases: number }>(cloud, MOD, 'me'))).toMatchObject({ moderator: true, openCases: 1 });
  });
});

describe('favourites', () => {
  it('pages newest first by key without gaps or repeats, leaving out posts hidden since', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await post(cloud, A, { text: `收藏测试 ${i}` })).post.postId);
    }
    for (const id of ids) {
      cloud.clock.advance(1000);
      ok(await call(cloud, B, 'favourite', { postId: id, favourited: true }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { postId: string }[]; next: string | null } = ok(await call(cloud, B, 'favourites', { cursor, limit: 2 }));
      seen.push(...page.items.map((x) => x.postId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    ok(await call(cloud, A, 'deletePost', { postId: ids[4] }));
    ok(await call(cloud, B, 'favourite', { postId: ids[0], favourited: false }));
    const first = ok(await call<{ items: { postId: string }[] }>(cloud, B, 'favourites', { limit: 10 }));
    expect(first.items.map((x) => x.postId)).toEqual([ids[3], ids[2], ids[1]]);
    expect(ok(await call<{ items: unknown[] }>(cloud, A, 'favourites', {})).items).toEqual([]);
  });

  it('refuses a bad cursor with a typed error', async () => {
    expect(await call(cloud, B, 'favourites', { cursor: 'x'.repeat(500) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('comments: flags and deleting', () => {
  it('hides a comment at the flag threshold (it stops counting) and puts it in the queue with the author\'s restriction', async () => {
    const flaggers = Array.from({ length: 6 }, (_, i) => `o-cflag-${i}`);
    await registerMany(cloud, flaggers);
    const p = (await post(cloud, A, { text: '讨论帖' })).post.postId;
    const c = await comment(B, p, '来我家店里买更便宜');
    expect(await commentCount(p)).toBe(1);

    expect(await call(cloud, B, 'flagComment', { commentId: c, reason: 'spam' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    for (const f of flaggers.slice(0, 5)) expect(ok(await call<{ hidden: boolean }>(cloud, f, 'flagComment', { commentId: c, reason: 'spam' })).hidden).toBe(false);
    expect(ok(await call<{ repeated: boolean }>(cloud, flaggers[0], 'flagComment', { commentId: c, reason: 'spam' })).repeated).toBe(true);
    const last = await Promise.all([
      call<{ hidden: boolean }>(cloud, flaggers[5], 'flagComment', { commentId: c, reason: 'spam' }),
      call<{ hidden: boolean }>(cloud, flaggers[5], 'flagComment', { commentId: c, reason: 'spam' }),
    ]);
    expect(last.map((r) => ok(r).hidden).filter(Boolean)).toHaveLength(1);
    expect(await commentCount(p)).toBe(0);
    expect(ok(await call<{ items: unknown[] }>(cloud, A, 'comments', { postId: p })).items).toEqual([]);
    expect(await call(cloud, flaggers[0], 'flagComment', { commentId: c, reason: 'spam' })).toMatchObject({ ok: false, error: { code: 'COMMENT_NOT_FOUND' } });

    const bId = ok(await call<{ author: { id: string } }>(cloud, B, 'profile', {})).author.id;
    ok(await call(cloud, MOD, 'restrict', { authorId: bId, kind: 'mute', hours: 72, note: '引流' }));
    const queue = ok(await call<{ items: { target: string; targetId: string; restriction: unknown }[]; muteHoursOptions: number[] }>(cloud, MOD, 'queue', {}));
    expect(queue.muteHoursOptions).toEqual([24, 72, 168]);
    expect(queue.items).toMatchObject([{ target: 'comment', targetId: c, restriction: { mutedUntil: '2026-11-26T02:00:00.000Z', suspended: false } }]);
  });

  it('lets only the author delete a comment; it leaves the thread and stops counting, once', async () => {
    const p = (await post(cloud, A, { text: '讨论帖' })).post.postId;
    const c = await comment(B, p, '说错了，删掉');
    expect(await call(cloud, A, 'deleteComment', { commentId: c })).toMatchObject({ ok: false, error: { code: 'COMMENT_NOT_FOUND' } });
    const both = await Promise.all([call(cloud, B, 'deleteComment', { commentId: c }), call(cloud, B, 'deleteComment', { commentId: c })]);
    expect(both.some((r) => r.ok)).toBe(true);
    expect(await commentCount(p)).toBe(0);
    expect(ok(await call<{ items: unknown[] }>(cloud, A, 'comments', { postId: p })).items).toEqual([]);
  });
});

describe('member-proposed topics', () => {
  it('join the review queue and become usable once a moderator approves', async () => {
    const r = ok(await call<{ code: string; status: string }>(cloud, B, 'proposeTopic', { name: '周末咖啡馆', description: '分享你喜欢的咖啡馆', requestId: 'propose-1' }));
    expect(r.status).toBe('proposed');
    expect(ok(await call<{ repeated: boolean }>(cloud, B, 'proposeTopic', { name: '周末咖啡馆', requestId: 'propose-1' })).repeated).toBe(true);
    expect(ok(await call<{ topics: { code: string }[] }>(cloud, B, 'topics')).topics.map((t) => t.code)).not.toContain(r.code);
    expect(await call(cloud, A, 'createPost', { text: '咖啡', topics: [r.code], requestId: rid() })).toMatchObject({ ok: false, error: { code: 'TOPIC_NOT_FOUND' } });

    const kase = ok(await call<{ items: { caseId: string; target: string; preview: string }[] }>(cloud, MOD, 'queue', {})).items[0];
    expect(kase).toMatchObject({ target: 'topic', preview: expect.stringContaining('周末咖啡馆') });
    ok(await call(cloud, MOD, 'decide', { caseId: kase.caseId, decision: 'approve' }));
    expect(ok(await call<{ topics: { code: string; official: boolean }[] }>(cloud, VISITOR, 'topics')).topics).toContainEqual(expect.objectContaining({ code: r.code, official: false }));
    await post(cloud, A, { text: '咖啡', topics: [r.code] });
  });
});
