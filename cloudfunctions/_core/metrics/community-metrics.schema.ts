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
});

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
