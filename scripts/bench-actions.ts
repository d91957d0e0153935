/**
 * Database operations per action (on a cold function instance and on a warm one, whose config cache is
 * filled) and registration throughput, on the local cloud running the built function bundles.
 * `npm run bench` (builds the functions first). Numbers go into the README.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { planEarn } from '../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../cloudfunctions/_core/points/points-ledger.service';
import type { Result } from '../cloudfunctions/_core/shared/errors';
import type { DatabaseStats } from '../cloudfunctions/_platform/local/database';
import { seedDemoBrand } from '../cloudfunctions/_platform/local/demo-seed';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';

const root = resolve(__dirname, '..');

type Call = <T = unknown>(fn: string, action: string, input: unknown, openid: string) => Promise<Result<T>>;
interface Row {
  label: string;
  stats: DatabaseStats;
}

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what} failed: ${r.error.code} ${r.error.message}`);
  return r.data;
};

/**
 * Every measured action once, for a member of its own (`p`): `beforeEach` runs before each measured call
 * (a cold start, or nothing for a warm instance). Unmeasured calls set up what the next one needs.
 */
async function scenario(cloud: LocalCloud, p: string, beforeEach: () => void): Promise<Row[]> {
  const rows: Row[] = [];
  const call: Call = (fn, action, input, openid) => cloud.call(fn, { action, input }, openid);
  const measure = async <T>(label: string, run: () => Promise<Result<T>>): Promise<T> => {
    beforeEach();
    cloud.db.resetStats();
    const res = await run();
    rows.push({ label, stats: cloud.db.stats() });
    return must(res, label);
  };
  const member = `${p}-member`;
  const clerk = 'dev-clerk-wang';
  const consent = { policyVersion: '2026-11-01', accepted: true };
  const registration = { consent, nickname: '压测', avatarUrl: 'preset:1' };

  await measure('member.register (new)', () => call('member', 'register', registration, member));
  await measure('member.register (repeat)', () => call('member', 'register', registration, member));
  await measure('member.center', () => call('member', 'center', {}, member));
  await measure('member.card', () => call('member', 'card', {}, member));
  await measure('member.code', () => call('member', 'code', {}, member));
  await measure('member.updateProfile (birthday)', () => call('member', 'updateProfile', { birthday: { month: 5, day: 20 } }, member));
  const { memberNo } = (await cloud.db.collection<{ memberNo: string }>('members').doc(member).get()).data;
  await measure('staff.correctBirthday', () =>
    call('staff', 'correctBirthday', { requestId: `${p}-birthday-01`, memberNo, birthday: { month: 1, day: 1 }, reason: '压测' }, clerk),
  );
  await measure('points.checkIn', () => call('points', 'checkIn', {}, member));
  await measure('points.summary', () => call('points', 'summary', {}, member));
  await measure('points.history (20)', () => call('points', 'history', {}, member));

  const code = must(await call<{ token: string }>('member', 'code', {}, member), 'member.code');
  const { visitId } = await measure('staff.scanMember', () => call<{ visitId: string }>('staff', 'scanMember', { code: code.token }, clerk));
  const purchase = { visitId, orderNo: `${p}-ORDER-1`, amountFen: 12_800 };
  await measure('staff.recordPurchase', () => call('staff', 'recordPurchase', purchase, clerk));
  await measure('staff.recordPurchase (repeat)', () => call('staff', 'recordPurchase', purchase, clerk));
  await measure('staff.refundPurchase', () =>
    call('staff', 'refundPurchase', { orderNo: purchase.orderNo, requestId: `${p}-refund-01`, reason: '压测' }, clerk),
  );

  await measure('vip.offer', () => call('vip', 'offer', {}, member));
  const order = await measure('vip.buy', () => call<{ outTradeNo: string }>('vip', 'buy', { requestId: `${p}-vip-0001` }, member));
  await cloud.payments.pay(order.outTradeNo);
  await measure('vip.confirm (first)', () => call('vip', 'confirm', { outTradeNo: order.outTradeNo }, member));

  await measure('coupons.center', () => call('coupons', 'center', {}, member));
  await measure('coupons.claim (first of a template)', () => call('coupons', 'claim', { templateId: 'WELCOME30', requestId: `${p}-claim-01` }, member));
  await measure('coupons.claim (member’s next claim)', () => call('coupons', 'claim', { templateId: 'COFFEE85', requestId: `${p}-claim-02` }, member));
  await measure('coupons.claim (retry of the same request)', () => call('coupons', 'claim', { templateId: 'COFFEE85', requestId: `${p}-claim-02` }, member));
  const mine = must(await call<{ coupons: { couponId: string }[] }>('coupons', 'mine', { status: 'unused' }, member), 'coupons.mine');
  const couponCode = must(await call<{ token: string }>('coupons', 'code', { couponId: mine.coupons[0].couponId }, member), 'coupons.code');
  const redemptionNo = `${p}-RD-0001`;
  await measure('coupons.redeem', () => call('coupons', 'redeem', { code: couponCode.token, redemptionNo, orderFen: 30_000 }, clerk));
  await measure('coupons.undoRedeem', () => call('coupons', 'undoRedeem', { redemptionNo, reason: '压测' }, clerk));

  await cloud.db.runTransaction((tx) =>
    postInTx(tx, member, { key: `${p}:gift`, kind: 'earn', reason: '压测', source: 'bench', sourceId: p, plan: (s) => planEarn(s, { amount: 5_000, expiresOn: '2099-12-31' }) }, cloud.clock.now()),
  );
  await measure('mall.items (3 items)', () => call('mall', 'items', {}, member));
  const redeem = { itemId: 'MUG', quantity: 1, requestId: `${p}-mall-0001`, delivery: { mode: 'pickup', storeId: 'S001' } };
  const redeemed = await measure('mall.redeem', () => call<{ order: { orderNo: string } }>('mall', 'redeem', redeem, member));
  await measure('mall.redeem (repeat)', () => call('mall', 'redeem', redeem, member));
  const pickupCode = must(await call<{ token: string }>('mall', 'orderCode', { orderNo: redeemed.order.orderNo }, member), 'mall.orderCode');
  await measure('mall.pickup', () => call('mall', 'pickup', { code: pickupCode.token }, clerk));
  const second = must(await call<{ order: { orderNo: string } }>('mall', 'redeem', { ...redeem, requestId: `${p}-mall-0002` }, member), 'mall.redeem');
  await measure('mall.cancel', () => call('mall', 'cancel', { orderNo: second.order.orderNo }, member));
  return rows;
}

async function main(): Promise<void> {
  execSync('npm run -s build:functions', { cwd: root, stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-bench-'));
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'dist/cloudfunctions') });
  await seedDemoBrand(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, one instant for both passes

  // Once to create what only a first-ever call creates (the coupon and mall stock documents), then each call
  // on a cold instance, then once more to warm every function's instance, then the same calls (for another
  // member) on the warm instances. The clock stands still, so no cached copy expires meanwhile.
  await scenario(cloud, 'bench-setup', () => {});
  const cold = await scenario(cloud, 'bench-cold', () => cloud.coldStart());
  await scenario(cloud, 'bench-warmup', () => {});
  const warm = await scenario(cloud, 'bench-warm', () => {});
  const arrow = (a: number, b: number) => (a === b ? String(a) : `${a} → ${b}`);
  console.log('| action | reads (cold → warm) | writes | queries (cold → warm) | transactions |');
  console.log('|---|---|---|---|---|');
  cold.forEach((c, i) => {
    const w = warm[i].stats;
    if (warm[i].label !== c.label || w.writes !== c.stats.writes || w.transactions !== c.stats.transactions) {
      throw new Error(`the passes differ at ${c.label}`);
    }
    console.log(`| \`${c.label}\` | ${arrow(c.stats.reads, w.reads)} | ${w.writes} | ${arrow(c.stats.queries, w.queries)} | ${w.transactions} |`);
  });
  cloud.clock.reset();

  const consent = { policyVersion: '2026-11-01', accepted: true };
  const n = 2000;
  const concurrency = 50;
  cloud.db.resetStats();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += concurrency) {
    await Promise.all(
      Array.from({ length: concurrency }, (_, j) =>
        cloud.call('member', { action: 'register', input: { consent, nickname: `会员${i + j}`, avatarUrl: 'preset:2' } }, `bench-r-${i + j}`),
      ),
    );
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `\nregistrations: ${n} in ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)}/s, ${concurrency} concurrent, journaled to disk; ${cloud.db.stats().conflicts} conflicts)`,
  );
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
