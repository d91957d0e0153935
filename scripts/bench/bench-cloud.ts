/**
 * What every benchmark shares: a local cloud running the functions from source, the latency it models, and
 * the critical-path counter (how many round trips a member, or a job's item, waits for in sequence).
 */
import { join, resolve } from 'node:path';
import type { Database } from '../../cloudfunctions/_platform/database.port';
import { MODELLED_LATENCY, VirtualClock, type DatabaseStats, type LatencyModel } from '../../cloudfunctions/_platform/local/database';
import { LocalCloud, type FunctionMain } from '../../cloudfunctions/_platform/local/local-cloud';

export const ROOT = resolve(__dirname, '../..');

/**
 * The latency the benchmarks model: MODELLED_LATENCY, or BENCH_LATENCY_MS / BENCH_JITTER_MS /
 * BENCH_MAX_CONCURRENT to try another (the README's figures use the default).
 */
export function benchLatency(env: Record<string, string | undefined> = process.env): LatencyModel {
  const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  const opMs = num('BENCH_LATENCY_MS', MODELLED_LATENCY.opMs);
  return {
    opMs,
    beginMs: num('BENCH_LATENCY_MS', MODELLED_LATENCY.beginMs),
    commitMs: num('BENCH_LATENCY_MS', MODELLED_LATENCY.commitMs),
    jitterMs: num('BENCH_JITTER_MS', MODELLED_LATENCY.jitterMs),
    maxConcurrent: num('BENCH_MAX_CONCURRENT', MODELLED_LATENCY.maxConcurrent),
  };
}

/** The local cloud on the function sources (no build needed); memory only unless `dataDir`. Latency off. */
export function startBenchCloud(opts: { dataDir?: string } = {}): Promise<LocalCloud> {
  return LocalCloud.start({
    dataDir: opts.dataDir,
    functionsDir: join(ROOT, 'cloudfunctions'),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadMain: (fn) => (require(join(ROOT, 'cloudfunctions', fn, 'index.ts')) as { main: FunctionMain }).main,
    latency: null,
    logger: { info: () => undefined, warn: () => undefined, error: (event, fields) => console.error(event, JSON.stringify(fields)) },
  });
}

export interface OpsCount {
  reads: number;
  writes: number;
  queries: number;
  transactions: number;
  /** Round trips on the critical path, a transaction's begin and commit included. */
  roundTrips: number;
}

/**
 * Runs `fn` with every round trip 1 ms of virtual time (no jitter, no cap): the time it ends at is the
 * number of round trips it waited for in sequence. Deterministic; restores the previous latency model.
 */
export async function countRoundTrips<T>(cloud: LocalCloud, fn: () => Promise<T>): Promise<{ result: T; ops: OpsCount }> {
  const before = cloud.db.latency();
  const clock = new VirtualClock();
  cloud.db.resetStats();
  cloud.db.setLatency({ opMs: 1, beginMs: 1, commitMs: 1, jitterMs: 0, maxConcurrent: 0 }, clock);
  try {
    const result = await fn();
    const s: DatabaseStats = cloud.db.stats();
    return { result, ops: { reads: s.reads, writes: s.writes, queries: s.queries, transactions: s.transactions, roundTrips: clock.now() } };
  } finally {
    cloud.db.setLatency(before);
  }
}

export async function wallMs<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - t };
}

export const describeLatency = (m: LatencyModel) =>
  `${m.opMs} ms ± ${m.jitterMs} ms per operation, ` +
  (m.beginMs === m.commitMs ? `${m.beginMs} ms for a transaction's begin and its commit` : `${m.beginMs} ms for a transaction's begin, ${m.commitMs} ms for its commit`) +
  `, at most ${m.maxConcurrent || 'unlimited'} operations in flight`;

/**
 * The database with the time its reading queries (`get`, `count`) spend beyond a round trip added up: the local
 * database has no indexes and scans a collection for every `where` (the cloud uses the indexes in
 * `_core/indexes.ts`), which can be most of a job's time here. Writes are not counted: the jobs' bulk writes
 * name their documents by `_id` (no scan), and their local time stands for the work the cloud does too.
 */
export function timingScans(db: Database, roundTripMs: number): { db: Database; excessMs: () => number } {
  let excess = 0;
  const timed =
    (run: () => Promise<unknown>) =>
    async (): Promise<unknown> => {
      const t = performance.now();
      try {
        return await run();
      } finally {
        excess += Math.max(0, performance.now() - t - roundTripMs);
      }
    };
  const wrap = <T extends object>(query: T): T =>
    new Proxy(query, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop === 'get' || prop === 'count') return timed(() => value.call(target));
        if (['where', 'orderBy', 'limit', 'skip', 'field'].includes(String(prop))) return (...args: unknown[]) => wrap(value.apply(target, args));
        return value.bind(target);
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection') return (name: string) => wrap(target.collection(name));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, excessMs: () => excess };
}
