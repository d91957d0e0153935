/**
 * Visible comments and their deletion are applied in the post's batches with its likes (`community/post-intents.ts`):
 * each is its writer's intent, applied by whoever holds the post's lease together with the post's counters and the
 * buckets.
 * A burst of comments racing deletes and hides answers no BUSY and the counter ends equal to the documents; a comment
 * is visible to its writer when the call returns; a comment never applied is withdrawn, answered BUSY, and nothing of
 * it happens later; a retry of the same request writes one comment; bad input writes nothing.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import { call, post, registerMany, rid } from '../support/community';
import { seedMembers } from '../support/groupbuy';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const T0 = new Date('2026-11-20T02:00:00Z');
const NOW = new Date('2026-11-23T02:00:00Z');
const A = 'o-author';
const B = 'o-b';
const MOD = 'o-moderator';

interface CommentOut {
  comment: { commentId: string; text: string };
  held: boolean;
  repeated: boolean;
}
interface PostDoc {
  commentCount: number;
  commentsFromOthers: number;
  scored?: { comments: number };
}

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(T0);
  await registerMany(cloud, [A, B, MOD]);
  await grantRole(cloud, MOD, 'operator', null);
  cloud.clock.set(NOW);
});
afterEach(() => cloud.close());

const postDoc = async (id: string) => (await cloud.db.collection<PostDoc>('posts').doc(id).get()).data;
const commentsReceived = async () =>
  (await cloud.db.collection<{ days: Record<string, { cr?: number }> }>('member_activity').where({ _id: A }).get()).data[0]?.days['2026-11-23']?.cr ?? 0;
const comment = (who: string, postId: string, text: string, requestId = rid()) => call<CommentOut>(cloud, who, 'comment', { postId, text, requestId });

/** The post's counter, its counted record, the visible and the counted comment documents, and the author's bucket. */
async function counts(postId: string): Promise<number[]> {
  const d = await postDoc(postId);
  return [d.commentCount, d.scored?.comments ?? 0, await count(cloud, 'comments', { postId, status: 'visible' }), await count(cloud, 'comments', { postId, counted: true }), await commentsReceived()];
}

/** Keeps the post's lease held by a live member that never applies anything (its beat moves): others wait. */
async function holdLease(postId: string): Promise<() => Promise<void>> {
  const leases = cloud.db.collection<{ holder: string; beat: number }>('post_reaction_leases');
  await leases.doc(postId).set({ data: { holder: 'a-busy-holder', beat: 0 } });
  let beat = 0;
  const timer = setInterval(() => void leases.doc(postId).update({ data: { beat: ++beat } }), 15);
  return async () => {
    clearInterval(timer);
    await leases.doc(postId).set({ data: { holder: '', beat: beat + 1 } });
  };
}

it('100 members commenting at once while comments are deleted and hidden: no BUSY, the counter equals the documents', async () => {
  cloud.clock.set(T0);
  const members = await seedMembers(cloud, 'o-w', 120);
  const [writers, early] = [members.slice(0, 100), members.slice(100)];
  cloud.clock.set(NOW);
  const p = (await post(cloud, A, { text: '热帖' })).post.postId;
  const first = await Promise.all(early.map(async (who, i) => ({ who, id: ok(await comment(who, p, `先到的第${i}条`)).comment.commentId })));
  expect(await counts(p)).toEqual([20, 20, 20, 20, 20]);

  cloud.db.resetStats();
  const racing: Promise<Result<unknown>>[] = [
    ...writers.map((who, i) => comment(who, p, i % 10 === 9 ? `有需要的加微信${i}` : `写得真好${i}`)),
    ...first.slice(0, 8).map(({ who, id }) => call(cloud, who, 'deleteComment', { commentId: id })),
    ...first.slice(8, 14).map(({ id }) => call(cloud, MOD, 'flagComment', { commentId: id, reason: 'abuse' })),
  ];
  const results = await Promise.all(racing);
  expect(results.flatMap((r, i) => (r.ok ? [] : [[i, r.error.code]]))).toEqual([]);
  expect(cloud.db.stats().transactions).toBeLessThan(80); // comments in batches of up to 20; 14 deletes and hides on their own
  const made = results.slice(0, 100).map((r) => (r as { data: CommentOut }).data);
  expect(made.filter((c) => c.held)).toHaveLength(10); // the review words: held, not counted
  // 20 early - 8 deleted - 6 hidden + 90 new visible ones.
  expect(await counts(p)).toEqual([96, 96, 96, 96, 96]);
  expect((await postDoc(p)).commentsFromOthers).toBe(96);
  expect(await count(cloud, 'post_reaction_intents', { postId: p })).toBe(0); // applied comment intents are removed
  expect((await cloud.db.collection('post_reaction_leases').doc(p).get()).data).toMatchObject({ holder: '' });
}, 180_000);

it('a comment is visible to its writer (and everyone) when the call returns; a retry of the request writes it once', async () => {
  const p = (await post(cloud, A, { text: '新帖' })).post.postId;
  const requestId = rid();
  const [one, two] = await Promise.all([comment(B, p, '沙发', requestId), comment(B, p, '沙发', requestId)]);
  const both = [ok(one), ok(two)];
  expect(both.map((c) => c.comment.commentId)).toEqual([both[0].comment.commentId, both[0].comment.commentId]);
  expect(both.filter((c) => c.repeated)).toHaveLength(1);
  for (const viewer of [B, A]) {
    const list = ok(await call<{ items: { commentId: string }[] }>(cloud, viewer, 'comments', { postId: p }));
    expect(list.items.map((c) => c.commentId)).toEqual([both[0].comment.commentId]);
  }
  expect(ok(await comment(B, p, '沙发', requestId))).toMatchObject({ repeated: true });
  expect(await counts(p)).toEqual([1, 1, 1, 1, 1]);
});

it('a comment never applied is withdrawn and answered BUSY: nothing of it is written later', async () => {
  const p = (await post(cloud, A, { text: '卡住的帖子' })).post.postId;
  const release = await holdLease(p);
  const r = await comment(B, p, '等不到的评论');
  await release();
  expect(r).toMatchObject({ ok: false, error: { code: 'BUSY' } });
  // The next member's action applies what is pending on the post: the withdrawn comment is not among it.
  ok(await call(cloud, MOD, 'like', { postId: p, liked: true }));
  ok(await comment(MOD, p, '我的评论'));
  expect(await counts(p)).toEqual([1, 1, 1, 1, 1]);
  expect(await count(cloud, 'comments', { _openid: B })).toBe(0);
  expect(await count(cloud, 'post_reaction_intents', { kind: 'comment' })).toBe(0);
}, 60_000);

it('a post hidden while a comment waits for its batch: POST_NOT_FOUND, nothing written', async () => {
  const p = (await post(cloud, A, { text: '将被隐藏' })).post.postId;
  const release = await holdLease(p);
  const waiting = comment(B, p, '来晚了');
  const pending = () => count(cloud, 'post_reaction_intents', { postId: p, kind: 'comment', status: 'pending' });
  for (let i = 0; i < 500 && (await pending()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await pending()).toBe(1);
  ok(await call(cloud, MOD, 'flag', { postId: p, reason: 'spam' })); // a moderator's flag hides at once
  await release();
  expect(await waiting).toMatchObject({ ok: false, error: { code: 'POST_NOT_FOUND' } });
  expect(await count(cloud, 'comments', { postId: p })).toBe(0);
  expect(await count(cloud, 'post_reaction_intents', { postId: p })).toBe(0);
  expect((await postDoc(p)).commentCount).toBe(0);
});

it("deleting one's comment on a post hidden since takes back the writer's count; a second delete is refused", async () => {
  const p = (await post(cloud, A, { text: '之后会被隐藏' })).post.postId;
  const c = ok(await comment(B, p, '先评论')).comment.commentId;
  const given = async () => (await cloud.db.collection<{ days: Record<string, { cg?: number }> }>('member_activity').doc(B).get()).data.days['2026-11-23']?.cg ?? 0;
  expect(await given()).toBe(1);
  ok(await call(cloud, MOD, 'flag', { postId: p, reason: 'spam' }));
  expect(await call(cloud, B, 'deleteComment', { commentId: c })).toEqual({ ok: true, data: { done: true } });
  expect((await cloud.db.collection<{ status: string; counted: boolean }>('comments').doc(c).get()).data).toMatchObject({ status: 'deleted', counted: false });
  expect(await given()).toBe(0);
  expect((await postDoc(p)).commentCount).toBe(0);
  expect(await call(cloud, B, 'deleteComment', { commentId: c })).toMatchObject({ ok: false, error: { code: 'COMMENT_NOT_FOUND' } });
  expect(await count(cloud, 'post_reaction_intents', { postId: p })).toBe(0);
});

describe('bad input: a typed error and nothing written', () => {
  /** Every collection a comment could touch. */
  const WRITES = ['comments', 'post_reaction_intents', 'post_reaction_leases', 'community_rate_limits', 'moderation_cases', 'member_activity'];
  const snapshot = async (postId: string) => [...(await Promise.all(WRITES.map((c) => count(cloud, c)))), (await postDoc(postId)).commentCount];

  it('empty, blank or too long text, a missing request id, an unknown reply', async () => {
    const p = (await post(cloud, A, { text: '正常的帖子' })).post.postId;
    const before = await snapshot(p);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ postId: p, text: '', requestId: rid() }, 'INVALID_INPUT', 'text'],
      [{ postId: p, text: '   ', requestId: rid() }, 'INVALID_INPUT', 'text'],
      [{ postId: p, text: '长'.repeat(301), requestId: rid() }, 'INVALID_INPUT', 'text'],
      [{ postId: p, text: '没有请求号' }, 'INVALID_INPUT', 'requestId'],
      [{ postId: p, text: '回复不存在的评论', replyTo: 'cNoSuchComment01', requestId: rid() }, 'COMMENT_NOT_FOUND', 'replyTo'],
    ];
    for (const [input, code, field] of cases) expect(await call(cloud, B, 'comment', input)).toMatchObject({ ok: false, error: { code, field } });
    expect(await snapshot(p)).toEqual(before);
  });

  it('on a hidden post and on a deleted post', async () => {
    const hidden = (await post(cloud, A, { text: '将被隐藏' })).post.postId;
    const deleted = (await post(cloud, A, { text: '将被删除' })).post.postId;
    ok(await call(cloud, MOD, 'flag', { postId: hidden, reason: 'spam' }));
    ok(await call(cloud, A, 'deletePost', { postId: deleted }));
    const before = [await snapshot(hidden), await snapshot(deleted)];
    for (const p of [hidden, deleted]) expect(await comment(B, p, '评论一下')).toMatchObject({ ok: false, error: { code: 'POST_NOT_FOUND' } });
    expect([await snapshot(hidden), await snapshot(deleted)]).toEqual(before);
  });
});
