import { z } from 'zod';

export const CommunityMetricsInput = z.object({ days: z.number().int().min(1).max(90).default(30) });
export type CommunityMetricsInput = z.output<typeof CommunityMetricsInput>;

const Bp = z.number().int().nullable();

export const IndicatorsView = z.object({
  memberDrivenShareBp: Bp,
  ugcRatioX100: Bp,
  coreGmvShareBp: Bp,
  checkInRateBp: Bp,
  couponRedemptionBp: Bp,
  messagesPerMemberWeekX100: Bp,
  weeklyCapX100: z.number().int(),
  retention7Bp: Bp,
  retention30Bp: Bp,
  campaignCheckInBp: Bp,
});

const Int = z.number().int();

export const MetricsDayView = z.object({
  day: z.string(),
  members: z.number().int(),
  newMembers: z.number().int(),
  /** Layer sizes by tier name, top tier first; flows as `from → to` names with counts. */
  layers: z.array(z.object({ code: z.string(), name: z.string(), members: z.number().int() })),
  flows: z.array(z.object({ from: z.string(), to: z.string(), members: z.number().int() })),
  checkIns: z.number().int(),
  gmvFen: z.number().int(),
  coreGmvFen: z.number().int(),
  /** 超级用户 when the day was counted (the core users of the GMV share). */
  coreMembers: Int,
  /** The day's community counts (null for days counted before the community existed). */
  community: z
    .object({
      memberPosts: Int,
      officialPosts: Int,
      memberComments: Int,
      officialComments: Int,
      campaignDays: Int,
      memberCampaignDays: Int,
      campaignsRunning: Int,
      campaignPlaces: Int,
    })
    .nullable(),
  /** The most used topics of the 7 days ending on the day, with their names. */
  topTopics: z.array(z.object({ code: z.string(), name: z.string(), posts: Int })),
  indicators: IndicatorsView,
});
export type MetricsDayView = z.output<typeof MetricsDayView>;

export const CommunityMetricsView = z.object({
  /** Finished days, oldest first (the chart's order); the last is the latest. */
  history: z.array(MetricsDayView),
  goals: z.object({ ugcRatioX100: z.number().int() }),
  /** What is not measured yet and why, in Chinese. */
  notMeasured: z.array(z.string()),
});
export type CommunityMetricsView = z.output<typeof CommunityMetricsView>;
