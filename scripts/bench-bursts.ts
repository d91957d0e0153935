/**
 * `npm run bench:bursts`: how many members of a simultaneous burst on one mall item get an order and how many
 * get BUSY, on the local cloud (built bundles), whose transactions fail as WeChat's do (a write to a document
 * another transaction holds fails at that write; only commit-time conflicts are re-run by the SDK).
 * Compares the SDK alone with our retry (`_platform/transaction-retry.ts`), at the local database's own speed
 * and at the modelled latency (WeChat's operations take milliseconds, so a transaction holds its documents far
 * longer and more of a burst collides). Rewrites the README section between `<!-- bench:bursts -->` markers.
 *
 * Environment: BENCH_LATENCY_MS / BENCH_JITTER_MS / BENCH_MAX_CONCURRENT (default: MODELLED_LATENCY),
 * NO_README=1 to only print.
 */
import { execSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ALL_CONFIGS } from '../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../cloudfunctions/_core/config/operator-config';
import { planEarn } from '../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../cloudfunctions/_core/points/points-ledger.service';
import type { LatencyModel } from '../cloudfunctions/_platform/local/database';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';
import { TRANSACTION_RETRY, type TransactionRetryPolicy } from '../cloudfunctions/_platform/transaction-retry';
import { benchLatency, describeLatency } from './bench/bench-cloud';
import { row, writeReadmeSection } from './bench/readme-section';

const root = resolve(__dirname, '..');
const STOCK = 20;
const MEMBERS = 50;
const ROUNDS = 5;

interface Round {
  orders: number;
  busy: number;
  soldOut: number;
  other: number;
  ms: number;
}

async function round(transactionRetry: TransactionRetryPolicy | null, latency: LatencyModel | null): Promise<Round> {
  const cloud = await LocalCloud.start({ functionsDir: join(root, 'dist/cloudfunctions'), transactionRetry, latency: null });
  try {
    for (const def of ALL_CONFIGS) await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
    await cloud.db.collection(CONFIG_COLLECTION).doc('stores').set({ data: { stores: [{ id: 'S001', name: '静安店', address: '-', pickup: true }] } });
    await cloud.db.collection('mall_items').doc('mug').set({
      data: { title: '品牌马克杯', kind: 'physical', delivery: ['pickup'], pricePoints: 100, stock: STOCK },
    });
    const consent = { policyVersion: (ALL_CONFIGS.find((c) => c.id === 'privacy')?.fallback as { version: string }).version, accepted: true };
    const ids = Array.from({ length: MEMBERS }, (_, i) => `burst-${i}`);
    await Promise.all(
      ids.map(async (id) => {
        const r = await cloud.call('member', { action: 'register', input: { consent, nickname: '压测', avatarUrl: 'preset:1' } }, id);
        if (!r.ok) throw new Error(`register ${id}: ${r.error.code}`);
        const key = `seed:${id}`;
        await cloud.db.runTransaction((tx) =>
          postInTx(tx, id, { key, kind: 'earn', reason: '压测', source: 'bench', sourceId: key, plan: (s) => planEarn(s, { amount: 1000, expiresOn: '2099-12-31' }) }, cloud.clock.now()),
        );
      }),
    );
    // Setting up runs at the local database's speed; the burst meets the network model (all callers share its cap).
    cloud.db.setLatency(latency);
    const started = performance.now();
    const results = await Promise.all(
      ids.map((id, i) =>
        cloud.call('mall', { action: 'redeem', input: { itemId: 'mug', quantity: 1, requestId: `burst-req-${i}`, delivery: { mode: 'pickup', storeId: 'S001' } } }, id),
      ),
    );
    const ms = performance.now() - started;
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    return {
      orders: codes.filter((c) => c === 'OK').length,
      busy: codes.filter((c) => c === 'BUSY').length,
      soldOut: codes.filter((c) => c === 'ITEM_SOLD_OUT').length,
      other: codes.filter((c) => !['OK', 'BUSY', 'ITEM_SOLD_OUT'].includes(c)).length,
      ms,
    };
  } finally {
    await cloud.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const model = benchLatency();
  execSync('npm run -s build:functions', { cwd: root, stdio: 'ignore' });
  const header = ['Transactions', 'Latency', 'Orders', 'BUSY', 'ITEM_SOLD_OUT', 'Other errors', 'Burst wall time'];
  const lines = [
    `Measured by \`npm run bench:bursts\` (built bundles): \`mall.redeem\` of one item with stock ${STOCK}, ${MEMBERS} members at`,
    `once, ${ROUNDS} rounds per line: median (min–max) per round. The modelled latency: ${describeLatency(model)}, shared by`,
    'every caller (the quota is the environment\'s).',
    '',
    row(header),
    row(header.map(() => '---')),
  ];
  const variants: [string, TransactionRetryPolicy | null][] = [
    ['SDK alone (only commit-time conflicts re-run)', null],
    [`our retry (mall.redeem: 10 re-runs, jitter ${TRANSACTION_RETRY.baseDelayMs}–${TRANSACTION_RETRY.maxDelayMs} ms)`, TRANSACTION_RETRY],
  ];
  for (const latency of [null, model]) {
    for (const [label, policy] of variants) {
      const rounds: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await round(policy, latency));
      const col = (f: (r: Round) => number) => {
        const xs = rounds.map(f);
        return `${median(xs)} (${Math.min(...xs)}–${Math.max(...xs)})`;
      };
      const trip = latency ? `${latency.opMs} ± ${latency.jitterMs} ms` : '0 ms';
      lines.push(
        row([label, trip, col((r) => r.orders), col((r) => r.busy), col((r) => r.soldOut), rounds.reduce((s, r) => s + r.other, 0), `${median(rounds.map((r) => r.ms)).toFixed(0)} ms`]),
      );
      console.log(lines.at(-1));
    }
  }
  const section = lines.join('\n');
  console.log(`\n${section}`);
  if (!process.env.NO_README) {
    writeReadmeSection('bursts', section);
    console.log('\nREADME.md: bench:bursts section rewritten');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
