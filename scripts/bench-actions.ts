/**
 * Database operations per action and registration throughput, on the local cloud running the built
 * function bundles. `npm run bench` (builds the functions first). Numbers go into the README.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { seedDemoBrand } from '../cloudfunctions/_platform/local/demo-seed';
import { LocalCloud } from '../cloudfunctions/_platform/local/local-cloud';

const root = resolve(__dirname, '..');

async function main(): Promise<void> {
  execSync('npm run -s build:functions', { cwd: root, stdio: 'ignore' });
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-bench-'));
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(root, 'dist/cloudfunctions') });
  await seedDemoBrand(cloud);
  const consent = { policyVersion: '2026-11-01', accepted: true };

  const measure = async (label: string, run: () => Promise<{ ok: boolean }>) => {
    cloud.db.resetStats();
    const res = await run();
    if (!res.ok) throw new Error(`${label} failed: ${JSON.stringify(res)}`);
    const s = cloud.db.stats();
    console.log(`| ${label} | ${s.reads} | ${s.writes} | ${s.queries} | ${s.transactions} |`);
  };

  console.log('| action | reads | writes | queries | transactions |');
  console.log('|---|---|---|---|---|');
  await measure('member.register (new)', () =>
    cloud.call('member', { action: 'register', input: { consent, nickname: '压测', avatarUrl: 'preset:1' } }, 'bench-1'),
  );
  await measure('member.register (repeat)', () =>
    cloud.call('member', { action: 'register', input: { consent, nickname: '压测', avatarUrl: 'preset:1' } }, 'bench-1'),
  );
  await measure('member.center', () => cloud.call('member', { action: 'center', input: {} }, 'bench-1'));
  await measure('member.card', () => cloud.call('member', { action: 'card', input: {} }, 'bench-1'));
  await measure('member.updateProfile (birthday)', () =>
    cloud.call('member', { action: 'updateProfile', input: { birthday: { month: 5, day: 20 } } }, 'bench-1'),
  );
  const lin = (await cloud.db.collection<{ memberNo: string }>('members').doc('dev-member-lin').get()).data;
  await measure('staff.correctBirthday', () =>
    cloud.call(
      'staff',
      { action: 'correctBirthday', input: { requestId: 'bench-req-0001', memberNo: lin.memberNo, birthday: { month: 1, day: 1 }, reason: '压测' } },
      'dev-clerk-wang',
    ),
  );

  await measure('points.checkIn', () => cloud.call('points', { action: 'checkIn', input: {} }, 'bench-1'));
  await measure('points.summary', () => cloud.call('points', { action: 'summary', input: {} }, 'bench-1'));
  await measure('points.history (20)', () => cloud.call('points', { action: 'history', input: {} }, 'bench-1'));
  await measure('member.code', () => cloud.call('member', { action: 'code', input: {} }, 'bench-1'));
  const code = (await cloud.call<{ token: string }>('member', { action: 'code', input: {} }, 'bench-1')) as { ok: true; data: { token: string } };
  let visitId = '';
  await measure('staff.scanMember', async () => {
    const r = await cloud.call<{ visitId: string }>('staff', { action: 'scanMember', input: { code: code.data.token } }, 'dev-clerk-wang');
    if (r.ok) visitId = r.data.visitId;
    return r;
  });
  await measure('staff.recordPurchase', () =>
    cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'BENCH-0001', amountFen: 12_800 } }, 'dev-clerk-wang'),
  );
  await measure('staff.recordPurchase (repeat)', () =>
    cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'BENCH-0001', amountFen: 12_800 } }, 'dev-clerk-wang'),
  );
  await measure('staff.refundPurchase', () =>
    cloud.call('staff', { action: 'refundPurchase', input: { orderNo: 'BENCH-0001', requestId: 'bench-refund-1', reason: '压测' } }, 'dev-clerk-wang'),
  );

  const n = 2000;
  const concurrency = 50;
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += concurrency) {
    await Promise.all(
      Array.from({ length: concurrency }, (_, j) =>
        cloud.call('member', { action: 'register', input: { consent, nickname: `会员${i + j}`, avatarUrl: 'preset:2' } }, `bench-r-${i + j}`),
      ),
    );
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`\nregistrations: ${n} in ${ms.toFixed(0)} ms (${((n / ms) * 1000).toFixed(0)}/s, ${concurrency} concurrent, journaled to disk)`);
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
