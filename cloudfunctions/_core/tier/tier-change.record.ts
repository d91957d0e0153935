/** `tier_changes/{auto}`: append-only history of a member's tier, with the reason for each change. */
export interface TierChangeRecord {
  _id: string;
  _openid: string;
  from: string;
  to: string;
  /** 'upgrade' when earning crosses a threshold, 'review' when the periodic review moves the tier. */
  reason: 'upgrade' | 'review';
  /** Rolling growth at the time of the change. */
  growth: number;
  /** What caused an upgrade (e.g. `purchase:<orderNo>`); absent for a review. */
  source?: string;
  at: Date;
}

export const TIER_CHANGES = 'tier_changes';
