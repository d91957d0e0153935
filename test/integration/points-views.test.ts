/**
 * Every view of a member's points counts what is due at read time, as the member's own next action would:
 * in the minute after Beijing midnight, before the nightly job (00:05) has written anything, the member
 * center, the points summary, the mall, the till and the answers of actions agree with the ledger.
 */
import type { MemberCenterView } from '../../cloudfunctions/_core/member/member.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import type { ItemDetailView, ItemsView } from '../../cloudfunctions/_core/mall/mall.schema';
import { checkLedger } from '../../cloudfunctions/_core/points/ledger-check.service';
import { planEarn, planReverse } from '../../cloudfunctions/_core/points/points-ledger.rules';
import { postInTx, type Posting } from '../../cloudfunctions/_core/points/points-ledger.service';
import type { CheckInView, PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import type { PointAccountRecord } from '../../cloudfunctions/_core/points/points.record';
import type { MemberAtTillView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('mall_items').doc('mug').set({ data: { title: '品牌马克杯', kind: 'physical', delivery: ['pickup'], pricePoints: 100, stock: 50 } });
  await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing, Monday 23 November
  for (const openid of ['o-a', 'o-b']) ok(await cloud.call('member', { action: 'register', input: registration() }, openid));

  const post = (openid: string, p: Omit<Posting, 'reason' | 'source' | 'sourceId'>) =>
    cloud.db.runTransaction((tx) => postInTx(tx, openid, { ...p, reason: '测试', source: 'test', sourceId: p.key }, cloud.clock.now()));
  // o-a: 500 points whose last day is today, 300 later, 200 pending until tomorrow.
  await post('o-a', { key: 'a-old', kind: 'earn', plan: (s) => planEarn(s, { amount: 500, expiresOn: '2026-11-23' }) });
  await post('o-a', { key: 'a-later', kind: 'earn', plan: (s) => planEarn(s, { amount: 300, expiresOn: '2027-12-31' }) });
  await post('o-a', { key: 'a-pend', kind: 'earn', plan: (s) => planEarn(s, { amount: 200, expiresOn: '2027-12-31', availableOn: '2026-11-24', sourceId: 'a-pend' }) });
  // o-b: a refund of spent points left 100 owed; 150 pending until tomorrow repay it when released.
  await post('o-b', { key: 'b-earn', kind: 'earn', plan: (s) => planEarn(s, { amount: 50, expiresOn: '2027-12-31' }) });
  await post('o-b', { key: 'b-refund', kind: 'reverse', plan: (s) => planReverse(s, { sourceId: 'gone', amount: 150 }) });
  await post('o-b', { key: 'b-pend', kind: 'earn', plan: (s) => planEarn(s, { amount: 150, expiresOn: '2027-12-31', availableOn: '2026-11-24', sourceId: 'b-pend' }) });
});
afterEach(() => cloud.close());

// points.summary warns only about spendable points expiring within the notice horizon (30 days): 2027-12-31 is
// beyond it, and pending points never count (README "What operators configure", earn_rules.expiryNoticeDays).
interface Views {
  center: number;
  summary: PointsSummaryView;
  items: number;
  item: number;
  till: { balance: number; pending: number };
}

async function views(openid: string): Promise<Views> {
  const center = ok(await cloud.call<MemberCenterView>('member', { action: 'center', input: {} }, openid));
  const summary = ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, openid));
  const items = ok(await cloud.call<ItemsView>('mall', { action: 'items', input: {} }, openid));
  const item = ok(await cloud.call<ItemDetailView>('mall', { action: 'item', input: { itemId: 'mug' } }, openid));
  const code = ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, openid));
  const till = ok(await cloud.call<MemberAtTillView>('staff', { action: 'scanMember', input: { code: code.token } }, 'o-clerk'));
  return {
    center: center.points.balance,
    summary,
    items: items.balance,
    item: item.balance,
    till: { balance: till.member.balance, pending: till.member.pending },
  };
}

const allShow = (s: PointsSummaryView): Views => ({ center: s.balance, summary: s, items: s.balance, item: s.balance, till: { balance: s.balance, pending: s.pending } });
const cached = async (openid: string) => (await cloud.db.collection<PointAccountRecord>('point_accounts').doc(openid).get()).data;

describe('points views at the day boundary', () => {
  it('before midnight: every view shows the points expiring tonight and the pending ones', async () => {
    cloud.clock.set(new Date('2026-11-23T15:59:59Z')); // 23:59:59 Beijing
    expect(await views('o-a')).toEqual(allShow({ balance: 800, pending: 200, owed: 0, expiring: { points: 500, on: '2026-11-23' } }));
    expect(await views('o-b')).toEqual(allShow({ balance: 0, pending: 150, owed: 100, expiring: null }));
  });

  it.each([
    ['00:00:00', '2026-11-23T16:00:00.000Z'],
    ['00:00:30', '2026-11-23T16:00:30.000Z'],
    ['00:00:59', '2026-11-23T16:00:59.999Z'],
  ])('at %s Beijing, before the nightly job, every view agrees with the ledger', async (_label, at) => {
    cloud.clock.set(new Date(at));
    // The job has not run: the stored accounts still hold yesterday's figures.
    expect((await cached('o-a')).balance).toBe(800);
    expect((await cached('o-b')).owed).toBe(100);

    const a = await views('o-a');
    const b = await views('o-b');
    // 500 expired at midnight; 200 were released; o-b's release repaid its 100 owed first.
    expect(a).toEqual(allShow({ balance: 500, pending: 0, owed: 0, expiring: null }));
    expect(b).toEqual(allShow({ balance: 50, pending: 0, owed: 0, expiring: null }));

    // The ledger's own word: the nightly job writes the entries; the accounts then hold what the views showed.
    ok(await cloud.trigger('points', 'daily'));
    for (const [openid, shown] of [['o-a', a], ['o-b', b]] as const) {
      const account = await cached(openid);
      expect({ balance: account.balance, pending: account.pending, owed: account.owed }).toEqual({
        balance: shown.summary.balance,
        pending: shown.summary.pending,
        owed: shown.summary.owed,
      });
      expect(await views(openid)).toEqual(shown);
    }
    expect((await checkLedger(cloud.db)).mismatches).toEqual([]);
  });

  it("the member's own action right after midnight lands on the balance the views showed", async () => {
    cloud.clock.set(new Date('2026-11-23T16:00:30Z'));
    const shown = await views('o-a');
    const checkIn = ok(await cloud.call<CheckInView>('points', { action: 'checkIn', input: {} }, 'o-a'));
    expect(checkIn.balance).toBe(shown.summary.balance + checkIn.award.total);
    expect((await views('o-a')).summary.balance).toBe(checkIn.balance);
    // A repeated check-in answers the same balance, computed the same way.
    expect(ok(await cloud.call<CheckInView>('points', { action: 'checkIn', input: {} }, 'o-a')).balance).toBe(checkIn.balance);
  });
});
