/**
 * The nightly community-health metrics on a hand-built fixture: every count and indicator equals the value
 * worked out by hand below; a run stopped by its time budget resumes and ends with the same numbers; the
 * operator reads the history through `admin.communityMetrics`.
 */
import type { CommunityMetricsView } from '../../cloudfunctions/_core/metrics/community-metrics.schema';
import { communityMetricsJob, METRIC_STAGES } from '../../cloudfunctions/_core/metrics/community-metrics.job';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
const D = '2026-11-22'; // yesterday, in Beijing, when the job runs at 10:00 on the 23rd
/** A Beijing day at 12:00 as an instant. */
const at = (day: string) => new Date(`${day}T04:00:00Z`);

async function fixture() {
  const db = cloud.db;
  // 10 members by the end of D: 6 silver, 3 gold, 1 black. m1, m2 joined D-7; m3 D-30; m4 on D; m11 joined after D.
  const joined: Record<string, string> = { m1: '2026-11-15', m2: '2026-11-15', m3: '2026-10-23', m4: D, m11: '2026-11-23' };
  const tier: Record<string, string> = { m7: 'gold', m8: 'gold', m9: 'gold', m10: 'black' };
  for (const id of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11']) {
    await db.collection('members').doc(id).set({ data: { _openid: id, memberNo: `8000000${id.slice(1).padStart(3, '0')}`, tierCode: tier[id] ?? 'silver', createdAt: at(joined[id] ?? '2026-01-01') } });
  }
  let seq = 0;
  const entry = (openid: string, day: string, source: string) =>
    db.collection('point_entries').doc(`e${++seq}`).set({ data: { _openid: openid, seq, day, source, createdAt: at(day) } });
  await entry('m1', '2026-11-18', 'purchase'); // m1 active after joining: retained at 7 days
  await entry('m3', '2026-10-23', 'checkin'); // on the join day itself: does not count
  await entry('m3', '2026-11-01', 'checkin'); // m3 retained at 30 days
  for (const m of ['m1', 'm5', 'm6']) await entry(m, D, 'checkin'); // 3 check-ins on D
  await entry('m7', '2026-11-21', 'checkin'); // the day before: not D's
  const purchase = (id: string, day: string, tierTo: string, amountFen: number, status = 'paid') =>
    db.collection('purchases').doc(id).set({ data: { _openid: 'm1', amountFen, tierTo, status, createdAt: at(day) } });
  await purchase('P1', '2026-11-20', 'black', 30_000);
  await purchase('P2', '2026-11-01', 'gold', 50_000);
  await purchase('P3', D, 'silver', 20_000);
  await purchase('P4', '2026-10-01', 'black', 100_000); // before the 30-day window
  await purchase('P5', '2026-11-10', 'black', 9_999, 'refunded'); // refunded: not GMV
  const coupon = (id: string, day: string, status: string) => db.collection('coupons').doc(id).set({ data: { _openid: 'm1', status, claimedAt: at(day) } });
  await coupon('C1', '2026-11-02', 'used');
  await coupon('C2', '2026-11-12', 'used');
  await coupon('C3', '2026-11-20', 'unused');
  await coupon('C4', '2026-10-25', 'expired');
  await coupon('C5', '2026-09-01', 'used'); // claimed before the window
  const message = (id: string, day: string | null, status: string) =>
    db.collection('message_outbox').doc(id).set({ data: { _openid: 'm1', status, sentAt: day ? at(day) : null } });
  for (const [i, day] of ['2026-11-16', '2026-11-18', '2026-11-19', '2026-11-21', D].entries()) await message(`M${i}`, day, 'sent');
  await message('M8', '2026-11-10', 'sent'); // before the week
  await message('M9', null, 'pending');
  const change = (id: string, day: string, from: string, to: string) => db.collection('tier_changes').doc(id).set({ data: { _openid: 'm1', from, to, at: at(day) } });
  await change('T1', D, 'silver', 'gold');
  await change('T2', D, 'silver', 'gold');
  await change('T3', D, 'gold', 'black');
  await change('T4', '2026-11-21', 'silver', 'gold');
}

// Worked out by hand from the fixture.
const EXPECTED_COUNTS = {
  day: D,
  members: 10,
  newMembers: 1,
  tierSizes: { silver: 7, gold: 3, black: 1 }, // members now: m11, who joined today, is silver too
  tierFlows: { 'silver>gold': 2, 'gold>black': 1 },
  checkIns: 3,
  gmvFen: 100_000, // P1 + P2 + P3
  coreGmvFen: 30_000, // P1 (top tier: black)
  couponsClaimed: 4,
  couponsUsed: 2,
  messagesSent: 5,
  weeklyCap: 2,
  cohort7: 2,
  retained7: 1,
  cohort30: 1,
  retained30: 1,
  community: null,
};
const EXPECTED_INDICATORS = {
  memberDrivenShareBp: null,
  ugcRatioX100: null,
  coreGmvShareBp: 3000, // 30,000 / 100,000
  checkInRateBp: 3000, // 3 / 10
  couponRedemptionBp: 5000, // 2 / 4
  messagesPerMemberWeekX100: 50, // 5 / 10 = 0.5
  weeklyCapX100: 200,
  retention7Bp: 5000, // 1 of 2
  retention30Bp: 10000, // 1 of 1
};

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  await fixture();
});
afterEach(() => cloud.close());

const stored = async () => ((await cloud.db.collection('community_metrics').doc(D).get()).data as unknown as { counts: unknown; done: boolean });

it('counts the fixture as worked out by hand', async () => {
  expect(await communityMetricsJob(cloud.jobContext())).toEqual({ day: D, stages: METRIC_STAGES.length, done: true });
  expect(await stored()).toMatchObject({ counts: EXPECTED_COUNTS, done: true });
  await grantRole(cloud, 'o-op', 'operator', null);
  const view = ok(await cloud.call<CommunityMetricsView>('admin', { action: 'communityMetrics', input: { days: 7 } }, 'o-op'));
  expect(view.history).toHaveLength(1);
  expect(view.history[0].indicators).toEqual(EXPECTED_INDICATORS);
  expect(view.history[0].layers).toEqual([
    { code: 'black', name: '黑金会员', members: 1 },
    { code: 'gold', name: '金卡会员', members: 3 },
    { code: 'silver', name: '银卡会员', members: 7 },
  ]);
  expect(view.history[0].flows).toEqual(expect.arrayContaining([{ from: '银卡会员', to: '金卡会员', members: 2 }, { from: '金卡会员', to: '黑金会员', members: 1 }]));
  expect(view.goals.ugcRatioX100).toBe(200);
});

it('resumes a run stopped by its time budget, stage by stage, to the same numbers; a finished day is left alone', async () => {
  let checks = 0;
  const stopAfter = (n: number) => ({ budgetMs: 1, elapsedMs: () => (checks++ < n ? 0 : 10) });
  expect(await communityMetricsJob(cloud.jobContext(), stopAfter(3))).toEqual({ day: D, stages: 3, done: false });
  expect(await stored()).toMatchObject({ done: false });
  checks = 0;
  expect(await communityMetricsJob(cloud.jobContext(), stopAfter(2))).toEqual({ day: D, stages: 2, done: false });
  checks = 0;
  expect(await communityMetricsJob(cloud.jobContext())).toEqual({ day: D, stages: METRIC_STAGES.length - 5, done: true });
  expect(await stored()).toMatchObject({ counts: EXPECTED_COUNTS, done: true });
  expect(await communityMetricsJob(cloud.jobContext())).toEqual({ day: D, stages: 0, done: true });
});

it('is part of the admin nightly trigger', async () => {
  expect(ok(await cloud.trigger('admin', 'daily'))).toMatchObject({ metrics: { day: D, done: true } });
});
