import { isDatabaseError, type Database } from '../../_platform/database.port';
import { awardActivity } from '../points/activity-award.service';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { JobContext } from '../shared/use-case-context';
import { awardCounterBadges } from './badges.service';
import { addCheckinLikes } from './campaign-progress.service';
import { addToMonth } from './community-counters';
import { COMMUNITY_MEMBERS, FAVOURITES, POSTS, SHARES, type CommunityMemberRecord, type PostRecord, type ReactionRecord } from './community.record';
import { submitIntent } from './post-intents';
import type { FavouriteInput, FavouritesInput, FavouriteView, FeedView, LikeInput, LikeView, PostInput, ShareView } from './community.schema';
import { hotKey, hotScore, pageOf, timeKey } from './feed.rules';
import { imageUrls } from '../shared/images';
import { toPostView } from './post-views';
import { viewerOf } from './posts.service';
import { scoringWindow } from '../scoring/activity.service';

async function visiblePost(db: Database, postId: string): Promise<PostRecord> {
  const post = await getOrNull<PostRecord>(db.collection<PostRecord>(POSTS).doc(postId));
  if (!post || post.status !== 'visible') throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
  return post;
}

/**
 * Recomputes the stored hot score from the counters as they are now. The update is conditional on the counters
 * it was computed from, so a stale score never overwrites a fresher one; whoever changes a counter last
 * reads the final values and sets the final score.
 */
export async function refreshHot(db: Database, postId: string): Promise<PostRecord | null> {
  const post = await getOrNull<PostRecord>(db.collection<PostRecord>(POSTS).doc(postId));
  if (!post) return null;
  const hot = hotScore(post.likeCount, post.commentCount, post.createdAt);
  if (hot !== post.hot) {
    await db
      .collection(POSTS)
      .where({ _id: postId, likeCount: post.likeCount, commentCount: post.commentCount })
      .update({ data: { hot, hotKey: hotKey(hot, postId) } });
  }
  return post;
}

/**
 * Adds the share document `<postId>:<openid>`. Its id is the uniqueness: an insert that hits duplicate-key
 * changed nothing, so only the first share of a member moves the counter.
 */
async function addShare(db: Database, post: PostRecord, openid: string, now: Date): Promise<boolean> {
  const id = `${post._id}:${openid}`;
  try {
    const row: Omit<ReactionRecord, '_id'> = { _openid: openid, postId: post._id, postAuthor: post._openid, createdAt: now, key: timeKey(now, id) };
    await db.collection(SHARES).add({ data: { _id: id, ...row } });
    return true;
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) return false;
    throw e;
  }
}

/** Effects of a like or unlike by another member on the author: likes received, monthly contribution, check-ins, badges. */
async function likeEffects(ctx: JobContext, post: PostRecord, delta: 1 | -1): Promise<void> {
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  if (!post.counted) return;
  await ctx.db.collection(COMMUNITY_MEMBERS).doc(post._openid).update({ data: { likesReceived: _.inc(delta) } });
  await addToMonth(ctx.db, post.month, post._openid, delta, now);
  await addCheckinLikes(ctx, post, delta);
  if (delta > 0) {
    const profile = await getOrNull<CommunityMemberRecord>(ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).doc(post._openid));
    if (profile?.nextLikeBadgeAt != null && profile.likesReceived >= profile.nextLikeBadgeAt) await awardCounterBadges(ctx, post._openid);
  }
}

/**
 * Sets (never flips) the caller's like or favourite on a visible post: records the tap as the caller's intent and
 * waits until it is applied in a batch with the post's counters (`post-intents.ts`). Only another member registered
 * 24 hours before counts. A tap that is never applied is withdrawn (BUSY): nothing of it happens later.
 */
async function react(ctx: MemberContext, kind: 'like' | 'favourite', postId: string, on: boolean): Promise<{ post: PostRecord; changed: boolean; counted: boolean }> {
  const now = ctx.clock.now();
  const [post, window] = await Promise.all([visiblePost(ctx.db, postId), scoringWindow(ctx, now)]);
  const outcome = await submitIntent(ctx, { _id: `${kind}:${postId}:${ctx.member._id}`, postId, kind, on }, true, window);
  // Replaced by a later tap of the same member: that one decides; this one changed nothing.
  return outcome.state === 'applied' && outcome.changed ? { post, changed: true, counted: outcome.counted } : { post, changed: false, counted: false };
}

export async function setLike(ctx: MemberContext, input: LikeInput): Promise<LikeView> {
  const { post, changed } = await react(ctx, 'like', input.postId, input.liked);
  if (!changed) return { liked: input.liked, likeCount: Math.max(0, post.likeCount), changed: false };
  const delta = input.liked ? 1 : -1;
  const fresh = await refreshHot(ctx.db, post._id);
  if (ctx.member._id !== post._openid) await likeEffects(ctx, post, delta);
  return { liked: input.liked, likeCount: Math.max(0, fresh?.likeCount ?? post.likeCount + delta), changed: true };
}

export async function setFavourite(ctx: MemberContext, input: FavouriteInput): Promise<FavouriteView> {
  const { post, changed } = await react(ctx, 'favourite', input.postId, input.favourited);
  if (!changed) return { favourited: input.favourited, favouriteCount: Math.max(0, post.favouriteCount), changed: false };
  const delta = input.favourited ? 1 : -1;
  return { favourited: input.favourited, favouriteCount: Math.max(0, post.favouriteCount + delta), changed: true };
}

/**
 * The caller's favourites, newest first: one query a page by the favourite's key, then the page's posts (one
 * query). Posts hidden or deleted since are left out (they stop showing everywhere); the page keeps its cursor.
 */
export async function listFavourites(ctx: MemberContext, input: FavouritesInput): Promise<FeedView> {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { _openid: ctx.member._id };
  if (input.cursor) where.key = _.lt(input.cursor);
  const { data } = await ctx.db.collection<ReactionRecord>(FAVOURITES).where(where).orderBy('key', 'desc').limit(input.limit + 1).get();
  const page = pageOf(data, input.limit, (f) => f.key);
  const ids = page.items.map((f) => f.postId);
  const { data: posts } = ids.length
    ? await ctx.db.collection<PostRecord>(POSTS).where({ _id: _.in(ids), status: 'visible' }).limit(ids.length).get()
    : { data: [] as PostRecord[] };
  const byId = new Map(posts.map((p) => [p._id, p]));
  const urls = await imageUrls(ctx.storage, posts.flatMap((p) => p.images.map((i) => i.fileId)));
  const viewer = viewerOf(ctx.member._id);
  return { items: ids.flatMap((id) => (byId.has(id) ? [toPostView(byId.get(id)!, viewer, urls)] : [])), next: page.next };
}

/**
 * A member shared the post (the share card was sent): one share credit per member per post; share points
 * through awardActivity (capped per day); another member's share adds to the author's month.
 */
export async function sharePost(ctx: MemberContext, input: PostInput): Promise<ShareView> {
  const openid = ctx.member._id;
  const post = await visiblePost(ctx.db, input.postId);
  const now = ctx.clock.now();
  const added = await addShare(ctx.db, post, openid, now);
  if (!added) return { shareCount: post.shareCount, points: 0, repeated: true };
  const fromOther = openid !== post._openid;
  const _ = ctx.db.command;
  await ctx.db.collection(POSTS).doc(post._id).update({ data: { shareCount: _.inc(1), sharesFromOthers: _.inc(fromOther ? 1 : 0) } });
  if (fromOther && post.counted) await addToMonth(ctx.db, post.month, post._openid, 1, now);
  const { award } = await awardActivity(ctx, { kind: 'share', sourceId: `${post._id}:${openid}`, title: '分享社区内容' });
  return { shareCount: post.shareCount + 1, points: award.total, repeated: false };
}
