import { z } from 'zod';

const weight = (max: number) => z.number().int('权重必须是整数').min(0, '权重不能为负').max(max);

/** The value layers a member can carry (as audience tags); 超级用户 is decided by rank, the others by rules. */
export const MemberLayer = z.enum(['super', 'high_value', 'potential', 'dormant', 'newcomer'], {
  error: '分层代码只能是 super（超级用户）、high_value（高净值）、potential（潜力）、dormant（沉睡）、newcomer（新人）',
});
export type MemberLayer = z.output<typeof MemberLayer>;

export const LAYER_NAMES: Readonly<Record<MemberLayer, string>> = {
  super: '超级用户',
  high_value: '高净值',
  potential: '潜力',
  dormant: '沉睡',
  newcomer: '新人',
};

/**
 * `app_config/scoring`: how members are scored and layered. Sub-scores are integers over a rolling window of
 * Beijing days; the total is their weighted blend (percent weights); the top `enterTopPercent` of all members by
 * total become 超级用户 and stay while in the top `leaveTopPercent` (hysteresis, as Discourse's trust level 3).
 */
export const ScoringConfig = z
  .object({
    /** Days (today included) the three sub-scores look back over. */
    windowDays: z.number().int().min(7, '统计周期至少 7 天').max(365, '统计周期最多 365 天').default(90),
    purchase: z
      .object({
        /** Points of one purchase made today; a purchase `age` days ago counts (window − age) / window of it. */
        perPurchase: weight(1000).default(10),
      })
      .prefault({}),
    interaction: z
      .object({
        commentGiven: weight(100).default(2),
        commentReceived: weight(100).default(1),
        likeReceived: weight(100).default(1),
        campaignDay: weight(100).default(3),
        voteCast: weight(100).default(2),
        /** An offline event (品鉴会) attended: the host scanned the member's code there. */
        eventAttended: weight(100).default(5),
      })
      .prefault({}),
    content: z
      .object({
        post: weight(100).default(5),
        likeReceived: weight(100).default(1),
        favouriteReceived: weight(100).default(2),
      })
      .prefault({}),
    /** Percent weights of the three sub-scores in the total (they need not sum to 100). */
    blend: z
      .object({ purchase: weight(100).default(40), interaction: weight(100).default(30), content: weight(100).default(30) })
      .prefault({}),
    superUser: z
      .object({
        enterTopPercent: z.number().int().min(1).max(50).default(10),
        leaveTopPercent: z.number().int().min(1).max(60).default(15),
      })
      .prefault({})
      .refine((s) => s.leaveTopPercent >= s.enterTopPercent, { message: '退出线不能低于进入线', path: ['leaveTopPercent'] }),
    layers: z
      .object({
        /** 高净值: spend in the last 12 calendar months (this one included) at least this, in fen. */
        highValueSpendFen: z.number().int().min(1).default(500_000),
        /** 潜力: spend of the last 3 months above the 3 before by at least this percent … */
        potentialGrowthPercent: z.number().int().min(0).max(1000).default(20),
        /** … and at least this much, in fen (a first ¥5 coffee is not a trend). */
        potentialMinSpendFen: z.number().int().min(0).default(10_000),
        /** 沉睡: no purchase, comment, post, like received or campaign day for this many days. */
        dormantDays: z.number().int().min(7).max(730).default(90),
        /** 新人: joined within this many days (today counts as day 1). */
        newcomerDays: z.number().int().min(1).max(365).default(30),
      })
      .prefault({}),
  })
  .strict();
export type ScoringConfig = z.output<typeof ScoringConfig>;

export const DEFAULT_SCORING: ScoringConfig = ScoringConfig.parse({});
