import { z } from 'zod';
import { MemberLayer } from './scoring-config.schema';

export const LayerView = z.object({ code: MemberLayer, name: z.string() });

export const SubScoreView = z.object({
  key: z.enum(['purchase', 'interaction', 'content']),
  name: z.string(),
  score: z.number().int(),
  counts: z.string(),
  raise: z.array(z.object({ action: z.string(), points: z.number().int() })),
});

/** `scoring.mine`: the caller's layers (from the last nightly run) and live sub-scores with what would raise them. */
export const MyScoreView = z.object({
  layers: z.array(LayerView),
  superUser: z.boolean(),
  total: z.number().int(),
  subScores: z.array(SubScoreView),
  windowDays: z.number().int(),
  /** Beijing day of the last finished scoring run; null before the first. */
  asOf: z.string().nullable(),
  /** Share of members with a lower total in that run, in whole percent. */
  percentBelow: z.number().int().nullable(),
  /** Points of total still missing to enter the 超级用户 band as of that run (0 when already in; null: no band yet). */
  toSuperUser: z.number().int().nullable(),
  /** One sentence on how 超级用户 are chosen. */
  rule: z.string(),
});
export type MyScoreView = z.output<typeof MyScoreView>;

export const MoverView = z.object({
  name: z.string(),
  memberNoTail: z.string(),
  total: z.number().int(),
  from: z.array(LayerView),
  to: z.array(LayerView),
});

/** `scoring.overview`: the operators' dashboard of the last finished run. */
export const ScoringOverviewView = z.object({
  asOf: z.string().nullable(),
  members: z.number().int(),
  enterAt: z.number().int().nullable(),
  histogram: z.array(z.object({ from: z.number().int(), to: z.number().int(), members: z.number().int() })),
  layers: z.array(LayerView.extend({ size: z.number().int(), change: z.number().int().nullable() })),
  trend: z.array(z.object({ day: z.string(), sizes: z.record(z.string(), z.number().int()) })),
  moved: z.number().int(),
  movers: z.array(MoverView),
  /** Today's run, when it has not finished yet: its phase. */
  running: z.enum(['totals', 'layers']).nullable(),
});
export type ScoringOverviewView = z.output<typeof ScoringOverviewView>;
