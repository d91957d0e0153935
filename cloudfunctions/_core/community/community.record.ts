/**
 * What the community stores. Every collection is listed in README (Community → Collections) with its
 * indexes; the indexes themselves are declared in `_core/indexes.ts`.
 */

import type { PostCounted } from '../scoring/activity-events.rules';

export const POSTS = 'posts';
export const COMMENTS = 'comments';
export const LIKES = 'post_likes';
export const FAVOURITES = 'post_favourites';
export const SHARES = 'post_shares';
/** Members' pending likes, favourites and comments on a post, applied in batches (post-intents.ts). */
export const POST_INTENTS = 'post_reaction_intents';
export const POST_LEASES = 'post_reaction_leases';
export const FLAGS = 'post_flags';
export const COMMUNITY_MEMBERS = 'community_members';
export const MEMBER_MONTHS = 'community_member_months';
export const RATE_LIMITS = 'community_rate_limits';
export const MOD_CASES = 'moderation_cases';
export const MEDIA_CHECKS = 'media_checks';
export const CAMPAIGN_MEMBERS = 'campaign_members';
export const CAMPAIGN_COUNTS = 'campaign_counts';
export const CHECKINS = 'campaign_checkins';
export const CERTIFICATES = 'certificates';
export const HONOURS = 'community_honours';
export const HONOUR_PROGRESS = 'community_honour_progress';
export const COMMUNITY_TOPICS = 'community_topics';
export const COMMUNITY_BADGES = 'community_badges';
export const COMMUNITY_CAMPAIGNS = 'community_campaigns';

/**
 * reviewing: held (text review or images awaiting their check), seen only by the author and moderators;
 * visible: in the feeds; hidden: by flags or a moderator (the author sees why); deleted: by the author.
 */
export type PostStatus = 'reviewing' | 'visible' | 'hidden' | 'deleted';

/** Shown next to a name; copied onto each post and comment when written (a feed page is one query). */
export interface AuthorSnapshot {
  /** The member's public id (publicIdOf): what other members see instead of the openid. */
  id: string;
  nickname: string;
  avatarUrl: string;
  official: boolean;
  badge: { code: string; name: string; color: string } | null;
}

export interface PostImage {
  fileId: string;
  /** pending until the asynchronous media check answers. */
  check: 'pending' | 'pass' | 'review' | 'risky';
}

export interface PostRecord {
  _id: string;
  /** The author. */
  _openid: string;
  author: AuthorSnapshot;
  /** = author.id, for the profile feed's query. */
  authorId: string;
  text: string;
  images: PostImage[];
  /** Topic codes (the topic feed queries them); names as written, for display. */
  topics: string[];
  topicTags: { code: string; name: string }[];
  productTag: { itemId: string; title: string } | null;
  official: boolean;
  status: PostStatus;
  /** Why it is held or hidden, in Chinese, for the author. */
  note: string | null;
  /** The text check's verdict. */
  textCheck: 'pass' | 'review';
  likeCount: number;
  likesFromOthers: number;
  commentCount: number;
  commentsFromOthers: number;
  favouriteCount: number;
  shareCount: number;
  sharesFromOthers: number;
  flagWeight: number;
  /** Hot score (feed.rules.ts), and the feed keys: `<padded value>~<_id>`, unique and cursor-friendly. */
  hot: number;
  hotKey: string;
  latestKey: string;
  /** Beijing day and month the post was written in (check-ins and monthly honours count by them). */
  day: string;
  month: string;
  /**
   * How many times the post has been published (became visible). Each publication earns posting points once
   * under its own ledger key, and each unpublication reverses them under its own key.
   */
  publications: number;
  /** Whether the post currently counts (points, tallies, check-ins): true between publish and unpublish. */
  counted: boolean;
  /** Campaigns for which this post is the day's counted check-in (a like then also counts on the leaderboard). */
  checkinOf: string[];
  /**
   * What the post brings to its author's scoring bucket besides itself (likes and favourites from others that
   * counted, comments from others): kept in the same transaction as each reaction, so hiding or deleting the
   * post takes back exactly this, and republishing restores it. Absent on posts written directly (nothing counted).
   */
  scored?: PostCounted;
  requestId: string;
  createdAt: Date;
  updatedAt: Date;
}

export type CommentStatus = 'reviewing' | 'visible' | 'hidden' | 'deleted';

export interface CommentRecord {
  _id: string;
  _openid: string;
  postId: string;
  postAuthor: string;
  author: AuthorSnapshot;
  text: string;
  /** null: a comment on the post; else the top-level comment this reply belongs to (two levels). */
  parentId: string | null;
  replyTo: { id: string; nickname: string } | null;
  status: CommentStatus;
  note: string | null;
  /** Thread order: a comment's own key, a reply's parent key + '/' + its own: one sorted query reads threads. */
  threadKey: string;
  /** Weighted flags so far (moderation.rules.ts); at the threshold the comment is hidden pending review. */
  flagWeight: number;
  counted: boolean;
  requestId: string;
  createdAt: Date;
}

/** `post_likes/{postId}:{openid}` and `post_favourites/{postId}:{openid}`: exists = liked (favourited). */
export interface ReactionRecord {
  _id: string;
  _openid: string;
  postId: string;
  postAuthor: string;
  createdAt: Date;
  /** `<time>~<_id>`: a member's favourites page by it, newest first (feed.rules.ts timeKey). */
  key: string;
  /** Likes and favourites: whether it counted for the author's score (reactionCounts), so taking it back takes back exactly that. */
  counted?: boolean;
}

/**
 * `post_reaction_intents/{kind}:{postId}:{key}`: a member's action on a post that moves its counters, waiting to be
 * applied: the latest tap of like or favourite (key = openid), a visible comment (`comment:…`, key = the comment id)
 * or the deletion of one (`comment-off:…`). Whoever
 * applies the post's pending intents (any member acting on it, `post-intents.ts`) does it in one transaction with the
 * reaction and comment documents, the post's counters and the buckets, then marks them applied with the outcome.
 */
export interface PostIntentRecord {
  _id: string;
  _openid: string;
  postId: string;
  kind: PostIntentKind;
  /** Like and favourite: set or take back. A comment: written (true) or deleted (false). */
  on: boolean;
  /** This intent's identity: a later tap by the same member replaces the intent with another rev. */
  rev: string;
  byJoinedAt: Date;
  at: Date;
  status: 'pending' | 'applied';
  /** Applied: whether it changed anything (a like already there changes nothing), and whether it counted for the author. */
  changed: boolean;
  counted: boolean;
  /** A comment intent: the comment it writes (`on`) or deletes. */
  commentId?: string;
  /** Writing a comment: the comment, as its writer sees it at once. */
  comment?: CommentRecord;
}

export type PostIntentKind = 'like' | 'favourite' | 'comment';

/** `post_shares/{postId}:{openid}`: one credit per member per post. */
export type ShareRecord = ReactionRecord;

/** `post_flags/{postId}:{openid}` (or `{commentId}:{openid}`): one flag per member per post or comment. */
export interface FlagRecord {
  _id: string;
  _openid: string;
  postId: string;
  /** Set when the flag is on a comment of the post. */
  commentId: string | null;
  reason: string;
  detail: string;
  weight: number;
  createdAt: Date;
}

/** `community_members/{openid}`: a member's community profile, counters and restrictions. */
export interface CommunityMemberRecord {
  _id: string;
  _openid: string;
  publicId: string;
  nickname: string;
  avatarUrl: string;
  registeredAt: Date;
  /** Visible posts. */
  posts: number;
  likesReceived: number;
  badges: { code: string; name: string; color: string; awardedAt: Date; reason: string }[];
  /** Codes of `badges`, so an award is one conditional update (`badgeCodes` not containing the code). */
  badgeCodes: string[];
  /** The smallest likes_received badge threshold not held yet (null: none): a like reads the catalogue only past it. */
  nextLikeBadgeAt: number | null;
  /** Muted: may not post or comment until then. */
  mutedUntil: Date | null;
  suspended: boolean;
  restrictionNote: string | null;
  updatedAt: Date;
}

/** `community_member_months/{month}:{openid}`: a member's contribution in one Beijing month. */
export interface MemberMonthRecord {
  _id: string;
  _openid: string;
  month: string;
  /** Σ over the month's counted posts of 1 + likes, comments and shares from others (honours.rules.ts). */
  score: number;
  updatedAt: Date;
}

/** `community_rate_limits/{openid}:{kind}:{hour}`: actions in one Beijing hour. */
export interface RateLimitRecord {
  _id: string;
  _openid: string;
  kind: 'post' | 'comment';
  count: number;
  expiresAt: Date;
}

export type CaseTarget = 'post' | 'comment' | 'topic' | 'poll' | 'panel';
export type CaseReason = 'text_review' | 'media_review' | 'flags' | 'topic_proposal';

/** `moderation_cases/{target}:{id}`: one open case per target in the review queue; decisions are audited. */
export interface ModCaseRecord {
  _id: string;
  target: CaseTarget;
  targetId: string;
  /** The author (or proposer). */
  _openid: string;
  reasons: CaseReason[];
  preview: string;
  flagReasons: string[];
  status: 'open' | 'closed';
  decision: 'approve' | 'hide' | null;
  decidedBy: string | null;
  note: string | null;
  openedAt: Date;
  /** `<openedAt ms padded>~<_id>`: the queue's order and cursor. */
  queueKey: string;
  decidedAt: Date | null;
}

/** What a member's image was uploaded for: a post, or a poll or panel a KOC co-creator hosts. */
export type MediaTarget = 'post' | 'poll' | 'panel';

/**
 * `media_checks/{traceId}`: an image sent to security.mediaCheckAsync, awaiting its result event. Rows written
 * before polls and panels took members' images have only `postId` (their target is that post).
 */
export interface MediaCheckRecord {
  _id: string;
  target?: MediaTarget;
  targetId?: string;
  /** Posts' rows only (kept so older readers and the `post` index still find them). */
  postId?: string;
  fileId: string;
  _openid: string;
  status: 'pending' | 'pass' | 'review' | 'risky';
  createdAt: Date;
  answeredAt: Date | null;
}

/** `campaign_members/{campaignId}:{openid}`. */
export interface CampaignMemberRecord {
  _id: string;
  _openid: string;
  campaignId: string;
  topic: string;
  /** joining: the place is being taken (a failed join removes the document). */
  status: 'joining' | 'joined';
  /** Counted Beijing days, sorted. */
  days: string[];
  count: number;
  streak: number;
  bestStreak: number;
  /** Likes from others on the member's counted check-in posts (the leaderboard's tie-break). */
  likes: number;
  /** `<count padded><likes padded>~<openid>`: the leaderboard's order and cursor (descending). */
  rankKey: string;
  finishedAt: Date | null;
  joinedAt: Date;
  updatedAt: Date;
}

/** `campaign_counts/{campaignId}`: places taken, only by conditional updates (never above capacity). */
export interface CampaignCountRecord {
  _id: string;
  joined: number;
}

/** `campaign_checkins/{campaignId}:{openid}:{day}`: the one post that counts for that day. */
export interface CheckinRecord {
  _id: string;
  _openid: string;
  campaignId: string;
  day: string;
  postId: string;
  createdAt: Date;
}

/** `certificates/{campaignId}:{openid}`: the certificate (电子证书) of a finished campaign. */
export interface CertificateRecord {
  _id: string;
  _openid: string;
  campaignId: string;
  serial: string;
  nickname: string;
  campaignTitle: string;
  days: number;
  issuer: string;
  issuedOn: string;
  /** The generated image in cloud storage (null until generated). */
  imageFileId: string | null;
  createdAt: Date;
}

/** `community_honours/{kind}:{period}`: a periodic honour (每月分享王), written once by its job. */
export interface HonourRecord {
  _id: string;
  kind: 'monthly_share_king';
  period: string;
  _openid: string | null;
  score: number;
  awardedAt: Date;
}
