import type { DayBucket } from './activity.rules';
import type { MemberLayer } from './scoring-config.schema';

/** `member_activity/{openid}`: a member's daily activity buckets, updated in the same write as each event. */
export interface ActivityRecord {
  _id: string;
  _openid: string;
  days: Record<string, DayBucket>;
  months: Record<string, number>;
  /** Last active Beijing day as the number YYYYMMDD (so concurrent events can raise it with `_.max`). */
  lastActive: number;
  createdAt: Date;
}
export const MEMBER_ACTIVITY = 'member_activity';

/** `member_layers/{openid}`: the layers the nightly job gave a member (audience tags), and what they were before. */
export interface MemberLayersRecord {
  _id: string;
  _openid: string;
  /** Beijing day of the run that wrote this. */
  day: string;
  layers: MemberLayer[];
  total: number;
  /** Layers before this run (a resumed run re-decides from these, so it decides the same way twice). */
  before: MemberLayer[];
  updatedAt: Date;
}
export const MEMBER_LAYERS = 'member_layers';

/** `layer_changes/{day}:{openid}`: every change of a member's layers (append-only; the id makes a re-run write it once). */
export interface LayerChangeRecord {
  _id: string;
  _openid: string;
  day: string;
  from: MemberLayer[];
  to: MemberLayer[];
  total: number;
  at: Date;
}
export const LAYER_CHANGES = 'layer_changes';

/**
 * `scoring_runs/{day}`: one per Beijing day. The run's cursor and running tallies are saved together after each
 * page, so a run stopped anywhere resumes exactly. When done it is the day's record: the distribution (the
 * member page's percentile), layer sizes (the operators' trend) and who moved.
 */
export interface ScoringRunRecord {
  _id: string;
  day: string;
  /** totals: first pass, building the histogram; layers: second pass, deciding layers; done. */
  phase: 'totals' | 'layers' | 'done';
  /** Last member `_id` of the current pass handled; null = the pass has not started. */
  after: string | null;
  members: number;
  /** Members per total, keys are totals (a document's keys are strings). */
  histogram: Record<string, number>;
  /** Members per layer (second pass). */
  layerSizes: Record<MemberLayer, number>;
  /** Members whose layers changed (second pass). */
  moved: number;
  /** The lowest total that entered the 超级用户 band (set when the first pass ends). */
  enterAt: number | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}
export const SCORING_RUNS = 'scoring_runs';
