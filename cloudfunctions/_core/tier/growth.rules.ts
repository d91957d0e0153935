import type { TierDefinition } from './tier-config.schema';
import { tierForGrowth } from './tier.rules';

/**
 * Growth lives in monthly buckets ('YYYY-MM', Beijing time) on the member document, so the rolling-window
 * value can be computed inside a transaction without a query. Tiers go up at once when a threshold is
 * crossed; they only go down at the periodic review, and only when growth falls below `keepPercent` of the
 * tier's threshold (hysteresis: nobody flips back and forth at a boundary).
 */
export type GrowthByMonth = Record<string, number>;

/** The months of the window ending with `month` ('YYYY-MM'), oldest first. */
export function windowMonths(month: string, size: number): string[] {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: size }, (_, i) => {
    const total = y * 12 + (m - 1) - (size - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

export function rollingGrowth(byMonth: GrowthByMonth, month: string, size: number): number {
  return windowMonths(month, size).reduce((s, k) => s + (byMonth[k] ?? 0), 0);
}

/** Adds (or, for a refund, removes) growth in one month; months that left the window are dropped. */
export function addGrowth(byMonth: GrowthByMonth, month: string, delta: number, current: string, size: number): GrowthByMonth {
  const keep = new Set(windowMonths(current, size));
  const next: GrowthByMonth = {};
  for (const [k, v] of Object.entries(byMonth)) if (keep.has(k)) next[k] = v;
  if (keep.has(month)) next[month] = Math.max(0, (next[month] ?? 0) + delta);
  return next;
}

const rank = (tiers: readonly TierDefinition[], code: string) => Math.max(0, tiers.findIndex((t) => t.code === code));

/** After earning: the higher of the current tier and the tier the growth reaches. Never lower. */
export function tierAfterEarning(tiers: readonly TierDefinition[], currentCode: string, growth: number): TierDefinition {
  const reached = tierForGrowth(tiers, growth);
  return rank(tiers, reached.code) > rank(tiers, currentCode) ? reached : tiers[rank(tiers, currentCode)];
}

/** At review: keep the tier while growth >= keepPercent of its threshold; else the tier growth reaches. */
export function tierAfterReview(
  tiers: readonly TierDefinition[],
  currentCode: string,
  growth: number,
  keepPercent: number,
): TierDefinition {
  const current = tiers[rank(tiers, currentCode)];
  if (growth * 100 >= current.threshold * keepPercent) return tierAfterEarning(tiers, currentCode, growth);
  return tierForGrowth(tiers, growth);
}
