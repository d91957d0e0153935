import { awardActivity } from '../points/activity-award.service';
import { planReverse } from '../points/points-ledger.rules';
import { postInTx } from '../points/points-ledger.service';
import { POINT_ENTRIES, type PointEntryRecord } from '../points/points.record';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { awardCounterBadges } from './badges.service';
import { countCheckins, uncountCheckins } from './campaign-progress.service';
import { addToMonth } from './community-counters';
import { loadMember } from './community-members.service';
import { COMMUNITY_MEMBERS, POSTS, type PostRecord } from './community.record';
import { contributionOf } from './honours.rules';

/**
 * Whether a post counts: points for posting, the author's post count and likes received, their monthly
 * contribution (honours), campaign check-ins. A post counts from the moment it is visible (published) until
 * it is hidden or deleted (unpublished), and again if a moderator restores it.
 *
 * Each transition is claimed by one conditional update of the post's `counted` flag (with the publication
 * number as a version), so concurrent moderators, flags and media results apply it exactly once. Points go
 * through the ledger: publication n earns under `post:<id>[.n]` (capped per day by awardActivity), and its
 * unpublication reverses exactly what that entry earned under `post-undo:<id>[.n]`.
 */

export const pointsSourceId = (postId: string, publication: number) => (publication <= 1 ? postId : `${postId}.${publication}`);

async function loadPost(ctx: JobContext, postId: string): Promise<PostRecord | null> {
  return getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(postId));
}

export async function countPost(ctx: JobContext, postId: string): Promise<{ points: number }> {
  const post = await loadPost(ctx, postId);
  if (!post || post.status !== 'visible' || post.counted) return { points: 0 };
  const publication = post.publications + 1;
  const claim = await ctx.db
    .collection(POSTS)
    .where({ _id: postId, status: 'visible', counted: false, publications: post.publications })
    .update({ data: { counted: true, publications: publication } });
  if (claim.stats.updated !== 1) return { points: 0 };
  const now = ctx.clock.now();
  const _ = ctx.db.command;

  let points = 0;
  const member = await loadMember(ctx.db, post._openid);
  if (member && !post.official) {
    const memberCtx = { ...ctx, caller: { openid: member._id, appid: '', source: 'unknown' as const }, member };
    const { award } = await awardActivity(memberCtx, { kind: 'post', sourceId: pointsSourceId(postId, publication), title: '发布社区内容' });
    points = award.total;
  }
  await ctx.db.collection(COMMUNITY_MEMBERS).doc(post._openid).update({
    data: { posts: _.inc(1), likesReceived: _.inc(post.likesFromOthers), updatedAt: now },
  });
  await addToMonth(ctx.db, post.month, post._openid, contributionOf(post), now);
  await awardCounterBadges(ctx, post._openid);
  await countCheckins(ctx, { ...post, counted: true, publications: publication });
  return { points };
}

export async function uncountPost(ctx: JobContext, postId: string): Promise<{ reversed: number }> {
  const post = await loadPost(ctx, postId);
  if (!post || post.status === 'visible' || !post.counted) return { reversed: 0 };
  const claim = await ctx.db
    .collection(POSTS)
    .where({ _id: postId, status: post.status, counted: true, publications: post.publications })
    .update({ data: { counted: false } });
  if (claim.stats.updated !== 1) return { reversed: 0 };
  const now = ctx.clock.now();
  const _ = ctx.db.command;

  const sourceId = pointsSourceId(postId, post.publications);
  const earned = await getOrNull<PointEntryRecord>(ctx.db.collection<PointEntryRecord>(POINT_ENTRIES).doc(`post:${sourceId}`));
  const amount = earned ? earned.lineItems.reduce((s, i) => s + i.points, 0) : 0;
  let reversed = 0;
  if (earned && amount > 0) {
    const posted = await ctx.db.runTransaction((tx) =>
      postInTx(
        tx,
        post._openid,
        {
          key: `post-undo:${sourceId}`,
          kind: 'reverse',
          reason: post.status === 'deleted' ? '删除社区内容，收回发帖积分' : '社区内容被隐藏，收回发帖积分',
          source: 'post',
          sourceId,
          plan: (state) => planReverse(state, { sourceId, amount }),
        },
        now,
      ),
    );
    reversed = posted.entry.effects.take.reduce((s, t) => s + t.amount, 0) + posted.entry.owedDelta;
  }
  await ctx.db.collection(COMMUNITY_MEMBERS).doc(post._openid).update({
    data: { posts: _.inc(-1), likesReceived: _.inc(-post.likesFromOthers), updatedAt: now },
  });
  await addToMonth(ctx.db, post.month, post._openid, -contributionOf(post), now);
  await uncountCheckins(ctx, post);
  return { reversed };
}
