/**
 * Likes are applied in batches (`community/reactions.service.ts`): each tap is the member's intent, and one member at a
 * time (the post's lease) applies the pending taps with the post's counters and the author's bucket in one
 * transaction. A burst on one post commits a few transactions instead of one per like and answers no BUSY; a lease
 * left by a member who died is taken over; counts stay exact.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { call, post, registerMany } from '../support/community';
import { seedMembers } from '../support/groupbuy';
import { count, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

const T0 = new Date('2026-11-20T02:00:00Z');
const NOW = new Date('2026-11-23T02:00:00Z');
const A = 'o-author';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(T0);
  await registerMany(cloud, [A, 'o-b']);
  cloud.clock.set(NOW);
});
afterEach(() => cloud.close());

const postDoc = async (id: string) => (await cloud.db.collection<{ likeCount: number; scored?: { likes: number } }>('posts').doc(id).get()).data;
const likesReceived = async () =>
  (await cloud.db.collection<{ days: Record<string, { lr?: number }> }>('member_activity').doc(A).get()).data.days['2026-11-23']?.lr ?? 0;

it('100 members liking one post at once: all liked, no BUSY, a few batch transactions, counts exact', async () => {
  cloud.clock.set(T0);
  const likers = await seedMembers(cloud, 'o-l', 100);
  cloud.clock.set(NOW);
  const p = (await post(cloud, A, { text: '热帖' })).post.postId;
  cloud.db.resetStats();
  const results = await Promise.all(likers.map((who) => call(cloud, who, 'like', { postId: p, liked: true })));
  const transactions = cloud.db.stats().transactions;
  expect(results.filter((r) => !r.ok)).toEqual([]);
  expect(transactions).toBeLessThan(50); // one per batch of up to 20, not one per like
  expect(await count(cloud, 'post_likes', { postId: p })).toBe(100);
  const d = await postDoc(p);
  expect([d.likeCount, d.scored?.likes, await likesReceived()]).toEqual([100, 100, 100]);
  expect((await cloud.db.collection('post_reaction_leases').doc(p).get()).data).toMatchObject({ holder: '' });
}, 120_000);

it('a lease left by a member who died is taken over: the next like still lands, once', async () => {
  const p = (await post(cloud, A, { text: '卡住的帖子' })).post.postId;
  await cloud.db.collection('post_reaction_leases').doc(p).set({ data: { holder: 'a-tap-that-died', beat: 7 } });
  const r = await call<{ liked: boolean; likeCount: number; changed: boolean }>(cloud, 'o-b', 'like', { postId: p, liked: true });
  expect(r).toMatchObject({ ok: true, data: { liked: true, changed: true } });
  expect((await call(cloud, 'o-b', 'like', { postId: p, liked: true })).ok).toBe(true); // again: no change
  const d = await postDoc(p);
  expect([d.likeCount, d.scored?.likes, await likesReceived()]).toEqual([1, 1, 1]);
  expect((await cloud.db.collection('post_reaction_leases').doc(p).get()).data).toMatchObject({ holder: '' });
});
