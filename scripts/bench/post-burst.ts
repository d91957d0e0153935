/**
 * A burst of members acting on one post at the same moment (`npm run bench:likes`, `npm run bench:comments`): each
 * action changes the post's counters and the author's scoring bucket together with its own document, so a hot
 * post's actions all meet on the same documents. Runs the burst at the local database's own speed and at the
 * modelled latency, ROUNDS rounds each on a fresh local cloud, and reports how many succeeded and how many were
 * answered BUSY, the transaction attempts of the whole burst, whether the counts end exact, the burst's wall time
 * and the latency of one action. Rewrites the README section between `<!-- bench:NAME -->` markers.
 *
 * Environment: BENCH_LATENCY_MS / BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY),
 * MEMBERS=100, ROUNDS=3, NO_README=1 to only print.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ALL_CONFIGS } from '../../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import type { Result } from '../../cloudfunctions/_core/shared/errors';
import type { Database } from '../../cloudfunctions/_platform/database.port';
import type { LatencyModel } from '../../cloudfunctions/_platform/local/database';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { benchLatency, describeLatency, startBenchCloud } from './bench-cloud';
import { row, writeReadmeSection } from './readme-section';

export const BURST_MEMBERS = Number(process.env.MEMBERS || process.env.LIKES || 100);
const ROUNDS = Number(process.env.ROUNDS || 3);
export const BURST_AUTHOR = 'burst-author';
export const BURST_NOW = new Date('2026-11-23T04:00:00Z');

export interface PostBurst {
  /** README section and script: `bench:<name>`. */
  name: string;
  /** What one member does, e.g. 'like', the action's noun, e.g. 'like', and the column of those that succeeded, e.g. 'Liked'. */
  verb: string;
  noun: string;
  okColumn: string;
  /** The sentence after the table's header line saying what *Counts exact* compares. */
  exactMeans: string;
  /** The community action member `i` calls on the post. */
  action(postId: string, i: number): { action: string; input: Record<string, unknown> };
  /**
   * Calls made during the burst by ALONGSIDE other members (e.g. deleting their earlier comments), prepared before it
   * at local speed; their BUSY answers get a column of their own.
   */
  alongside?: { column: string; prepare(cloud: LocalCloud, postId: string, members: string[]): Promise<{ who: string; call: { action: string; input: Record<string, unknown> } }[]> };
  /** After the burst: whether the counters, documents and bucket are what `succeeded` (and the calls alongside that succeeded) make them, and the figures compared. */
  counts(cloud: LocalCloud, postId: string, succeeded: number, alongsideSucceeded: number): Promise<{ exact: boolean; counts: string }>;
}

/** Members acting alongside the burst, when the burst has such calls. */
const ALONGSIDE = Number(process.env.ALONGSIDE || 10);

interface Round {
  ok: number;
  busy: number;
  other: number;
  alongsideBusy: number;
  /** Transaction attempts of the whole burst, calls alongside included (first attempts and re-runs). */
  attempts: number;
  exact: boolean;
  ms: number;
  p50: number;
  p95: number;
  counts: string;
}

export const burstMember = (i: number) => `burst-${String(i).padStart(4, '0')}`;

/** Counts the attempts (callback runs) of the transactions each call makes: the bench runs each call in its own store. */
function countAttempts(cloud: LocalCloud): AsyncLocalStorage<{ attempts: number }> {
  const als = new AsyncLocalStorage<{ attempts: number }>();
  const db = cloud.db as unknown as Database;
  const original = db.runTransaction.bind(db);
  (db as { runTransaction: Database['runTransaction'] }).runTransaction = (fn, retries) =>
    original((tx) => {
      const s = als.getStore();
      if (s) s.attempts++;
      return fn(tx);
    }, retries);
  return als;
}

async function seed(cloud: LocalCloud, members: number): Promise<string> {
  for (const def of ALL_CONFIGS) await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
  // Members of two days' standing (a like from an account younger than 24 hours would not count).
  const joined = new Date(BURST_NOW.getTime() - 2 * 86_400_000);
  cloud.clock.set(joined);
  const consent = { policyVersion: (ALL_CONFIGS.find((c) => c.id === 'privacy')?.fallback as { version: string }).version, accepted: true };
  const r = await cloud.call('member', { action: 'register', input: { consent, nickname: '作者', avatarUrl: 'preset:1' } }, BURST_AUTHOR);
  if (!r.ok) throw new Error(`register: ${r.error.code}`);
  for (let i = 0; i < members; i++) {
    const id = burstMember(i);
    await cloud.db.collection('members').doc(id).set({
      data: { _openid: id, memberNo: String(70_000_000 + i), nickname: `会员${i}`, avatarUrl: 'preset:1', birthday: null, phone: null, tierCode: 'silver', growth: 0, growthByMonth: {}, lifetimeGrowth: 0, vipUntil: null, consent: { policyVersion: consent.policyVersion, acceptedAt: joined }, createdAt: joined, updatedAt: joined },
    });
  }
  cloud.clock.set(BURST_NOW);
  const p = await cloud.call<{ post: { postId: string } }>('community', { action: 'createPost', input: { requestId: 'bench-burst-post-0001', text: '今天的手冲：埃塞俄比亚日晒' } }, BURST_AUTHOR);
  if (!p.ok) throw new Error(`createPost: ${p.error.code} ${p.error.message}`);
  return p.data.post.postId;
}

async function round(burst: PostBurst, latency: LatencyModel | null): Promise<Round> {
  const cloud = await startBenchCloud();
  try {
    const others = burst.alongside ? Array.from({ length: ALONGSIDE }, (_, i) => burstMember(BURST_MEMBERS + i)) : [];
    const postId = await seed(cloud, BURST_MEMBERS + others.length);
    const alongside = burst.alongside ? await burst.alongside.prepare(cloud, postId, others) : [];
    const als = countAttempts(cloud);
    cloud.db.setLatency(latency);
    const started = performance.now();
    const besideStores = alongside.map(() => ({ attempts: 0 }));
    const beside = Promise.all(alongside.map(({ who, call }, i) => als.run(besideStores[i], () => cloud.call('community', call, who))));
    const calls = await Promise.all(
      Array.from({ length: BURST_MEMBERS }, (_, i) => {
        const store = { attempts: 0 };
        return als.run(store, async () => {
          const t = performance.now();
          const r: Result<unknown> = await cloud.call('community', burst.action(postId, i), burstMember(i));
          return { r, store, ms: performance.now() - t };
        });
      }),
    );
    const besideResults = await beside;
    const ms = performance.now() - started;
    cloud.db.setLatency(null);
    const ok = calls.filter((c) => c.r.ok).length;
    const otherErrors = calls.flatMap((c) => (!c.r.ok && c.r.error.code !== 'BUSY' ? [c.r.error.code] : []));
    if (otherErrors.length) console.error('other errors:', [...new Set(otherErrors)].join(', '));
    const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
    return {
      ok,
      busy: calls.filter((c) => !c.r.ok && c.r.error.code === 'BUSY').length,
      other: otherErrors.length,
      alongsideBusy: besideResults.filter((r) => !r.ok && r.error.code === 'BUSY').length,
      attempts: [...calls.map((c) => c.store), ...besideStores].reduce((s, c) => s + c.attempts, 0),
      ...(await burst.counts(cloud, postId, ok, besideResults.filter((r) => r.ok).length)),
      ms,
      p50: sorted[Math.floor(sorted.length / 2)],
      p95: sorted[Math.floor(sorted.length * 0.95)],
    };
  } finally {
    await cloud.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runPostBurst(burst: PostBurst): Promise<void> {
  const model = benchLatency();
  const header = ['Latency', burst.okColumn, 'BUSY', 'Other errors', ...(burst.alongside ? [burst.alongside.column] : []), 'Transaction attempts (whole burst)', 'Counts exact', 'Burst wall time', `One ${burst.noun}: median / p95`];
  const lines = [
    `Measured by \`npm run bench:${burst.name}\` (functions from source): ${BURST_MEMBERS} members ${burst.verb} one post at the same moment, ${ROUNDS}`,
    `rounds per line: median (min–max) per round. The modelled latency: ${describeLatency(model)}. *Counts exact*: ${burst.exactMeans}`,
    '',
    row(header),
    row(header.map(() => '---')),
  ];
  for (const latency of [null, model]) {
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(await round(burst, latency));
      console.log(latency ? 'model' : '0 ms', rounds.at(-1));
    }
    const col = (f: (r: Round) => number) => {
      const xs = rounds.map(f);
      return `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`;
    };
    lines.push(
      row([
        latency ? `${latency.opMs} ± ${latency.jitterMs} ms` : '0 ms',
        col((r) => r.ok),
        col((r) => r.busy),
        col((r) => r.other),
        ...(burst.alongside ? [col((r) => r.alongsideBusy)] : []),
        col((r) => r.attempts),
        rounds.every((r) => r.exact) ? 'yes' : `NO (${rounds.map((r) => r.counts).join('; ')})`,
        `${median(rounds.map((r) => r.ms)).toFixed(0)} ms`,
        `${median(rounds.map((r) => r.p50)).toFixed(0)} / ${median(rounds.map((r) => r.p95)).toFixed(0)} ms`,
      ]),
    );
    console.log(lines.at(-1));
  }
  const section = lines.join('\n');
  console.log(`\n${section}`);
  if (!process.env.NO_README) {
    writeReadmeSection(burst.name, section);
    console.log(`\nREADME.md: bench:${burst.name} section rewritten`);
  }
}

export function runMain(burst: PostBurst): void {
  runPostBurst(burst).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
