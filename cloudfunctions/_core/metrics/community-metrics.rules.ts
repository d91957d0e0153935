/**
 * The community-health indicators of one Beijing day, from counts the nightly job gathers. Rates are integer
 * basis points (1/100 of a percent: 3700 = 37.00%), ratios integer hundredths (250 = 2.5), so the history
 * stores no floats; null = not measurable (nothing to divide by, or the feature that produces it is absent).
 *
 * The articles' three hard indicators: member-driven activity (share of posts, comments and campaign days not
 * created by official accounts or operators), the UGC ratio (member posts : official posts, goal ≥ 2) and the
 * core users' share of GMV (the brand in the article went from 12% to 37%; the core users are the 超级用户
 * layer of the nightly scoring job).
 */
export interface MetricsCounts {
  day: string;
  members: number;
  newMembers: number;
  /** Members per tier code (layer sizes). */
  tierSizes: Record<string, number>;
  /** Tier changes of the day, `from>to` → count (layer flows). */
  tierFlows: Record<string, number>;
  checkIns: number;
  /** Purchases over the 30 days ending on `day`, fen; `coreGmvFen` of those by today's 超级用户 (`coreMembers`). */
  gmvFen: number;
  coreGmvFen: number;
  coreMembers: number;
  /** Coupons claimed in the 30 days ending on `day`, and how many of those are used. */
  couponsClaimed: number;
  couponsUsed: number;
  /** Messages sent in the 7 days ending on `day`, and the weekly promotion cap per member. */
  messagesSent: number;
  weeklyCap: number;
  /** Members who joined 7 (30) days before `day`, and those of them with any points activity since joining. */
  cohort7: number;
  retained7: number;
  cohort30: number;
  retained30: number;
  /** The community's counts of the day (null in days counted before the community existed). */
  community: CommunityCounts | null;
  /** The most used topics over the 7 days ending on the day (visible posts), most first; at most TOP_TOPICS. */
  topTopics: { code: string; posts: number }[];
}

/**
 * What members and official accounts (operators) did in the community on one day. Posts and comments: written
 * that day and visible when counted. Campaign days: check-ins of that day (one per member, campaign and day).
 */
export interface CommunityCounts {
  memberPosts: number;
  officialPosts: number;
  memberComments: number;
  officialComments: number;
  campaignDays: number;
  memberCampaignDays: number;
  /** Campaigns running on the day, and the places taken in them (the members who could check in). */
  campaignsRunning: number;
  campaignPlaces: number;
}

/** How many topics the history keeps per day. */
export const TOP_TOPICS = 10;

/** Topic counts → the top `TOP_TOPICS`, most posts first, ties by code (a stable order for the history). */
export function topTopicsOf(counts: readonly { code: string; posts: number }[]): { code: string; posts: number }[] {
  return [...counts]
    .filter((t) => t.posts > 0)
    .sort((a, b) => b.posts - a.posts || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, TOP_TOPICS);
}

export interface Indicators {
  memberDrivenShareBp: number | null;
  ugcRatioX100: number | null;
  coreGmvShareBp: number | null;
  checkInRateBp: number | null;
  couponRedemptionBp: number | null;
  /** Messages per member per week, hundredths, next to the cap (also hundredths). */
  messagesPerMemberWeekX100: number | null;
  weeklyCapX100: number;
  retention7Bp: number | null;
  retention30Bp: number | null;
  /** Check-ins of the day / places taken in the campaigns running that day. */
  campaignCheckInBp: number | null;
}

/** UGC ratio goal of the articles: at least two member posts for every official one. */
export const UGC_RATIO_GOAL_X100 = 200;

export const basisPoints = (part: number, whole: number): number | null => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);
const hundredths = (a: number, b: number): number | null => (b > 0 ? Math.floor((a * 100) / b) : null);

export function indicatorsOf(c: MetricsCounts): Indicators {
  const cm = c.community;
  return {
    memberDrivenShareBp: cm
      ? basisPoints(cm.memberPosts + cm.memberComments + cm.memberCampaignDays, cm.memberPosts + cm.officialPosts + cm.memberComments + cm.officialComments + cm.campaignDays)
      : null,
    ugcRatioX100: cm ? hundredths(cm.memberPosts, cm.officialPosts) : null,
    coreGmvShareBp: basisPoints(c.coreGmvFen, c.gmvFen),
    checkInRateBp: basisPoints(c.checkIns, c.members),
    couponRedemptionBp: basisPoints(c.couponsUsed, c.couponsClaimed),
    messagesPerMemberWeekX100: hundredths(c.messagesSent, c.members),
    weeklyCapX100: c.weeklyCap * 100,
    retention7Bp: basisPoints(c.retained7, c.cohort7),
    retention30Bp: basisPoints(c.retained30, c.cohort30),
    campaignCheckInBp: cm ? basisPoints(cm.campaignDays, cm.campaignPlaces) : null,
  };
}
