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
  // The core users are the 超级用户 layer (m9, m10), whatever their tier: m7 is black-tier but not super.
  for (const [id, layers] of [['m9', ['super']], ['m10', ['super', 'high_value']], ['m7', ['high_value']]] as const) {
    await db.collection('member_layers').doc(id).set({ data: { _openid: id, day: D, layers: [...layers], total: 100, before: [], updatedAt: at(D) } });
  }
  const purchase = (id: string, openid: string, day: string, tierTo: string, amountFen: number, status = 'paid') =>
    db.collection('purchases').doc(id).set({ data: { _openid: openid, amountFen, tierTo, status, createdAt: at(day) } });
  await purchase('P1', 'm10', '2026-11-20', 'gold', 30_000);
  await purchase('P2', 'm7', '2026-11-01', 'black', 50_000);
  await purchase('P3', 'm1', D, 'silver', 20_000);
  await purchase('P4', 'm10', '2026-10-01', 'black', 100_000); // before the 30-day window
  await purchase('P5', 'm9', '2026-11-10', 'black', 9_999, 'refunded'); // refunded: not GMV
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

  // The community. op1 is an operator (official); op2's operator role is inactive (a member like any other).
  await db.collection('roles').doc('op1').set({ data: { role: 'operator', active: true, storeId: null, name: '运营小周' } });
  await db.collection('roles').doc('op2').set({ data: { role: 'operator', active: false, storeId: null, name: '前运营' } });
  await db.collection('roles').doc('clerk1').set({ data: { role: 'clerk', active: true, storeId: 'S001', name: '店员' } });
  let p = 0;
  const post = (openid: string, day: string, topics: string[], status = 'visible') =>
    db.collection('posts').doc(`post${++p}`).set({ data: { _openid: openid, day, official: openid === 'op1', status, topics, createdAt: at(day) } });
  await post('m1', D, ['running', 'coffee']);
  await post('m2', D, ['running']);
  await post('m3', D, ['coffee']);
  await post('m4', D, ['running']);
  await post('op2', D, []); // inactive role: a member's post
  await post('op1', D, ['running']);
  await post('op1', D, ['news']);
  await post('m6', D, ['coffee'], 'reviewing'); // not visible: not counted
  await post('m6', D, ['coffee'], 'hidden');
  await post('m5', '2026-11-21', ['coffee']); // the day before: in the 7-day topics, not in D's posts
  await post('m5', '2026-11-15', ['tea']); // 7 days before: outside the topics' window
  let c = 0;
  const comment = (openid: string, createdAt: Date, status = 'visible') =>
    db.collection('comments').doc(`cm${++c}`).set({ data: { _openid: openid, postId: 'post1', author: { official: openid === 'op1' }, status, createdAt } });
  for (const m of ['m2', 'm3', 'm5', 'm5']) await comment(m, at(D));
  await comment('op1', at(D));
  await comment('m4', at(D), 'deleted');
  await comment('m4', new Date('2026-11-21T15:59:59Z')); // 23:59:59 Beijing the day before
  await comment('m4', new Date('2026-11-22T16:00:00Z')); // 00:00 Beijing the day after
  const campaign = (id: string, from: string, to: string, joined: number, active = true) =>
    Promise.all([
      db.collection('community_campaigns').doc(id).set({ data: { title: '打卡', topic: 'running', days: 7, from, to, capacity: 100, active } }),
      db.collection('campaign_counts').doc(id).set({ data: { joined } }),
    ]);
  await campaign('run7', '2026-11-20', '2026-11-26', 8);
  await campaign('old', '2026-10-01', '2026-10-07', 50); // over
  await campaign('off', '2026-11-01', '2026-11-30', 30, false); // switched off by the operator
  const checkin = (openid: string, day: string) => db.collection('campaign_checkins').doc(`run7:${openid}:${day}`).set({ data: { _openid: openid, campaignId: 'run7', day, postId: 'post1' } });
  for (const m of ['m1', 'm2', 'op2', 'op1']) await checkin(m, D);
  await checkin('m1', '2026-11-21');
  await db.collection('community_topics').doc('running').set({ data: { name: '跑步', status: 'active', origin: 'operator' } });
  await db.collection('community_topics').doc('coffee').set({ data: { name: '咖啡', status: 'active', origin: 'operator' } });
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
  coreGmvFen: 30_000, // P1 (m10, a 超级用户; P2 is m7's, black tier but not super)
  coreMembers: 2,
  couponsClaimed: 4,
  couponsUsed: 2,
  messagesSent: 5,
  weeklyCap: 2,
  cohort7: 2,
  retained7: 1,
  cohort30: 1,
  retained30: 1,
  community: {
    memberPosts: 5, // m1–m4 and op2 (inactive role)
    officialPosts: 2,
    memberComments: 4,
    officialComments: 1,
    campaignDays: 4,
    memberCampaignDays: 3, // op1's check-in is official
    campaignsRunning: 1, // run7 (old is over, off is switched off)
    campaignPlaces: 8,
  },
  topTopics: [
    { code: 'running', posts: 4 }, // m1, m2, m4, op1
    { code: 'coffee', posts: 3 }, // m1, m3, m5 the day before (m6's are not visible)
    { code: 'news', posts: 1 },
  ],
};
const EXPECTED_INDICATORS = {
  memberDrivenShareBp: 7500, // (5 + 4 + 3) / (7 + 5 + 4)
  ugcRatioX100: 250, // 5 : 2
  coreGmvShareBp: 3000, // 30,000 / 100,000
  checkInRateBp: 3000, // 3 / 10
  couponRedemptionBp: 5000, // 2 / 4
  messagesPerMemberWeekX100: 50, // 5 / 10 = 0.5
  weeklyCapX100: 200,
  retention7Bp: 5000, // 1 of 2
  retention30Bp: 10000, // 1 of 1
  campaignCheckInBp: 5000, // 4 check-ins / 8 places
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
  expect(view.history[0].topTopics).toEqual([
    { code: 'running', name: '跑步', posts: 4 },
    { code: 'coffee', name: '咖啡', posts: 3 },
    { code: 'news', name: '已下线的话题', posts: 1 },
  ]);
  expect(view.history[0]).toMatchObject({ coreMembers: 2, community: EXPECTED_COUNTS.community });
  expect(view.notMeasured).toEqual([]);
});

it('shows a day counted before the community existed without its community indicators', async () => {
  const { community: _, topTopics: __, coreMembers: ___, ...before } = EXPECTED_COUNTS;
  await cloud.db.collection('community_metrics').doc('2026-11-01').set({ data: { day: '2026-11-01', counts: { ...before, day: '2026-11-01' }, stages: [], done: true, updatedAt: at('2026-11-02') } });
  await grantRole(cloud, 'o-op', 'operator', null);
  const view = ok(await cloud.call<CommunityMetricsView>('admin', { action: 'communityMetrics', input: { days: 7 } }, 'o-op'));
  expect(view.history[0]).toMatchObject({ day: '2026-11-01', community: null, topTopics: [], coreMembers: 0, indicators: { memberDrivenShareBp: null, ugcRatioX100: null, campaignCheckInBp: null } });
  expect(view.notMeasured).toHaveLength(1);
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
