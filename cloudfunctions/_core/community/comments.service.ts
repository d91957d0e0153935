import { communityConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { JobContext, UseCaseContext } from '../shared/use-case-context';
import { addToMonth, takeRateSlot } from './community-counters';
import { ensureProfile, idFor, isOfficial, snapshotOf } from './community-members.service';
import { COMMENTS, POSTS, type CommentRecord, type PostRecord } from './community.record';
import type { CommentInput, CommentsInput, CommentsView, CreateCommentInput, CreateCommentView } from './community.schema';
import { checkText } from './content-check.service';
import { pageOf, timeKey } from './feed.rules';
import { hourlyLimit, isMuted } from './moderation.rules';
import { openCase } from './moderation-cases';
import { mutedError, viewerOf } from './posts.service';
import { toCommentView } from './post-views';
import { refreshHot } from './reactions.service';
import { POST_COUNTER_RETRIES } from './community-scoring';
import { forgetIntent, submitIntent } from './post-intents';
import { scoringWindow, type ScoringWindow } from '../scoring/activity.service';

const postGone = () => new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏，不能评论');

/**
 * After a comment started or stopped counting (in its transaction): the post's hot score and, from another
 * member on a counted post, the author's monthly contribution.
 */
export async function afterCommentCounted(ctx: JobContext, c: CommentRecord, delta: 1 | -1 | 0): Promise<void> {
  if (delta === 0) return;
  const post = await refreshHot(ctx.db, c.postId);
  if (c._openid !== c.postAuthor && post?.counted) await addToMonth(ctx.db, post.month, post._openid, delta, ctx.clock.now());
}

/**
 * Comments and replies (two levels: a reply to a reply joins the same thread, naming whom it answers). Same
 * checks as posts: muted, text check (risky refused, review held), hourly allowance; only on a visible post.
 */
export async function createComment(ctx: MemberContext, input: CreateCommentInput): Promise<CreateCommentView> {
  const openid = ctx.member._id;
  const viewerId = viewerOf(openid).id;
  const id = idFor('c', openid, input.requestId);
  const comments = ctx.db.collection<CommentRecord>(COMMENTS);
  const prior = await getOrNull(comments.doc(id));
  if (prior) return { comment: toCommentView(prior, viewerId), held: prior.status === 'reviewing', repeated: true };

  const now = ctx.clock.now();
  const [post, cfg, profile, official, parent] = await Promise.all([
    getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(input.postId)),
    loadConfig(ctx, communityConfig),
    ensureProfile(ctx.db, ctx.member, now),
    isOfficial(ctx.db, openid),
    input.replyTo ? getOrNull<CommentRecord>(comments.doc(input.replyTo)) : Promise.resolve(null),
  ]);
  if (!post || post.status !== 'visible') throw postGone();
  if (input.replyTo && (!parent || parent.postId !== post._id || parent.status !== 'visible')) {
    throw new AppError('COMMENT_NOT_FOUND', '要回复的评论不存在或已被隐藏', 'replyTo');
  }
  if (isMuted(profile, now)) throw mutedError(profile);
  const textCheck = await checkText(ctx, openid, input.text, 'comment');
  await takeRateSlot(ctx.db, openid, 'comment', hourlyLimit(cfg.rateLimits, 'comment', ctx.member.createdAt, now), now);

  const ownKey = timeKey(now, id);
  const record: CommentRecord = {
    _id: id,
    _openid: openid,
    postId: post._id,
    postAuthor: post._openid,
    author: snapshotOf(ctx.member, profile, official),
    text: input.text,
    parentId: parent ? (parent.parentId ?? parent._id) : null,
    replyTo: parent ? { id: parent.author.id, nickname: parent.author.nickname } : null,
    status: textCheck === 'review' ? 'reviewing' : 'visible',
    note: textCheck === 'review' ? '评论正在人工审核，通过后其他人才能看到' : null,
    // A reply sorts right after its thread's earlier entries: the thread's key, then its own.
    threadKey: parent ? `${parent.threadKey.split('/')[0]}/${ownKey}` : ownKey,
    flagWeight: 0,
    counted: false,
    requestId: input.requestId,
    createdAt: now,
  };
  const window = await scoringWindow(ctx, now);
  if (record.status === 'visible') return publishVisible(ctx, record, window);
  // Held for review: counts nothing yet, so it is written alone (the post is read, not written).
  const written = await ctx.db.runTransaction(async (tx) => {
    const same = await getOrNull<CommentRecord>(tx.collection<CommentRecord>(COMMENTS).doc(id));
    if (same) return same;
    const current = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(post._id));
    if (!current || current.status !== 'visible') throw postGone();
    const { _id, ...data } = record;
    await tx.collection(COMMENTS).doc(_id).set({ data });
    return null;
  }, POST_COUNTER_RETRIES);
  if (written) return { comment: toCommentView(written, viewerId), held: written.status === 'reviewing', repeated: true };
  await openCase(ctx.db, { target: 'comment', targetId: id, openid, reason: 'text_review', preview: input.text }, now);
  return { comment: toCommentView(record, viewerId), held: true, repeated: false };
}

/**
 * A visible comment is written with its post's counters and both buckets, like a like: as the writer's intent,
 * applied in a batch with the post's other pending likes and comments (`post-intents.ts`), so a burst of comments on
 * a hot post does not fight over the post and its author's bucket. The call returns once the comment is written, so
 * its writer sees it at once. Not applied within the attempts: withdrawn and answered BUSY, nothing written later.
 */
async function publishVisible(ctx: MemberContext, record: CommentRecord, window: ScoringWindow): Promise<CreateCommentView> {
  const viewerId = viewerOf(record._openid).id;
  const intentId = `comment:${record.postId}:${record._id}`;
  const outcome = await submitIntent(ctx, { _id: intentId, postId: record.postId, kind: 'comment', on: true, commentId: record._id, comment: record }, false, window);
  if (outcome.state === 'applied' && outcome.changed) {
    await Promise.all([forgetIntent(ctx.db, intentId), afterCommentCounted(ctx, record, 1)]);
    return { comment: toCommentView(record, viewerId), held: false, repeated: false };
  }
  // Not written by this call: written by a retry of the same request, or the post went away before its batch.
  const same = await getOrNull<CommentRecord>(ctx.db.collection<CommentRecord>(COMMENTS).doc(record._id));
  if (same) return { comment: toCommentView(same, viewerId), held: same.status === 'reviewing', repeated: true };
  if (outcome.state === 'applied') {
    await forgetIntent(ctx.db, intentId);
    throw postGone();
  }
  throw new AppError('BUSY', '人有点多，请稍后再试');
}

/**
 * The writer deletes their comment: as an intent applied in the post's batches (`post-intents.ts`), taking back what
 * it counted with the post's counters and both buckets, so deleting during a burst of comments waits for a batch
 * instead of fighting it. A second delete changes nothing.
 */
export async function deleteComment(ctx: MemberContext, input: CommentInput): Promise<{ done: boolean }> {
  const c = await getOrNull<CommentRecord>(ctx.db.collection<CommentRecord>(COMMENTS).doc(input.commentId));
  if (!c || c._openid !== ctx.member._id || c.status === 'deleted') throw new AppError('COMMENT_NOT_FOUND', '这条评论不存在或已删除');
  const window = await scoringWindow(ctx, ctx.clock.now());
  const intentId = `comment-off:${c.postId}:${c._id}`;
  const outcome = await submitIntent(ctx, { _id: intentId, postId: c.postId, kind: 'comment', on: false, commentId: c._id }, true, window);
  if (outcome.state === 'applied') {
    await Promise.all([forgetIntent(ctx.db, intentId), outcome.changed && outcome.counted ? afterCommentCounted(ctx, c, -1) : null]);
    return { done: true };
  }
  // Replaced by another delete of the same comment running at once: done if that one deleted it.
  const now = await getOrNull<CommentRecord>(ctx.db.collection<CommentRecord>(COMMENTS).doc(c._id));
  if (now?.status === 'deleted') return { done: true };
  throw new AppError('BUSY', '人有点多，请稍后再试');
}

/** A post's visible comments in thread order (each comment followed by its replies): one query a page. Visitors read them too. */
export async function listComments(ctx: UseCaseContext, input: CommentsInput): Promise<CommentsView> {
  const post = await getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(input.postId));
  if (!post || post.status !== 'visible') throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { postId: post._id, status: 'visible' };
  if (input.cursor) where.threadKey = _.gt(input.cursor);
  const { data } = await ctx.db.collection<CommentRecord>(COMMENTS).where(where).orderBy('threadKey', 'asc').limit(input.limit + 1).get();
  const page = pageOf(data, input.limit, (c) => c.threadKey);
  const viewerId = viewerOf(ctx.caller.openid).id;
  return { items: page.items.map((c) => toCommentView(c, viewerId)), next: page.next };
}
