import { z } from 'zod';
import { Audience } from '../scoring/audience.schema';
import { ImageRef } from '../shared/images';

const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD（北京时间）');
const Count = (what: string, max: number) =>
  z.number({ error: `${what}必须是数字` }).int(`${what}必须是整数`).min(0, `${what}不能为负`).max(max, `${what}不能大于 ${max}`);

/** A topic's code, also its document id in `community_topics` (operator topics: readable codes). */
export const TopicCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, '话题编号为 2-32 位小写字母、数字、-或_');
export const BadgeCode = z.string().regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, '徽章编号为 2-32 位小写字母、数字、-或_');
export const CampaignId = z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '活动编号为 2-40 位字母、数字、-或_');

/**
 * `app_config/community`: moderation thresholds and rate limits. Flags are weighted by the flagger's standing
 * (Discourse's model): a post whose flag weight reaches `hideThreshold` is hidden at once, pending review.
 */
export const CommunityConfig = z.object({
  flags: z
    .object({
      hideThreshold: Count('隐藏阈值', 1000).min(1, '隐藏阈值至少为 1'),
      weights: z.object({
        /** Registered less than `newMemberDays` ago. */
        newcomer: Count('新会员举报权重', 100),
        member: Count('会员举报权重', 100),
        /** At least `trustedMinPosts` visible posts and `trustedMinLikes` likes from others. */
        trusted: Count('资深会员举报权重', 100),
        /** Operators (and, later, members given the moderator role): their flag alone usually hides. */
        moderator: Count('管理员举报权重', 1000),
      }),
      newMemberDays: Count('新会员天数', 365),
      trustedMinPosts: Count('资深会员最少发帖数', 100_000),
      trustedMinLikes: Count('资深会员最少获赞数', 10_000_000),
    })
    .default({ hideThreshold: 6, weights: { newcomer: 1, member: 2, trusted: 3, moderator: 6 }, newMemberDays: 7, trustedMinPosts: 10, trustedMinLikes: 50 }),
  rateLimits: z
    .object({
      postsPerHour: Count('每小时发帖上限', 1000).min(1, '每小时发帖上限至少为 1'),
      commentsPerHour: Count('每小时评论上限', 1000).min(1, '每小时评论上限至少为 1'),
      /** Stricter limits for members registered less than `newMemberHours` ago. */
      newMemberHours: Count('新注册保护时长', 24 * 30),
      newMemberPostsPerHour: Count('新会员每小时发帖上限', 1000).min(1, '新会员每小时发帖上限至少为 1'),
      newMemberCommentsPerHour: Count('新会员每小时评论上限', 1000).min(1, '新会员每小时评论上限至少为 1'),
    })
    .default({ postsPerHour: 6, commentsPerHour: 30, newMemberHours: 24, newMemberPostsPerHour: 2, newMemberCommentsPerHour: 10 }),
  /** Default mute length a moderator picks from (hours). */
  muteHoursOptions: z.array(Count('禁言时长', 24 * 365).min(1, '禁言时长至少 1 小时')).min(1).max(6).default([24, 72, 168]),
});
export type CommunityConfig = z.output<typeof CommunityConfig>;

/**
 * `community_topics/{code}`: operator topics (status active, created in the console) and member proposals
 * (status proposed, approved or rejected in the review queue). Validated when read.
 */
export const TopicConfig = z.object({
  name: z.string().trim().min(1, '请填写话题名称').max(20, '话题名称最多 20 个字'),
  description: z.string().trim().max(200, '话题说明最多 200 个字').default(''),
  status: z.enum(['active', 'proposed', 'rejected', 'retired']).default('active'),
  origin: z.enum(['operator', 'member']).default('operator'),
  proposedBy: z.string().nullable().default(null),
  sort: z.number().int().default(0),
});
export type TopicConfig = z.output<typeof TopicConfig>;
export type Topic = TopicConfig & { code: string };

/** How a badge is earned: conditions as data (Vendure's shape), checked by badge.rules.ts. */
export const BadgeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('first_post') }),
  z.object({ kind: z.literal('likes_received'), count: Count('获赞数', 10_000_000).min(1, '获赞数至少为 1') }),
  /** Awarded by a campaign that names this badge when a member finishes it. */
  z.object({ kind: z.literal('campaign_finished') }),
  /** Awarded by the monthly honours job to the month's top contributor. */
  z.object({ kind: z.literal('monthly_share_king') }),
]);
export type BadgeRule = z.output<typeof BadgeRule>;

/** `community_badges/{code}`: the badge catalogue. */
export const BadgeConfig = z.object({
  name: z.string().trim().min(1, '请填写徽章名称').max(12, '徽章名称最多 12 个字'),
  description: z.string().trim().max(100, '徽章说明最多 100 个字').default(''),
  /** A colour for the badge chip ('#RRGGBB'). */
  color: z.string().regex(/^#[0-9A-Fa-f]{6}$/, '颜色格式应为 #RRGGBB').default('#C9A227'),
  rule: BadgeRule,
  active: z.boolean().default(true),
  sort: z.number().int().default(0),
});
export type BadgeConfig = z.output<typeof BadgeConfig>;
export type Badge = BadgeConfig & { code: string };

/**
 * `community_campaigns/{id}`: a check-in campaign (打卡活动). A member joins, then each Beijing day on which
 * they publish a post with the campaign's topic counts once; `days` counted days finish it (with `streak`,
 * `days` consecutive ones). Finishing earns a certificate and the campaign's badge.
 */
export const CampaignConfig = z
  .object({
    title: z.string().trim().min(1, '请填写活动名称').max(30, '活动名称最多 30 个字'),
    description: z.string().trim().max(500, '活动说明最多 500 个字').default(''),
    topic: TopicCode,
    days: Count('打卡天数', 366).min(1, '打卡天数至少为 1'),
    streak: z.boolean().default(false),
    /** Window in Beijing days, inclusive: joining and check-ins count only inside it. */
    from: Day,
    to: Day,
    capacity: Count('名额', 1_000_000).min(1, '名额至少为 1'),
    badge: BadgeCode.nullable().default(null),
    /** The campaign's cover picture: a cloud storage fileID or an https URL. */
    image: ImageRef.nullable().default(null),
    /** Who signs the certificate (shown on it). */
    issuer: z.string().trim().min(1).max(20, '证书落款最多 20 个字').default('超级用户社区'),
    /** Who may join: the same audience as coupon templates (tiers, new members, member numbers, value layers). */
    audience: Audience.default({}),
    active: z.boolean().default(true),
    sort: z.number().int().default(0),
  })
  .superRefine((c, ctx) => {
    if (c.to < c.from) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });
export type CampaignConfig = z.output<typeof CampaignConfig>;
export type Campaign = CampaignConfig & { id: string };
