/** Community calls (社区: feeds, posts, comments, campaigns, honours, review queue) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';
import { formatBeijingTime } from '../utils/format';

export type FeedTab = 'latest' | 'hot' | 'topic';
export type FeedPage = CloudOutput<'community', 'feed'>;
export type PostView = FeedPage['items'][number];
export type PostDetail = CloudOutput<'community', 'post'>;
export type CommentView = CloudOutput<'community', 'comments'>['items'][number];
export type Topic = CloudOutput<'community', 'topics'>['topics'][number];
export type Profile = CloudOutput<'community', 'profile'>;
export type Campaign = CloudOutput<'community', 'campaign'>;
export type LeaderboardRow = CloudOutput<'community', 'leaderboard'>['items'][number];
export type Certificate = CloudOutput<'community', 'certificate'>;
export type ModerationCase = CloudOutput<'community', 'queue'>['items'][number];
export type FlagReason = CloudInput<'community', 'flag'>['reason'];
export type CreatePostInput = CloudInput<'community', 'createPost'>;
export type CommunityMe = CloudOutput<'community', 'me'>;
export type RestrictKind = CloudInput<'community', 'restrict'>['kind'];

export const communityService = {
  /** Who is looking: joined or a visitor, moderator, a mute in force, open cases for moderators. */
  me: () => callCloud('community', 'me'),
  feed: (tab: FeedTab, topic?: string, cursor?: string | null) => callCloud('community', 'feed', { tab, topic, cursor: cursor ?? null }),
  post: (postId: string) => callCloud('community', 'post', { postId }),
  /** The same request id is the same post: reuse it when retrying one tap. */
  createPost: (input: CreatePostInput) => callCloud('community', 'createPost', input),
  deletePost: (postId: string) => callCloud('community', 'deletePost', { postId }),
  comments: (postId: string, cursor?: string | null) => callCloud('community', 'comments', { postId, cursor: cursor ?? null }),
  comment: (postId: string, text: string, replyTo: string | null, requestId: string) => callCloud('community', 'comment', { postId, text, replyTo, requestId }),
  like: (postId: string, liked: boolean) => callCloud('community', 'like', { postId, liked }),
  favourite: (postId: string, favourited: boolean) => callCloud('community', 'favourite', { postId, favourited }),
  favourites: (cursor?: string | null) => callCloud('community', 'favourites', { cursor: cursor ?? null }),
  deleteComment: (commentId: string) => callCloud('community', 'deleteComment', { commentId }),
  flagComment: (commentId: string, reason: FlagReason, detail = '') => callCloud('community', 'flagComment', { commentId, reason, detail }),
  proposeTopic: (name: string, description: string, requestId: string) => callCloud('community', 'proposeTopic', { name, description, requestId }),
  restrict: (authorId: string, kind: RestrictKind, hours?: number, note = '') => callCloud('community', 'restrict', { authorId, kind, hours, note }),
  share: (postId: string) => callCloud('community', 'share', { postId }),
  flag: (postId: string, reason: FlagReason, detail = '') => callCloud('community', 'flag', { postId, reason, detail }),
  profile: (authorId?: string, cursor?: string | null) => callCloud('community', 'profile', { authorId, cursor: cursor ?? null }),
  topics: () => callCloud('community', 'topics'),
  campaigns: () => callCloud('community', 'campaigns'),
  campaign: (campaignId: string) => callCloud('community', 'campaign', { campaignId }),
  join: (campaignId: string) => callCloud('community', 'joinCampaign', { campaignId }),
  leaderboard: (campaignId: string, cursor?: string | null) => callCloud('community', 'leaderboard', { campaignId, cursor: cursor ?? null }),
  certificate: (campaignId: string, authorId?: string) => callCloud('community', 'certificate', { campaignId, authorId }),
  queue: (cursor?: string | null) => callCloud('community', 'queue', { cursor: cursor ?? null }),
  decide: (caseId: string, decision: 'approve' | 'hide', note = '') => callCloud('community', 'decide', { caseId, decision, note }),
};

export const FLAG_REASONS: { key: FlagReason; name: string }[] = [
  { key: 'spam', name: '广告或垃圾信息' },
  { key: 'abuse', name: '辱骂或人身攻击' },
  { key: 'illegal', name: '违法违规内容' },
  { key: 'privacy', name: '泄露他人隐私' },
  { key: 'off_topic', name: '与社区无关' },
  { key: 'other', name: '其他' },
];

export const STATUS_NAMES: Record<PostView['status'], string> = { reviewing: '审核中', visible: '已发布', hidden: '已隐藏', deleted: '已删除' };

/** "刚刚", "5 分钟前", "3 小时前", else the Beijing date. */
export function timeAgo(iso: string, now = Date.now()): string {
  const ms = now - Date.parse(iso);
  if (ms < 60_000) return '刚刚';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} 分钟前`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} 小时前`;
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`;
}

/** A member's restriction as they and moderators read it. */
export function restrictionText(r: { until: string | null; suspended: boolean }): string {
  if (r.suspended) return '社区权限已暂停';
  return r.until ? `禁言至 ${formatBeijingTime(r.until, true)}` : '已禁言';
}
