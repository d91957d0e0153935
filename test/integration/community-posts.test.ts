import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, post, registerMany, rid, seedCommunity } from '../support/community';

let cloud: LocalCloud;
const A = 'o-author';
const B = 'o-reader';
const MOD = 'o-moderator';

const balance = async (openid: string) => (await cloud.db.collection<{ balance: number }>('point_accounts').doc(openid).get()).data.balance;
const feedIds = async (tab = 'latest', viewer = B) =>
  ok(await call<{ items: { postId: string }[] }>(cloud, viewer, 'feed', { tab, limit: 50 })).items.map((p) => p.postId);

/** Every collection a community write could touch, for "nothing written" checks. */
const WRITES = ['posts', 'comments', 'post_likes', 'community_rate_limits', 'moderation_cases', 'point_entries', 'media_checks'];
const snapshot = async () => Promise.all(WRITES.map((c) => count(cloud, c)));
/** A member's upload as the app makes it (the fake media check reads `risky` / `review` in the name). */
const upload = async (name: string) => (await cloud.storage.uploadAs(A, `community/test/${name}`, Buffer.from(`image ${name}`))).fileId;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await registerMany(cloud, [A, B, MOD]);
  await grantRole(cloud, MOD, 'operator', null);
  // Past the first 24 hours: the ordinary hourly limits.
  cloud.clock.set(new Date('2026-11-25T02:00:00Z'));
});
afterEach(() => cloud.close());

describe('posting', () => {
  it('publishes a post into the feeds, earns posting points once, and a retry returns the same post', async () => {
    const requestId = rid();
    const first = ok(await call<{ post: { postId: string; status: string; topics: unknown[] }; points: number }>(cloud, A, 'createPost', { text: '今天跑了 5 公里', topics: ['morning-run'], requestId }));
    expect(first.post.status).toBe('visible');
    expect(first.post.topics).toEqual([{ code: 'morning-run', name: '晨跑打卡' }]);
    expect(first.points).toBe(5);
    const again = ok(await call<{ post: { postId: string }; repeated: boolean }>(cloud, A, 'createPost', { text: '今天跑了 5 公里', topics: ['morning-run'], requestId }));
    expect(again).toMatchObject({ repeated: true, post: { postId: first.post.postId } });
    expect(await count(cloud, 'posts')).toBe(1);
    expect(await balance(A)).toBe(5);
    expect(await feedIds('latest')).toEqual([first.post.postId]);
    expect(ok(await call<{ items: unknown[] }>(cloud, B, 'feed', { tab: 'topic', topic: 'morning-run' })).items).toHaveLength(1);
    expect(ok(await call<{ items: unknown[] }>(cloud, B, 'feed', { tab: 'topic', topic: 'recipes' })).items).toHaveLength(0);
    const profile = ok(await call<{ posts: number; badges: { code: string }[] }>(cloud, A, 'profile', {}));
    expect(profile.posts).toBe(1);
    expect(profile.badges.map((b) => b.code)).toEqual(['first-post']);
  });

  it('pages the latest feed by cursor without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      cloud.clock.advance(60_000 * 11); // stay within the hourly limit
      ids.push((await post(cloud, A, { text: `第 ${i} 条` })).post.postId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { postId: string }[]; next: string | null } = ok(await call(cloud, B, 'feed', { tab: 'latest', limit: 3, cursor }));
      seen.push(...page.items.map((p) => p.postId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('ranks the hot feed by likes and comments decaying with age', async () => {
    const old = (await post(cloud, A, { text: '旧帖' })).post.postId;
    cloud.clock.advance(3 * 3_600_000);
    const fresh = (await post(cloud, A, { text: '新帖' })).post.postId;
    expect(await feedIds('hot')).toEqual([fresh, old]);
    await registerMany(cloud, ['o-l1', 'o-l2', 'o-l3']);
    for (const who of ['o-l1', 'o-l2', 'o-l3', B]) ok(await call(cloud, who, 'like', { postId: old, liked: true }));
    // 4 likes ≈ log2(5) ≈ 2.3 half-lives of 12 h: more than the 3 hours between them.
    expect(await feedIds('hot')).toEqual([old, fresh]);
  });

  it('applies the stricter hourly limit in the first 24 hours after registering', async () => {
    await registerMany(cloud, ['o-new']);
    for (let i = 0; i < 2; i++) await post(cloud, 'o-new', { text: `新人第 ${i} 帖` });
    const before = await snapshot();
    const third = await call(cloud, 'o-new', 'createPost', { text: '第三帖', requestId: rid() });
    expect(third).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(await snapshot()).toEqual(before);
    cloud.clock.advance(3_600_000);
    await post(cloud, 'o-new', { text: '下一个小时' });
  });
});

describe('bad input: typed errors and nothing written', () => {
  it('refuses an empty post, 10 images, 1,001 characters, an unknown topic', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ text: '   ' }, 'INVALID_INPUT', 'text'],
      [{ text: '图太多', images: Array.from({ length: 10 }, (_, i) => `cloud://local-env.6c6f-local-env-1300000000/img-${i}.png`) }, 'INVALID_INPUT', 'images'],
      [{ text: '字'.repeat(1001) }, 'INVALID_INPUT', 'text'],
      [{ text: '话题', topics: ['no-such-topic'] }, 'TOPIC_NOT_FOUND', 'topics'],
      [{ text: '没上传的图', images: ['cloud://local-env.6c6f-local-env-1300000000/community/missing.png'] }, 'IMAGE_INVALID', 'images'],
      [{ text: '外链图', images: ['https://example.com/a.png'] }, 'INVALID_INPUT', 'images[0]'],
    ];
    for (const [input, code, field] of cases) {
      const r = await call(cloud, A, 'createPost', { requestId: rid(), ...input });
      expect(r).toMatchObject({ ok: false, error: { code, field } });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a comment on a hidden post and a like on a deleted post', async () => {
    const hidden = (await post(cloud, A, { text: '将被隐藏' })).post.postId;
    const deleted = (await post(cloud, A, { text: '将被删除' })).post.postId;
    ok(await call(cloud, MOD, 'flag', { postId: hidden, reason: 'spam' })); // a moderator's flag hides at once
    ok(await call(cloud, A, 'deletePost', { postId: deleted }));
    const before = await snapshot();
    expect(await call(cloud, B, 'comment', { postId: hidden, text: '评论', requestId: rid() })).toMatchObject({ ok: false, error: { code: 'POST_NOT_FOUND' } });
    expect(await call(cloud, B, 'like', { postId: deleted, liked: true })).toMatchObject({ ok: false, error: { code: 'POST_NOT_FOUND' } });
    expect(await snapshot()).toEqual(before);
  });
});

describe('content check (msgSecCheck v2)', () => {
  it('refuses risky text with a clear message and stores nothing', async () => {
    const before = await snapshot();
    const r = await call(cloud, A, 'createPost', { text: '出售代开发票', requestId: rid() });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(r.ok === false && r.error.message).toContain('不适宜');
    expect(await snapshot()).toEqual(before);
  });

  it('holds text for review: invisible to others until a moderator approves, then counted', async () => {
    const held = await post(cloud, A, { text: '想要的加微信聊' });
    expect(held).toMatchObject({ held: true, points: 0, post: { status: 'reviewing' } });
    expect(held.post.note).toContain('审核');
    expect(await feedIds('latest')).toEqual([]);
    expect(await call(cloud, B, 'post', { postId: held.post.postId })).toMatchObject({ ok: false, error: { code: 'POST_NOT_FOUND' } });
    expect(ok(await call<{ post: { status: string } }>(cloud, A, 'post', { postId: held.post.postId })).post.status).toBe('reviewing');
    expect(await balance(A)).toBe(0);

    const queue = ok(await call<{ items: { caseId: string; reasons: string[] }[] }>(cloud, MOD, 'queue', {}));
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0].reasons).toEqual(['文字需人工审核']);
    expect(await call(cloud, B, 'queue', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ok(await call(cloud, MOD, 'decide', { caseId: queue.items[0].caseId, decision: 'approve' }));
    expect(await feedIds('latest')).toEqual([held.post.postId]);
    expect(await balance(A)).toBe(5);
    expect(await count(cloud, 'audit_log', { action: 'community.approve' })).toBe(1);
    expect(ok(await call<{ items: unknown[] }>(cloud, MOD, 'queue', {})).items).toHaveLength(0);
  });
});

describe('images: asynchronous media check', () => {
  it('publishes once every image passed; a risky image hides the post with the reason', async () => {
    const good = await post(cloud, A, { text: '晒图', images: [await upload('a.png'), await upload('b.png')] });
    expect(good).toMatchObject({ held: true, post: { status: 'reviewing' } });
    expect(await feedIds()).toEqual([]);
    await cloud.openapi.settleMediaChecks();
    expect(await feedIds()).toEqual([good.post.postId]);
    expect(await balance(A)).toBe(5);

    const bad = await post(cloud, A, { text: '有问题的图', images: [await upload('ok.png'), await upload('risky.png')] });
    await cloud.openapi.settleMediaChecks();
    const mine = ok(await call<{ post: { status: string; note: string } }>(cloud, A, 'post', { postId: bad.post.postId }));
    expect(mine.post).toMatchObject({ status: 'hidden', note: expect.stringContaining('图片未通过安全检查') });
    expect(await feedIds()).toEqual([good.post.postId]);
    expect(await balance(A)).toBe(5);
  });

  it('ignores a forged result event with an unknown trace id', async () => {
    const held = await post(cloud, A, { text: '图', images: [await upload('review-me.png')] });
    const forged = await cloud.call('community', { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'forged-trace-id-123', result: { suggest: 'pass', label: 100 } }, B);
    expect(forged).toBe('success');
    await cloud.openapi.settleMediaChecks();
    // The real answer was "review": the post waits for a moderator.
    expect(ok(await call<{ post: { status: string } }>(cloud, A, 'post', { postId: held.post.postId })).post.status).toBe('reviewing');
    expect(ok(await call<{ items: { reasons: string[] }[] }>(cloud, MOD, 'queue', {})).items[0].reasons).toEqual(['图片需人工审核']);
  });
});

describe('comments', () => {
  it('threads replies under their comment (two levels) and counts them on the post', async () => {
    const p = (await post(cloud, A, { text: '讨论一下' })).post.postId;
    const c1 = ok(await call<{ comment: { commentId: string } }>(cloud, B, 'comment', { postId: p, text: '第一条评论', requestId: rid() })).comment.commentId;
    cloud.clock.advance(1000);
    const c2 = ok(await call<{ comment: { commentId: string } }>(cloud, A, 'comment', { postId: p, text: '第二条评论', requestId: rid() })).comment.commentId;
    cloud.clock.advance(1000);
    const r1 = ok(await call<{ comment: { commentId: string; parentId: string } }>(cloud, A, 'comment', { postId: p, text: '回复第一条', replyTo: c1, requestId: rid() })).comment;
    cloud.clock.advance(1000);
    const r2 = ok(await call<{ comment: { commentId: string; parentId: string; replyTo: { nickname: string } } }>(cloud, B, 'comment', { postId: p, text: '回复回复', replyTo: r1.commentId, requestId: rid() })).comment;
    expect(r1.parentId).toBe(c1);
    expect(r2).toMatchObject({ parentId: c1, replyTo: { nickname: '会员hor' } });
    const list = ok(await call<{ items: { commentId: string }[] }>(cloud, B, 'comments', { postId: p }));
    expect(list.items.map((c) => c.commentId)).toEqual([c1, r1.commentId, r2.commentId, c2]);
    expect(ok(await call<{ post: { commentCount: number } }>(cloud, B, 'post', { postId: p })).post.commentCount).toBe(4);
  });
});
