/**
 * The community's events in the scoring buckets (`member_activity`), through the `community` function on the
 * local cloud: exact under concurrency, consistent with the event wherever a write fails, and equal to a
 * recomputation from the raw community documents after any sequence of actions.
 */
import fc from 'fast-check';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { ActivityState, DayBucket } from '../../cloudfunctions/_core/scoring/activity.rules';
import { businessDay } from '../../cloudfunctions/_core/shared/business-time.rules';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { call, callUntilNotBusy, post, registerMany, rid, seedCommunity } from '../support/community';
import { emptyWorld, recomputeFromRaw, type RawWorld } from '../support/scoring-world';

let cloud: LocalCloud;
const A = 'o-author';
const MOD = 'o-moderator';
const T0 = new Date('2026-11-20T02:00:00Z'); // members register at 10:00 Beijing, Friday Nov 20
const NOW = new Date('2026-11-23T02:00:00Z'); // and act three days later
const TODAY = businessDay(NOW);

type Bucket = Required<DayBucket>;
interface PostDoc {
  _id: string;
  _openid: string;
  status: string;
  day: string;
  likeCount: number;
  favouriteCount: number;
  commentCount: number;
  scored?: { likes: number; favourites: number; comments: number };
}

async function bucket(openid: string, day = TODAY): Promise<Partial<Bucket>> {
  const r = await cloud.db.collection<{ days: Record<string, DayBucket> }>('member_activity').where({ _id: openid }).get();
  const b = r.data[0]?.days?.[day] ?? {};
  return Object.fromEntries(Object.entries(b).filter(([, n]) => n !== 0));
}
const postDoc = async (id: string) => (await cloud.db.collection<PostDoc>('posts').doc(id).get()).data;

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await seedCommunity(cloud);
  await cloud.db.collection('app_config').doc('community').set({
    data: { rateLimits: { postsPerHour: 100, commentsPerHour: 100, newMemberHours: 24, newMemberPostsPerHour: 100, newMemberCommentsPerHour: 100 } },
  });
  cloud.clock.set(T0);
  await registerMany(cloud, [A, MOD, 'o-b', 'o-c']);
  await grantRole(cloud, MOD, 'operator', null);
  cloud.clock.set(NOW);
});
afterEach(() => cloud.close());

describe('likes under concurrency', () => {
  it("100 members liking one member's posts at once (tapping again on BUSY): the author's bucket counts 100, the posts' counts 100", async () => {
    const likers = Array.from({ length: 100 }, (_, i) => `o-liker-${String(i).padStart(3, '0')}`);
    cloud.clock.set(T0);
    await registerMany(cloud, likers);
    cloud.clock.set(NOW);
    const posts = [(await post(cloud, A, { text: '第一条' })).post.postId, (await post(cloud, A, { text: '第二条' })).post.postId];
    const results = await Promise.all(likers.map((who, i) => callUntilNotBusy(cloud, who, 'like', { postId: posts[i % 2], liked: true })));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(await bucket(A)).toEqual({ po: 2, lr: 100 });
    const docs = await Promise.all(posts.map(postDoc));
    expect(docs.map((d) => d.likeCount)).toEqual([50, 50]);
    expect(docs.map((d) => d.scored?.likes)).toEqual([50, 50]);
    expect(await count(cloud, 'post_likes', { postAuthor: A })).toBe(100);
  }, 180_000); // registering 100 members and the burst take over a minute when the two shared cores are loaded

  it('one member tapping like and unlike 40 times at once: the bucket equals the like documents (0 or 1)', async () => {
    const p = (await post(cloud, A, { text: '连点' })).post.postId;
    const taps = await Promise.all(Array.from({ length: 40 }, (_, i) => callUntilNotBusy(cloud, 'o-b', 'like', { postId: p, liked: i % 3 !== 0 })));
    expect(taps.filter((r) => !r.ok)).toEqual([]);
    const docs = await count(cloud, 'post_likes', { postId: p });
    expect((await bucket(A)).lr ?? 0).toBe(docs);
    expect((await postDoc(p)).likeCount).toBe(docs);
  });
});

describe('what counts', () => {
  it('a self-like and a like from an account younger than 24 hours add nothing; taking them back takes nothing', async () => {
    await registerMany(cloud, ['o-newbie']); // registered now
    const p = (await post(cloud, A, { text: '谁的赞算数' })).post.postId;
    ok(await call(cloud, A, 'like', { postId: p, liked: true }));
    ok(await call(cloud, 'o-newbie', 'like', { postId: p, liked: true }));
    ok(await call(cloud, 'o-newbie', 'favourite', { postId: p, favourited: true }));
    expect(await bucket(A)).toEqual({ po: 1 });
    expect((await postDoc(p)).likeCount).toBe(2); // the post shows every like; the score counts none of these
    ok(await call(cloud, 'o-b', 'like', { postId: p, liked: true }));
    expect(await bucket(A)).toEqual({ po: 1, lr: 1 });
    ok(await call(cloud, A, 'like', { postId: p, liked: false }));
    ok(await call(cloud, 'o-newbie', 'like', { postId: p, liked: false }));
    expect(await bucket(A)).toEqual({ po: 1, lr: 1 });
    // The newbie's account is a day old tomorrow: a like then counts, and its take-back takes exactly one.
    cloud.clock.set(new Date(NOW.getTime() + 25 * 3600_000));
    ok(await call(cloud, 'o-newbie', 'like', { postId: p, liked: true }));
    expect(await bucket(A)).toEqual({ po: 1, lr: 2 });
    ok(await call(cloud, 'o-newbie', 'like', { postId: p, liked: false }));
    expect(await bucket(A)).toEqual({ po: 1, lr: 1 });
  });

  it('hiding a post takes back exactly what it brought; restoring brings it back; deleting takes it back for good', async () => {
    await registerMany(cloud, ['o-newbie']);
    const p = (await post(cloud, A, { text: '会被隐藏的帖子' })).post.postId;
    for (const who of ['o-b', 'o-c', 'o-newbie', A]) ok(await call(cloud, who, 'like', { postId: p, liked: true }));
    ok(await call(cloud, 'o-b', 'favourite', { postId: p, favourited: true }));
    for (const [who, text] of [['o-b', '好看'], ['o-c', '学到了'], [A, '谢谢']]) ok(await call(cloud, who, 'comment', { postId: p, text, requestId: rid() }));
    const brought = { po: 1, lr: 2, fr: 1, cr: 2, cg: 0 };
    expect(await bucket(A)).toEqual({ po: 1, lr: 2, fr: 1, cr: 2 });
    expect((await postDoc(p)).scored).toEqual({ likes: 2, favourites: 1, comments: 2 });

    ok(await call(cloud, MOD, 'flag', { postId: p, reason: 'spam' })); // a moderator's flag reaches the threshold alone
    expect((await postDoc(p)).status).toBe('hidden');
    expect(await bucket(A)).toEqual({});
    expect(await bucket('o-b')).toEqual({ cg: 1 }); // comments given still count for their writers
    expect(brought.cg).toBe(0);

    ok(await call(cloud, MOD, 'decide', { caseId: `post:${p}`, decision: 'approve' }));
    expect(await bucket(A)).toEqual({ po: 1, lr: 2, fr: 1, cr: 2 });
    ok(await call(cloud, A, 'deletePost', { postId: p }));
    expect(await bucket(A)).toEqual({});
    expect(await bucket('o-c')).toEqual({ cg: 1 });
  });

  it('a hidden comment stops counting on both sides; campaign check-in days count and leave with their post', async () => {
    const p = (await post(cloud, A, { text: '评论会被隐藏' })).post.postId;
    const c = ok(await call<{ comment: { commentId: string } }>(cloud, 'o-b', 'comment', { postId: p, text: '一条评论', requestId: rid() })).comment.commentId;
    expect(await bucket('o-b')).toEqual({ cg: 1 });
    expect(await bucket(A)).toEqual({ po: 1, cr: 1 });
    ok(await call(cloud, MOD, 'flagComment', { commentId: c, reason: 'abuse' }));
    expect(await bucket('o-b')).toEqual({});
    expect(await bucket(A)).toEqual({ po: 1 });
    expect((await postDoc(p)).scored?.comments).toBe(0);

    ok(await call(cloud, 'o-c', 'joinCampaign', { campaignId: 'run7' }));
    const run = (await post(cloud, 'o-c', { text: '今日晨跑', topics: ['morning-run'] })).post.postId;
    expect(await bucket('o-c')).toEqual({ po: 1, cd: 1 });
    ok(await call(cloud, 'o-c', 'deletePost', { postId: run }));
    expect(await bucket('o-c')).toEqual({});
  });
});

describe('layers as a campaign audience', () => {
  it('a campaign limited to 超级用户 admits members carrying the layer and tells the others why', async () => {
    await cloud.db.collection('community_campaigns').doc('super7').set({
      data: { title: '超级用户晨跑', topic: 'morning-run', days: 7, from: '2026-11-01', to: '2026-12-31', capacity: 100, audience: { layers: ['super'] } },
    });
    const layers = (openid: string, l: string[]) =>
      cloud.db.collection('member_layers').doc(openid).set({ data: { _openid: openid, day: TODAY, layers: l, total: 0, before: [], updatedAt: NOW } });
    await layers('o-b', ['super', 'high_value']);
    await layers('o-c', ['dormant']);
    ok(await call(cloud, 'o-b', 'joinCampaign', { campaignId: 'super7' }));
    const refused = await call(cloud, 'o-c', 'joinCampaign', { campaignId: 'super7' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CAMPAIGN_NOT_ELIGIBLE', message: '仅限超级用户会员参加' } });
    expect(await count(cloud, 'campaign_members', { campaignId: 'super7' })).toBe(1);
    ok(await call(cloud, 'o-c', 'joinCampaign', { campaignId: 'run7' })); // a campaign without an audience is for everyone
  });
});

describe('a fault at any database operation leaves event and bucket consistent', () => {
  /**
   * Runs `act` with a fault at its k-th database operation, k = 1, 2, ... until it succeeds without one (or
   * `done` says its change is in: a flag that hid the post refuses the next flag); `check` after each.
   */
  async function everyFault(act: () => Promise<{ ok: boolean }>, check: () => Promise<void>, done = async () => false): Promise<number> {
    for (let failAt = 1; failAt <= 60; failAt++) {
      let seen = 0;
      cloud.db.injectFault(() => ++seen === failAt);
      const r = await act();
      cloud.db.injectFault(null);
      await check();
      if ((r.ok && seen < failAt) || (await done())) return failAt;
    }
    throw new Error('the action never succeeded');
  }

  it('like: the like document, the post counters and the bucket move together', async () => {
    const p = (await post(cloud, A, { text: '故障点赞' })).post.postId;
    const runs = await everyFault(
      () => call(cloud, 'o-b', 'like', { postId: p, liked: true }),
      async () => {
        const liked = await count(cloud, 'post_likes', { postId: p });
        const d = await postDoc(p);
        expect([d.likeCount, d.scored?.likes, (await bucket(A)).lr ?? 0]).toEqual([liked, liked, liked]);
      },
    );
    expect(runs).toBeGreaterThan(5);
    expect(await bucket(A)).toEqual({ po: 1, lr: 1 });
  });

  it('comment: the comment, the post counters and both buckets move together', async () => {
    const p = (await post(cloud, A, { text: '故障评论' })).post.postId;
    const requestId = rid();
    await everyFault(
      () => call(cloud, 'o-b', 'comment', { postId: p, text: '评论一下', requestId }),
      async () => {
        const n = await count(cloud, 'comments', { postId: p, counted: true });
        const d = await postDoc(p);
        expect([d.commentCount, d.scored?.comments, (await bucket(A)).cr ?? 0, (await bucket('o-b')).cg ?? 0]).toEqual([n, n, n, n]);
        expect(await count(cloud, 'comments', { postId: p, counted: false })).toBe(0);
      },
    );
    expect(await bucket('o-b')).toEqual({ cg: 1 });
  });

  it('hide: the post status and the take-back move together', async () => {
    const p = (await post(cloud, A, { text: '故障隐藏' })).post.postId;
    ok(await call(cloud, 'o-b', 'like', { postId: p, liked: true }));
    ok(await call(cloud, 'o-c', 'comment', { postId: p, text: '路过', requestId: rid() }));
    await everyFault(
      () => call(cloud, MOD, 'flag', { postId: p, reason: 'spam' }),
      async () => {
        const visible = (await postDoc(p)).status === 'visible';
        expect(await bucket(A)).toEqual(visible ? { po: 1, lr: 1, cr: 1 } : {});
      },
      async () => (await postDoc(p)).status === 'hidden',
    );
    expect((await postDoc(p)).status).toBe('hidden');
    await everyFault(
      () => call(cloud, MOD, 'decide', { caseId: `post:${p}`, decision: 'approve' }),
      async () => {
        const visible = (await postDoc(p)).status === 'visible';
        expect(await bucket(A)).toEqual(visible ? { po: 1, lr: 1, cr: 1 } : {});
      },
      async () => (await postDoc(p)).status === 'visible',
    );
    expect((await postDoc(p)).status).toBe('visible');
  });
});

/** The raw community documents as the scoring model's world (test/support/scoring-world.ts). */
async function rawWorld(): Promise<RawWorld> {
  const all = async <T>(collection: string) => (await cloud.db.collection<T>(collection).where({}).limit(1000).get()).data;
  const members = await all<{ _id: string; createdAt: Date }>('members');
  const w = emptyWorld(new Map(members.map((m) => [m._id, m.createdAt])));
  for (const p of await all<PostDoc>('posts')) {
    w.posts.set(p._id, { author: p._openid, day: p.day, visible: p.status === 'visible', counted: p.scored ?? { likes: 0, favourites: 0, comments: 0 } });
  }
  for (const [collection, table] of [['post_likes', w.likes], ['post_favourites', w.favourites]] as const) {
    for (const r of await all<{ _openid: string; postId: string; createdAt: Date; counted: boolean }>(collection)) {
      const rows = table.get(r.postId) ?? new Map();
      rows.set(r._openid, { by: r._openid, at: r.createdAt, counted: r.counted });
      table.set(r.postId, rows);
    }
  }
  for (const c of await all<{ _id: string; _openid: string; postId: string; createdAt: Date; status: string }>('comments')) {
    w.comments.set(c._id, { postId: c.postId, by: c._openid, day: businessDay(c.createdAt), visible: c.status === 'visible' });
  }
  for (const ck of await all<{ _openid: string; day: string }>('campaign_checkins')) w.campaignDays.push({ member: ck._openid, day: ck.day });
  return w;
}

const nonZero = (days: Record<string, DayBucket>) =>
  Object.fromEntries(
    Object.entries(days)
      .map(([day, b]) => [day, Object.fromEntries(Object.entries(b).filter(([, n]) => n !== 0))] as const)
      .filter(([, b]) => Object.keys(b).length > 0),
  );

describe('the buckets equal a recomputation from the raw documents', () => {
  it('after any sequence of posts, likes, favourites, comments, hides, restores and deletions', async () => {
    await registerMany(cloud, ['o-newbie']);
    await grantRole(cloud, 'o-newbie', 'clerk'); // (no effect on the community; a registered member younger than a day)
    ok(await call(cloud, 'o-c', 'joinCampaign', { campaignId: 'run7' }));
    const members = [A, 'o-b', 'o-c', 'o-newbie'];
    const posts: string[] = [];
    const comments: string[] = [];
    const member = fc.constantFrom(...members);
    const pick = fc.nat();
    const op = fc.oneof(
      fc.record({ kind: fc.constant('post' as const), who: member, topic: fc.boolean() }),
      fc.record({ kind: fc.constantFrom('like' as const, 'favourite' as const), who: member, post: pick, on: fc.boolean() }),
      fc.record({ kind: fc.constant('comment' as const), who: member, post: pick }),
      fc.record({ kind: fc.constant('deleteComment' as const), comment: pick }),
      fc.record({ kind: fc.constantFrom('hide' as const, 'restore' as const, 'delete' as const), post: pick }),
      fc.record({ kind: fc.constant('hours' as const), hours: fc.integer({ min: 1, max: 30 }) }),
    );
    let clock = NOW.getTime();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 20 }), async (ops) => {
        for (const o of ops) {
          const p = posts.length ? posts[('post' in o ? o.post : 0) % posts.length] : null;
          if (o.kind === 'post') {
            const out = ok(await call<{ post: { postId: string } }>(cloud, o.who, 'createPost', { requestId: rid(), text: '随手记', topics: o.topic ? ['morning-run'] : [] }));
            posts.push(out.post.postId);
          } else if (o.kind === 'like' && p) await call(cloud, o.who, 'like', { postId: p, liked: o.on });
          else if (o.kind === 'favourite' && p) await call(cloud, o.who, 'favourite', { postId: p, favourited: o.on });
          else if (o.kind === 'comment' && p) {
            const r = await call<{ comment: { commentId: string } }>(cloud, o.who, 'comment', { postId: p, text: '说两句', requestId: rid() });
            if (r.ok) comments.push(r.data.comment.commentId);
          } else if (o.kind === 'deleteComment' && comments.length) {
            const c = comments[o.comment % comments.length];
            const doc = (await cloud.db.collection<{ _openid: string }>('comments').doc(c).get()).data;
            await call(cloud, doc._openid, 'deleteComment', { commentId: c });
          } else if (o.kind === 'hide' && p) {
            const flagged = await call<{ repeated: boolean }>(cloud, MOD, 'flag', { postId: p, reason: 'spam' });
            if (flagged.ok && flagged.data.repeated) await call(cloud, MOD, 'decide', { caseId: `post:${p}`, decision: 'hide' });
          } else if (o.kind === 'restore' && p) await call(cloud, MOD, 'decide', { caseId: `post:${p}`, decision: 'approve' });
          else if (o.kind === 'delete' && p) {
            const doc = await postDoc(p);
            await call(cloud, doc._openid, 'deletePost', { postId: p });
          } else if (o.kind === 'hours') {
            clock += o.hours * 3600_000;
            cloud.clock.set(new Date(clock));
          }
        }
        const expected = recomputeFromRaw(await rawWorld());
        for (const m of members) {
          const doc = (await cloud.db.collection<ActivityState>('member_activity').where({ _id: m }).get()).data[0];
          expect([m, nonZero(doc?.days ?? {})]).toEqual([m, nonZero(expected.get(m)?.days ?? {})]);
        }
      }),
      { numRuns: 12 },
    );
  });
});
