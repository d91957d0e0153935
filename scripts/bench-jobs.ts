/**
 * `npm run bench:jobs`: every timer job on a generated sample, at 0 ms and at the modelled latency: database
 * operations and round trips per item (deterministic), throughput, the runs a 60 s function call needs for a
 * day's volume, and what the timer's daily window can handle. Rewrites the README section between
 * `<!-- bench:jobs -->` markers (a test checks its counts).
 *
 * Environment: BENCH_LATENCY_MS / BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY),
 * JOBS=points.daily,mall.unpaid to run some, SAMPLE_SCALE=0.1 for a quick look, NO_README=1 to only print.
 */
import { DEFAULT_BUDGET_MS } from '../cloudfunctions/_core/shared/batch-job';
import type { LatencyModel } from '../cloudfunctions/_platform/local/database';
import { benchLatency, describeLatency, timingScans, wallMs } from './bench/bench-cloud';
import { JOB_BENCHES, JOBS_HEADER, countJob, jobCountCells, withJobData, type JobBench } from './bench/jobs';
import { row, writeReadmeSection } from './bench/readme-section';
import { timerWindow } from './bench/timer-window';

interface Timing {
  runs: { items: number; ms: number; done: boolean; concurrency: number | null }[];
  items: number;
  ms: number;
  /** Of `ms`, what the local database's unindexed scans cost beyond a round trip. */
  scanMs: number;
}

function timeJob(job: JobBench, n: number, latency: LatencyModel | null): Promise<Timing> {
  return withJobData(job, n, async (cloud) => {
    cloud.db.setLatency(latency);
    const scans = timingScans(cloud.db, latency?.opMs ?? 0);
    const ctx = cloud.jobContext({ db: scans.db });
    const runs: Timing['runs'] = [];
    const { ms } = await wallMs(async () => {
      for (let i = 0; i < 100; i++) {
        const { result, ms: runMs } = await wallMs(() => job.run(ctx, {}));
        runs.push({ items: result.items, ms: runMs, done: result.done, concurrency: result.concurrency });
        if (result.done) return;
      }
      throw new Error(`${job.id}: not done after 100 runs`);
    });
    return { runs, items: runs.reduce((s, r) => s + r.items, 0), ms, scanMs: scans.excessMs() };
  });
}

const int = (n: number) => Math.round(n).toLocaleString('en');

/** Items a second, with the local scans taken out (what the cloud's indexed queries would not cost). */
const cloudRate = (t: Timing) => (t.items / Math.max(1, t.ms - t.scanMs)) * 1000;

async function main(): Promise<void> {
  const model = benchLatency();
  const only = process.env.JOBS?.split(',');
  const scale = Number(process.env.SAMPLE_SCALE || 1);
  const jobs = JOB_BENCHES.filter((j) => !only || only.includes(j.id));

  const counted: string[] = [];
  const timed: string[] = [];
  for (const job of jobs) {
    const n = Math.max(20, Math.round(job.sample * scale));
    const counts = await countJob(job);
    counted.push(row(jobCountCells(job, counts)));
    const at0 = await timeJob(job, n, null);
    const atModel = await timeJob(job, n, model);
    const rate = (t: Timing) => int((t.items / t.ms) * 1000);
    const perRun = (cloudRate(atModel) * DEFAULT_BUDGET_MS) / 1000;
    const runsNeeded = Math.ceil(job.volume / Math.max(1, perRun));
    const concurrency = atModel.runs.at(-1)?.concurrency;
    const { runsPerDay } = timerWindow(job.id);
    timed.push(
      row([
        `\`${job.id}\``,
        `${int(n)} ${job.unit}`,
        `${rate(at0)}/s`,
        `${rate(atModel)}/s${concurrency ? ` (${concurrency} at a time)` : ''}`,
        `${int(cloudRate(atModel))}/s`,
        `≈ ${int(perRun)}`,
        `${int(job.volume)}: ${runsNeeded} run${runsNeeded > 1 ? 's' : ''}`,
        `${runsPerDay} → ${int(perRun * runsPerDay)}`,
      ]),
    );
    console.log(`${job.id}: ${int(n)} ${job.unit}; 0 ms: ${at0.runs.length} run(s) ${int(at0.ms)} ms; ${model.opMs} ms: ${atModel.runs.length} run(s) ${int(atModel.ms)} ms`, atModel.runs);
  }

  const section = [
    'Measured by `npm run bench:jobs` (functions from source, generated data). The counts are per item over 100 items handled',
    'one at a time, so fixed costs of a run (a page query, a bulk update of up to 1,000) are spread over them. At the modelled',
    `latency (${describeLatency(model)}) each run has the default ${DEFAULT_BUDGET_MS / 1000} s budget of the 60 s limit and`,
    'chooses its own concurrency. The local database has no indexes: its page queries scan the collection, which is most of',
    "the bulk jobs' time here (coupons, housekeeping); on the cloud those queries use the indexes and cost a round trip.",
    '',
    row(JOBS_HEADER),
    row(JOBS_HEADER.map(() => '---')),
    ...counted,
    '',
    row([
      'Job',
      'Sample',
      'Items/s at 0 ms',
      `Items/s at ${model.opMs} ms`,
      `At ${model.opMs} ms without local scans`,
      `Items per ${DEFAULT_BUDGET_MS / 1000} s run`,
      "A day's volume: runs needed",
      'Runs a day → items a day',
    ]),
    row(Array(8).fill('---')),
    ...timed,
    '',
    "*Without local scans*: the time the local queries spent beyond a round trip taken out, as the cloud's indexed queries " +
      'would; the last three columns use that rate × the budget. Volumes are assumptions for a brand of 100,000 members: ' +
      jobs.map((j) => `\`${j.id}\` ${j.volumeNote}`).join('; ') +
      '.',
  ].join('\n');
  console.log(`\n${section}`);
  if (!process.env.NO_README && !only && scale === 1) {
    writeReadmeSection('jobs', section);
    console.log('\nREADME.md: bench:jobs section rewritten');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
