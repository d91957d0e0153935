/**
 * `npm run bench:likes`: a burst of likes on one post. Every like changes the post's counters and the author's
 * scoring bucket together with the like document, in a transaction (`community/reactions.service.ts`), so the likes
 * of a hot post meet on two documents. 100 members tap like at once, at the local database's own speed and at the
 * modelled latency: how many are liked and how many answered BUSY, how many transaction attempts the burst made (a
 * like applied in another member's batch makes none of its own), whether the counts end exact (post counter = like
 * documents = the bucket's likes received), and how long it takes. Rewrites the README section between
 * `<!-- bench:likes -->` markers.
 *
 * Environment: BENCH_LATENCY_MS / BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY),
 * LIKES=100, ROUNDS=3, NO_README=1 to only print.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ALL_CONFIGS } from '../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../cloudfunctions/_core/config/operator-config';
import { businessDay } from '../cloudfunctions/_core/shared/business-time.rules';
import type { Database } from '../cloudfunctions/_platform/database.port';
import type { LatencyModel } from '../cloudfunctions/_platform/local/database';
import type { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { benchLatency, describeLatency, startBenchCloud } from './bench/bench-cloud';
import { row, writeReadmeSection } from './bench/readme-section';

const LIKES = Number(process.env.LIKES || 100);
const ROUNDS = Number(process.env.ROUNDS || 3);
const AUTHOR = 'like-author';
const NOW = new Date('2026-11-23T04:00:00Z');

interface Round {
  ok: number;
  busy: number;
  other: number;
  /** Transaction attempts of the whole burst (first attempts and re-runs). */
  attempts: number;
  exact: boolean;
  ms: number;
  p50: number;
  p95: number;
  counts: string;
}

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

async function seed(cloud: LocalCloud): Promise<string> {
  for (const def of ALL_CONFIGS) await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
  // Members of two days' standing (a like from an account younger than 24 hours would not count).
  const joined = new Date(NOW.getTime() - 2 * 86_400_000);
  cloud.clock.set(joined);
  const consent = { policyVersion: (ALL_CONFIGS.find((c) => c.id === 'privacy')?.fallback as { version: string }).version, accepted: true };
  const r = await cloud.call('member', { action: 'register', input: { consent, nickname: '作者', avatarUrl: 'preset:1' } }, AUTHOR);
  if (!r.ok) throw new Error(`register: ${r.error.code}`);
  for (let i = 0; i < LIKES; i++) {
    const id = `liker-${String(i).padStart(4, '0')}`;
    await cloud.db.collection('members').doc(id).set({
      data: { _openid: id, memberNo: String(70_000_000 + i), nickname: `会员${i}`, avatarUrl: 'preset:1', birthday: null, phone: null, tierCode: 'silver', growth: 0, growthByMonth: {}, lifetimeGrowth: 0, vipUntil: null, consent: { policyVersion: consent.policyVersion, acceptedAt: joined }, createdAt: joined, updatedAt: joined },
    });
  }
  cloud.clock.set(NOW);
  const p = await cloud.call<{ post: { postId: string } }>('community', { action: 'createPost', input: { requestId: 'bench-likes-post-0001', text: '今天的手冲：埃塞俄比亚日晒' } }, AUTHOR);
  if (!p.ok) throw new Error(`createPost: ${p.error.code} ${p.error.message}`);
  return p.data.post.postId;
}

async function round(latency: LatencyModel | null): Promise<Round> {
  const cloud = await startBenchCloud();
  try {
    const postId = await seed(cloud);
    const als = countAttempts(cloud);
    cloud.db.setLatency(latency);
    const started = performance.now();
    const calls = await Promise.all(
      Array.from({ length: LIKES }, (_, i) => {
        const store = { attempts: 0 };
        return als.run(store, async () => {
          const t = performance.now();
          const r = await cloud.call('community', { action: 'like', input: { postId, liked: true } }, `liker-${String(i).padStart(4, '0')}`);
          return { r, store, ms: performance.now() - t };
        });
      }),
    );
    const ms = performance.now() - started;
    cloud.db.setLatency(null);
    const ok = calls.filter((c) => c.r.ok);
    const post = (await cloud.db.collection<{ likeCount: number; scored?: { likes: number } }>('posts').doc(postId).get()).data;
    const likes = (await cloud.db.collection('post_likes').where({ postId }).count()).total;
    const activity = (await cloud.db.collection<{ days: Record<string, { lr?: number }> }>('member_activity').doc(AUTHOR).get()).data;
    const lr = activity.days[businessDay(NOW)]?.lr ?? 0;
    const sorted = calls.map((c) => c.ms).sort((a, b) => a - b);
    return {
      ok: ok.length,
      busy: calls.filter((c) => !c.r.ok && c.r.error.code === 'BUSY').length,
      other: calls.filter((c) => !c.r.ok && c.r.error.code !== 'BUSY').length,
      attempts: calls.reduce((s, c) => s + c.store.attempts, 0),
      exact: post.likeCount === ok.length && likes === ok.length && lr === ok.length && post.scored?.likes === ok.length,
      ms,
      p50: sorted[Math.floor(sorted.length / 2)],
      p95: sorted[Math.floor(sorted.length * 0.95)],
      counts: `${post.likeCount} / ${likes} / ${lr}`,
    };
  } finally {
    await cloud.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const model = benchLatency();
  const header = ['Latency', 'Liked', 'BUSY', 'Transaction attempts (whole burst)', 'Counts exact', 'Burst wall time', 'One like: median / p95'];
  const lines = [
    `Measured by \`npm run bench:likes\` (functions from source): ${LIKES} members like one post at the same moment, ${ROUNDS}`,
    `rounds per line: median (min–max) per round. The modelled latency: ${describeLatency(model)}. *Counts exact*: the`,
    "post's counter, the like documents and the author's bucket (likes received) all equal the likes answered OK.",
    '',
    row(header),
    row(header.map(() => '---')),
  ];
  for (const latency of [null, model]) {
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      rounds.push(await round(latency));
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
    writeReadmeSection('likes', section);
    console.log('\nREADME.md: bench:likes section rewritten');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
