/**
 * `npm run bench:expiry`: the nightly release-and-expiry job over 100,000 point accounts (95,000 due) on the local
 * cloud, journaled to a temporary data folder, once at 0 ms and once at the modelled latency; the ledger check
 * after each. Rewrites the README section between `<!-- bench:expiry -->` markers.
 *
 * Environment: ACCOUNTS (default 100000), BUDGET_MS (default 50000, the job's default), BENCH_LATENCY_MS /
 * BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY), NO_README=1 to only print.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLedger } from '../cloudfunctions/_core/points/ledger-check.service';
import { POINT_ACCOUNTS, type PointAccountRecord } from '../cloudfunctions/_core/points/points.record';
import { releaseAndExpireJob, type ReleaseAndExpireResult } from '../cloudfunctions/_core/points/release-and-expire.job';
import type { LatencyModel } from '../cloudfunctions/_platform/local/database';
import { benchLatency, describeLatency, startBenchCloud, timingScans, wallMs } from './bench/bench-cloud';
import { BENCH_AT, BENCH_DAY, generatePointAccounts } from './bench/point-accounts';
import { row, writeReadmeSection } from './bench/readme-section';
import { timerWindow } from './bench/timer-window';

const ACCOUNTS = Number(process.env.ACCOUNTS || 100_000);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);
/** The points timer's runs a night (every 10 minutes from 00:05 to 05:55 Beijing), from its config.json. */
const RUNS_A_NIGHT = timerWindow('points.daily').runsPerDay;

interface Outcome {
  label: string;
  runs: ReleaseAndExpireResult[];
  ms: number;
  /** Of `ms`, what the local database's unindexed page queries cost beyond a round trip. */
  scanMs: number;
  due: number;
  pageQueryMs: number;
  mismatches: number;
  checked: string;
}

const int = (n: number) => Math.round(n).toLocaleString('en');

async function night(latency: LatencyModel | null, label: string): Promise<Outcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-bench-expiry-'));
  const cloud = await startBenchCloud({ dataDir });
  try {
    const generated = await wallMs(() => generatePointAccounts(cloud, ACCOUNTS));
    await cloud.db.compact();
    console.log(`${label}: generated ${int(ACCOUNTS)} accounts, ${int(generated.result)} entries in ${(generated.ms / 1000).toFixed(1)} s (not part of the figures)`);
    cloud.clock.set(BENCH_AT);
    const _ = cloud.db.command;
    const due = (await cloud.db.collection(POINT_ACCOUNTS).where({ nextDueOn: _.lte(BENCH_DAY) }).count()).total;
    // What one page query costs here: the local database scans; the cloud uses the nextDueOn index.
    const page = await wallMs(() =>
      cloud.db.collection<PointAccountRecord>(POINT_ACCOUNTS).where({ nextDueOn: _.lte(BENCH_DAY) }).orderBy('_id', 'asc').limit(1000).field({ _id: true }).get(),
    );

    cloud.db.setLatency(latency);
    cloud.db.resetStats();
    const scans = timingScans(cloud.db, latency?.opMs ?? 0);
    const ctx = cloud.jobContext({ db: scans.db });
    const runs: ReleaseAndExpireResult[] = [];
    console.log(`| run | processed | entries | skipped | failed | done | wall ms | of which local scans | accounts/s | concurrency |`);
    const { ms } = await wallMs(async () => {
      for (;;) {
        const before = scans.excessMs();
        const r = await releaseAndExpireJob(ctx, { budgetMs: BUDGET_MS });
        runs.push(r);
        const scanned = Math.round(scans.excessMs() - before);
        console.log(`| ${runs.length} | ${r.processed} | ${r.entries} | ${r.skipped} | ${r.failed} | ${r.done} | ${r.ms} | ${scanned} | ${Math.round((r.processed / Math.max(1, r.ms)) * 1000)} | ${r.concurrency} |`);
        if (r.done || runs.length >= 100) return;
      }
    });
    const stats = cloud.db.stats();
    cloud.db.setLatency(null);
    const processed = runs.reduce((s, r) => s + r.processed, 0);
    const per = (n: number) => (n / Math.max(1, processed)).toFixed(2);
    console.log(`database operations per account: reads ${per(stats.reads)}, writes ${per(stats.writes)}, queries ${per(stats.queries)}, transactions ${per(stats.transactions)}, conflicts ${stats.conflicts}`);
    const check = await wallMs(() => checkLedger(cloud.db));
    for (const m of check.result.mismatches.slice(0, 20)) console.log(`  ${m.openid}: ${m.problem}`);
    if (check.result.mismatches.length || processed !== due) process.exitCode = 1;
    return {
      label,
      runs,
      ms,
      scanMs: scans.excessMs(),
      due,
      pageQueryMs: page.ms,
      mismatches: check.result.mismatches.length,
      checked: `${int(check.result.accounts)} accounts, ${int(check.result.entries)} entries in ${(check.ms / 1000).toFixed(1)} s`,
    };
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function outcomeRow(o: Outcome): string {
  const processed = o.runs.reduce((s, r) => s + r.processed, 0);
  const cloudRate = processed / Math.max(1, o.ms - o.scanMs); // accounts per ms
  const perRun = cloudRate * BUDGET_MS;
  return row([
    o.label,
    `${o.runs.length} (${o.runs.map((r) => (r.ms / 1000).toFixed(0)).join(' + ')} s)`,
    `${int((processed / o.ms) * 1000)}/s`,
    `${int(cloudRate * 1000)}/s`,
    o.runs.map((r) => r.concurrency).join(', '),
    `≈ ${int(perRun)}: ${Math.ceil(o.due / perRun)} run${Math.ceil(o.due / perRun) > 1 ? 's' : ''}`,
    `≈ ${int(perRun * RUNS_A_NIGHT)}`,
    `${o.mismatches} mismatches (${o.checked})`,
  ]);
}

async function main(): Promise<void> {
  const model = benchLatency();
  const at0 = await night(null, '0 ms');
  const atModel = await night(model, `${model.opMs} ± ${model.jitterMs} ms`);
  const section = [
    `The nightly points job on ${int(ACCOUNTS)} generated accounts, ${int(at0.due)} due (\`npm run bench:expiry\`; each due account`,
    `needs a release and an expiry: 1 read + 3 writes in 1 transaction, 6 round trips in sequence), journaled to disk,`,
    `${BUDGET_MS / 1000} s budget per run. The modelled latency: ${describeLatency(model)}. The points timer runs ${RUNS_A_NIGHT} times a night.`,
    '',
    row([
      'Latency',
      'Runs here (each)',
      'Accounts/s here',
      'Without local scans',
      'Concurrency chosen per run',
      `Per ${BUDGET_MS / 1000} s run without local scans: runs for ${int(at0.due)}`,
      `A night (${RUNS_A_NIGHT} runs)`,
      'Ledger check after',
    ]),
    row(Array(8).fill('---')),
    outcomeRow(at0),
    outcomeRow(atModel),
    '',
    `A page query (1,000 of ${int(at0.due)} due) takes ${int(at0.pageQueryMs)} ms here: the local database scans the collection, the cloud uses the`,
    "`nextDueOn` index. *Without local scans* takes out what the page queries cost beyond a round trip; the two columns after",
    'it use that rate. The job stops starting work when its estimates say the budget is spent, so a run here ends early',
    'when a local scan is slow.',
  ].join('\n');
  console.log(`\n${section}`);
  if (!process.env.NO_README && ACCOUNTS === 100_000 && BUDGET_MS === 50_000) {
    writeReadmeSection('expiry', section);
    console.log('\nREADME.md: bench:expiry section rewritten');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
