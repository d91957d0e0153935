/**
 * `npm run bench:groupbuy`: database operations per group-buy step (join, a member's payment, the payment
 * that completes a group, a flash-sale buy, the expiry of one group), then the minutely timer on GROUPS
 * (default 10,000) groups expiring at once, each with a paid leader and a paid member to refund: wall time
 * per run and how many runs it takes within the 60 s limit (budget 50 s). Journaled to a temporary data
 * folder like `npm start`. Numbers go into the README.
 *
 * Environment: GROUPS (default 10000), BUDGET_MS (default 50000), CONCURRENCY (default 10).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { groupBuyJob, type GroupBuyJobResult } from '../cloudfunctions/_core/groupbuy/groupbuy.job';
import type { JoinView, PlacedView } from '../cloudfunctions/_core/groupbuy/groupbuy.schema';
import type { Result } from '../cloudfunctions/_core/shared/errors';
import { LocalCloud, type FunctionMain } from '../cloudfunctions/_platform/local/local-cloud';
import { planEarn } from '../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../cloudfunctions/_core/points/points-ledger.service';
import { seedExpiringGroup } from './bench/expiring-groups';
import { ALL_CONFIGS } from '../cloudfunctions/_core/config/config-registry';
import { CONFIG_COLLECTION } from '../cloudfunctions/_core/config/operator-config';

const root = resolve(__dirname, '..');
const GROUPS = Number(process.env.GROUPS || 10_000);
const BUDGET_MS = Number(process.env.BUDGET_MS || 50_000);
const CONCURRENCY = Number(process.env.CONCURRENCY || 10);
const T0 = new Date('2026-11-23T02:00:00Z');
const consent = { policyVersion: '2026-11-01', accepted: true };
const pickup = { mode: 'pickup', storeId: 'S001' };

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-bench-gb-'));
  const cloud = await LocalCloud.start({
    dataDir,
    functionsDir: join(root, 'cloudfunctions'),
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loadMain: (fn) => (require(join(root, 'cloudfunctions', fn, 'index.ts')) as { main: FunctionMain }).main,
  });
  try {
    cloud.clock.set(T0);
    for (const def of ALL_CONFIGS) await cloud.db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
    for (const id of ['b-lead', 'b-m1', 'b-m2', 'b-m3', 'b-m4', 'b-buyer']) {
      must(await cloud.call('member', { action: 'register', input: { consent, nickname: id, avatarUrl: 'preset:1' } }, id), 'register');
    }
    const deal = { title: '压测团', singlePriceFen: 9900, groupPriceFen: 5990, groupSize: 3, windowHours: 24, stock: 3_000_000, perMember: 5, delivery: ['pickup'] };
    await cloud.db.collection('group_deals').doc('bench').set({ data: deal });
    await cloud.db.collection('flash_sales').doc('bench').set({
      data: { title: '压测秒杀', originalPriceFen: 9900, priceFen: 4900, stock: 100, startAt: '2026-11-23 09:00', perMember: 1, delivery: ['pickup'] },
    });
    const gb = <T>(action: string, input: unknown, openid: string) => cloud.call<T>('groupbuy', { action, input }, openid);

    const rows: string[] = ['| step | reads | writes | queries | transactions |', '|---|---|---|---|---|'];
    const measure = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
      cloud.db.resetStats();
      const out = await run();
      const s = cloud.db.stats();
      rows.push(`| ${label} | ${s.reads} | ${s.writes} | ${s.queries} | ${s.transactions} |`);
      return out;
    };
    const opened = must(await measure('groupbuy.open', () => gb<PlacedView>('open', { dealId: 'bench', requestId: 'bench-open-1', delivery: pickup }, 'b-lead')), 'open');
    await cloud.payments.pay(opened.order.orderNo);
    must(await measure('groupbuy.confirm (leader: opens the group)', () => gb('confirm', { orderNo: opened.order.orderNo }, 'b-lead')), 'confirm');
    const groupId = opened.order.groupId!;
    const j1 = must(await measure('groupbuy.join', () => gb<JoinView>('join', { groupId, dealId: 'bench', requestId: 'bench-join-1', delivery: pickup }, 'b-m1')), 'join');
    if (j1.status !== 'joined') throw new Error('join');
    await cloud.payments.pay(j1.order.orderNo);
    must(await measure('groupbuy.confirm (member)', () => gb('confirm', { orderNo: j1.order.orderNo }, 'b-m1')), 'confirm');
    const j2 = must(await gb<JoinView>('join', { groupId, dealId: 'bench', requestId: 'bench-join-2', delivery: pickup }, 'b-m2'), 'join');
    if (j2.status !== 'joined') throw new Error('join');
    await cloud.payments.pay(j2.order.orderNo);
    must(await measure('groupbuy.confirm (last member: completes, 3 × points, settles)', () => gb('confirm', { orderNo: j2.order.orderNo }, 'b-m2')), 'confirm');
    await measure('groupbuy.join (group full: alternatives offered)', () => gb('join', { groupId, dealId: 'bench', requestId: 'bench-join-3', delivery: pickup }, 'b-m3'));
    await measure('groupbuy.group (page)', () => gb('group', { groupId }, 'b-m3'));

    // One group that expires with a paid leader and a paid member.
    const o2 = must(await gb<PlacedView>('open', { dealId: 'bench', requestId: 'bench-open-2', delivery: pickup }, 'b-m3'), 'open');
    await cloud.payments.pay(o2.order.orderNo);
    must(await gb('confirm', { orderNo: o2.order.orderNo }, 'b-m3'), 'confirm');
    const j4 = must(await gb<JoinView>('join', { groupId: o2.order.groupId!, dealId: 'bench', requestId: 'bench-join-4', delivery: pickup }, 'b-m4'), 'join');
    if (j4.status !== 'joined') throw new Error('join');
    await cloud.payments.pay(j4.order.orderNo);
    must(await gb('confirm', { orderNo: j4.order.orderNo }, 'b-m4'), 'confirm');
    cloud.clock.set(new Date(T0.getTime() + 25 * 3600_000));
    await measure('timer: expiry of one group (2 paid members refunded)', () => groupBuyJob(cloud.jobContext()));
    await measure('groupbuy.flashBuy', () => gb('flashBuy', { saleId: 'bench', requestId: 'bench-flash-1', delivery: pickup }, 'b-buyer'));
    // The points mall's redeem on the same conditional counters.
    await cloud.db.collection('mall_items').doc('bench').set({ data: { title: '压测杯', kind: 'physical', delivery: ['pickup'], pricePoints: 100, stock: 100 } });
    await cloud.db.runTransaction((tx) =>
      postInTx(tx, 'b-buyer', { key: 'bench-points', kind: 'earn', reason: '压测', source: 'bench', sourceId: 'bench', plan: (st) => planEarn(st, { amount: 1000, expiresOn: null }) }, cloud.clock.now()),
    );
    const redeem = () => cloud.call('mall', { action: 'redeem', input: { itemId: 'bench', quantity: 1, requestId: 'bench-redeem-1', delivery: pickup } }, 'b-buyer');
    await measure('mall.redeem', redeem);
    await measure('mall.redeem (repeat)', redeem);
    console.log(rows.join('\n'));

    // ---- 10,000 groups expiring at once ----
    const expiresAt = new Date(T0.getTime() + 48 * 3600_000);
    const t0 = Date.now();
    const now = new Date(expiresAt.getTime() - 24 * 3600_000);
    for (let i = 0; i < GROUPS; i += 500) {
      const batch: Promise<unknown>[] = [];
      for (let k = i; k < Math.min(GROUPS, i + 500); k++) batch.push(seedExpiringGroup(cloud, k, now, expiresAt));
      await Promise.all(batch);
    }
    await cloud.db.collection('deal_stock').doc('group:bench').update({ data: { sold: cloud.db.command.inc(GROUPS * 3) } });
    console.log(`\nseeded ${GROUPS} expiring groups (${GROUPS * 2} paid orders) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    cloud.clock.set(new Date(expiresAt.getTime() + 30_000));
    cloud.db.resetStats();
    const runs: GroupBuyJobResult[] = [];
    const wall0 = Date.now();
    for (let run = 1; run <= 20; run++) {
      const r = await groupBuyJob(cloud.jobContext(), { budgetMs: BUDGET_MS, concurrency: CONCURRENCY });
      runs.push(r);
      console.log(`run ${run}: ${(r.ms / 1000).toFixed(1)} s, expired ${r.expired}, refunded ${r.refunded}, failures ${r.failures}, done ${r.done}`);
      if (r.done) break;
      cloud.clock.advance(60_000);
    }
    const s = cloud.db.stats();
    const total = (Date.now() - wall0) / 1000;
    const failed = (await cloud.db.collection('groups').where({ status: 'failed' }).count()).total;
    const refunded = (await cloud.db.collection('deal_orders').where({ status: 'refunded' }).count()).total;
    const stock = (await cloud.db.collection('deal_stock').doc('group:bench').get()).data.sold;
    console.log(
      `\n${GROUPS} expiring groups: ${runs.length} run(s), ${total.toFixed(1)} s in all (${(GROUPS / total).toFixed(0)} groups/s); ` +
        `failed ${failed}, orders refunded ${refunded}; per group ${(s.reads / GROUPS).toFixed(1)} reads, ${(s.writes / GROUPS).toFixed(1)} writes, ` +
        `${(s.queries / GROUPS).toFixed(1)} queries, ${(s.transactions / GROUPS).toFixed(1)} transactions, ${s.conflicts} conflicts; stock left reserved ${stock}`,
    );
  } finally {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
