/**
 * `npm run bench:expiry`: the nightly release-and-expiry job over 100,000 point accounts on the local cloud
 * (journaled to a temporary data folder), then the ledger check over the result. Numbers go into the README.
 *
 * Every account gets four entries made by the real ledger service (`postInTx`): an old check-in that expires
 * on the bench day, a newer one, a purchase whose pending window ends that day, and a spend. So on the bench day each due account needs a release and an expiry (two entries); one account in 20
 * has nothing due. Generation is not timed.
 *
 * Environment: ACCOUNTS (default 100000), BUDGET_MS (default 50000, the job's default), CONCURRENCY (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { newPointAccount } from '../cloudfunctions/_core/points/points-account.rules';
import { checkLedger } from '../cloudfunctions/_core/points/ledger-check.service';
import { planEarn, planSpend } from '../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx, type Posting } from '../cloudfunctions/_core/points/points-ledger.service';
import { DatabaseError, type Database, type DocData, type Transaction, type WithId } from '../cloudfunctions/_platform/database.port';
import { POINT_ACCOUNTS, type PointAccountRecord } from '../cloudfunctions/_core/points/points.record';
import { releaseAndExpireJob, type ReleaseAndExpireResult } from '../cloudfunctions/_core/points/release-and-expire.job';
import type { JobContext } from '../cloudfunctions/_core/shared/use-case-context';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';

const ACCOUNTS = Number(process.env.ACCOUNTS || 100_000);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);
const CONCURRENCY = Number(process.env.CONCURRENCY || 10);
const BENCH_DAY = '2026-12-01';
const BENCH_AT = new Date('2026-11-30T16:05:00Z'); // 00:05 Beijing on the bench day, when the timer fires

const openidOf = (i: number) => `bench-${String(i).padStart(6, '0')}`;
const earning = (key: string, amount: number, expiresOn: string | null, availableOn: string | null = null): Posting => ({
  key,
  kind: 'earn',
  reason: '压测',
  source: 'bench',
  sourceId: key,
  plan: (s) => planEarn(s, { amount, expiresOn, availableOn, sourceId: key }),
});

/**
 * Runs the real `postInTx` against an in-memory transaction for one member, then returns the documents it
 * wrote. Writing those with plain `set`s is ~10x faster than 400,000 journaled transactions and yields
 * exactly the same documents (the ledger check at the end proves they are consistent).
 */
function memoryTransaction(docs: Map<string, DocData>): Transaction {
  return {
    collection: <T = DocData>(name: string) => ({
      doc: (id: string) => ({
        get: async () => {
          const doc = docs.get(`${name}/${id}`);
          if (!doc) throw new DatabaseError('not-found', `${name}/${id}`);
          return { data: { ...structuredClone(doc), _id: id } as WithId<T> };
        },
        set: async ({ data }: { data: DocData }) => {
          docs.set(`${name}/${id}`, structuredClone(data));
          return { _id: id, stats: { updated: 0, created: 1 } };
        },
        update: () => Promise.reject(new Error('not used by postInTx')),
        remove: () => Promise.reject(new Error('not used by postInTx')),
      }),
      add: () => Promise.reject(new Error('not used by postInTx')),
    }),
  };
}

async function memberDocs(i: number): Promise<Map<string, DocData>> {
  const openid = openidOf(i);
  const docs = new Map<string, DocData>();
  const tx = memoryTransaction(docs);
  const { _id, ...account } = newPointAccount(openid, new Date('2025-06-01T02:00:00Z'));
  await tx.collection(POINT_ACCOUNTS).doc(_id).set({ data: account });
  const due = i % 20 !== 0;
  const post = (posting: Posting, at: string) => postInTx(tx, openid, posting, new Date(at));
  await post(earning(`checkin:${openid}:2025-06-01`, 10, due ? '2026-11-30' : '2027-12-31'), '2025-06-01T02:00:00Z');
  await post(earning(`checkin:${openid}:2026-11-20`, 15, '2027-12-31'), '2026-11-20T02:00:00Z');
  await post(earning(`purchase:B${i}`, 100 + (i % 900), '2027-12-31', due ? BENCH_DAY : '2026-12-20'), '2026-11-24T02:00:00Z');
  const spend: Posting = {
    key: `spend:${openid}:1`,
    kind: 'spend',
    reason: '兑换',
    source: 'bench',
    sourceId: '1',
    plan: (s) => {
      const p = planSpend(s, 4);
      if (!p.ok) throw new Error('insufficient');
      return p.effects;
    },
  };
  await post(spend, '2026-11-25T02:00:00Z');
  return docs;
}

async function generate(cloud: LocalCloud): Promise<void> {
  const started = Date.now();
  const WIDTH = 500;
  let written = 0;
  for (let i = 0; i < ACCOUNTS; i += WIDTH) {
    const batch = await Promise.all(Array.from({ length: Math.min(WIDTH, ACCOUNTS - i) }, (_, j) => memberDocs(i + j)));
    const writes = batch.flatMap((docs) => [...docs]);
    await Promise.all(
      writes.map(([path, data]) => {
        const [name, id] = path.split('/');
        return cloud.db.collection(name).doc(id).set({ data });
      }),
    );
    written += writes.length;
  }
  await cloud.db.compact();
  console.log(`generated ${ACCOUNTS} accounts, ${written - ACCOUNTS} entries in ${((Date.now() - started) / 1000).toFixed(1)} s (not part of the figures)`);
}

/** The database with the time spent in queries (`where...get`, outside transactions) added up. */
function timingQueries(db: Database, spent: { ms: number }): Database {
  const wrap = <T extends object>(q: T): T =>
    new Proxy(q, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop === 'get') {
          return async () => {
            const t = performance.now();
            try {
              return await value.call(target);
            } finally {
              spent.ms += performance.now() - t;
            }
          };
        }
        if (['where', 'orderBy', 'limit', 'skip', 'field'].includes(String(prop))) return (...args: unknown[]) => wrap(value.apply(target, args));
        return value.bind(target);
      },
    });
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection') return (name: string) => wrap(target.collection(name));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-bench-expiry-'));
  const root = resolve(__dirname, '..');
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'cloudfunctions'), loadMain: () => () => Promise.reject(new Error('unused')) });
  try {
    await generate(cloud);
    cloud.clock.set(BENCH_AT);
    const querying = { ms: 0 };
    const ctx: JobContext = cloud.jobContext({ db: timingQueries(cloud.db, querying) });
    const _ = cloud.db.command;
    const dueBefore = (await cloud.db.collection(POINT_ACCOUNTS).where({ nextDueOn: _.lte(BENCH_DAY) }).count()).total;

    // What one page query costs here (the local database scans; the cloud uses the nextDueOn index).
    let t = Date.now();
    await cloud.db.collection<PointAccountRecord>(POINT_ACCOUNTS).where({ nextDueOn: _.lte(BENCH_DAY) }).orderBy('_id', 'asc').limit(1000).field({ _id: true }).get();
    const pageQueryMs = Date.now() - t;

    console.log(`\nrelease-and-expire job: ${dueBefore} of ${ACCOUNTS} accounts due on ${BENCH_DAY}; budget ${BUDGET_MS} ms, ${CONCURRENCY} at a time`);
    console.log('| run | processed | entries | skipped | failed | done | wall ms | accounts/s |');
    console.log('|---|---|---|---|---|---|---|---|');
    cloud.db.resetStats();
    const runs: ReleaseAndExpireResult[] = [];
    t = Date.now();
    for (;;) {
      const r = await releaseAndExpireJob(ctx, { budgetMs: BUDGET_MS, concurrency: CONCURRENCY });
      runs.push(r);
      console.log(`| ${runs.length} | ${r.processed} | ${r.entries} | ${r.skipped} | ${r.failed} | ${r.done} | ${r.ms} | ${Math.round((r.processed / Math.max(1, r.ms)) * 1000)} |`);
      if (r.done || runs.length > 1000) break;
    }
    const totalMs = Date.now() - t;
    const stats = cloud.db.stats();
    const processed = runs.reduce((s, r) => s + r.processed, 0);
    const entries = runs.reduce((s, r) => s + r.entries, 0);
    const per = (n: number) => (n / Math.max(1, processed)).toFixed(2);
    console.log(`\ntotal: ${processed} accounts, ${entries} entries in ${runs.length} run(s), ${totalMs} ms (${Math.round((processed / totalMs) * 1000)} accounts/s)`);
    console.log(`database operations per account: reads ${per(stats.reads)}, writes ${per(stats.writes)}, queries ${per(stats.queries)}, transactions ${per(stats.transactions)}, conflicts ${stats.conflicts}`);
    console.log(`one page query (1,000 of ${dueBefore} due, local scan): ${pageQueryMs} ms; ${stats.queries} page queries took ${Math.round(querying.ms)} ms in all`);
    console.log(`housekeeping alone (wall time minus page queries): ${Math.round((processed / (totalMs - querying.ms)) * 1000)} accounts/s`);
    console.log(`runs a ${BUDGET_MS / 1000} s budget needs here: ${runs.length}`);

    t = Date.now();
    const check = await checkLedger(cloud.db);
    console.log(`\nledger check: ${check.accounts} accounts, ${check.entries} entries, ${check.mismatches.length} mismatches, ${Date.now() - t} ms`);
    for (const m of check.mismatches.slice(0, 20)) console.log(`  ${m.openid}: ${m.problem}`);
    if (check.mismatches.length || processed !== dueBefore) process.exitCode = 1;
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
