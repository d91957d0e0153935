import { isDatabaseError } from '../../_platform/database.port';
import { communityConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext, ModeratorContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { ensureProfile, isModerator, profilesByPublicId } from './community-members.service';
import {
  COMMENTS,
  COMMUNITY_MEMBERS,
  FLAGS,
  MOD_CASES,
  POSTS,
  type CommentRecord,
  type CommunityMemberRecord,
  type FlagRecord,
  type CaseTarget,
  type ModCaseRecord,
  type PostRecord,
} from './community.record';
import type { CaseView, DecideInput, DecideView, FlagCommentInput, FlagInput, FlagView, QueueInput, QueueView, RestrictInput, RestrictView } from './community.schema';
import { afterCommentCounted } from './comments.service';
import { POST_COUNTER_RETRIES, setCommentStatusInTx, setPostStatusInTx } from './community-scoring';
import { scoringWindow } from '../scoring/activity.service';
import { pageOf } from './feed.rules';
import { imageUrls } from '../shared/images';
import { FLAG_REASONS, flagWeight, isMuted } from './moderation.rules';
import { openCase } from './moderation-cases';
import { COMMUNITY_TOPICS } from './community.record';
import { authorView, restrictionOf } from './post-views';
import { countPost, uncountPost } from './publish.service';
import { decideHeldInTx } from '../cocreate/cocreate-images.service';
import { PANELS, POLLS, type PanelRecord, type PollRecord } from '../cocreate/cocreate.record';

/** The weight of the caller's flag, from their standing (moderation.rules.ts), and the thresholds. */
async function flagOf(ctx: MemberContext, now: Date) {
  const [cfg, profile, moderator] = await Promise.all([loadConfig(ctx, communityConfig), ensureProfile(ctx.db, ctx.member, now), isModerator(ctx.db, ctx.member._id)]);
  const weight = flagWeight(
    cfg.flags,
    { isModerator: moderator, registeredAt: ctx.member.createdAt, posts: profile.posts, likesReceived: profile.likesReceived, muted: isMuted(profile, now) },
    now,
  );
  return { weight, threshold: cfg.flags.hideThreshold };
}

/** Stores one flag per member and target; false when this member had already flagged it. */
async function addFlag(ctx: MemberContext, id: string, flag: Omit<FlagRecord, '_id'>): Promise<boolean> {
  try {
    await ctx.db.collection(FLAGS).add({ data: { _id: id, ...flag } });
    return true;
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) return false;
    throw e;
  }
}

/**
 * A member flags a post (once per post). The flag's weight comes from the flagger's standing; the flag, the
 * post's total weight and, for the flag that takes it to the threshold, the hiding (with the author's scoring
 * bucket) are one transaction: the post is hidden at once (Discourse's model), leaves the feeds, stops counting
 * and waits in the review queue.
 */
export async function flagPost(ctx: MemberContext, input: FlagInput): Promise<FlagView> {
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const post = await getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(input.postId));
  if (!post || post.status !== 'visible') throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
  if (post._openid === openid) throw new AppError('INVALID_INPUT', '不能举报自己的内容', 'postId');
  const { weight, threshold } = await flagOf(ctx, now);
  const flagId = `${post._id}:${openid}`;
  if (await getOrNull(ctx.db.collection(FLAGS).doc(flagId))) return { flagged: true, hidden: false, repeated: true };
  // The case first: a failure after it leaves a case to look at, never a flagged or hidden post nobody sees.
  await openCase(ctx.db, { target: 'post', targetId: post._id, openid: post._openid, reason: 'flags', preview: post.text, flagReason: FLAG_REASONS[input.reason] }, now);
  // The flag, the post's weight and, when it reaches the threshold, the hiding with the author's bucket: one transaction.
  const window = await scoringWindow(ctx, now);
  const _ = ctx.db.command;
  const outcome = await ctx.db.runTransaction(async (tx) => {
    const flagRef = tx.collection<FlagRecord>(FLAGS).doc(flagId);
    if (await getOrNull(flagRef)) return 'repeated' as const;
    const current = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(post._id));
    if (!current) throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
    const row: Omit<FlagRecord, '_id'> = { _openid: openid, postId: post._id, commentId: null, reason: input.reason, detail: input.detail, weight, createdAt: now };
    await flagRef.set({ data: row });
    const hides = current.status === 'visible' && current.flagWeight + weight >= threshold;
    const note = `因被多位成员举报（${FLAG_REASONS[input.reason]}）已暂时隐藏，等待管理员复核`;
    if (hides) await setPostStatusInTx(tx, _, current, 'hidden', { note, flagWeight: _.inc(weight) }, now, window);
    else await tx.collection(POSTS).doc(post._id).update({ data: { flagWeight: _.inc(weight) } });
    return hides ? ('hidden' as const) : ('flagged' as const);
  });
  if (outcome === 'repeated') return { flagged: true, hidden: false, repeated: true };
  const hidden = outcome === 'hidden';
  if (hidden) await uncountPost(ctx, post._id);
  return { flagged: true, hidden, repeated: false };
}

/** The same for a comment: weighted, one per member, hidden at the threshold (it stops counting on its post). */
export async function flagComment(ctx: MemberContext, input: FlagCommentInput): Promise<FlagView> {
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const comment = await getOrNull<CommentRecord>(ctx.db.collection<CommentRecord>(COMMENTS).doc(input.commentId));
  if (!comment || comment.status !== 'visible') throw new AppError('COMMENT_NOT_FOUND', '这条评论不存在或已被隐藏');
  if (comment._openid === openid) throw new AppError('INVALID_INPUT', '不能举报自己的评论', 'commentId');
  const { weight, threshold } = await flagOf(ctx, now);
  const flag = { _openid: openid, postId: comment.postId, commentId: comment._id, reason: input.reason, detail: input.detail, weight, createdAt: now };
  if (!(await addFlag(ctx, `${comment._id}:${openid}`, flag))) return { flagged: true, hidden: false, repeated: true };
  const _ = ctx.db.command;
  await ctx.db.collection(COMMENTS).doc(comment._id).update({ data: { flagWeight: _.inc(weight) } });
  await openCase(ctx.db, { target: 'comment', targetId: comment._id, openid: comment._openid, reason: 'flags', preview: comment.text, flagReason: FLAG_REASONS[input.reason] }, now);
  const window = await scoringWindow(ctx, now);
  const hidden = await ctx.db.runTransaction(async (tx) => {
    const current = await getOrNull<CommentRecord>(tx.collection<CommentRecord>(COMMENTS).doc(comment._id));
    if (!current || current.status !== 'visible' || current.flagWeight < threshold) return null;
    const note = `因被多位成员举报（${FLAG_REASONS[input.reason]}）已暂时隐藏，等待管理员复核`;
    return setCommentStatusInTx(tx, _, current, 'hidden', { note }, now, window);
  }, POST_COUNTER_RETRIES);
  if (hidden !== null) await afterCommentCounted(ctx, comment, hidden);
  return { flagged: true, hidden: hidden !== null, repeated: false };
}

/** The review queue: open cases, oldest first, one query a page (plus the authors' profiles and image URLs). */
export async function reviewQueue(ctx: ModeratorContext, input: QueueInput): Promise<QueueView> {
  const _ = ctx.db.command;
  const where: Record<string, unknown> = { status: 'open' };
  if (input.cursor) where.queueKey = _.gt(input.cursor);
  const { data } = await ctx.db.collection<ModCaseRecord>(MOD_CASES).where(where).orderBy('queueKey', 'asc').limit(input.limit + 1).get();
  const page = pageOf(data, input.limit, (c) => c.queueKey);
  const postIds = page.items.filter((c) => c.target === 'post').map((c) => c.targetId);
  const commentIds = page.items.filter((c) => c.target === 'comment').map((c) => c.targetId);
  const hostedIds = (t: 'poll' | 'panel') => page.items.filter((c) => c.target === t).map((c) => c.targetId);
  const authors = [...new Set(page.items.filter((c) => c.target === 'post' || c.target === 'comment').map((c) => c._openid))];
  const [polls, panels] = await Promise.all([
    hostedIds('poll').length ? ctx.db.collection<PollRecord>(POLLS).where({ _id: _.in(hostedIds('poll')) }).limit(100).get() : Promise.resolve({ data: [] as PollRecord[] }),
    hostedIds('panel').length ? ctx.db.collection<PanelRecord>(PANELS).where({ _id: _.in(hostedIds('panel')) }).limit(100).get() : Promise.resolve({ data: [] as PanelRecord[] }),
  ]);
  // A hosted poll's or panel's images, with their checks (what the moderator decides on).
  const hostedImages = new Map<string, { fileId: string; check: string }[]>([
    ...polls.data.map((p) => [`poll:${p._id}`, p.options.flatMap((o) => (o.image ? [{ fileId: o.image, check: o.check ?? 'pass' }] : []))] as const),
    ...panels.data.map((p) => [`panel:${p._id}`, p.image ? [{ fileId: p.image, check: p.imageCheck ?? 'pass' }] : []] as const),
  ]);
  const [posts, comments, profiles, cfg] = await Promise.all([
    postIds.length ? ctx.db.collection<PostRecord>(POSTS).where({ _id: _.in(postIds) }).limit(100).get() : Promise.resolve({ data: [] as PostRecord[] }),
    commentIds.length ? ctx.db.collection<CommentRecord>(COMMENTS).where({ _id: _.in(commentIds) }).limit(100).get() : Promise.resolve({ data: [] as CommentRecord[] }),
    authors.length
      ? ctx.db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).where({ _id: _.in(authors) }).limit(100).get()
      : Promise.resolve({ data: [] as CommunityMemberRecord[] }),
    loadConfig(ctx, communityConfig),
  ]);
  const profileOf = new Map(profiles.data.map((p) => [p._id, p]));
  const now = ctx.clock.now();
  const postById = new Map(posts.data.map((p) => [p._id, p]));
  const commentById = new Map(comments.data.map((c) => [c._id, c]));
  const urls = await imageUrls(ctx.storage, [...posts.data.flatMap((p) => p.images.map((i) => i.fileId)), ...[...hostedImages.values()].flat().map((i) => i.fileId)]);
  const items: CaseView[] = page.items.map((c) => {
    const post = c.target === 'post' ? postById.get(c.targetId) : undefined;
    const comment = c.target === 'comment' ? commentById.get(c.targetId) : undefined;
    const author = post?.author ?? comment?.author ?? null;
    const profile = author ? profileOf.get(c._openid) : undefined;
    return {
      caseId: c._id,
      target: c.target,
      targetId: c.targetId,
      reasons: c.reasons.map((r) => REASON_TEXT[r] ?? r),
      flagReasons: c.flagReasons,
      preview: post?.text ?? comment?.text ?? c.preview,
      author: author ? authorView(author) : null,
      restriction: profile ? restrictionOf(profile, now) : null,
      images: (post?.images ?? hostedImages.get(c._id) ?? []).map((i) => ({ fileId: i.fileId, url: urls[i.fileId] ?? null, check: i.check })),
      openedAt: c.openedAt.toISOString(),
    };
  });
  return { items, next: page.next, muteHoursOptions: cfg.muteHoursOptions };
}

const REASON_TEXT: Record<string, string> = {
  text_review: '文字需人工审核',
  media_review: '图片需人工审核',
  flags: '成员举报',
  topic_proposal: '成员提议的新话题',
};

/**
 * A moderator's decision on a case: approve (publish or restore; a proposed topic becomes active) or hide
 * (the author sees the note). The target's state, the case and the audit entry change in one transaction;
 * what the change counts (points, counters, check-ins) follows through publish.service, exactly once.
 * Deciding again the same way changes nothing; deciding the other way later restores or hides.
 */
export async function decideCase(ctx: ModeratorContext, input: DecideInput): Promise<DecideView> {
  const now = ctx.clock.now();
  const [target, targetId] = [input.caseId.slice(0, input.caseId.indexOf(':')), input.caseId.slice(input.caseId.indexOf(':') + 1)] as [CaseTarget, string];
  const note = input.note || (input.decision === 'hide' ? '内容不符合社区规范' : null);
  const window = await scoringWindow(ctx, now);
  const _ = ctx.db.command;
  const result = await ctx.db.runTransaction(async (tx) => {
    const caseRef = tx.collection<ModCaseRecord>(MOD_CASES).doc(input.caseId);
    const c = await getOrNull(caseRef);
    if (!c) throw new AppError('CASE_NOT_FOUND', '没有找到这条审核记录');
    let changed = false;
    let counting: 1 | -1 | 0 = 0;
    if (target === 'post') {
      const ref = tx.collection<PostRecord>(POSTS).doc(targetId);
      const post = await getOrNull(ref);
      if (!post || post.status === 'deleted') throw new AppError('POST_NOT_FOUND', '内容已被作者删除');
      const status = input.decision === 'approve' ? 'visible' : 'hidden';
      if (post.status !== status) {
        const extra = {
          note: input.decision === 'approve' ? null : `管理员已隐藏：${note}`,
          textCheck: 'pass',
          images: _.set(post.images.map((i) => ({ ...i, check: input.decision === 'approve' ? 'pass' : i.check }))),
        };
        await setPostStatusInTx(tx, _, post, status, extra, now, window);
        changed = true;
      }
    } else if (target === 'comment') {
      const ref = tx.collection<CommentRecord>(COMMENTS).doc(targetId);
      const comment = await getOrNull(ref);
      if (!comment || comment.status === 'deleted') throw new AppError('COMMENT_NOT_FOUND', '评论已被作者删除');
      const status = input.decision === 'approve' ? 'visible' : 'hidden';
      if (comment.status !== status) {
        counting = await setCommentStatusInTx(tx, _, comment, status, { note: input.decision === 'approve' ? null : `管理员已隐藏：${note}` }, now, window);
        changed = true;
      }
    } else if (target === 'poll' || target === 'panel') {
      // A KOC co-creator's poll or panel held for its images: approve publishes it, hide leaves it unpublished.
      changed = await decideHeldInTx(tx, _, target, targetId, input.decision, input.decision === 'hide' ? note : null, now);
    } else {
      const ref = tx.collection<{ status: string }>(COMMUNITY_TOPICS).doc(targetId);
      const topic = await getOrNull<{ status: string }>(ref);
      if (!topic) throw new AppError('TOPIC_NOT_FOUND', '话题不存在');
      const status = input.decision === 'approve' ? 'active' : 'rejected';
      if (topic.status !== status) {
        await ref.update({ data: { status } });
        changed = true;
      }
    }
    const repeated = c.status === 'closed' && c.decision === input.decision && !changed;
    if (!repeated) {
      await caseRef.update({ data: { status: 'closed', decision: input.decision, decidedBy: ctx.staff._id, note, decidedAt: now } });
      await appendAudit(tx, ctx.staff, { action: `community.${input.decision}`, target: input.caseId, detail: { note, changed } }, now);
    }
    return { repeated, changed, counting };
  }, POST_COUNTER_RETRIES);
  if (result.changed && target === 'post') {
    if (input.decision === 'approve') await countPost(ctx, targetId);
    else await uncountPost(ctx, targetId);
  }
  if (result.counting !== 0) {
    const comment = await getOrNull<CommentRecord>(ctx.db.collection<CommentRecord>(COMMENTS).doc(targetId));
    if (comment) await afterCommentCounted(ctx, comment, result.counting);
  }
  return { caseId: input.caseId, status: 'closed', decision: input.decision, repeated: result.repeated };
}

/**
 * Mute (for hours), suspend (until lifted) or lift. A restricted member can't post or comment, their flags
 * weigh nothing, and they are off every leaderboard (checked when a board is read, so a mute that ends
 * needs no job). Audited.
 */
export async function restrictMember(ctx: ModeratorContext, input: RestrictInput): Promise<RestrictView> {
  const now = ctx.clock.now();
  const profile = (await profilesByPublicId(ctx.db, [input.authorId])).get(input.authorId);
  if (!profile) throw new AppError('MEMBER_NOT_FOUND', '没有找到这位成员');
  const mutedUntil = input.kind === 'mute' ? new Date(now.getTime() + input.hours! * 3_600_000) : input.kind === 'lift' ? null : profile.mutedUntil;
  const suspended = input.kind === 'suspend' ? true : input.kind === 'lift' ? false : profile.suspended;
  const restrictionNote = input.kind === 'lift' ? null : input.note || null;
  await ctx.db.runTransaction(async (tx) => {
    await tx.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).doc(profile._id).update({ data: { mutedUntil, suspended, restrictionNote, updatedAt: now } });
    await appendAudit(tx, ctx.staff, { action: `community.${input.kind}`, target: profile._id, detail: { hours: input.hours ?? null, note: input.note } }, now);
  });
  return { mutedUntil: mutedUntil ? mutedUntil.toISOString() : null, suspended };
}
