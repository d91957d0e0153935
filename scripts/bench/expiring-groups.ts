/**
 * Open groups past their window, each with a paid leader and a paid member (orders, allowances, sandbox
 * payments), written directly: the data of the group-buy timer's benchmarks (`npm run bench:groupbuy`,
 * `npm run bench:jobs`) and of its resume test.
 */
import type { DealOrderRecord, GroupRecord } from '../../cloudfunctions/_core/groupbuy/groupbuy.record';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { DEV_PAYMENTS } from '../../cloudfunctions/_platform/local/payment-sandbox';

/** One open group past its window: a paid leader and a paid member (orders, seats, allowances, sandbox payments). */
export async function seedExpiringGroup(cloud: LocalCloud, k: number, now: Date, expiresAt: Date): Promise<void> {
  const groupId = `bg${String(k).padStart(10, '0')}`;
  const mk = (role: 'leader' | 'member', openid: string): DealOrderRecord => ({
    _id: `GB${String(k).padStart(15, '0')}${role === 'leader' ? 'a' : 'b'}${'0'.repeat(14)}`,
    _openid: openid,
    kind: 'group',
    dealId: 'bench',
    groupId,
    role,
    requestId: `seed-${k}-${role}`,
    memberNo: '100000',
    nickname: openid,
    avatarUrl: 'preset:1',
    title: '压测团',
    priceFen: 5990,
    status: 'paid',
    holdUntil: now,
    delivery: { mode: 'pickup', storeId: 'S001' },
    storeId: 'S001',
    trackingNo: null,
    paidAt: now,
    completedAt: null,
    refund: null,
    points: 0,
    took: { slot: role === 'member', holding: true },
    history: [],
    createdAt: now,
    updatedAt: now,
  });
  const leader = mk('leader', `bl-${k}`);
  const member = mk('member', `bm-${k}`);
  const group: GroupRecord = {
    _id: groupId,
    dealId: 'bench',
    title: '压测团',
    leaderOpenid: leader._openid,
    leaderOrderNo: leader._id,
    orderNos: [leader._id, member._id],
    size: 3,
    status: 'open',
    taken: 2,
    paid: 2,
    expiresAt,
    windowHours: 24,
    saleEndsAt: null,
    openedAt: now,
    closedAt: null,
    stockReturned: false,
    settled: false,
    createdAt: now,
    updatedAt: now,
  };
  const { _id, ...g } = group;
  await cloud.db.collection('groups').add({ data: { _id, ...g } });
  for (const o of [leader, member]) {
    const { _id: id, ...data } = o;
    await cloud.db.collection('deal_orders').add({ data: { _id: id, ...data } });
    await cloud.db.collection('deal_holdings').add({ data: { _id: `group:bench:${o._openid}`, _openid: o._openid, held: 1 } });
    await cloud.db.collection(DEV_PAYMENTS).add({ data: { _id: id, openid: o._openid, totalFee: 5990, body: '压测团', status: 'paid', refundedFee: 0, createdAt: now } });
  }
}

