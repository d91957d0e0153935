/**
 * Percentiles over all members, 超级用户 with hysteresis, and the value layers. Pure.
 *
 * The distribution is a histogram of totals (value → members); a member's standing is the number of members
 * with a strictly greater total. Ties therefore stand together: two members with the same total are both in or
 * both out, and nothing depends on ids or on the order the job read them in.
 */
import { addDays } from '../shared/business-time.rules';
import { monthsBefore, type ActivityState } from './activity.rules';
import type { MemberLayer, ScoringConfig } from './scoring-config.schema';

/** Totals and how many members have each, by ascending total. */
export type Histogram = Array<[total: number, members: number]>;

export function addToHistogram(counts: Map<number, number>, total: number): void {
  counts.set(total, (counts.get(total) ?? 0) + 1);
}

export function toHistogram(counts: Map<number, number> | Record<string, number>): Histogram {
  const entries: Histogram =
    counts instanceof Map ? [...counts.entries()] : Object.entries(counts).map(([k, v]) => [Number(k), v] as [number, number]);
  return entries.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

/** A histogram ready to answer "how many members are above this total" in O(log n). */
export interface Distribution {
  members: number;
  values: number[];
  /** above[i] = members with a total greater than values[i]. */
  above: number[];
}

export function distributionOf(h: Histogram): Distribution {
  const values = h.map(([v]) => v);
  const above = new Array<number>(h.length);
  let sum = 0;
  for (let i = h.length - 1; i >= 0; i--) {
    above[i] = sum;
    sum += h[i][1];
  }
  return { members: sum, values, above };
}

/** Members with a total strictly greater than `total`. */
export function membersAbove(d: Distribution, total: number): number {
  let lo = 0;
  let hi = d.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (d.values[mid] <= total) lo = mid + 1;
    else hi = mid;
  }
  // values[lo] is the first value > total: it and everything after it are above.
  return lo < d.values.length ? d.above[lo] + countAt(d, lo) : 0;
}
const countAt = (d: Distribution, i: number) => (i === 0 ? d.members : d.above[i - 1]) - d.above[i];

/** Whether `above` members above puts a member within the top `percent` of `members` (integer arithmetic). */
export const withinTop = (above: number, members: number, percent: number) => above * 100 < percent * members;

/**
 * 超级用户 with hysteresis: enter within the top `enterTopPercent`, stay while within the top `leaveTopPercent`.
 * A total of 0 is never a super user (a brand with few active members does not crown the idle).
 */
export function decideSuper(total: number, wasSuper: boolean, d: Distribution, cfg: ScoringConfig): boolean {
  if (total <= 0) return false;
  const above = membersAbove(d, total);
  return withinTop(above, d.members, wasSuper ? cfg.superUser.leaveTopPercent : cfg.superUser.enterTopPercent);
}

/** The lowest total that enters the top band today (null when no positive total does). */
export function enterThreshold(d: Distribution, cfg: ScoringConfig): number | null {
  for (let i = 0; i < d.values.length; i++) {
    if (d.values[i] > 0 && withinTop(d.above[i], d.members, cfg.superUser.enterTopPercent)) return d.values[i];
  }
  return null;
}

/** Share of members with a lower total, as a whole percent ("超过了 N% 的会员"). */
export function percentBelow(d: Distribution, total: number): number {
  if (d.members === 0) return 0;
  const above = membersAbove(d, total);
  const idx = d.values.indexOf(total);
  const same = idx >= 0 ? countAt(d, idx) : 0;
  return Math.floor(((d.members - above - same) * 100) / d.members);
}

export interface LayerFacts {
  total: number;
  wasSuper: boolean;
  activity: Pick<ActivityState, 'months' | 'lastActiveDay'>;
  /** Beijing day the member joined. */
  joinedDay: string;
}

/** The days and months the layer rules compare against on `today` (the same for every member of a run). */
interface LayerCalendar {
  key: string;
  newcomerFrom: string;
  activeFrom: string;
  last12: string[];
  last3: string[];
  previous3: string[];
}
let calendar: LayerCalendar | null = null;
function calendarFor(today: string, cfg: ScoringConfig): LayerCalendar {
  const key = `${today}/${cfg.layers.newcomerDays}/${cfg.layers.dormantDays}`;
  if (calendar?.key !== key) {
    const month = today.slice(0, 7);
    const months = (count: number, skip: number) => Array.from({ length: count }, (_, i) => monthsBefore(month, skip + i));
    calendar = {
      key,
      newcomerFrom: addDays(today, -(cfg.layers.newcomerDays - 1)),
      activeFrom: addDays(today, -(cfg.layers.dormantDays - 1)),
      last12: months(12, 0),
      last3: months(3, 0),
      previous3: months(3, 3),
    };
  }
  return calendar;
}
const spendIn = (spend: Record<string, number>, months: readonly string[]) => months.reduce((s, m) => s + Math.max(0, spend[m] ?? 0), 0);

/** A member's layers today, in a fixed order (super, high_value, potential, dormant, newcomer). */
export function decideLayers(f: LayerFacts, d: Distribution, today: string, cfg: ScoringConfig): MemberLayer[] {
  const L = cfg.layers;
  const cal = calendarFor(today, cfg);
  const out: MemberLayer[] = [];
  if (decideSuper(f.total, f.wasSuper, d, cfg)) out.push('super');
  if (spendIn(f.activity.months, cal.last12) >= L.highValueSpendFen) out.push('high_value');
  const recent = spendIn(f.activity.months, cal.last3);
  const before = spendIn(f.activity.months, cal.previous3);
  if (recent >= L.potentialMinSpendFen && recent * 100 > before * (100 + L.potentialGrowthPercent)) out.push('potential');
  const newcomer = f.joinedDay >= cal.newcomerFrom;
  const lastActive = f.activity.lastActiveDay;
  if (!newcomer && (lastActive === null || lastActive < cal.activeFrom)) out.push('dormant');
  if (newcomer) out.push('newcomer');
  return out;
}

export const sameLayers = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** One bar of the operators' histogram: members with a total in [from, to]. */
export interface Bin {
  from: number;
  to: number;
  members: number;
}

/**
 * The distribution in at most `bins` bars for a chart: members at 0 on their own (usually the largest group),
 * then equal integer-width bars up to the highest total.
 */
export function binHistogram(h: Histogram, bins: number): Bin[] {
  const zero = h.filter(([v]) => v <= 0).reduce((s, [, n]) => s + n, 0);
  const positive = h.filter(([v]) => v > 0);
  const out: Bin[] = [{ from: 0, to: 0, members: zero }];
  if (positive.length === 0) return out;
  const max = positive[positive.length - 1][0];
  const width = Math.max(1, Math.ceil(max / bins));
  for (let from = 1; from <= max; from += width) out.push({ from, to: Math.min(max, from + width - 1), members: 0 });
  for (const [v, n] of positive) out[1 + Math.floor((v - 1) / width)].members += n;
  return out;
}
