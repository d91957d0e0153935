import type { TierDefinition } from './tier-config.schema';

export interface TierStanding {
  current: TierDefinition;
  next?: TierDefinition;
  /** Growth still needed for the next tier (0 at the top). */
  growthToNext: number;
  /** Progress inside the current band, 0..100 (integer percent). */
  progressPercent: number;
}

/** Tiers are sorted by threshold (the config schema guarantees it); the highest reached tier wins. */
export function tierForGrowth(tiers: readonly TierDefinition[], growth: number): TierDefinition {
  let reached = tiers[0];
  for (const t of tiers) if (growth >= t.threshold) reached = t;
  return reached;
}

export function standingOf(tiers: readonly TierDefinition[], tierCode: string, growth: number): TierStanding {
  const idx = Math.max(
    0,
    tiers.findIndex((t) => t.code === tierCode),
  );
  const current = tiers[idx];
  const next = tiers[idx + 1];
  if (!next) return { current, growthToNext: 0, progressPercent: 100 };
  const span = next.threshold - current.threshold;
  const done = Math.min(Math.max(growth - current.threshold, 0), span);
  return {
    current,
    next,
    growthToNext: Math.max(next.threshold - growth, 0),
    progressPercent: Math.floor((done * 100) / span),
  };
}
