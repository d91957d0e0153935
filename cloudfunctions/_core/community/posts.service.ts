import { communityConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { loadDocs } from '../config/operator-collection';
import { loadItem } from '../mall/mall-items.service';
import type { MemberContext } from '../shared/access';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { TOPICS } from './community-catalogue';
import { takeRateSlot } from './community-counters';
import { ensureProfile, idFor, isModerator, isOfficial, loadMember, publicIdOf, snapshotOf } from './community-members.service';
import { FAVOURITES, FLAGS, LIKES, POSTS, type PostRecord } from './community.record';
import type { CreatePostInput, CreatePostView, PostDetailView, PostInput } from './community.schema';
import { checkText } from './content-check.service';
import { hotKey, hotScore, timeKey } from './feed.rules';
import { imageUrls } from '../shared/images';
import { startMediaChecks } from './media-check.service';
import { hourlyLimit, isMuted } from './moderation.rules';
import { openCase } from './moderation-cases';
import { canSee, toPostView } from './post-views';
import { countPost, uncountPost } from './publish.service';
import { scorePostInTx, setPostStatusInTx } from './community-scoring';
import { NOTHING_COUNTED } from '../scoring/activity-events.rules';
import { scoringWindow } from '../scoring/activity.service';

export function mutedError(p: { mutedUntil: Date | null; suspended: boolean; restrictionNote: string | null }): AppError {
  const why = p.restrictionNote ? `（${p.restrictionNote}）` : '';
  if (p.suspended) return new AppError('MEMBER_MUTED', `你的社区权限已被暂停${why}`);
  const until = p.mutedUntil ? businessDay(p.mutedUntil) : '';
  return new AppError('MEMBER_MUTED', `你已被禁言至 ${until}${why}，期间不能发帖和评论`);
}

export const viewerOf = (openid: string, moderator = false) => ({ id: publicIdOf(openid), moderator });

/**
 * Publishing a post: checks (muted, topics, product, text), then the hourly allowance, then one insert under
 * an id derived from the caller and the request id (a retry returns the same post). Risky text is refused
 * before anything is written. Text held for review, or images (checked asynchronously), keep the post
 * `reviewing`, seen only by its author and moderators; otherwise it is visible and counted at once.
 */
export async function createPost(ctx: MemberContext, input: CreatePostInput): Promise<CreatePostView> {
  const openid = ctx.member._id;
  const viewer = viewerOf(openid);
  const postId = idFor('p', openid, input.requestId);
  const posts = ctx.db.collection<PostRecord>(POSTS);
  const prior = await getOrNull(posts.doc(postId));
  if (prior) return { post: toPostView(prior, viewer), held: prior.status === 'reviewing', points: 0, repeated: true };

  const now = ctx.clock.now();
  const [cfg, profile, official, topics] = await Promise.all([
    loadConfig(ctx, communityConfig),
    ensureProfile(ctx.db, ctx.member, now),
    isOfficial(ctx.db, openid),
    input.topics.length ? loadDocs(ctx.db, ctx.log, TOPICS, { _id: ctx.db.command.in(input.topics) }).then((ts) => ts.filter((t) => t.status === 'active')) : Promise.resolve([]),
  ]);
  if (isMuted(profile, now)) throw mutedError(profile);
  const missing = input.topics.find((code) => !topics.some((t) => t.code === code));
  if (missing) throw new AppError('TOPIC_NOT_FOUND', '话题不存在或未开放', 'topics');
  let productTag: PostRecord['productTag'] = null;
  if (input.productTag) {
    const item = await loadItem(ctx, input.productTag.itemId);
    if (!item || !item.active) throw new AppError('INVALID_INPUT', '标记的商品不存在', 'productTag');
    productTag = { itemId: item.itemId, title: item.title };
  }
  if (input.images.length) {
    // tempUrls doubles as the existence check: a fileID that names no file has no URL.
    const urls = await imageUrls(ctx.storage, input.images);
    if (input.images.some((f) => !urls[f])) throw new AppError('IMAGE_INVALID', '有图片没有上传成功，请重新选择', 'images');
  }
  const textCheck = await checkText(ctx, openid, input.text, 'post');
  await takeRateSlot(ctx.db, openid, 'post', hourlyLimit(cfg.rateLimits, 'post', ctx.member.createdAt, now), now);

  const held = textCheck === 'review' || input.images.length > 0;
  const hot = hotScore(0, 0, now);
  const record: PostRecord = {
    _id: postId,
    _openid: openid,
    author: snapshotOf(ctx.member, profile, official),
    authorId: viewer.id,
    text: input.text,
    images: input.images.map((fileId) => ({ fileId, check: 'pending' as const })),
    topics: input.topics,
    topicTags: input.topics.map((code) => ({ code, name: topics.find((t) => t.code === code)!.name })),
    productTag,
    official,
    status: held ? 'reviewing' : 'visible',
    note: textCheck === 'review' ? '内容正在人工审核，通过后其他人才能看到' : input.images.length ? '图片正在安全检查，稍后自动发布' : null,
    textCheck,
    likeCount: 0,
    likesFromOthers: 0,
    commentCount: 0,
    commentsFromOthers: 0,
    favouriteCount: 0,
    shareCount: 0,
    sharesFromOthers: 0,
    flagWeight: 0,
    hot,
    hotKey: hotKey(hot, postId),
    latestKey: timeKey(now, postId),
    day: businessDay(now),
    month: businessDay(now).slice(0, 7),
    publications: 0,
    counted: false,
    checkinOf: [],
    scored: { ...NOTHING_COUNTED },
    requestId: input.requestId,
    createdAt: now,
    updatedAt: now,
  };
  // The post and, if it is visible at once, its author's scoring bucket in one transaction.
  const window = await scoringWindow(ctx, now);
  const same = await ctx.db.runTransaction(async (tx) => {
    const existing = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(postId));
    if (existing) return existing;
    const { _id, ...data } = record;
    await tx.collection(POSTS).doc(_id).set({ data });
    if (record.status === 'visible') await scorePostInTx(tx, ctx.db.command, record, true, now, window);
    return null;
  });
  if (same) return { post: toPostView(same, viewer), held: same.status === 'reviewing', points: 0, repeated: true };
  if (textCheck === 'review') {
    await openCase(ctx.db, { target: 'post', targetId: postId, openid, reason: 'text_review', preview: input.text }, now);
  }
  if (input.images.length) await startMediaChecks(ctx, { target: 'post', targetId: postId, openid, fileIds: input.images });
  const { points } = held ? { points: 0 } : await countPost(ctx, postId);
  const urls = await imageUrls(ctx.storage, input.images);
  return { post: toPostView({ ...record, counted: !held }, viewer, urls), held, points, repeated: false };
}

/** The author deletes their post: it leaves every feed and stops counting (its posting points are reversed). */
export async function deletePost(ctx: MemberContext, input: PostInput): Promise<{ done: boolean }> {
  const openid = ctx.member._id;
  const post = await getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(input.postId));
  if (!post || post._openid !== openid || post.status === 'deleted') throw new AppError('POST_NOT_FOUND', '这条内容不存在或已删除');
  const now = ctx.clock.now();
  const window = await scoringWindow(ctx, now);
  const deleted = await ctx.db.runTransaction(async (tx) => {
    const current = await getOrNull<PostRecord>(tx.collection<PostRecord>(POSTS).doc(post._id));
    if (!current || current.status === 'deleted') return false;
    await setPostStatusInTx(tx, ctx.db.command, current, 'deleted', {}, now, window);
    return true;
  });
  if (deleted) await uncountPost(ctx, post._id);
  return { done: true };
}

/**
 * One post with the caller's like, favourite and flag on it, and who the caller is (a visitor is asked to join
 * at their first action; a moderator sees notes on others' posts).
 */
export async function postDetail(ctx: UseCaseContext, input: PostInput): Promise<PostDetailView> {
  const openid = ctx.caller.openid;
  const [post, moderator, member] = await Promise.all([
    getOrNull<PostRecord>(ctx.db.collection<PostRecord>(POSTS).doc(input.postId)),
    isModerator(ctx.db, openid),
    loadMember(ctx.db, openid),
  ]);
  const viewer = viewerOf(openid, moderator);
  if (!post || !canSee(post, viewer)) throw new AppError('POST_NOT_FOUND', '这条内容不存在或已被隐藏');
  const key = `${post._id}:${openid}`;
  const [liked, favourited, flagged, urls] = await Promise.all([
    member ? getOrNull(ctx.db.collection(LIKES).doc(key)) : null,
    member ? getOrNull(ctx.db.collection(FAVOURITES).doc(key)) : null,
    member ? getOrNull(ctx.db.collection(FLAGS).doc(key)) : null,
    imageUrls(ctx.storage, post.images.map((i) => i.fileId)),
  ]);
  return {
    post: toPostView(post, viewer, urls),
    liked: liked !== null,
    favourited: favourited !== null,
    flagged: flagged !== null,
    viewer: { joined: member !== null, moderator },
  };
}
