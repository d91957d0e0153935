import { checkLedger } from '../../cloudfunctions/_core/points/ledger-check.service';
import { planEarn } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { PointAccountRecord, PointEntryRecord } from '../../cloudfunctions/_core/points/points.record';
import { releaseAndExpireJob } from '../../cloudfunctions/_core/points/release-and-expire.job';
import type { BatchOptions } from '../../cloudfunctions/_core/shared/batch-job';
import type { PurchaseRecordedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';

let cloud: LocalCloud;
let errors: { event: string; fields?: Record<string, unknown> }[];

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud); // purchases: 1 point per yuan, 7 days pending; expiry: end of next year
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, Monday Nov 23
  errors = [];
});
afterEach(() => cloud.close());

const jobContext = () =>
  cloud.jobContext({ log: { info: () => undefined, warn: () => undefined, error: (event, fields) => errors.push({ event, fields }) } });
const runJob = (opts?: BatchOptions) => releaseAndExpireJob(jobContext(), opts);

const register = async (openid: string) => ok(await cloud.call('member', { action: 'register', input: registration() }, openid));
const summary = async (openid: string) => ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, openid));
const account = async (openid: string) => (await cloud.db.collection<PointAccountRecord>('point_accounts').doc(openid).get()).data;

/** Earns through the ledger service, as a use case would (purchases pend until `availableOn`). */
const earn = (openid: string, key: string, amount: number, expiresOn: string | null, availableOn: string | null = null) =>
  cloud.db.runTransaction((tx) =>
    postInTx(
      tx,
      openid,
      { key, kind: 'earn', reason: '测试', source: 'test', sourceId: key, plan: (s) => planEarn(s, { amount, expiresOn, availableOn, sourceId: key }) },
      cloud.clock.now(),
    ),
  );

describe('release of pending purchase points', () => {
  it('releases on the day the after-sale window ends, once, through the timer', async () => {
    await register('o-m');
    await grantRole(cloud, 'o-clerk', 'clerk');
    const visitId = await openVisit(cloud, 'o-m', 'o-clerk');
    const bought = ok(await cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'R1001', amountFen: 12_800 } }, 'o-clerk'));
    expect(bought.pendingUntil).toBe('2026-11-30');

    cloud.clock.set(new Date('2026-11-29T15:59:59Z')); // 23:59:59 Beijing, Nov 29: still pending
    expect(await runJob()).toMatchObject({ processed: 0, entries: 0, done: true });
    expect(await summary('o-m')).toMatchObject({ balance: 0, pending: 128 });

    cloud.clock.set(new Date('2026-11-29T16:05:00Z')); // 00:05 Beijing, Nov 30: the timer's time
    const fired = await cloud.trigger('points', 'daily');
    expect(fired).toMatchObject({ ok: true, data: { processed: 1, entries: 1, failed: 0, done: true } });
    expect(await account('o-m')).toMatchObject({ balance: 128, pending: 0, seq: 2, nextDueOn: '2028-01-01' });
    const release = (await cloud.db.collection<PointEntryRecord>('point_entries').where({ _openid: 'o-m', kind: 'release' }).get()).data;
    expect(release).toHaveLength(1);
    expect(release[0]).toMatchObject({ seq: 2, delta: 128, pendingDelta: -128, day: '2026-11-30' });

    expect(await runJob()).toMatchObject({ processed: 0, entries: 0, done: true }); // a re-trigger changes nothing
    expect((await checkLedger(cloud.db)).mismatches).toEqual([]);
  });

  it('is the points function timer: every 10 minutes from 00:05 to 05:55 Beijing, so an unfinished run resumes that night', async () => {
    expect(cloud.triggers()).toContainEqual({ fn: 'points', name: 'daily', cron: '0 5/10 0-5 * * * *' });
    const { firesBetween } = await import('../../cloudfunctions/_platform/local/timer-schedule');
    const fires = firesBetween('0 5/10 0-5 * * * *', new Date('2026-11-29T15:00:00Z'), new Date('2026-11-30T15:00:00Z'));
    expect(fires).toHaveLength(36);
    expect(fires[0].toISOString()).toBe('2026-11-29T16:05:00.000Z');
    expect(fires[35].toISOString()).toBe('2026-11-29T21:55:00.000Z');
  });
});

describe('expiry at the day boundary', () => {
  beforeEach(async () => {
    await register('o-m');
    ok(await cloud.call('points', { action: 'checkIn', input: {} }, 'o-m')); // 5 points, usable through 2027-12-31
  });

  it('warns about an expiry only within the notice horizon (30 days by default), never 13 months early', async () => {
    expect(await summary('o-m')).toEqual({ balance: 5, pending: 0, owed: 0, expiring: null });
    cloud.clock.set(new Date('2027-12-01T02:00:00Z')); // 30 days before the last day
    expect(await summary('o-m')).toEqual({ balance: 5, pending: 0, owed: 0, expiring: { points: 5, on: '2027-12-31' } });
    cloud.clock.set(new Date('2027-11-30T02:00:00Z')); // 31 days before
    expect((await summary('o-m')).expiring).toBeNull();
  });

  it('never counts pending points as expiring, and follows the operator horizon', async () => {
    await cloud.db.collection('app_config').doc('earn_rules').update({ data: { expiryNoticeDays: 365 } });
    cloud.clock.set(new Date('2027-01-05T02:00:00Z')); // 360 days before the check-in points' last day
    await grantRole(cloud, 'o-clerk', 'clerk');
    const visitId = await openVisit(cloud, 'o-m', 'o-clerk');
    ok(await cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo: 'EXP-0001', amountFen: 50_000 } }, 'o-clerk'));
    // The purchase's 500 points are pending (they expire 2028-12-31, and are not usable yet): only the 5 active count.
    expect(await summary('o-m')).toEqual({ balance: 5, pending: 500, owed: 0, expiring: { points: 5, on: '2027-12-31' } });
  });

  it('keeps points usable through their last Beijing day and expires them the next', async () => {
    cloud.clock.set(new Date('2027-12-31T15:59:59Z')); // 23:59:59 Beijing, Dec 31: the last day
    expect(await summary('o-m')).toMatchObject({ balance: 5 });
    expect(await runJob()).toMatchObject({ processed: 0, entries: 0, done: true });
    expect((await account('o-m')).balance).toBe(5);

    cloud.clock.set(new Date('2027-12-31T16:00:00Z')); // 00:00 Beijing, Jan 1
    expect(await summary('o-m')).toMatchObject({ balance: 0, expiring: null }); // even before the job ran
    expect(await runJob()).toMatchObject({ processed: 1, entries: 1, done: true });
    expect(await account('o-m')).toMatchObject({ balance: 0, lots: [], nextDueOn: null, seq: 2 });
    expect(await count(cloud, 'point_entries', { _openid: 'o-m', kind: 'expire', delta: -5, day: '2028-01-01' })).toBe(1);
    expect((await checkLedger(cloud.db)).mismatches).toEqual([]);
  });
});

describe('paging, time budget and resume', () => {
  const members = Array.from({ length: 25 }, (_, i) => `o-m${String(i).padStart(2, '0')}`);

  beforeEach(async () => {
    for (const [i, openid] of members.entries()) {
      await register(openid);
      await earn(openid, `order:${i}`, 100 + i, '2027-12-31', '2026-11-30'); // pending until Nov 30
      await earn(openid, `gift:${i}`, 10, '2026-11-29'); // usable through Nov 29
    }
    cloud.clock.set(new Date('2026-11-30T01:00:00Z')); // Nov 30 Beijing: everyone is due (release + expiry)
  });

  it('stops when the budget is spent, reports done: false, and the next run finishes', async () => {
    expect(await runJob({ budgetMs: 0 })).toMatchObject({ processed: 0, done: false });

    let ticks = 0; // a fake elapsed-time source: every budget check costs 1 ms
    const first = await runJob({ pageSize: 10, concurrency: 3, budgetMs: 12, elapsedMs: () => ticks++ });
    expect(first.done).toBe(false);
    expect(first.processed).toBeGreaterThan(0);
    expect(first.processed).toBeLessThan(members.length);

    const second = await runJob({ pageSize: 10, concurrency: 3 });
    expect(second.done).toBe(true);
    expect(first.processed + second.processed).toBe(members.length);
    expect(first.entries + second.entries).toBe(2 * members.length);
    expect(await runJob()).toMatchObject({ processed: 0, entries: 0, done: true });

    for (const [i, openid] of members.entries()) expect(await account(openid)).toMatchObject({ balance: 100 + i, pending: 0, nextDueOn: '2028-01-01' });
    expect(await count(cloud, 'point_entries', { kind: 'release' })).toBe(members.length);
    expect(await count(cloud, 'point_entries', { kind: 'expire' })).toBe(members.length);
    expect(await checkLedger(cloud.db)).toMatchObject({ accounts: members.length, entries: 4 * members.length, mismatches: [] });
  });

  it('moves past an account that keeps matching instead of spinning on it', async () => {
    await runJob();
    // A stale nextDueOn (nothing is due) and a broken document both stay due after their turn.
    await cloud.db.collection('point_accounts').doc('o-m03').update({ data: { nextDueOn: '2026-01-01' } });
    await cloud.db.collection('point_accounts').doc('o-m07').update({ data: { nextDueOn: '2026-01-01', lots: null } });
    cloud.db.resetStats();
    const run = await runJob({ pageSize: 1 });
    expect(run).toMatchObject({ processed: 1, entries: 0, failed: 1, done: true });
    expect(cloud.db.stats().queries).toBe(3); // o-m03, o-m07, then nothing left
    expect(errors).toEqual([{ event: 'points.housekeep.failed', fields: { account: '…', err: expect.objectContaining({ name: 'TypeError' }) } }]);
  });

  it('races members checking in at the same moment without losing or doubling an entry', async () => {
    const [run] = await Promise.all([
      runJob({ concurrency: 10 }),
      ...members.map((openid) => cloud.call('points', { action: 'checkIn', input: {} }, openid)),
    ]);
    expect(run).toMatchObject({ failed: 0, done: true });
    // Whoever came first housekept: the job, or the check-in inside its own transaction.
    expect(await count(cloud, 'point_entries', { kind: 'release' })).toBe(members.length);
    expect(await count(cloud, 'point_entries', { kind: 'expire' })).toBe(members.length);
    expect(await count(cloud, 'point_entries', { source: 'checkin' })).toBe(members.length);
    expect((await checkLedger(cloud.db)).mismatches).toEqual([]);
  });
});

describe('ledger check', () => {
  beforeEach(async () => {
    for (const openid of ['o-a', 'o-b', 'o-c']) {
      await register(openid);
      ok(await cloud.call('points', { action: 'checkIn', input: {} }, openid));
      await earn(openid, `order:${openid}`, 300, '2027-12-31', '2026-11-30');
    }
    cloud.clock.set(new Date('2026-11-30T01:00:00Z'));
    await runJob();
  });

  it('passes on a clean ledger', async () => {
    expect(await checkLedger(cloud.db, { pageSize: 2 })).toEqual({ accounts: 3, entries: 9, mismatches: [] });
  });

  it('finds a deliberately corrupted account, entry and orphan', async () => {
    await cloud.db.collection('point_accounts').doc('o-b').update({ data: { balance: cloud.db.command.inc(1000) } });
    await cloud.db.collection('point_entries').doc('checkin:o-c:2026-11-23').update({ data: { 'effects.add.0.amount': 50 } });
    await cloud.db.collection('point_entries').doc('ghost').set({ data: { _openid: 'o-zz', seq: 1, effects: { add: [], take: [], owedDelta: 0 }, delta: 0, pendingDelta: 0, owedDelta: 0 } });
    const { mismatches } = await checkLedger(cloud.db, { pageSize: 2 });
    expect(mismatches).toEqual([
      { openid: 'o-b', problem: 'account balance 1305, ledger gives 305' },
      { openid: 'o-c', problem: expect.stringContaining('entry checkin:o-c:2026-11-23 (seq 1): stored delta/pending/owed 5/0/0, its effects give 50/0/0') },
      { openid: 'o-c', problem: expect.stringMatching(/^account balance 305, ledger gives 350/) },
      { openid: 'o-c', problem: expect.stringMatching(/^account lots/) },
      { openid: 'o-zz', problem: '1 ledger entries but no point account' },
    ]);
  });

  it('finds an entry that takes more than a lot holds, and a missing entry', async () => {
    await cloud.db.collection('point_entries').doc('release:o-a:3').update({ data: { 'effects.take.0.amount': 400 } });
    await cloud.db.collection('point_entries').doc('order:o-b').remove();
    const problems = (await checkLedger(cloud.db)).mismatches.map((m) => `${m.openid}: ${m.problem}`);
    expect(problems).toEqual([
      'o-a: entry release:o-a:3 (seq 3): its effects do not apply: cannot take 400 from lot p:order:o-a',
      'o-b: entry release:o-b:3 (seq 3): expected seq 2 (a gap or a duplicate in the ledger)',
      'o-b: account seq 3, ledger has 2 entries',
    ]);
  });
});
