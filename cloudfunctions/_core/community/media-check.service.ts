import type { MediaCheckResult } from '../../_platform/openapi.port';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { MEDIA_SCENE } from './content-check.service';
import { imageUrls } from '../shared/images';
import { openCase } from './moderation-cases';
import { countPost, uncountPost } from './publish.service';
import { setPostStatusInTx } from './community-scoring';
import { scoringWindow } from '../scoring/activity.service';
import { MEDIA_CHECKS, POSTS, type MediaCheckRecord, type PostRecord } from './community.record';

/**
 * Sends each image of a new post to security.mediaCheckAsync. The post stays `reviewing` until every image
 * has answered: all pass → visible (and counted); a risky one → hidden with a reason; a review → the queue.
 */
export async function startMediaChecks(ctx: JobContext, post: PostRecord): Promise<void> {
  const urls = await imageUrls(ctx.storage, post.images.map((i) => i.fileId));
  for (const image of post.images) {
    const mediaUrl = urls[image.fileId];
    if (!mediaUrl) continue; // checked by createPost; a file removed since stays pending for a moderator
    const { traceId } = await ctx.openapi.mediaCheckAsync({ openid: post._openid, mediaUrl, mediaType: 'image', scene: MEDIA_SCENE });
    const row: Omit<MediaCheckRecord, '_id'> = { postId: post._id, fileId: image.fileId, _openid: post._openid, status: 'pending', createdAt: ctx.clock.now(), answeredAt: null };
    await ctx.db.collection(MEDIA_CHECKS).doc(traceId).set({ data: row });
  }
}

/** The message-push event with one image's verdict. Unknown or already answered trace ids change nothing. */
export async function onMediaCheckResult(ctx: JobContext, r: MediaCheckResult): Promise<{ postId: string | null; status: string }> {
  const now = ctx.clock.now();
  const checks = ctx.db.collection<MediaCheckRecord>(MEDIA_CHECKS);
  const check = await getOrNull(checks.doc(r.traceId));
  if (!check) return { postId: null, status: 'unknown' };
  const answered = await checks.where({ _id: r.traceId, status: 'pending' }).update({ data: { status: r.suggest, answeredAt: now } });
  if (answered.stats.updated !== 1) return { postId: check.postId, status: 'repeated' };

  const posts = ctx.db.collection<PostRecord>(POSTS);
  const post = await getOrNull(posts.doc(check.postId));
  if (!post) return { postId: check.postId, status: 'gone' };
  const idx = post.images.findIndex((i) => i.fileId === check.fileId);
  if (idx < 0) return { postId: post._id, status: 'gone' };
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
    return { postId: post._id, status: hid ? 'hidden' : post.status };
  }
  if (r.suggest === 'review') {
    await openCase(ctx.db, { target: 'post', targetId: post._id, openid: post._openid, reason: 'media_review', preview: post.text }, now);
    await posts.doc(post._id).update({ data: { note: '图片正在人工审核，通过后其他人才能看到' } });
    return { postId: post._id, status: 'review' };
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
    return { postId: post._id, status: 'visible' };
  }
  return { postId: post._id, status: fresh?.status ?? 'gone' };
}
