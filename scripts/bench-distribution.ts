/**
 * `npm run bench:distribution`: the birthday job and the commission settlement job on 1,000,000 members on the
 * local cloud (journaled to a temporary data folder), each run with the jobs' own 50 s budget until done, then
 * the ledger checks. Numbers go into the README.
 *
 * Data is generated directly in the local database (not timed): members with birthdays spread over the year
 * (one in 20 without), tiers 80/15/5 silver/gold/black, point accounts for the members born in December; one
 * member in 50 is a distributor, and 100,000 of their fans' commissions come due on the settlement day (20,000
 * more are not due yet). The commission ledger is written by the real `postCommissionsInTx`.
 *
 * Scenarios: the birthday job on 1 December 2026 with a one-day window (~2,700 members), and on 1 December 2027
 * with a month window (everyone born in December, ~80,000 members, each with points, a coupon and a greeting);
 * the settlement job at 01:00 on 8 December 2026.
 *
 * Environment: MEMBERS (default 1000000), DUE (default 100000), BUDGET_MS (default 50000), CONCURRENCY (default: each
 * job's own), ONLY (birthday | settlement), IN_MEMORY (no journal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { birthdayJob, type BirthdayJobResult } from '../cloudfunctions/_core/birthday/birthday.job';
import { checkCommissionLedger } from '../cloudfunctions/_core/distribution/commission-ledger-check.service';
import { COMMISSIONS } from '../cloudfunctions/_core/distribution/distribution.record';
import { settlementJob, type SettlementResult } from '../cloudfunctions/_core/distribution/settlement.job';
import { checkLedger } from '../cloudfunctions/_core/points/ledger-check.service';
import type { JobContext } from '../cloudfunctions/_core/shared/use-case-context';
import type { DocData } from '../cloudfunctions/_platform/database.port';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { timingScans } from './bench/bench-cloud';
import { memberDoc, pointAccountDoc, SETTLE_AT, setUpBirthday, tierOf, writeCommissions, writeDocs } from './bench/distribution-data';

const N = Number(process.env.MEMBERS || 1_000_000);
const DUE = Number(process.env.DUE || 100_000);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);
/** Unset: the budget sizes it (up to the connection quota, 20). */
const CONCURRENCY = process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {};
const concurrencyText = () => (CONCURRENCY.concurrency ? `${CONCURRENCY.concurrency} at a time` : 'sized by the budget');
const ONLY = process.env.ONLY ?? '';
const DISTRIBUTOR_EVERY = 50;

const openidOf = (i: number) => `bench-${String(i).padStart(7, '0')}`;
/** Month-days of a leap year, so 29 February has members too. */
const MONTH_DAYS = Array.from({ length: 366 }, (_, d) => {
  const date = new Date(Date.UTC(2028, 0, 1 + d));
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
});
const birthdayOf = (i: number) => (i % 20 === 7 ? null : MONTH_DAYS[(i * 7919) % 366]);

async function generateMembers(cloud: LocalCloud): Promise<void> {
  const started = Date.now();
  const WIDTH = 5_000;
  let accounts = 0;
  for (let i = 0; i < N; i += WIDTH) {
    const docs: [string, DocData][] = [];
    for (let j = i; j < Math.min(N, i + WIDTH); j++) {
      docs.push(memberDoc(openidOf(j), `8${String(j).padStart(11, '0')}`, tierOf(j), birthdayOf(j)));
      // Points need an account: every member born in December has one (the other months are never granted here).
      if (birthdayOf(j)?.month === 12) {
        docs.push(pointAccountDoc(openidOf(j)));
        accounts++;
      }
    }
    await writeDocs(cloud.db, docs);
  }
  await cloud.db.compact();
  console.log(`generated ${N} members (${accounts} point accounts) in ${((Date.now() - started) / 1000).toFixed(1)} s (not part of the figures)`);
}

interface Measured<R> {
  runs: R[];
  totalMs: number;
  queryMs: number;
  stats: ReturnType<LocalCloud['db']['stats']>;
}

async function runUntilDone<R extends { done: boolean; ms: number }>(cloud: LocalCloud, job: (ctx: JobContext) => Promise<R>, row: (r: R, i: number) => string): Promise<Measured<R>> {
  // Time in page queries (every `where`), all of it: the local database scans where the cloud uses an index.
  const scans = timingScans(cloud.db, 0);
  const ctx = cloud.jobContext({ db: scans.db });
  cloud.db.resetStats();
  const runs: R[] = [];
  const t = Date.now();
  for (;;) {
    const r = await job(ctx);
    runs.push(r);
    console.log(row(r, runs.length));
    if (r.done || runs.length > 200) break;
  }
  return { runs, totalMs: Date.now() - t, queryMs: scans.excessMs(), stats: cloud.db.stats() };
}

async function birthdayScenario(cloud: LocalCloud, window: 'day' | 'month', at: Date): Promise<void> {
  await setUpBirthday(cloud, window);
  cloud.clock.set(at);
  console.log(`\nbirthday job, ${window} window, ${at.toISOString()} (00:10 Beijing); budget ${BUDGET_MS} ms, ${concurrencyText()}`);
  console.log('| run | members | opened | granted | failed | done | wall ms | at a time |');
  console.log('|---|---|---|---|---|---|---|---|');
  const m = await runUntilDone<BirthdayJobResult>(
    cloud,
    (ctx) => birthdayJob(ctx, { budgetMs: BUDGET_MS, ...CONCURRENCY }),
    (r, i) => `| ${i} | ${r.members} | ${r.opened} | ${r.granted} | ${r.failed} | ${r.done} | ${r.ms} | ${r.concurrency} |`,
  );
  const granted = m.runs.reduce((s, r) => s + r.granted, 0);
  const per = (n: number) => (n / Math.max(1, granted)).toFixed(1);
  console.log(`total: ${granted} members granted in ${m.runs.length} run(s), ${m.totalMs} ms (${Math.round((granted / m.totalMs) * 1000)}/s)`);
  console.log(`database operations per member: reads ${per(m.stats.reads)}, writes ${per(m.stats.writes)}, queries ${per(m.stats.queries)}, transactions ${per(m.stats.transactions)}, conflicts ${m.stats.conflicts}`);
  console.log(`member page queries (local scan of ${N} members; the cloud uses the month-day index): ${Math.round(m.queryMs)} ms of it`);
  console.log(`granting alone (wall time minus page queries): ${Math.round((granted / Math.max(1, m.totalMs - m.queryMs)) * 1000)} members/s`);
  if (!m.runs[m.runs.length - 1].done) process.exitCode = 1;
}

/** One member in 50 is a distributor; DUE of their fans' commissions come due on the settlement day, DUE / 5 later. */
async function generateCommissions(cloud: LocalCloud): Promise<void> {
  const started = Date.now();
  const distributors = Math.floor(N / DISTRIBUTOR_EVERY);
  const notDue = Math.floor(DUE / 5);
  const made = await writeCommissions(cloud, {
    due: DUE,
    notDue,
    perDistributor: Math.ceil((DUE + notDue) / distributors),
    distributorOf: (d) => openidOf(d * DISTRIBUTOR_EVERY),
    buyerOf: (d, k) => openidOf((d * DISTRIBUTOR_EVERY + 1 + k) % N),
  });
  await cloud.db.compact();
  console.log(`
generated ${made} distributors, ${DUE + notDue} commissions (${DUE} due) in ${((Date.now() - started) / 1000).toFixed(1)} s (not part of the figures)`);
}

async function settlementScenario(cloud: LocalCloud): Promise<void> {
  await generateCommissions(cloud);
  cloud.clock.set(SETTLE_AT);
  console.log(`\nsettlement job at ${cloud.clock.now().toISOString()} (01:00 Beijing); budget ${BUDGET_MS} ms, ${concurrencyText()}`);
  console.log('| run | settled | flagged | failed | done | wall ms | at a time |');
  console.log('|---|---|---|---|---|---|---|');
  const m = await runUntilDone<SettlementResult>(
    cloud,
    (ctx) => settlementJob(ctx, { budgetMs: BUDGET_MS, ...CONCURRENCY }),
    (r, i) => `| ${i} | ${r.settled} | ${r.flagged} | ${r.failed} | ${r.done} | ${r.ms} | ${r.concurrency} |`,
  );
  const settled = m.runs.reduce((s, r) => s + r.settled, 0);
  const per = (n: number) => (n / Math.max(1, settled)).toFixed(2);
  console.log(`total: ${settled} commissions settled in ${m.runs.length} run(s), ${m.totalMs} ms (${Math.round((settled / m.totalMs) * 1000)}/s)`);
  console.log(`database operations per commission: reads ${per(m.stats.reads)}, writes ${per(m.stats.writes)}, queries ${per(m.stats.queries)}, transactions ${per(m.stats.transactions)}, conflicts ${m.stats.conflicts}`);
  console.log(`page queries (local scan; the cloud uses the status+settleOn index): ${Math.round(m.queryMs)} ms of it`);
  console.log(`settling alone (wall time minus page queries): ${Math.round((settled / Math.max(1, m.totalMs - m.queryMs)) * 1000)} commissions/s`);
  const left = (await cloud.db.collection(COMMISSIONS).where({ status: 'pending', settleOn: cloud.db.command.lte('2026-12-08') }).count()).total;
  const t = Date.now();
  const check = await checkCommissionLedger(cloud.db);
  console.log(`commission ledger check: ${check.accounts} accounts, ${check.entries} entries, ${check.mismatches.length} mismatches, ${Date.now() - t} ms; due commissions left pending: ${left}`);
  for (const x of check.mismatches.slice(0, 10)) console.log(`  ${x.openid}: ${x.problem}`);
  if (check.mismatches.length || left || settled !== DUE) process.exitCode = 1;
}

async function main(): Promise<void> {
  const dataDir = process.env.IN_MEMORY ? undefined : mkdtempSync(join(tmpdir(), 'suc-bench-distribution-'));
  const root = resolve(__dirname, '..');
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'cloudfunctions'), loadMain: () => () => Promise.reject(new Error('unused')) });
  try {
    await generateMembers(cloud);
    if (ONLY !== 'settlement') {
      await birthdayScenario(cloud, 'day', new Date('2026-11-30T16:10:00Z'));
      await birthdayScenario(cloud, 'month', new Date('2027-11-30T16:10:00Z'));
      const t = Date.now();
      const points = await checkLedger(cloud.db);
      console.log(`\npoints ledger check: ${points.accounts} accounts, ${points.entries} entries, ${points.mismatches.length} mismatches, ${Date.now() - t} ms`);
      if (points.mismatches.length) process.exitCode = 1;
    }
    if (ONLY !== 'birthday') await settlementScenario(cloud);
  } finally {
    await cloud.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
