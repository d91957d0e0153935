/**
 * `npm run bench:metrics`: the nightly community-health metrics job (`_core/metrics/community-metrics.job.ts`, in the
 * admin timer) on a brand of 100,000 members and 1,000,000 posts, generated directly in the local database.
 * Numbers go into the README (Community health → Measured).
 *
 * Three runs of the same day (the stored day is removed between them):
 * 1. No latency: the CPU the process spends (the job and the local database), and of the wall time how much is
 *    spent inside database calls. The local database has no indexes and scans a collection for every query
 *    (the cloud uses the indexes of `_core/collections.ts`), so most of it is the local stand-in's work.
 * 2. Counted: database operations, and the round trips the job waits for in sequence (each 1 ms of virtual time).
 * 3. At the modelled latency (MODELLED_LATENCY: 10 ms ± 5 ms per operation, 20 in flight), with the job's budget
 *    measured on modelled time (wall time minus the local scans): the time of each stage, and how many runs of the
 *    admin timer (50 s budget each, the 60 s limit) the day needs.
 *
 * Environment: MEMBERS (default 100000), POSTS (default 1000000), SCALE (multiplies both, for a quick look).
 */
import { cpus, loadavg } from 'node:os';
import { communityMetricsJob, METRIC_STAGES } from '../cloudfunctions/_core/metrics/community-metrics.job';
import { COMMUNITY_METRICS } from '../cloudfunctions/_core/metrics/community-metrics.record';
import { indicatorsOf, type MetricsCounts } from '../cloudfunctions/_core/metrics/community-metrics.rules';
import { ALL_CONFIGS } from '../cloudfunctions/_core/config/config-registry';
import { DEFAULT_BUDGET_MS } from '../cloudfunctions/_core/shared/batch-job';
import { addDays } from '../cloudfunctions/_core/shared/business-time.rules';
import type { Database, DocData } from '../cloudfunctions/_platform/database.port';
import { MODELLED_LATENCY, VirtualClock } from '../cloudfunctions/_platform/local/database';
import type { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { describeLatency, startBenchCloud } from './bench/bench-cloud';
import { rng } from './bench/seeded-random';

const SCALE = Number(process.env.SCALE || 1);
const MEMBERS = Math.round(Number(process.env.MEMBERS || 100_000) * SCALE);
const POSTS = Math.round(Number(process.env.POSTS || 1_000_000) * SCALE);
/** The day counted: the job runs at 03:00 Beijing on the 1st of December and counts November 30th. */
const DAY = '2026-11-30';
const RUN_AT = new Date('2026-11-30T19:00:00Z');
const HISTORY_DAYS = 365;

const pad = (i: number) => String(i).padStart(7, '0');
const member = (i: number) => `bm-${pad(i)}`;
/** A Beijing day `n` days before DAY, at a time within it. */
const dayBefore = (n: number) => addDays(DAY, -n);
const at = (day: string, r: number) => new Date(Date.parse(`${day}T00:00:00+08:00`) + Math.floor(r * 86_400_000));

/** Plain writes, 500 at a time (generation is not measured). */
async function writeAll(db: Database, collection: string, n: number, make: (i: number) => [string, DocData]): Promise<void> {
  for (let i = 0; i < n; i += 500) {
    const batch: Promise<unknown>[] = [];
    for (let k = i; k < Math.min(n, i + 500); k++) {
      const [id, data] = make(k);
      batch.push(db.collection(collection).doc(id).set({ data }));
    }
    await Promise.all(batch);
  }
}

/**
 * The brand: members joined evenly over a year; 10% 超级用户; 3 posts a member a year and so on, skewed towards
 * recent days the way a growing community is (posts: POSTS over the year, the last day ≈ POSTS / 200).
 */
async function generate(cloud: LocalCloud): Promise<Record<string, number>> {
  const db = cloud.db;
  const r = rng(7);
  for (const def of ALL_CONFIGS) await db.collection('app_config').doc(def.id).set({ data: { ...(def.fallback as object) } });
  const topics = Array.from({ length: 30 }, (_, i) => `topic-${i}`);
  for (const [i, t] of topics.entries()) await db.collection('community_topics').doc(t).set({ data: { name: `话题${i}`, status: 'active', origin: 'operator' } });
  for (const op of ['op-1', 'op-2', 'op-3']) await db.collection('roles').doc(op).set({ data: { role: 'operator', active: true, storeId: null, name: '运营' } });
  for (let c = 0; c < 6; c++) {
    const from = dayBefore(c * 20);
    await db.collection('community_campaigns').doc(`camp-${c}`).set({ data: { title: `活动${c}`, topic: topics[c], days: 7, from, to: addDays(from, 30), capacity: 100_000 } });
    await db.collection('campaign_counts').doc(`camp-${c}`).set({ data: { joined: 2_000 + c * 500 } });
  }
  const recentDay = () => dayBefore(Math.floor(HISTORY_DAYS * r() ** 2)); // skewed towards recent days
  const counts: Record<string, number> = {};
  const gen = async (collection: string, n: number, make: (i: number) => [string, DocData]) => {
    counts[collection] = n;
    await writeAll(db, collection, n, make);
  };
  await gen('members', MEMBERS, (i) => [member(i), { _openid: member(i), memberNo: `6${pad(i)}`, tierCode: i % 10 === 0 ? 'gold' : 'silver', createdAt: at(dayBefore(i % HISTORY_DAYS), r()) }]);
  await gen('member_layers', MEMBERS, (i) => [member(i), { _openid: member(i), day: DAY, layers: i % 10 === 3 ? ['super'] : i % 3 === 0 ? ['potential'] : [], total: 0, before: [] }]);
  await gen('posts', POSTS, (i) => {
    const official = i % 50 === 0;
    const day = recentDay();
    const tags = r() < 0.6 ? [topics[Math.floor(30 * r() ** 2)]] : [];
    return [`bp-${pad(i)}`, { _openid: official ? 'op-1' : member(Math.floor(r() * MEMBERS)), day, official, status: r() < 0.97 ? 'visible' : 'hidden', topics: tags, createdAt: at(day, r()) }];
  });
  await gen('comments', Math.round(POSTS * 0.3), (i) => {
    const official = i % 40 === 0;
    return [`bc-${pad(i)}`, { _openid: official ? 'op-2' : member(Math.floor(r() * MEMBERS)), postId: `bp-${pad(i)}`, author: { official }, status: 'visible', createdAt: at(recentDay(), r()) }];
  });
  await gen('purchases', Math.round(MEMBERS * 3), (i) => {
    const day = dayBefore(Math.floor(r() * 90));
    return [`bo-${pad(i)}`, { _openid: member(Math.floor(MEMBERS * r() ** 2)), amountFen: 1_000 + Math.floor(r() * 50_000), status: r() < 0.97 ? 'paid' : 'refunded', createdAt: at(day, r()) }];
  });
  await gen('point_entries', MEMBERS, (i) => {
    const day = dayBefore(Math.floor(r() * 60));
    return [`be-${pad(i)}`, { _openid: member(Math.floor(r() * MEMBERS)), seq: i, day, source: r() < 0.5 ? 'checkin' : 'purchase', createdAt: at(day, r()) }];
  });
  await gen('coupons', MEMBERS, (i) => [`bk-${pad(i)}`, { _openid: member(i), status: ['unused', 'used', 'expired'][i % 3], claimedAt: at(dayBefore(Math.floor(r() * 60)), r()) }]);
  await gen('message_outbox', Math.round(MEMBERS / 2), (i) => [`bx-${pad(i)}`, { _openid: member(i), status: 'sent', sentAt: at(dayBefore(Math.floor(r() * 30)), r()) }]);
  await gen('tier_changes', Math.round(MEMBERS / 20), (i) => [`bt-${pad(i)}`, { _openid: member(i), from: 'silver', to: 'gold', at: at(dayBefore(Math.floor(r() * 30)), r()) }]);
  await gen('campaign_checkins', Math.round(MEMBERS / 2), (i) => {
    const openid = i % 100 === 0 ? 'op-3' : member(i);
    const day = dayBefore(Math.floor(r() * 30));
    return [`camp-${i % 6}:${openid}:${day}`, { _openid: openid, campaignId: `camp-${i % 6}`, day, postId: `bp-${pad(i)}` }];
  });
  return counts;
}

/**
 * The database with the wall time during which at least one of its reading calls (get, count, aggregate) was in
 * flight (calls made together count once).
 */
function timingCalls(db: Database): { db: Database; insideMs: () => number; calls: () => number } {
  let inside = 0;
  let calls = 0;
  let active = 0;
  let since = 0;
  const timed =
    (run: () => Promise<unknown>) =>
    async (): Promise<unknown> => {
      if (active++ === 0) since = performance.now();
      calls++;
      try {
        return await run();
      } finally {
        if (--active === 0) inside += performance.now() - since;
      }
    };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop === 'get' || prop === 'count' || prop === 'end') return timed(() => value.call(obj));
        if (['where', 'orderBy', 'limit', 'skip', 'field', 'aggregate', 'match', 'group', 'sort', 'unwind', 'project'].includes(String(prop))) {
          return (...args: unknown[]) => wrap(value.apply(obj, args));
        }
        return value.bind(obj);
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection') return (name: string) => wrap(target.collection(name));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, insideMs: () => inside, calls: () => calls };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function resetDay(cloud: LocalCloud): Promise<void> {
  await cloud.db.collection(COMMUNITY_METRICS).doc(DAY).remove();
}

/** Wall time of each stage, read from the job's saves (one per finished stage). */
function stageClock(db: Database, modelledNow: () => number) {
  const marks: { stages: number; at: number }[] = [];
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'collection')
        return (name: string) => {
          const col = target.collection(name);
          if (name !== COMMUNITY_METRICS) return col;
          return new Proxy(col, {
            get(c, p, r) {
              if (p !== 'doc') return Reflect.get(c, p, r);
              return (id: string) => {
                const ref = c.doc(id);
                return new Proxy(ref, {
                  get(d, q, rr) {
                    if (q !== 'set') return typeof Reflect.get(d, q, rr) === 'function' ? (Reflect.get(d, q, rr) as (...a: unknown[]) => unknown).bind(d) : Reflect.get(d, q, rr);
                    return async (args: { data: { stages: string[] } }) => {
                      const out = await d.set(args);
                      marks.push({ stages: args.data.stages.length, at: modelledNow() });
                      return out;
                    };
                  },
                });
              };
            },
          });
        };
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, marks };
}

async function main(): Promise<void> {
  console.log(`load average when starting: ${loadavg().map((l) => l.toFixed(1)).join(', ')} on ${cpus().length} cores`);
  const cloud = await startBenchCloud();
  try {
    const t0 = Date.now();
    const counts = await generate(cloud);
    console.log(`generated in ${secs(Date.now() - t0)} (not timed below): ${Object.entries(counts).map(([c, n]) => `${c} ${n.toLocaleString('en')}`).join(', ')}`);
    cloud.clock.set(RUN_AT);

    // 1. No latency: CPU and where the wall time goes.
    const calls = timingCalls(cloud.db);
    const cpu0 = process.cpuUsage();
    const w0 = performance.now();
    const r1 = await communityMetricsJob(cloud.jobContext({ db: calls.db }), { budgetMs: 3_600_000 });
    const wall = performance.now() - w0;
    const cpu = process.cpuUsage(cpu0);
    if (!r1.done) throw new Error('the unthrottled run did not finish');
    const stored = (await cloud.db.collection(COMMUNITY_METRICS).doc(DAY).get()).data as unknown as { counts: MetricsCounts };
    console.log(`\n## ${MEMBERS.toLocaleString('en')} members, ${POSTS.toLocaleString('en')} posts: ${METRIC_STAGES.length} stages (${METRIC_STAGES.join(', ')})`);
    console.log(
      `no latency: wall ${secs(wall)}, CPU ${secs((cpu.user + cpu.system) / 1000)} (user ${secs(cpu.user / 1000)}, system ${secs(cpu.system / 1000)}); ` +
        `${calls.calls()} reading calls, ${secs(calls.insideMs())} of the wall time inside them (the local database's unindexed scans); ` +
        `the job's own share ≈ ${secs(wall - calls.insideMs())}`,
    );
    const c = stored.counts;
    console.log(`counted: ${JSON.stringify({ community: c.community, topTopics: c.topTopics.slice(0, 3), coreMembers: c.coreMembers, cohort7: c.cohort7, cohort30: c.cohort30 })}`);
    console.log(`indicators: ${JSON.stringify(indicatorsOf(c))}`);

    // 2. Counted: operations, and round trips in sequence (1 ms of virtual time each), stage by stage.
    await resetDay(cloud);
    const clock = new VirtualClock();
    const clocked = stageClock(cloud.db, () => clock.now());
    cloud.db.resetStats();
    cloud.db.setLatency({ opMs: 1, beginMs: 1, commitMs: 1, jitterMs: 0, maxConcurrent: 0 }, clock);
    const r2 = await communityMetricsJob(cloud.jobContext({ db: clocked.db }), { budgetMs: 3_600_000, elapsedMs: () => 0 });
    cloud.db.setLatency(null);
    if (!r2.done) throw new Error('the counting run did not finish');
    const ops = cloud.db.stats();
    const ownMsPerTrip = Math.max(0, wall - calls.insideMs()) / Math.max(1, clock.now());
    const op = MODELLED_LATENCY.opMs;
    console.log(
      `operations: ${ops.reads} reads, ${ops.writes} writes, ${ops.queries} queries (counts, pages, aggregates); ` +
        `${clock.now()} round trips in sequence`,
    );
    // Modelled time of a stage: its round trips at the modelled latency, plus the job's own CPU spread over them.
    let prev = 0;
    const stages = clocked.marks.map((m) => {
      const trips = m.at - prev;
      prev = m.at;
      return { name: METRIC_STAGES[m.stages - 1], trips, ms: trips * (op + ownMsPerTrip) };
    });
    console.log(`\nmodelled (${describeLatency(MODELLED_LATENCY)}: ${op} ms a round trip in sequence, plus the job's own CPU):`);
    console.log('| Stage | Round trips in sequence | Modelled time |');
    console.log('|---|---|---|');
    for (const st of stages) console.log(`| ${st.name} | ${st.trips} | ${secs(st.ms)} |`);
    const total = stages.reduce((a, st) => a + st.ms, 0);
    // The job starts a stage while its budget (50 s) is not spent; a stage runs to its end.
    let runs = 1;
    let used = 0;
    let longestRun = 0;
    for (const st of stages) {
      if (used >= DEFAULT_BUDGET_MS) {
        runs++;
        used = 0;
      }
      used += st.ms;
      longestRun = Math.max(longestRun, used);
    }
    console.log(`total ${secs(total)}; runs of the admin timer the day needs: ${runs} (longest run ${secs(longestRun)}, limit 60 s)`);
  } finally {
    await cloud.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
