/**
 * The database's connection quota (MODELLED_LATENCY.maxConcurrent, 20 on the basic plan) belongs to the whole
 * environment. A night job may take all of it; a job whose timer fires while members are about (MEMBER_HOURS)
 * takes at most half (SHARED_HOURS_MAX_CONCURRENCY), so members' requests do not queue behind it. Each job runs
 * on the modelled network without the cap, so what is measured is what the job itself chooses: its operations in
 * flight at the worst moment. Time is virtual (VirtualClock), so the job sizes itself as on a quiet network.
 */
import { MAX_CONCURRENCY, SHARED_HOURS_MAX_CONCURRENCY } from '../../cloudfunctions/_core/shared/batch-job';
import { MODELLED_LATENCY, VirtualClock } from '../../cloudfunctions/_platform/local/database';
import { JOB_BENCHES, withJobData, type JobBench } from '../../scripts/bench/jobs';
import { timerWindow } from '../../scripts/bench/timer-window';

// Ten jobs, each on generated data at the modelled latency: the file took 35 s alone on a loaded machine; over 60 s per job in a fresh-clone CI run.
jest.setTimeout(180_000);

const ITEMS = 600;

function peakInFlight(job: JobBench): Promise<number> {
  // mall orders go through the functions: slower to make
  return withJobData(job, job.id === 'mall.unpaid' ? 60 : ITEMS, async (cloud) => {
    const clock = new VirtualClock();
    let inFlight = 0;
    let peak = 0;
    cloud.db.setLatency(
      { ...MODELLED_LATENCY, maxConcurrent: 0 },
      {
        random: clock.random,
        sleep: async (ms) => {
          peak = Math.max(peak, ++inFlight);
          await clock.sleep(ms);
          inFlight--;
        },
      },
    );
    const r = await job.run(cloud.jobContext(), { elapsedMs: () => clock.now() });
    expect(r).toMatchObject({ done: true, failed: 0 });
    return peak;
  });
}

describe.each(JOB_BENCHES.map((job) => [job.id, job] as const))('%s', (_id, job) => {
  const { inMemberHours, schedule } = timerWindow(job.id);
  const bound = inMemberHours ? SHARED_HOURS_MAX_CONCURRENCY : MAX_CONCURRENCY;
  it(`keeps at most ${bound} database operations in flight (timer: ${schedule})`, async () => {
    const peak = await peakInFlight(job);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(bound);
  });
});

it('measures what a job chooses: the nightly points job climbs to the whole quota, the coupons job to its half', async () => {
  expect(await peakInFlight(JOB_BENCHES.find((j) => j.id === 'points.daily')!)).toBe(MAX_CONCURRENCY);
  expect(await peakInFlight(JOB_BENCHES.find((j) => j.id === 'coupons.daily')!)).toBe(SHARED_HOURS_MAX_CONCURRENCY);
});
