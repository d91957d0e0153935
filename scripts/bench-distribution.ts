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
import type { BirthdayConfig } from '../cloudfunctions/_core/birthday/birthday-config.schema';
import { DEFAULT_BIRTHDAY, DEFAULT_DISTRIBUTION } from '../cloudfunctions/_core/config/defaults';
import { CONFIG_COLLECTION } from '../cloudfunctions/_core/config/operator-config';
import { checkCommissionLedger } from '../cloudfunctions/_core/distribution/commission-ledger-check.service';
import { planAccrue } from '../cloudfunctions/_core/distribution/commission-ledger.rules';
import { postCommissionsInTx } from '../cloudfunctions/_core/distribution/commission-ledger.service';
import { emptyNode } from '../cloudfunctions/_core/distribution/commissionable-order.service';
import { commissionId, reasonFor } from '../cloudfunctions/_core/distribution/commission.rules';
import { COMMISSIONS, DISTRIBUTORS, REFERRALS, type CommissionRecord } from '../cloudfunctions/_core/distribution/distribution.record';
import { newDistributor } from '../cloudfunctions/_core/distribution/distributor.service';
import { settlementJob, type SettlementResult } from '../cloudfunctions/_core/distribution/settlement.job';
import { MEMBERS, type MemberRecord } from '../cloudfunctions/_core/member/member.record';
import { newPointAccount } from '../cloudfunctions/_core/points/points-account.rules';
import { checkLedger } from '../cloudfunctions/_core/points/ledger-check.service';
import { POINT_ACCOUNTS } from '../cloudfunctions/_core/points/points.record';
import type { JobContext } from '../cloudfunctions/_core/shared/use-case-context';
import type { DocData } from '../cloudfunctions/_platform/database.port';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { memoryTransaction, timingQueries, writeDocs } from './bench-support';

const N = Number(process.env.MEMBERS || 1_000_000);
const DUE = Number(process.env.DUE || 100_000);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);
/** Unset: each job's own default (40 at a time for both). */
const CONCURRENCY = process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {};
const concurrencyText = (jobDefault: number) => `${CONCURRENCY.concurrency ?? jobDefault} at a time`;
const ONLY = process.env.ONLY ?? '';
const DISTRIBUTOR_EVERY = 50;

const openidOf = (i: number) => `bench-${String(i).padStart(7, '0')}`;
const TIERS = ['silver', 'gold', 'black'] as const;
const tierOf = (i: number) => (i % 20 === 0 ? 'black' : i % 20 < 4 ? 'gold' : 'silver');
/** Month-days of a leap year, so 29 February has members too. */
const MONTH_DAYS = Array.from({ length: 366 }, (_, d) => {
  const date = new Date(Date.UTC(2028, 0, 1 + d));
  return { month: date.getUTCMonth() + 1, day: date.getUTCDate() };
});
const birthdayOf = (i: number) => (i % 20 === 7 ? null : MONTH_DAYS[(i * 7919) % 366]);

const CREATED = new Date('2025-06-01T02:00:00Z');

function memberDoc(i: number): [string, DocData] {
  const openid = openidOf(i);
  const m: Omit<MemberRecord, '_id'> = {
    _openid: openid,
    memberNo: `8${String(i).padStart(11, '0')}`,
    nickname: '压测会员',
    avatarUrl: 'preset:1',
    birthday: birthdayOf(i),
    phone: null,
    tierCode: tierOf(i),
    growth: 0,
    growthByMonth: {},
    lifetimeGrowth: 0,
    vipUntil: null,
    consent: { policyVersion: '2026-11-01', acceptedAt: CREATED },
    createdAt: CREATED,
    updatedAt: CREATED,
  };
  return [`${MEMBERS}/${openid}`, m as unknown as DocData];
}

async function generateMembers(cloud: LocalCloud): Promise<void> {
  const started = Date.now();
  const WIDTH = 5_000;
  let accounts = 0;
  for (let i = 0; i < N; i += WIDTH) {
    const docs: [string, DocData][] = [];
    for (let j = i; j < Math.min(N, i + WIDTH); j++) {
      docs.push(memberDoc(j));
      // Points need an account: every member born in December has one (the other months are never granted here).
      if (birthdayOf(j)?.month === 12) {
        const { _id, ...account } = newPointAccount(openidOf(j), CREATED);
        docs.push([`${POINT_ACCOUNTS}/${_id}`, account as unknown as DocData]);
        accounts++;
      }
    }
    await writeDocs(cloud.db, docs);
  }
  await cloud.db.collection('coupon_templates').doc('BENCHBDAY').set({
    data: {
      title: '生日券',
      description: '压测',
      kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 2_000 },
      validity: { mode: 'afterClaim', days: 30 },
      total: 10_000_000,
      perMember: 10,
      channels: ['birthday'],
    },
  });
  await cloud.db.collection(CONFIG_COLLECTION).doc('message_templates').set({ data: { couponExpiry: null, birthdayGreeting: 'bench-greeting' } });
  await cloud.db.compact();
  console.log(`generated ${N} members (${accounts} point accounts) in ${((Date.now() - started) / 1000).toFixed(1)} s (not part of the figures)`);
}

async function setBirthday(cloud: LocalCloud, window: BirthdayConfig['window']): Promise<void> {
  const cfg: BirthdayConfig = {
    ...DEFAULT_BIRTHDAY,
    window,
    tiers: TIERS.map((tierCode, i) => ({ tierCode, couponTemplateIds: ['BENCHBDAY'], bonusPoints: 50 * (i + 1), pointsMultiplierPercent: 200 })),
  };
  await cloud.db.collection(CONFIG_COLLECTION).doc('birthday').set({ data: { ...cfg } });
}

interface Measured<R> {
  runs: R[];
  totalMs: number;
  queryMs: number;
  stats: ReturnType<LocalCloud['db']['stats']>;
}

async function runUntilDone<R extends { done: boolean; ms: number }>(cloud: LocalCloud, job: (ctx: JobContext) => Promise<R>, row: (r: R, i: number) => string): Promise<Measured<R>> {
  const querying = { ms: 0 };
  const ctx = cloud.jobContext({ db: timingQueries(cloud.db, querying) });
  cloud.db.resetStats();
  const runs: R[] = [];
  const t = Date.now();
  for (;;) {
    const r = await job(ctx);
    runs.push(r);
    console.log(row(r, runs.length));
    if (r.done || runs.length > 200) break;
  }
  return { runs, totalMs: Date.now() - t, queryMs: querying.ms, stats: cloud.db.stats() };
}

async function birthdayScenario(cloud: LocalCloud, window: 'day' | 'month', at: Date): Promise<void> {
  await setBirthday(cloud, window);
  cloud.clock.set(at);
  console.log(`\nbirthday job, ${window} window, ${at.toISOString()} (00:10 Beijing); budget ${BUDGET_MS} ms, ${concurrencyText(40)}`);
  console.log('| run | members | opened | granted | failed | done | wall ms |');
  console.log('|---|---|---|---|---|---|---|');
  const m = await runUntilDone<BirthdayJobResult>(
    cloud,
    (ctx) => birthdayJob(ctx, { budgetMs: BUDGET_MS, ...CONCURRENCY }),
    (r, i) => `| ${i} | ${r.members} | ${r.opened} | ${r.granted} | ${r.failed} | ${r.done} | ${r.ms} |`,
  );
  const granted = m.runs.reduce((s, r) => s + r.granted, 0);
  const per = (n: number) => (n / Math.max(1, granted)).toFixed(1);
  console.log(`total: ${granted} members granted in ${m.runs.length} run(s), ${m.totalMs} ms (${Math.round((granted / m.totalMs) * 1000)}/s)`);
  console.log(`database operations per member: reads ${per(m.stats.reads)}, writes ${per(m.stats.writes)}, queries ${per(m.stats.queries)}, transactions ${per(m.stats.transactions)}, conflicts ${m.stats.conflicts}`);
  console.log(`member page queries (local scan of ${N} members; the cloud uses the month-day index): ${Math.round(m.queryMs)} ms of it`);
  console.log(`granting alone (wall time minus page queries): ${Math.round((granted / Math.max(1, m.totalMs - m.queryMs)) * 1000)} members/s`);
  if (!m.runs[m.runs.length - 1].done) process.exitCode = 1;
}

/** Distributors, their fans' commissions (the real ledger service through a memory transaction), referral nodes. */
async function generateCommissions(cloud: LocalCloud): Promise<void> {
  const started = Date.now();
  const distributors = Math.floor(N / DISTRIBUTOR_EVERY);
  const notDue = Math.floor(DUE / 5);
  const total = DUE + notDue;
  const perDistributor = Math.ceil(total / distributors);
  const paidDue = new Date('2026-11-30T04:00:00Z'); // settles on 2026-12-07
  const paidLater = new Date('2026-12-05T04:00:00Z'); // settles on 2026-12-12
  let made = 0;
  const WIDTH = 500;
  for (let d0 = 0; d0 < distributors && made < total; d0 += WIDTH) {
    const docs = new Map<string, DocData>();
    for (let d = d0; d < Math.min(distributors, d0 + WIDTH) && made < total; d++) {
      const dIndex = d * DISTRIBUTOR_EVERY;
      const dOpenid = openidOf(dIndex);
      const { _id, ...dist } = newDistributor({ _id: dOpenid, memberNo: `8${String(dIndex).padStart(11, '0')}` }, 'koc', CREATED);
      docs.set(`${DISTRIBUTORS}/${_id}`, dist as unknown as DocData);
      const tx = memoryTransaction(docs);
      const postings = [];
      for (let k = 0; k < perDistributor && made < total; k++, made++) {
        const buyerIndex = dIndex + 1 + k;
        const buyer = openidOf(buyerIndex % N);
        const due = made < DUE;
        const orderNo = `BENCH${String(made).padStart(8, '0')}`;
        const amountFen = 100 + (made % 5_000);
        const c: Omit<CommissionRecord, '_id'> = {
          _openid: dOpenid,
          level: 1,
          buyer,
          buyerMasked: '压**',
          source: 'till',
          orderNo,
          productClass: 'store',
          orderFen: amountFen * 10,
          gradeCode: 'starter',
          rateBp: 1000,
          amountFen,
          status: 'pending',
          flags: [],
          reason: reasonFor('pending', []),
          settleOn: due ? '2026-12-07' : '2026-12-12',
          paidAt: due ? paidDue : paidLater,
          review: null,
          createdAt: due ? paidDue : paidLater,
          updatedAt: due ? paidDue : paidLater,
        };
        const id = commissionId('till', orderNo, 1);
        docs.set(`${COMMISSIONS}/${id}`, c as unknown as DocData);
        postings.push({ key: `accrue:${id}`, kind: 'accrue' as const, ref: id, reason: '压测', plan: () => planAccrue(amountFen) });
        const { _id: nodeId, ...node } = { ...emptyNode(buyer, CREATED, '压**'), referrer: dOpenid, boundAt: CREATED, orders: 1, firstOrderAt: c.paidAt, lastOrderMonth: '2026-11' };
        docs.set(`${REFERRALS}/${nodeId}`, node as unknown as DocData);
      }
      await postCommissionsInTx(tx, dOpenid, postings, paidDue);
    }
    await writeDocs(cloud.db, docs);
  }
  const cfg = { ...DEFAULT_DISTRIBUTION, enabled: true };
  await cloud.db.collection(CONFIG_COLLECTION).doc('distribution').set({ data: { ...cfg } });
  await cloud.db.compact();
  console.log(`\ngenerated ${distributors} distributors, ${made} commissions (${DUE} due) in ${((Date.now() - started) / 1000).toFixed(1)} s (not part of the figures)`);
}

async function settlementScenario(cloud: LocalCloud): Promise<void> {
  await generateCommissions(cloud);
  cloud.clock.set(new Date('2026-12-07T17:00:00Z')); // 01:00 Beijing on 8 December
  console.log(`\nsettlement job at ${cloud.clock.now().toISOString()} (01:00 Beijing); budget ${BUDGET_MS} ms, ${concurrencyText(40)}`);
  console.log('| run | settled | flagged | failed | done | wall ms |');
  console.log('|---|---|---|---|---|---|');
  const m = await runUntilDone<SettlementResult>(
    cloud,
    (ctx) => settlementJob(ctx, { budgetMs: BUDGET_MS, ...CONCURRENCY }),
    (r, i) => `| ${i} | ${r.settled} | ${r.flagged} | ${r.failed} | ${r.done} | ${r.ms} |`,
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
