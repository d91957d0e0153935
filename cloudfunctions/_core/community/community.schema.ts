import { z } from 'zod';
import { CLOUD_FILE_ID } from '../../_platform/storage.port';
import { RequestId } from '../shared/idempotency';
import { BadgeCode, CampaignId, TopicCode } from './community-config.schema';

export const MAX_TEXT = 1000;
export const MAX_IMAGES = 9;
export const MAX_TOPICS = 3;
export const MAX_COMMENT = 300;

export const PostId = z.string().regex(/^p[A-Za-z0-9_-]{10,30}$/, '内容编号无效');
export const CommentId = z.string().regex(/^c[A-Za-z0-9_-]{10,30}$/, '评论编号无效');
/** A member's public id in the community (never the openid). */
export const AuthorId = z.string().regex(/^u[A-Za-z0-9_-]{10,30}$/, '用户编号无效');
/** A member's image: a cloud storage fileID the app got from uploadImage. */
export const FileId = z.string().max(512, '图片无效').regex(CLOUD_FILE_ID, '图片须先上传到云存储');
const Cursor = z.string().regex(/^[0-9]{12,23}~[A-Za-z0-9_:.-]{1,80}$/, '分页参数无效').nullable().default(null);
const PageSize = z.number().int().min(1).max(50).default(10);

/* ---------------------------------------------------------------- inputs */

export const FeedInput = z
  .object({
    tab: z.enum(['latest', 'hot', 'topic']).default('latest'),
    topic: TopicCode.optional(),
    cursor: Cursor,
    limit: PageSize,
  })
  .refine((i) => i.tab !== 'topic' || i.topic !== undefined, { message: '请选择话题', path: ['topic'] });
export type FeedInput = z.output<typeof FeedInput>;

export const ProfileInput = z.object({ authorId: AuthorId.optional(), cursor: Cursor, limit: PageSize });
export type ProfileInput = z.output<typeof ProfileInput>;

export const PostInput = z.object({ postId: PostId });
export type PostInput = z.output<typeof PostInput>;

export const CommentsInput = z.object({
  postId: PostId,
  cursor: z.string().regex(/^[0-9A-Za-z_:.~/-]{10,200}$/, '分页参数无效').nullable().default(null),
  limit: z.number().int().min(1).max(100).default(30),
});
export type CommentsInput = z.output<typeof CommentsInput>;

export const CreatePostInput = z
  .object({
    text: z.string({ error: '请填写内容' }).trim().max(MAX_TEXT, `内容最多 ${MAX_TEXT} 个字`).default(''),
    images: z.array(FileId).max(MAX_IMAGES, `最多 ${MAX_IMAGES} 张图片`).default([]),
    topics: z.array(TopicCode).max(MAX_TOPICS, `最多选择 ${MAX_TOPICS} 个话题`).default([]),
    productTag: z.object({ itemId: z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '商品编号无效') }).nullable().default(null),
    requestId: RequestId,
  })
  .refine((p) => p.text.length > 0 || p.images.length > 0, { message: '写点什么或添加图片再发布吧', path: ['text'] })
  .refine((p) => new Set(p.images).size === p.images.length, { message: '图片重复了', path: ['images'] });
export type CreatePostInput = z.output<typeof CreatePostInput>;

export const CreateCommentInput = z.object({
  postId: PostId,
  text: z.string({ error: '请填写评论' }).trim().min(1, '请填写评论').max(MAX_COMMENT, `评论最多 ${MAX_COMMENT} 个字`),
  /** Replying to a comment (or a reply): the reply joins that comment's thread. */
  replyTo: CommentId.nullable().default(null),
  requestId: RequestId,
});
export type CreateCommentInput = z.output<typeof CreateCommentInput>;

export const CommentInput = z.object({ commentId: CommentId });
export type CommentInput = z.output<typeof CommentInput>;

export const LikeInput = z.object({ postId: PostId, liked: z.boolean({ error: '请说明点赞还是取消' }) });
export type LikeInput = z.output<typeof LikeInput>;
export const FavouriteInput = z.object({ postId: PostId, favourited: z.boolean({ error: '请说明收藏还是取消' }) });
export type FavouriteInput = z.output<typeof FavouriteInput>;

export const FLAG_REASON_KEYS = ['spam', 'abuse', 'illegal', 'privacy', 'off_topic', 'other'] as const;
export const FlagInput = z.object({
  postId: PostId,
  reason: z.enum(FLAG_REASON_KEYS, { error: '请选择举报原因' }),
  detail: z.string().trim().max(200, '补充说明最多 200 个字').default(''),
});
export type FlagInput = z.output<typeof FlagInput>;

export const FlagCommentInput = z.object({
  commentId: CommentId,
  reason: z.enum(FLAG_REASON_KEYS, { error: '请选择举报原因' }),
  detail: z.string().trim().max(200, '补充说明最多 200 个字').default(''),
});
export type FlagCommentInput = z.output<typeof FlagCommentInput>;

export const FavouritesInput = z.object({ cursor: Cursor, limit: PageSize });
export type FavouritesInput = z.output<typeof FavouritesInput>;

export const ProposeTopicInput = z.object({
  name: z.string().trim().min(2, '话题名称至少 2 个字').max(20, '话题名称最多 20 个字'),
  description: z.string().trim().max(200, '话题说明最多 200 个字').default(''),
  requestId: RequestId,
});
export type ProposeTopicInput = z.output<typeof ProposeTopicInput>;

export const CampaignInput = z.object({ campaignId: CampaignId });
export type CampaignInput = z.output<typeof CampaignInput>;
export const LeaderboardInput = z.object({
  campaignId: CampaignId,
  cursor: z.string().regex(/^\d{12}~[A-Za-z0-9_-]{3,64}$/, '分页参数无效').nullable().default(null),
  limit: PageSize,
});
export type LeaderboardInput = z.output<typeof LeaderboardInput>;
export const CertificateInput = z.object({ campaignId: CampaignId, authorId: AuthorId.optional() });
export type CertificateInput = z.output<typeof CertificateInput>;

export const QueueInput = z.object({ cursor: Cursor, limit: PageSize });
export type QueueInput = z.output<typeof QueueInput>;
export const DecideInput = z.object({
  caseId: z.string().regex(/^(post|comment|topic|poll|panel):[A-Za-z0-9_-]{2,40}$/, '审核单编号无效'),
  decision: z.enum(['approve', 'hide'], { error: '请选择通过或隐藏' }),
  note: z.string().trim().max(200, '说明最多 200 个字').default(''),
});
export type DecideInput = z.output<typeof DecideInput>;
export const RestrictInput = z
  .object({
    authorId: AuthorId,
    kind: z.enum(['mute', 'suspend', 'lift']),
    hours: z.number().int().min(1, '禁言至少 1 小时').max(24 * 365, '禁言最多一年').optional(),
    note: z.string().trim().max(200, '说明最多 200 个字').default(''),
  })
  .refine((r) => r.kind !== 'mute' || r.hours !== undefined, { message: '请选择禁言时长', path: ['hours'] });
export type RestrictInput = z.output<typeof RestrictInput>;

/* ---------------------------------------------------------------- views */

export const BadgeChipView = z.object({ code: BadgeCode, name: z.string(), color: z.string() });
export const AuthorView = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  official: z.boolean(),
  badge: BadgeChipView.nullable(),
});
export type AuthorView = z.output<typeof AuthorView>;

export const PostStatusView = z.enum(['reviewing', 'visible', 'hidden', 'deleted']);
export const PostView = z.object({
  postId: z.string(),
  author: AuthorView,
  text: z.string(),
  images: z.array(z.object({ fileId: z.string(), url: z.string().nullable() })),
  topics: z.array(z.object({ code: z.string(), name: z.string() })),
  productTag: z.object({ itemId: z.string(), title: z.string() }).nullable(),
  official: z.boolean(),
  status: PostStatusView,
  /** Why it is held or hidden: shown to the author (and moderators) only. */
  note: z.string().nullable(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  favouriteCount: z.number().int(),
  shareCount: z.number().int(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type PostView = z.output<typeof PostView>;

export const PageView = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), next: z.string().nullable() });
export const FeedView = PageView(PostView);
export type FeedView = z.output<typeof FeedView>;

/** Who is looking: a visitor (not joined) is asked to join at their first action. */
export const ViewerView = z.object({ joined: z.boolean(), moderator: z.boolean() });
export const PostDetailView = z.object({ post: PostView, liked: z.boolean(), favourited: z.boolean(), flagged: z.boolean(), viewer: ViewerView });
export type PostDetailView = z.output<typeof PostDetailView>;

export const CreatePostView = z.object({
  post: PostView,
  /** Held for review (text) or waiting for the image check: visible to others once it passes. */
  held: z.boolean(),
  points: z.number().int(),
  repeated: z.boolean(),
});
export type CreatePostView = z.output<typeof CreatePostView>;

export const CommentView = z.object({
  commentId: z.string(),
  postId: z.string(),
  author: AuthorView,
  text: z.string(),
  parentId: z.string().nullable(),
  replyTo: z.object({ nickname: z.string() }).nullable(),
  status: z.enum(['reviewing', 'visible', 'hidden', 'deleted']),
  note: z.string().nullable(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type CommentView = z.output<typeof CommentView>;
export const CommentsView = PageView(CommentView);
export type CommentsView = z.output<typeof CommentsView>;
export const CreateCommentView = z.object({ comment: CommentView, held: z.boolean(), repeated: z.boolean() });
export type CreateCommentView = z.output<typeof CreateCommentView>;

export const LikeView = z.object({ liked: z.boolean(), likeCount: z.number().int(), changed: z.boolean() });
export type LikeView = z.output<typeof LikeView>;
export const FavouriteView = z.object({ favourited: z.boolean(), favouriteCount: z.number().int(), changed: z.boolean() });
export type FavouriteView = z.output<typeof FavouriteView>;
export const ShareView = z.object({ shareCount: z.number().int(), points: z.number().int(), repeated: z.boolean() });
export type ShareView = z.output<typeof ShareView>;
export const FlagView = z.object({ flagged: z.boolean(), hidden: z.boolean(), repeated: z.boolean() });
export type FlagView = z.output<typeof FlagView>;
export const DoneView = z.object({ done: z.boolean() });

export const TopicView = z.object({ code: z.string(), name: z.string(), description: z.string(), official: z.boolean() });
export const TopicsView = z.object({ topics: z.array(TopicView) });
export type TopicsView = z.output<typeof TopicsView>;
export const ProposeTopicView = z.object({ code: z.string(), status: z.enum(['proposed', 'active', 'rejected', 'retired']), repeated: z.boolean() });
export type ProposeTopicView = z.output<typeof ProposeTopicView>;

export const HonourBadgeView = BadgeChipView.extend({ description: z.string(), awardedAt: z.string(), reason: z.string() });
export const ProfileView = z.object({
  author: AuthorView,
  self: z.boolean(),
  posts: z.number().int(),
  likesReceived: z.number().int(),
  badges: z.array(HonourBadgeView),
  certificates: z.array(z.object({ campaignId: z.string(), campaignTitle: z.string(), issuedOn: z.string() })),
  muted: z.object({ until: z.string().nullable(), suspended: z.boolean(), note: z.string().nullable() }).nullable(),
  feed: FeedView,
});
export type ProfileView = z.output<typeof ProfileView>;

/** The caller in the community: the feed's header, the composer's mute notice, the moderator's queue entry. */
export const MeView = ViewerView.extend({
  author: AuthorView.nullable(),
  muted: z.object({ until: z.string().nullable(), suspended: z.boolean(), note: z.string().nullable() }).nullable(),
  /** Moderators: open cases in the review queue. */
  openCases: z.number().int().nullable(),
});
export type MeView = z.output<typeof MeView>;

export const CampaignProgressView = z.object({
  count: z.number().int(),
  streak: z.number().int(),
  bestStreak: z.number().int(),
  days: z.array(z.string()),
  checkedInToday: z.boolean(),
  finished: z.boolean(),
});
export const CampaignView = z.object({
  campaignId: z.string(),
  title: z.string(),
  description: z.string(),
  /** The cover picture's display URL. */
  image: z.string().nullable(),
  topic: z.object({ code: z.string(), name: z.string() }),
  days: z.number().int(),
  streak: z.boolean(),
  from: z.string(),
  to: z.string(),
  capacity: z.number().int(),
  joined: z.number().int(),
  badge: BadgeChipView.nullable(),
  state: z.enum(['upcoming', 'open', 'ended']),
  mine: CampaignProgressView.nullable(),
});
export type CampaignView = z.output<typeof CampaignView>;
export const CampaignsView = z.object({ campaigns: z.array(CampaignView) });
export type CampaignsView = z.output<typeof CampaignsView>;
export const JoinView = z.object({ campaign: CampaignView, repeated: z.boolean() });
export type JoinView = z.output<typeof JoinView>;

export const LeaderboardView = PageView(
  z.object({ rank: z.number().int().nullable(), author: AuthorView, count: z.number().int(), likes: z.number().int(), finished: z.boolean() }),
);
export type LeaderboardView = z.output<typeof LeaderboardView>;

export const CertificateView = z.object({
  campaignId: z.string(),
  campaignTitle: z.string(),
  nickname: z.string(),
  serial: z.string(),
  days: z.number().int(),
  issuer: z.string(),
  issuedOn: z.string(),
  imageUrl: z.string().nullable(),
  self: z.boolean(),
});
export type CertificateView = z.output<typeof CertificateView>;

export const CaseView = z.object({
  caseId: z.string(),
  /** `poll` / `panel`: a KOC co-creator's poll or panel whose images WeChat's check sent to review. */
  target: z.enum(['post', 'comment', 'topic', 'poll', 'panel']),
  targetId: z.string(),
  reasons: z.array(z.string()),
  flagReasons: z.array(z.string()),
  preview: z.string(),
  author: AuthorView.nullable(),
  /** The author's current restriction, for the moderator's mute / suspend / lift choice. */
  restriction: z.object({ mutedUntil: z.string().nullable(), suspended: z.boolean() }).nullable(),
  images: z.array(z.object({ fileId: z.string(), url: z.string().nullable(), check: z.string() })),
  openedAt: z.string(),
});
export type CaseView = z.output<typeof CaseView>;
export const QueueView = PageView(CaseView).extend({ muteHoursOptions: z.array(z.number().int()) });
export type QueueView = z.output<typeof QueueView>;
export const DecideView = z.object({ caseId: z.string(), status: z.enum(['open', 'closed']), decision: z.enum(['approve', 'hide']).nullable(), repeated: z.boolean() });
export type DecideView = z.output<typeof DecideView>;
export const RestrictView = z.object({ mutedUntil: z.string().nullable(), suspended: z.boolean() });
export type RestrictView = z.output<typeof RestrictView>;
