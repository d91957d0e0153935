import fc from 'fast-check';
import {
  expectedCost,
  firstSizing,
  nextSizing,
  NO_ESTIMATE,
  observeCost,
  type Sizing,
  type SizingBounds,
} from '../../cloudfunctions/_core/shared/batch-sizing.rules';
import { startBudget } from '../../cloudfunctions/_core/shared/batch-job';

const bounds: SizingBounds = { minConcurrency: 2, maxConcurrency: 20, maxPageSize: 1000, pageTargetMs: 5000 };

/** A run whose items each wait `itemMs` (round trips) and cost `cpuMs` of one shared CPU: the page's wall time. */
const pageMs = (s: Sizing, itemMs: number, cpuMs: number) => Math.max(s.pageSize * cpuMs, Math.ceil(s.pageSize / s.concurrency) * itemMs);

function settle(itemMs: number, cpuMs: number, start = firstSizing(bounds)): Sizing[] {
  const steps = [start];
  for (let i = 0; i < 10; i++) steps.push(nextSizing(steps[i], { items: steps[i].pageSize, ms: pageMs(steps[i], itemMs, cpuMs) }, bounds));
  return steps;
}

describe('cost estimate', () => {
  it('is nothing before a measurement, then the mean plus four deviations', () => {
    expect(expectedCost(NO_ESTIMATE)).toBe(0);
    const one = observeCost(NO_ESTIMATE, 60);
    expect(expectedCost(one)).toBe(60 + 4 * 30);
    let e = one;
    for (let i = 0; i < 50; i++) e = observeCost(e, 60);
    expect(expectedCost(e)).toBeCloseTo(60, 0); // steady items: the margin shrinks
  });

  it('always covers the mean and grows when an item is slower than expected', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 50 }), (samples) => {
        const e = samples.reduce(observeCost, NO_ESTIMATE);
        expect(expectedCost(e)).toBeGreaterThanOrEqual(e.mean);
        expect(expectedCost(observeCost(e, expectedCost(e) + 1000))).toBeGreaterThan(expectedCost(e));
      }),
    );
  });
});

describe('sizing', () => {
  it('climbs to the cap when items mostly wait on round trips (the cloud)', () => {
    const steps = settle(60, 0.05); // 6 round trips of 10 ms, 50 µs of CPU
    const last = steps[steps.length - 1];
    expect(steps.map((s) => s.concurrency).slice(0, 5)).toEqual([2, 4, 8, 16, 20]);
    expect(last).toMatchObject({ concurrency: 20, probing: false, pageSize: 1000 });
  });

  it('stays low when items only cost CPU (the local cloud without a latency model), probing one doubling now and then', () => {
    const steps = settle(0.2, 0.2);
    expect(Math.max(...steps.map((s) => s.concurrency))).toBeLessThanOrEqual(4);
    expect(steps.filter((s) => s.concurrency === 2).length).toBeGreaterThan(steps.length / 2);
  });

  it('recovers from an unlucky probe: a later doubling that pays is kept', () => {
    let s = firstSizing(bounds); // 2
    s = nextSizing(s, { items: s.pageSize, ms: 100 }, bounds); // → 4
    s = nextSizing(s, { items: s.pageSize, ms: 1000 }, bounds); // a busy moment: 4 looked slower, back to 2
    expect(s).toMatchObject({ concurrency: 2, probing: false });
    for (let i = 0; i < 3; i++) s = nextSizing(s, { items: 40, ms: 400 }, bounds);
    expect(s).toMatchObject({ concurrency: 4, probing: true }); // tried again
    s = nextSizing(s, { items: 80, ms: 400 }, bounds); // twice the throughput
    expect(s.concurrency).toBe(8);
  });

  it('sizes a settled page to the target time', () => {
    const last = settle(500, 1).at(-1)!; // slow items: 20 at a time, 40 items a second
    expect(last.concurrency).toBe(20);
    expect(last.pageSize).toBe(200); // 5 s worth
  });

  it('keeps what the caller fixed, and stays within bounds whatever it measures', () => {
    const fixed = { concurrency: 3, pageSize: 7 };
    let s = firstSizing(bounds, fixed);
    expect(s).toMatchObject({ concurrency: 3, pageSize: 7, probing: false });
    s = nextSizing(s, { items: 7, ms: 1 }, bounds, fixed);
    expect(s).toMatchObject({ concurrency: 3, pageSize: 7 });
    fc.assert(
      fc.property(fc.array(fc.record({ items: fc.integer({ min: 0, max: 1000 }), ms: fc.double({ min: 0, max: 1e5, noNaN: true }) }), { maxLength: 30 }), (pages) => {
        let t = firstSizing(bounds);
        for (const p of pages) {
          t = nextSizing(t, p, bounds);
          expect(t.concurrency).toBeGreaterThanOrEqual(bounds.minConcurrency);
          expect(t.concurrency).toBeLessThanOrEqual(bounds.maxConcurrency);
          expect(t.pageSize).toBeGreaterThanOrEqual(1);
          expect(t.pageSize).toBeLessThanOrEqual(bounds.maxPageSize);
        }
      }),
    );
  });
});

describe('budget', () => {
  it('starts no item whose measured cost would end past the budget', async () => {
    let t = 0;
    const budget = startBudget({ budgetMs: 100, concurrency: 1, pageSize: 50, elapsedMs: () => t });
    const items = Array.from({ length: 50 }, (_, i) => i);
    const started = await budget.run(items, async () => {
      t += 10; // each item takes 10 ms
    });
    // Estimates after n equal items: 10 + 4·dev, dev = 5·0.75^(n-1); item k starts at 10k while 10k + est < 100:
    // the ninth starts at 80 ms (estimate 12.7 ms), a tenth at 90 ms would be estimated to end at 102 ms.
    expect(started).toBe(9);
    expect(t).toBeLessThanOrEqual(100);
    expect(budget.spent()).toBe(true);
    expect(await budget.query(async () => 'page')).toBeNull();
  });

  it('reserves a page query and one item before querying', async () => {
    let t = 0;
    const budget = startBudget({ budgetMs: 120, elapsedMs: () => t });
    expect(await budget.query(async () => ((t += 20), 'page'))).toBe('page'); // unmeasured: runs
    await budget.run([1], async () => {
      t += 30;
    });
    // 50 ms used; a step is estimated at 20 + 4·10, an item at 30 + 4·15: a step fits, a query and an item do not
    expect(await budget.step(async () => 'update')).toBe('update');
    expect(await budget.query(async () => 'page')).toBeNull();
  });
});
