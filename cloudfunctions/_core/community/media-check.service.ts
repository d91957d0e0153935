import type { MediaCheckResult } from '../../_platform/openapi.port';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { MEDIA_SCENE } from './content-check.service';
import { imageUrls } from '../shared/images';
import { openCase } from './moderation-cases';
import { countPost, uncountPost } from './publish.service';
import { setPostStatusInTx } from './community-scoring';
import { scoringWindow } from '../scoring/activity.service';
import { MEDIA_CHECKS, POSTS, type MediaCheckRecord, type MediaTarget, type PostRecord } from './community.record';

/**
 * The one way a member's images reach WeChat's asynchronous image check (security.mediaCheckAsync): one
 * `media_checks` row per image, keyed by the trace id WeChat returns, naming what the image belongs to (a post,
 * or a poll or panel a KOC co-creator hosts). The verdict arrives later as a message-push event
 * (`onMediaCheckResult`, media-check-results.ts), answered once per trace id.
 */
export async function startMediaChecks(ctx: JobContext, what: { target: MediaTarget; targetId: string; openid: string; fileIds: readonly string[] }): Promise<void> {
  const fileIds = [...new Set(what.fileIds)];
  const urls = await imageUrls(ctx.storage, fileIds);
  for (const fileId of fileIds) {
    const mediaUrl = urls[fileId];
    if (!mediaUrl) continue; // checked when the content was created; a file removed since stays pending for a moderator
    const { traceId } = await ctx.openapi.mediaCheckAsync({ openid: what.openid, mediaUrl, mediaType: 'image', scene: MEDIA_SCENE });
    const row: Omit<MediaCheckRecord, '_id'> = {
      target: what.target,
      targetId: what.targetId,
      ...(what.target === 'post' ? { postId: what.targetId } : {}),
      fileId,
      _openid: what.openid,
      status: 'pending',
      createdAt: ctx.clock.now(),
      answeredAt: null,
    };
    await ctx.db.collection(MEDIA_CHECKS).doc(traceId).set({ data: row });
  }
}

/** One image's verdict, as recorded: null for an unknown trace id, `fresh: false` when it was already answered. */
export interface AnsweredCheck {
  target: MediaTarget;
  targetId: string;
  fileId: string;
  fresh: boolean;
}

/** Records a verdict once (a conditional write on `pending`); rows from before targets existed are posts'. */
export async function answerMediaCheck(ctx: JobContext, r: MediaCheckResult): Promise<AnsweredCheck | null> {
  const checks = ctx.db.collection<MediaCheckRecord>(MEDIA_CHECKS);
  const check = await getOrNull(checks.doc(r.traceId));
  if (!check) return null;
  const answered = await checks.where({ _id: r.traceId, status: 'pending' }).update({ data: { status: r.suggest, answeredAt: ctx.clock.now() } });
  return { target: check.target ?? 'post', targetId: check.targetId ?? check.postId ?? '', fileId: check.fileId, fresh: answered.stats.updated === 1 };
}

/**
 * A post's image answered. The post stays `reviewing` until every image has answered: all pass → visible (and
 * counted); a risky one → hidden with a reason; a review → the queue.
 */
export async function onPostImageChecked(ctx: JobContext, postId: string, fileId: string, r: MediaCheckResult): Promise<string> {
  const now = ctx.clock.now();
  const posts = ctx.db.collection<PostRecord>(POSTS);
  const post = await getOrNull(posts.doc(postId));
  if (!post) return 'gone';
  const idx = post.images.findIndex((i) => i.fileId === fileId);
  if (idx < 0) return 'gone';
  await posts.doc(post._id).update({ data: { [`images.${idx}.check`]: r.suggest, updatedAt: now } });

  if (r.suggest === 'risky') {
    const window = await scoringWindow(ctx, now);
    const hid = await ctx.db.runTransaction(async (tx) => {
      const current = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(post._id));
      if (!current || (current.status !== 'reviewing' && current.status !== 'visible')) return false;
      await setPostStatusInTx(tx, ctx.db.command, current, 'hidden', { note: '图片未通过安全检查，内容已隐藏' }, now, window);
      return true;
    });
    if (hid) await uncountPost(ctx, post._id);
    return hid ? 'hidden' : post.status;
  }
  if (r.suggest === 'review') {
    await openCase(ctx.db, { target: 'post', targetId: post._id, openid: post._openid, reason: 'media_review', preview: post.text }, now);
    await posts.doc(post._id).update({ data: { note: '图片正在人工审核，通过后其他人才能看到' } });
    return 'review';
  }
  // Passed: publish once every image passed and the text needs no review.
  const fresh = await getOrNull(posts.doc(post._id));
  if (fresh && fresh.status === 'reviewing' && fresh.textCheck === 'pass' && fresh.images.every((i) => i.check === 'pass')) {
    const window = await scoringWindow(ctx, now);
    const published = await ctx.db.runTransaction(async (tx) => {
      const current = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(post._id));
      if (!current || current.status !== 'reviewing' || current.textCheck !== 'pass') return false;
      await setPostStatusInTx(tx, ctx.db.command, current, 'visible', { note: null }, now, window);
      return true;
    });
    if (published) await countPost(ctx, post._id);
    return 'visible';
  }
  return fresh?.status ?? 'gone';
}
