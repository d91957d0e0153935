import type { BatchOptions } from '../../cloudfunctions/_core/shared/batch-job';
import type { PurchaseRecordedView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import { tierReviewJob } from '../../cloudfunctions/_core/tier/tier-review.job';
import type { TierChangeRecord } from '../../cloudfunctions/_core/tier/tier-change.record';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { firesBetween } from '../../cloudfunctions/_platform/local/timer-schedule';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { openVisit } from '../support/till';

// Default tiers: silver 0, gold 1000, black 5000; growth 1 per yuan over 12 calendar months; keep at 90%.
let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await grantRole(cloud, 'o-clerk', 'clerk');
  cloud.clock.set(new Date('2026-01-15T02:00:00Z')); // 10:00 Beijing, Jan 15 2026
});
afterEach(() => cloud.close());

const review = (opts?: BatchOptions) => tierReviewJob(cloud.jobContext(), opts);

const register = async (openid: string) => ok(await cloud.call('member', { action: 'register', input: registration() }, openid));
/** A purchase the way the till records it: the clerk scans the member's code, then records the order. */
async function buy(openid: string, orderNo: string, yuan: number): Promise<PurchaseRecordedView> {
  const visitId = await openVisit(cloud, openid, 'o-clerk');
  const input = { visitId, orderNo: `ORD-${orderNo}`, amountFen: yuan * 100 };
  return ok(await cloud.call<PurchaseRecordedView>('staff', { action: 'recordPurchase', input }, 'o-clerk'));
}
const member = async (openid: string) => (await cloud.db.collection<MemberRecord>('members').doc(openid).get()).data;
const reviewChanges = async () =>
  (await cloud.db.collection<TierChangeRecord>('tier_changes').where({ reason: 'review' }).orderBy('_openid', 'asc').get()).data.map(
    ({ _openid, from, to, growth, at }) => ({ _openid, from, to, growth, at }),
  );

describe('tier review with hysteresis over a rolling window', () => {
  it('keeps gold at 90% of the threshold and drops it at 89% when a month leaves the window', async () => {
    await register('o-keep');
    await register('o-drop');
    await buy('o-keep', 'K1', 100); // January 2026
    await buy('o-drop', 'D1', 110);
    cloud.clock.set(new Date('2026-02-10T02:00:00Z'));
    expect((await buy('o-keep', 'K2', 900)).tier.code).toBe('gold'); // 1000 in the window: gold at once
    expect((await buy('o-drop', 'D2', 890)).tier.code).toBe('gold');

    cloud.clock.set(new Date('2026-12-30T18:30:00Z')); // 02:30 Beijing, Dec 31 2026: January 2026 still counts
    expect(await review()).toMatchObject({ reviewed: 2, tierChanges: 0, growthUpdates: 0, done: true });

    cloud.clock.set(new Date('2026-12-31T18:30:00Z')); // 02:30 Beijing, Jan 1 2027: January 2026 has left
    expect(await review()).toMatchObject({ reviewed: 2, tierChanges: 1, growthUpdates: 1, failed: 0, done: true });
    expect(await member('o-keep')).toMatchObject({ tierCode: 'gold', growth: 900, growthByMonth: { '2026-02': 900 } }); // 90%: kept
    expect(await member('o-drop')).toMatchObject({ tierCode: 'silver', growth: 890 }); // 89%: dropped
    expect(await reviewChanges()).toEqual([{ _openid: 'o-drop', from: 'gold', to: 'silver', growth: 890, at: new Date('2026-12-31T18:30:00Z') }]);

    cloud.clock.set(new Date('2027-02-28T18:30:00Z')); // Mar 1 2027: February 2026 leaves too
    expect(await review()).toMatchObject({ reviewed: 1, tierChanges: 1 }); // silver members are not paged
    expect(await member('o-keep')).toMatchObject({ tierCode: 'silver', growth: 0, growthByMonth: {} });
  });

  it('never downgrades on a refund at once; the next review does', async () => {
    await register('o-m');
    expect((await buy('o-m', 'R1', 1280)).tier.code).toBe('gold');
    ok(await cloud.call('staff', { action: 'refundPurchase', input: { orderNo: 'ORD-R1', requestId: 'refund-ORD-R1', reason: '顾客退货' } }, 'o-clerk'));
    expect(await member('o-m')).toMatchObject({ tierCode: 'gold', growth: 0 });
    expect(await count(cloud, 'tier_changes', { _openid: 'o-m' })).toBe(1); // the upgrade only

    cloud.clock.set(new Date('2026-01-15T18:30:00Z')); // 02:30 Beijing the next day: the member timer
    const fired = await cloud.trigger('member', 'daily');
    expect(fired).toMatchObject({ ok: true, data: { reviewed: 1, tierChanges: 1, done: true } });
    expect(await member('o-m')).toMatchObject({ tierCode: 'silver', growth: 0 });
    expect(await reviewChanges()).toEqual([{ _openid: 'o-m', from: 'gold', to: 'silver', growth: 0, at: new Date('2026-01-15T18:30:00Z') }]);
  });

  it('leaves a member whose tier and growth stand unwritten', async () => {
    await register('o-m');
    await buy('o-m', 'U1', 1500);
    const before = await member('o-m');
    cloud.db.resetStats();
    expect(await review()).toMatchObject({ reviewed: 1, tierChanges: 0, growthUpdates: 0 });
    expect(cloud.db.stats().writes).toBe(1); // the job cursor only
    expect(await member('o-m')).toEqual(before);
  });

  it('is the member function timer at 02:30, repeated at 02:40 and 02:50 Beijing so an unfinished run resumes that day (config.json)', () => {
    const trigger = cloud.triggers().find((t) => t.fn === 'member' && t.name === 'daily');
    expect(trigger?.cron).toBe('0 30/10 2 * * * *');
    const fires = firesBetween(trigger!.cron, new Date('2026-11-30T16:00:00Z'), new Date('2026-12-01T16:00:00Z'));
    expect(fires.map((at) => at.toISOString())).toEqual(['2026-11-30T18:30:00.000Z', '2026-11-30T18:40:00.000Z', '2026-11-30T18:50:00.000Z']);
  });
});

describe('tier review paging, time budget and resume', () => {
  const members = Array.from({ length: 12 }, (_, i) => `o-g${String(i).padStart(2, '0')}`);
  beforeEach(async () => {
    for (const [i, openid] of members.entries()) {
      await register(openid);
      await buy(openid, `G${i}`, 1000 + i);
    }
    await register('o-silver');
    cloud.clock.set(new Date('2027-01-31T18:30:00Z')); // Feb 1 2027: January 2026 has left every window
  });

  it('stops at the budget, resumes from its cursor the same day, and a re-trigger after that does nothing', async () => {
    let ticks = 0;
    const first = await review({ pageSize: 5, concurrency: 2, budgetMs: 6, elapsedMs: () => ticks++ });
    expect(first.done).toBe(false);
    expect(first.reviewed).toBeGreaterThan(0);
    expect(first.reviewed).toBeLessThan(members.length);

    const second = await review({ pageSize: 5, concurrency: 2 });
    expect(second.done).toBe(true);
    expect(first.reviewed + second.reviewed).toBe(members.length); // nobody twice, nobody missed
    expect(first.tierChanges + second.tierChanges).toBe(members.length);
    expect(await count(cloud, 'tier_changes', { reason: 'review', to: 'silver' })).toBe(members.length);
    expect(await count(cloud, 'members', { tierCode: 'gold' })).toBe(0);

    expect(await review()).toMatchObject({ reviewed: 0, done: true });
  });

  it('a review that runs out of time on the first check reviews nobody and leaves everything to the rerun', async () => {
    expect(await review({ budgetMs: 0 })).toMatchObject({ reviewed: 0, done: false });
    expect(await review()).toMatchObject({ reviewed: members.length, tierChanges: members.length, done: true });
  });

  it('the next day starts over', async () => {
    expect(await review()).toMatchObject({ reviewed: members.length, done: true });
    await buy('o-g00', 'G-again', 1000); // back to gold
    cloud.clock.set(new Date('2027-02-01T18:30:00Z'));
    expect(await review()).toMatchObject({ reviewed: 1, tierChanges: 0, done: true });
  });
});
