/**
 * `npm run bench:comments`: a burst of comments on one post. Every comment that is visible changes the post's comment
 * counters and the author's scoring bucket (comments received) together with the comment document
 * (`community/comments.service.ts`), so the comments on a hot post meet on the same documents as its likes. 100
 * members comment at once, at the local database's own speed and at the modelled latency: how many comments are
 * stored and how many answered BUSY, the transaction attempts of the burst, whether the counts end exact (post counter =
 * visible comment documents = the author's bucket), and how long it takes (`scripts/bench/post-burst.ts`).
 */
import { businessDay } from '../cloudfunctions/_core/shared/business-time.rules';
import { BURST_AUTHOR, BURST_NOW, runMain } from './bench/post-burst';

runMain({
  name: 'comments',
  verb: 'comment on',
  noun: 'comment',
  okColumn: 'Commented',
  exactMeans:
    "the post's comment counter (and its counted record), the visible comment documents and the author's bucket (comments received) all equal the comments answered OK.",
  action: (postId, i) => ({ action: 'comment', input: { postId, text: `第${i + 1}杯也很好喝`, requestId: `bench-comment-${String(i).padStart(4, '0')}` } }),
  async counts(cloud, postId, ok) {
    const post = (await cloud.db.collection<{ commentCount: number; scored?: { comments: number } }>('posts').doc(postId).get()).data;
    const visible = (await cloud.db.collection('comments').where({ postId, status: 'visible' }).count()).total;
    const all = (await cloud.db.collection('comments').where({ postId }).count()).total;
    const activity = (await cloud.db.collection<{ days: Record<string, { cr?: number }> }>('member_activity').doc(BURST_AUTHOR).get()).data;
    const cr = activity.days[businessDay(BURST_NOW)]?.cr ?? 0;
    return {
      exact: post.commentCount === ok && visible === ok && all === ok && cr === ok && post.scored?.comments === ok,
      counts: `${post.commentCount} / ${visible} / ${cr}`,
    };
  },
});
