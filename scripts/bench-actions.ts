/**
 * `npm run bench`: database operations per hot action on a cold function instance and on a warm one (whose
 * operator-document cache is filled), the round trips a member waits for in sequence, each action's wall time on
 * a warm instance at 0 ms and at the modelled latency, and registration throughput at both. Functions run from
 * source. Rewrites the README section between `<!-- bench:actions -->` markers (a test checks its counts).
 *
 * Environment: BENCH_LATENCY_MS / BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY),
 * NO_README=1 to only print.
 */
import { seedDemoBrand } from '../cloudfunctions/_platform/local/demo-seed';
import type { LatencyModel } from '../cloudfunctions/_platform/local/database';
import { ACTIONS_HEADER, actionCountCells, actionsCloud, coldToWarm, countActions, runActions } from './bench/actions';
import { benchLatency, describeLatency, startBenchCloud, wallMs } from './bench/bench-cloud';
import { row, writeReadmeSection } from './bench/readme-section';

/** Wall time of each action on warm instances (after a warm-up pass). */
async function timeActions(latency: LatencyModel | null): Promise<Map<string, number>> {
  const cloud = await actionsCloud();
  const times = new Map<string, number>();
  try {
    await runActions(cloud, 'bench-warmup', (_label, run) => run());
    cloud.db.setLatency(latency);
    await runActions(cloud, 'bench-timed', async (_label, run) => {
      const { result, ms } = await wallMs(run);
      times.set(_label, ms);
      return result;
    });
  } finally {
    await cloud.close();
  }
  return times;
}

/** `n` registrations, `concurrency` callers at a time, all sharing the environment's connection cap. */
async function registrations(latency: LatencyModel | null, n: number, concurrency: number): Promise<{ ms: number; conflicts: number }> {
  const cloud = await startBenchCloud();
  try {
    await seedDemoBrand(cloud);
    cloud.db.setLatency(latency);
    cloud.db.resetStats();
    const input = (i: number) => ({ consent: { policyVersion: '2026-11-01', accepted: true }, nickname: `会员${i}`, avatarUrl: 'preset:2' });
    const { ms } = await wallMs(async () => {
      for (let i = 0; i < n; i += concurrency) {
        await Promise.all(Array.from({ length: Math.min(concurrency, n - i) }, (_, j) => cloud.call('member', { action: 'register', input: input(i + j) }, `bench-r-${i + j}`)));
      }
    });
    return { ms, conflicts: cloud.db.stats().conflicts };
  } finally {
    await cloud.close();
  }
}

async function main(): Promise<void> {
  const model = benchLatency();
  const counts = await countActions();
  const at0 = await timeActions(null);
  const atModel = await timeActions(model);
  const fmt = (ms: number | undefined) => (ms === undefined ? '–' : ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

  const lines = [
    'Measured by `npm run bench` on the seeded demo brand (functions from source). Each count is `cold → warm`: the action',
    "once on a cold function instance, then on a warm one whose operator-document cache is filled (app_config, coupon",
    'templates and mall items read once per instance and 30 s instead of on every call); one number when both agree. Reads',
    'include those inside transactions; the payment sandbox and open-API fakes are not counted (API calls on WeChat).',
    '*Round trips in sequence* is the critical path: operations awaited together count once, a transaction adds its begin and',
    `commit. *Wait* = round trips × ${model.opMs} ms: the database time a member waits for at the modelled latency`,
    `(${describeLatency(model)}), before cold starts and the phone's own network. The last two columns are wall times of one`,
    'call on a warm instance of the local cloud, without and with the model.',
    '',
    row([...ACTIONS_HEADER, `Wait at ${model.opMs} ms`, 'Local ms (0 ms)', `Local ms (${model.opMs} ± ${model.jitterMs} ms)`]),
    row(Array(ACTIONS_HEADER.length + 3).fill('---')),
    ...counts.map((f) =>
      row([
        ...actionCountCells(f),
        `${coldToWarm(f.cold.roundTrips * model.opMs, f.warm.roundTrips * model.opMs)} ms`,
        fmt(at0.get(f.label)),
        fmt(atModel.get(f.label)),
      ]),
    ),
  ];

  const n = 2000;
  const concurrency = 50;
  const reg0 = await registrations(null, n, concurrency);
  const regModel = await registrations(model, n, concurrency);
  const perSecond = (ms: number) => Math.round((n / ms) * 1000).toLocaleString('en');
  lines.push(
    '',
    `Registration throughput, ${n.toLocaleString('en')} registrations with ${concurrency} callers at a time (in memory): ` +
      `${perSecond(reg0.ms)}/s at 0 ms (${reg0.conflicts} conflicts), ` +
      `${perSecond(regModel.ms)}/s at ${model.opMs} ± ${model.jitterMs} ms (${regModel.conflicts} conflicts; the callers share the ${model.maxConcurrent || 'unlimited'} connections).`,
  );

  const section = lines.join('\n');
  console.log(section);
  if (!process.env.NO_README) {
    writeReadmeSection('actions', section);
    console.log('\nREADME.md: bench:actions section rewritten');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
