import type { MetricsCounts } from './community-metrics.rules';

/** `community_metrics/{day}`: one Beijing day's counts, filled stage by stage by the nightly job (resumable). */
export const COMMUNITY_METRICS = 'community_metrics';

export interface CommunityMetricsRecord {
  _id: string;
  day: string;
  counts: Partial<MetricsCounts>;
  /** Stages already counted: a run stopped by its time budget resumes with the next. */
  stages: string[];
  done: boolean;
  updatedAt: Date;
}
