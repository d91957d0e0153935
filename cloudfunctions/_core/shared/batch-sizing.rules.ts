/**
 * How a batch job sizes itself from what it has measured so far (pure; batch-job.ts applies it).
 *
 * On WeChat Cloud every database operation is a network round trip, so a job's items mostly wait: running more
 * at once multiplies throughput until the function instance's connection quota. On the local cloud operations
 * take microseconds and more at once only adds write conflicts. Neither is known in advance (and the cloud's
 * latency varies), so the job measures: it doubles its concurrency on short probe pages while throughput keeps
 * rising, keeps the best, then sizes pages to take about `pageTargetMs` each. A measurement can be unlucky (the
 * machine was busy for that page), so below the cap it probes one doubling again every few pages.
 */

/** A running estimate of one item's wall time (RFC 6298's smoothed round-trip time, applied to an item). */
export interface CostEstimate {
  readonly samples: number;
  readonly mean: number;
  /** Mean deviation. */
  readonly dev: number;
}

export const NO_ESTIMATE: CostEstimate = { samples: 0, mean: 0, dev: 0 };

export function observeCost(e: CostEstimate, ms: number): CostEstimate {
  const x = Math.max(0, ms);
  if (e.samples === 0) return { samples: 1, mean: x, dev: x / 2 };
  return { samples: e.samples + 1, mean: 0.875 * e.mean + 0.125 * x, dev: 0.75 * e.dev + 0.25 * Math.abs(e.mean - x) };
}

/** What to reserve for the next item: mean + 4 deviations (slow items are covered, as RFC 6298's timeout); 0 unmeasured. */
export const expectedCost = (e: CostEstimate): number => (e.samples === 0 ? 0 : e.mean + 4 * e.dev);

export interface SizingBounds {
  minConcurrency: number;
  maxConcurrency: number;
  /** The cloud's page cap. */
  maxPageSize: number;
  /** A settled page should take about this long (the cursor advances, and a crash repeats at most that much). */
  pageTargetMs: number;
}

export interface FixedSizing {
  concurrency?: number;
  pageSize?: number;
}

export interface Sizing {
  concurrency: number;
  pageSize: number;
  /** Doubling the concurrency on probe pages. */
  probing: boolean;
  /** Throughput (items per ms) of the best concurrency seen while probing, and that concurrency. */
  best: { throughput: number; concurrency: number } | null;
  /** Pages run since probing stopped. */
  settledPages: number;
}

/** Items per worker on a probe page at least: enough for each worker to finish a few. */
export const PROBE_ITEMS_PER_WORKER = 4;
/** A probe page lasts at least this long once the rate is known, so one slow moment doesn't decide. */
export const PROBE_MIN_MS = 250;
/** Doubling the concurrency must raise throughput by this factor to count as a gain. */
export const GAIN_TO_GROW = 1.2;
/** Below the cap, one more doubling is tried after this many settled pages. */
export const RECHECK_PAGES = 3;

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

export function firstSizing(bounds: SizingBounds, fixed: FixedSizing = {}): Sizing {
  const concurrency = fixed.concurrency ?? bounds.minConcurrency;
  return {
    concurrency,
    pageSize: fixed.pageSize ?? probePage(concurrency, 0, bounds),
    probing: fixed.concurrency === undefined && concurrency < bounds.maxConcurrency,
    best: null,
    settledPages: 0,
  };
}

/** After a page of `items` that took `ms` of wall time, at `s.concurrency`. */
export function nextSizing(s: Sizing, page: { items: number; ms: number }, bounds: SizingBounds, fixed: FixedSizing = {}): Sizing {
  if (page.items <= 0) return s;
  const throughput = page.items / Math.max(1, page.ms);
  let { concurrency, probing, best, settledPages } = s;
  let rate = throughput;
  if (probing) {
    if (best === null || throughput >= best.throughput * GAIN_TO_GROW) {
      best = { throughput, concurrency };
      concurrency = Math.min(bounds.maxConcurrency, concurrency * 2);
      probing = concurrency < bounds.maxConcurrency;
    } else {
      // Doubling did not pay: back to the best one, whose throughput is known.
      concurrency = best.concurrency;
      rate = best.throughput;
      probing = false;
    }
    settledPages = 0;
  } else if (fixed.concurrency === undefined && concurrency < bounds.maxConcurrency && ++settledPages >= RECHECK_PAGES) {
    best = { throughput, concurrency };
    concurrency = Math.min(bounds.maxConcurrency, concurrency * 2);
    probing = true;
    settledPages = 0;
  }
  const pageSize =
    fixed.pageSize ??
    (probing ? probePage(concurrency, rate, bounds) : clamp(Math.ceil(rate * bounds.pageTargetMs), concurrency, bounds.maxPageSize));
  return { concurrency, pageSize, probing, best, settledPages };
}

/** `rate`: items per ms measured so far (0: unknown). */
const probePage = (concurrency: number, rate: number, bounds: SizingBounds) =>
  clamp(Math.max(concurrency * PROBE_ITEMS_PER_WORKER, Math.ceil(rate * PROBE_MIN_MS)), 1, bounds.maxPageSize);
