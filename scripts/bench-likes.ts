/**
 * `npm run bench:likes`: a burst of likes on one post. Every like changes the post's counters and the author's
 * scoring bucket together with the like document, in a transaction (`community/reactions.service.ts`), so the likes
 * of a hot post meet on two documents. 100 members tap like at once, at the local database's own speed and at the
 * modelled latency: how many are liked and how many answered BUSY, how many transaction attempts the burst made (a
 * like applied in another member's batch makes none of its own), whether the counts end exact (post counter = like
 * documents = the bucket's likes received), and how long it takes (`scripts/bench/post-burst.ts`).
 */
import { businessDay } from '../cloudfunctions/_core/shared/business-time.rules';
import { BURST_AUTHOR, BURST_NOW, runMain } from './bench/post-burst';

runMain({
  name: 'likes',
  verb: 'like',
  noun: 'like',
  okColumn: 'Liked',
  exactMeans: "the post's counter, the like documents and the author's bucket (likes received) all equal the likes answered OK.",
  action: (postId) => ({ action: 'like', input: { postId, liked: true } }),
  async counts(cloud, postId, ok) {
    const post = (await cloud.db.collection<{ likeCount: number; scored?: { likes: number } }>('posts').doc(postId).get()).data;
    const likes = (await cloud.db.collection('post_likes').where({ postId }).count()).total;
    const activity = (await cloud.db.collection<{ days: Record<string, { lr?: number }> }>('member_activity').doc(BURST_AUTHOR).get()).data;
    const lr = activity.days[businessDay(BURST_NOW)]?.lr ?? 0;
    return { exact: post.likeCount === ok && likes === ok && lr === ok && post.scored?.likes === ok, counts: `${post.likeCount} / ${likes} / ${lr}` };
  },
});
