/**
 * `npm run bench:comments`: a burst of comments on one post. Every comment that is visible changes the post's comment
 * counters and the author's scoring bucket (comments received) together with the comment document
 * (`community/comments.service.ts`), so the comments on a hot post meet on the same documents as its likes. 100
 * members comment at once, at the local database's own speed and at the modelled latency, while 10 others delete their
 * earlier comments (ALONGSIDE=10): how many comments are stored and how many answered BUSY (and how many deletes), the transaction attempts of the burst, whether the counts end exact (post counter =
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
    "the post's comment counter (and its counted record), the visible comment documents and the author's bucket (comments received) all equal the comments answered OK plus the earlier ones not deleted.",
  alongside: {
    column: `BUSY of ${process.env.ALONGSIDE || 10} deletes racing it`,
    // Other members commented earlier; during the burst they delete those comments.
    async prepare(cloud, postId, members) {
      const deletes = [];
      for (const [i, who] of members.entries()) {
        const r = await cloud.call<{ comment: { commentId: string } }>('community', { action: 'comment', input: { postId, text: `早到的第${i + 1}条`, requestId: `bench-early-${String(i).padStart(6, '0')}` } }, who);
        if (!r.ok) throw new Error(`comment: ${r.error.code}`);
        deletes.push({ who, call: { action: 'deleteComment', input: { commentId: r.data.comment.commentId } } });
      }
      return deletes;
    },
  },
  action: (postId, i) => ({ action: 'comment', input: { postId, text: `第${i + 1}杯也很好喝`, requestId: `bench-comment-${String(i).padStart(4, '0')}` } }),
  async counts(cloud, postId, ok, deleted) {
    const post = (await cloud.db.collection<{ commentCount: number; scored?: { comments: number } }>('posts').doc(postId).get()).data;
    const visible = (await cloud.db.collection('comments').where({ postId, status: 'visible' }).count()).total;
    const all = (await cloud.db.collection('comments').where({ postId }).count()).total;
    const activity = (await cloud.db.collection<{ days: Record<string, { cr?: number }> }>('member_activity').doc(BURST_AUTHOR).get()).data;
    const cr = activity.days[businessDay(BURST_NOW)]?.cr ?? 0;
    const expected = ok + Number(process.env.ALONGSIDE || 10) - deleted;
    return {
      exact: post.commentCount === expected && visible === expected && cr === expected && post.scored?.comments === expected && all - visible === deleted,
      counts: `${post.commentCount} / ${visible} / ${cr}`,
    };
  },
});
