/**
 * Every timer job, on the modelled network (round trips with jitter, a cap on operations in flight) and with a
 * small time budget, stops cleanly and resumes over several runs to exactly the state one uninterrupted run
 * leaves. Time is virtual (VirtualClock): the runs are repeatable, and the test takes no real waiting.
 */
import { VirtualClock } from '../../cloudfunctions/_platform/local/database';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { expectedItems, JOB_BENCHES, withJobData, type JobOutcome } from '../../scripts/bench/jobs';

const ITEMS = 30;
const BUDGET_MS = 100;
const MODEL = { opMs: 10, jitterMs: 5, beginMs: 10, commitMs: 10, maxConcurrent: 5 };

/** A repeatable uniform [0, 1) (Park–Miller). */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** The collections' documents, sorted; generated ids (32 hex characters) and member numbers are drawn at random. */
async function snapshot(cloud: LocalCloud, collections: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const name of collections) {
    const docs: Record<string, unknown>[] = [];
    for (let skip = 0; ; skip += 1000) {
      const { data } = await cloud.db.collection(name).orderBy('_id', 'asc').skip(skip).limit(1000).get();
      docs.push(...data.map((d) => ({ ...d, _id: /^[0-9a-f]{32}$/.test(d._id) ? '(generated)' : d._id, memberNo: undefined })));
      if (data.length < 1000) break;
    }
    out[name] = docs.map((d) => JSON.stringify(d)).sort();
  }
  return out;
}

describe.each(JOB_BENCHES.map((job) => [job.id, job] as const))('%s', (_id, job) => {
  it('stops within a small budget on the modelled network and resumes to the state of one uninterrupted run', async () => {
    const expected = await withJobData(job, ITEMS, async (whole) => {
      const once = await job.run(whole.jobContext(), {});
      expect(once).toMatchObject({ done: true, items: expectedItems(job, ITEMS), failed: 0 });
      return snapshot(whole, job.collections);
    });

    await withJobData(job, ITEMS, async (cut) => {
      const clock = new VirtualClock(seeded(7));
      cut.db.setLatency(MODEL, clock);
      const runs: (JobOutcome & { ms: number })[] = [];
      while (runs.length < 200) {
        const t0 = clock.now();
        const r = await job.run(cut.jobContext(), { budgetMs: BUDGET_MS, pageSize: 5, elapsedMs: () => clock.now() - t0 });
        runs.push({ ...r, ms: clock.now() - t0 });
        if (r.done) break;
      }
      cut.db.setLatency(null);

      expect(runs.length).toBeGreaterThan(1); // it was interrupted
      expect(runs.map((r) => r.done)).toEqual([...Array(runs.length - 1).fill(false), true]);
      expect(runs.every((r) => r.failed === 0)).toBe(true);
      expect(runs.reduce((s, r) => s + r.items, 0)).toBe(expectedItems(job, ITEMS)); // nothing twice, nothing missed
      expect(await snapshot(cut, job.collections)).toEqual(expected);
    });
  });
});
