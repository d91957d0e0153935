import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { ConfigReportView } from '../../cloudfunctions/_core/admin/admin.schema';
import type { DealDetailView, DealPickupView, GroupView, InspectDealPickupView, MyDealOrdersView, PosterView, SceneView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { DEAL, confirm, gb, join, joinPaid, netFen, open, openPaidGroup, payAndConfirm, registerMany, sandboxPayments, seedMembers, setDeal } from '../support/groupbuy';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing
  await registerMany(cloud, 'o-', 6);
  await setDeal(cloud, 'beans', DEAL);
});
afterEach(() => cloud.close());

const group = (groupId: string, openid = 'o-0') => gb<GroupView>(cloud, 'group', { groupId }, openid);
const balance = async (openid: string) => ok(await cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, openid));
const sold = async (kind: string, id: string) => ((await cloud.db.collection('deal_stock').where({ _id: `${kind}:${id}` }).get()).data[0]?.sold as number | undefined) ?? 0;
const held = async (openid: string, dealId = 'beans') =>
  ((await cloud.db.collection('deal_holdings').where({ _id: `group:${dealId}:${openid}` }).get()).data[0]?.held as number | undefined) ?? 0;

describe('a group forms and completes', () => {
  it('leader pays -> open; two members pay -> completed, points like a purchase, leader reward, stock exact', async () => {
    await setDeal(cloud, 'beans', { ...DEAL, leaderReward: { kind: 'points', points: 50 } });
    const placed = ok(await open(cloud, 'o-0'));
    expect(placed.order).toMatchObject({ status: 'awaiting_payment', role: 'leader', priceFen: 5990 });
    expect(placed.payment?.package).toMatch(/^prepay_id=/);
    expect(placed.group).toMatchObject({ status: 'forming', size: 3 });
    const groupId = placed.order.groupId!;
    // Until the leader's payment is confirmed by query, nobody else sees or joins the group.
    expect(await group(groupId, 'o-1')).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    expect(await join(cloud, 'o-1', groupId)).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    expect(await confirm(cloud, 'o-0', placed.order.orderNo)).toMatchObject({ ok: false, error: { code: 'PAYMENT_PENDING' } });
    expect(await sold('group', 'beans')).toBe(3); // a whole group's units are reserved at opening

    const opened = ok(await payAndConfirm(cloud, 'o-0', placed.order.orderNo));
    expect(opened.group).toMatchObject({ status: 'open', paid: 1, emptySlots: 2 });
    expect(opened.group!.expiresAt).toBe('2026-11-24T02:00:00.000Z');
    const detail = ok(await gb<DealDetailView>(cloud, 'deal', { dealId: 'beans' }, 'o-1'));
    expect(detail.openGroups).toEqual([expect.objectContaining({ groupId, missing: 2, leaderNickname: '会员o-0' })]);

    const seen = ok(await group(groupId, 'o-1'));
    expect(seen).toMatchObject({ canJoin: true, emptySlots: 2, serverNow: '2026-11-23T02:00:00.000Z' });
    expect(seen.share.path).toBe(`/packages/groupbuy/group/index?groupId=${groupId}`);
    expect(seen.share.title).toContain('还差2人');

    const m1 = await joinPaid(cloud, 'o-1', groupId);
    const j2 = ok(await join(cloud, 'o-2', groupId));
    if (j2.status !== 'joined') throw new Error('expected joined');
    // A slot held while paying shows as a member who has not paid.
    expect(ok(await group(groupId, 'o-3')).members.map((m) => m.paid)).toEqual([true, true, false]);
    const done = ok(await payAndConfirm(cloud, 'o-2', j2.order.orderNo));
    expect(done.order.status).toBe('completed');
    expect(done.group).toMatchObject({ status: 'completed', paid: 3, emptySlots: 0, statusText: '拼团成功' });

    const mine = ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, 'o-1'));
    expect(mine.orders).toEqual([expect.objectContaining({ orderNo: m1, status: 'completed', statusText: '拼团成功，待提货', group: expect.objectContaining({ status: 'completed' }) })]);
    expect(mine.orders[0].points).toBeGreaterThan(0);
    // Points through the ledger like a purchase: pending through the after-sale window.
    const purchase = (await cloud.db.collection('purchases').doc(m1).get()).data;
    expect(purchase).toMatchObject({ amountFen: 5990, clerk: 'group-buy', status: 'paid' });
    expect((await balance('o-1')).pending).toBe(purchase.points);
    // Leader: own purchase points pending + 50 reward points now.
    expect((await balance('o-0')).balance).toBe(50);
    expect(await sold('group', 'beans')).toBe(3);
    expect(await count(cloud, 'purchases')).toBe(3);
    // Running the timer again changes nothing.
    await cloud.trigger('groupbuy', 'minutely');
    expect(await count(cloud, 'purchases')).toBe(3);
    expect((await balance('o-0')).balance).toBe(50);
  });

  it('a retried open (same request id) is the same order; a leader coupon reward goes through issueCoupon', async () => {
    await cloud.db.collection('coupon_templates').doc('lead10').set({
      data: { title: '团长券', kind: { type: 'amount_off', thresholdFen: 0, amountOffFen: 1000 }, validity: { mode: 'afterClaim', days: 30 }, total: 100, perMember: 10, channels: ['group_buy'] },
    });
    await setDeal(cloud, 'beans', { ...DEAL, groupSize: 2, leaderReward: { kind: 'coupon', couponTemplateId: 'lead10' } });
    const a = ok(await open(cloud, 'o-0', 'beans', 'same-request-1'));
    const b = ok(await open(cloud, 'o-0', 'beans', 'same-request-1'));
    expect(b.order.orderNo).toBe(a.order.orderNo);
    expect(await count(cloud, 'groups')).toBe(1);
    ok(await payAndConfirm(cloud, 'o-0', a.order.orderNo));
    await joinPaid(cloud, 'o-1', a.order.groupId!);
    const coupons = await cloud.db.collection('coupons').where({ _openid: 'o-0' }).get();
    expect(coupons.data).toEqual([expect.objectContaining({ templateId: 'lead10', channel: 'group_buy', status: 'unused' })]);
  });
});

describe('bursts', () => {
  it('50 concurrent joins of a 3-person group (leader paid): exactly 2 slots, the rest told full with the nearest open group', async () => {
    const joiners = await seedMembers(cloud, 'o-j', 50);
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    const other = await openPaidGroup(cloud, 'o-1');
    const results = await Promise.all(joiners.map((id) => join(cloud, id, groupId)));
    const joined = results.filter((r) => r.ok && r.data.status === 'joined');
    const full = results.filter((r) => r.ok && r.data.status === 'full');
    expect(joined).toHaveLength(2);
    expect(full).toHaveLength(48);
    for (const r of full) if (r.ok && r.data.status === 'full') expect(r.data.alternatives.map((g) => g.groupId)).toEqual([other.groupId]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const g = (await cloud.db.collection('groups').doc(groupId).get()).data;
    expect(g).toMatchObject({ taken: 3, paid: 1, status: 'open' });
    // Only the two holders have an order in the group; failed claims left nothing behind.
    expect(await count(cloud, 'deal_orders', { groupId })).toBe(3);
    let heldTotal = 0;
    for (const id of joiners) heldTotal += await held(id);
    expect(heldTotal).toBe(2);
  });

  it('one member joining the same group 10 times at once (different requests) holds one slot', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    const results = await Promise.all(Array.from({ length: 10 }, () => join(cloud, 'o-1', groupId)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(['GROUP_ALREADY_JOINED', 'DEAL_LIMIT_REACHED', 'BUSY']).toContain(r.error.code);
    expect((await cloud.db.collection('groups').doc(groupId).get()).data.taken).toBe(2);
    expect(await held('o-1')).toBe(1);
  });
});

describe('expiry and refunds', () => {
  it('a group that does not fill: each paid member refunded their own payment, stock and allowance back, sandbox nets 0', async () => {
    const { groupId, orderNo: lead } = await openPaidGroup(cloud, 'o-0');
    const m1 = await joinPaid(cloud, 'o-1', groupId);
    const j2 = ok(await join(cloud, 'o-2', groupId)); // holds a slot, never pays
    if (j2.status !== 'joined') throw new Error('expected joined');
    cloud.clock.advance(24 * 3600_000);
    const run = ok(await cloud.trigger('groupbuy', 'minutely')) as { expired: number; refunded: number };
    expect(run).toMatchObject({ expired: 1, refunded: 2 });
    const g = ok(await group(groupId, 'o-0'));
    expect(g).toMatchObject({ status: 'failed', statusText: '未成团，已原路退款' });
    for (const [who, no] of [['o-0', lead], ['o-1', m1]] as const) {
      const o = ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, who)).orders[0];
      expect(o).toMatchObject({ orderNo: no, status: 'refunded', refund: { status: 'accepted', reason: 'group_failed', fee: 5990, attempts: 1 } });
      expect(o.statusText).toBe('已退款 ¥59.90，原路退回');
    }
    expect(ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, 'o-2')).orders[0].status).toBe('released');
    const pays = await sandboxPayments(cloud, [lead, m1, j2.order.orderNo]);
    expect(pays.map(netFen)).toEqual([0, 0, 0]);
    expect(await sold('group', 'beans')).toBe(0);
    expect([await held('o-0'), await held('o-1'), await held('o-2')]).toEqual([0, 0, 0]);
    expect(await count(cloud, 'purchases')).toBe(0);
    // Nothing more happens on later runs.
    cloud.clock.advance(60_000);
    expect(ok(await cloud.trigger('groupbuy', 'minutely'))).toMatchObject({ expired: 0, refunded: 0, refundsRetried: 0 });
  });

  it('refund failure (WeChat Pay refuses once): visible to the member, retried by the timer, never refunded twice', async () => {
    const { groupId, orderNo: lead } = await openPaidGroup(cloud, 'o-0');
    const real = cloud.payments.refund.bind(cloud.payments);
    let calls = 0;
    cloud.payments.refund = async (input) => {
      calls += 1;
      if (calls === 1) throw new Error('SYSTEMERROR');
      return real(input);
    };
    cloud.clock.advance(24 * 3600_000);
    await cloud.trigger('groupbuy', 'minutely');
    const o = ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, 'o-0')).orders[0];
    expect(o).toMatchObject({ status: 'refunding', refund: { status: 'failed', attempts: 1 } });
    expect(o.statusText).toContain('系统会自动重试');
    cloud.clock.advance(60_000);
    await cloud.trigger('groupbuy', 'minutely');
    const after = ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, 'o-0')).orders[0];
    expect(after).toMatchObject({ status: 'refunded', refund: { status: 'accepted', attempts: 2 } });
    cloud.clock.advance(60_000);
    await cloud.trigger('groupbuy', 'minutely');
    expect(calls).toBe(2);
    const [pay] = await sandboxPayments(cloud, [lead]);
    expect(pay).toMatchObject({ status: 'refunded', refundedFee: 5990 });
    void groupId;
  });

  it('a late payer (paid after the slot was released) is refunded automatically', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    const j = ok(await join(cloud, 'o-1', groupId));
    if (j.status !== 'joined') throw new Error('expected joined');
    cloud.clock.advance(6 * 60_000); // past the 5 minutes to pay
    await cloud.trigger('groupbuy', 'minutely');
    expect((await cloud.db.collection('groups').doc(groupId).get()).data.taken).toBe(1);
    const late = ok(await payAndConfirm(cloud, 'o-1', j.order.orderNo));
    expect(late.order).toMatchObject({ status: 'refunded', refund: { reason: 'late_payment', status: 'accepted' } });
    const [pay] = await sandboxPayments(cloud, [j.order.orderNo]);
    expect(netFen(pay)).toBe(0);
    // The seat is free again: the member can join once more.
    const again = ok(await join(cloud, 'o-1', groupId));
    expect(again.status).toBe('joined');
  });

  it('a forged payment notice is ignored (always re-verified by query)', async () => {
    const placed = ok(await open(cloud, 'o-0'));
    // Anyone can call the callback function with a made-up notice.
    const answer = await cloud.call('payment-callback', { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: placed.order.orderNo, totalFee: 5990 }, 'o-4');
    expect(answer).toMatchObject({ errcode: 0 });
    expect((await cloud.db.collection('deal_orders').doc(placed.order.orderNo).get()).data.status).toBe('awaiting_payment');
    expect((await cloud.db.collection('groups').doc(placed.order.groupId!).get()).data.status).toBe('forming');
    // A real payment's notice does open the group.
    await cloud.payments.pay(placed.order.orderNo);
    await cloud.notifyPaid(placed.order.orderNo);
    expect((await cloud.db.collection('groups').doc(placed.order.groupId!).get()).data.status).toBe('open');
  });
});

describe('bad input: typed errors, nothing written', () => {
  const snapshot = async () => {
    const out: Record<string, number> = {};
    for (const c of ['deal_orders', 'groups', 'group_seats', 'deal_stock', 'deal_holdings', '_dev_payments']) out[c] = await count(cloud, c);
    return out;
  };

  it('unknown deal, group of another deal, closed group, own group, outside the sale window, tier not allowed', async () => {
    await setDeal(cloud, 'beans', { ...DEAL, windowHours: 72 });
    await setDeal(cloud, 'tea', { ...DEAL, title: '茶' });
    await setDeal(cloud, 'later', { ...DEAL, title: '明天开始', sale: { from: '2026-12-31' } });
    await setDeal(cloud, 'gold', { ...DEAL, title: '金卡专享', tiers: ['gold'] });
    await setDeal(cloud, 'newbies', { ...DEAL, title: '拉新团', windowHours: 72, newMembersOnly: true, newMemberDays: 1 });
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    const newbie = await openPaidGroup(cloud, 'o-1', 'newbies');
    // A closed group: completed.
    await setDeal(cloud, 'pair', { ...DEAL, title: '两人团', groupSize: 2 });
    const pair = await openPaidGroup(cloud, 'o-2', 'pair');
    await joinPaid(cloud, 'o-3', pair.groupId, 'pair');
    cloud.clock.advance(25 * 3600_000); // members are no longer new (1 day); the 72-hour groups are still open
    const before = await snapshot();

    expect(await open(cloud, 'o-4', 'nope')).toMatchObject({ ok: false, error: { code: 'DEAL_NOT_FOUND' } });
    expect(await join(cloud, 'o-4', groupId, 'tea')).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    expect(await join(cloud, 'o-4', 'zzzzzzzzzzzz')).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    expect(await join(cloud, 'o-4', pair.groupId, 'pair')).toMatchObject({ ok: false, error: { code: 'GROUP_CLOSED' } });
    expect(await join(cloud, 'o-0', groupId)).toMatchObject({ ok: false, error: { code: 'GROUP_OWN' } });
    expect(await open(cloud, 'o-4', 'later')).toMatchObject({ ok: false, error: { code: 'DEAL_NOT_AVAILABLE' } });
    expect(await open(cloud, 'o-4', 'gold')).toMatchObject({ ok: false, error: { code: 'DEAL_NOT_ELIGIBLE', message: '仅限金卡会员参加' } });
    expect(await join(cloud, 'o-4', newbie.groupId, 'newbies')).toMatchObject({ ok: false, error: { code: 'DEAL_NOT_ELIGIBLE' } });
    expect(await gb(cloud, 'join', { groupId, dealId: 'beans', requestId: 'x', delivery: { mode: 'pickup', storeId: 'S001' } }, 'o-4')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'requestId' },
    });
    expect(await gb(cloud, 'open', { dealId: 'beans', requestId: 'abcdefgh1', delivery: { mode: 'pickup', storeId: 'S999' } }, 'o-4')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'delivery.storeId' },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('a broken deal document is skipped for members and explained to operators', async () => {
    await setDeal(cloud, 'broken', { ...DEAL, groupPriceFen: 20000, groupSize: 11 });
    await cloud.db.collection('flash_sales').doc('bad').set({ data: { title: '秒杀', originalPriceFen: 100, priceFen: 50, stock: 1, startAt: '2026-11-23 25:00' } });
    const deals = ok(await gb<{ deals: { dealId: string }[] }>(cloud, 'deals', {}, 'o-0'));
    expect(deals.deals.map((d) => d.dealId)).toEqual(['beans']);
    expect(await open(cloud, 'o-0', 'broken')).toMatchObject({ ok: false, error: { code: 'DEAL_NOT_FOUND' } });
    await grantRole(cloud, 'o-op', 'operator', null);
    const report = ok(await cloud.call<ConfigReportView>('admin', { action: 'configReport', input: {} }, 'o-op'));
    const byId = Object.fromEntries(report.configs.map((c) => [c.id, c]));
    expect(byId['group_deals/beans']).toMatchObject({ status: 'ok' });
    expect(byId['group_deals/broken']).toMatchObject({ status: 'invalid' });
    expect(JSON.stringify(byId['group_deals/broken'])).toContain('拼团价必须低于单买价');
    expect(byId['flash_sales/bad']).toMatchObject({ status: 'invalid' });
  });
});

describe('share', () => {
  it('a poster carries a mini-program code whose scene (≤ 32 chars) resolves to the group', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    const poster = ok(await gb<PosterView>(cloud, 'poster', { groupId }, 'o-0'));
    expect(poster.scene.length).toBeLessThanOrEqual(32);
    expect(poster.page).toBe('packages/groupbuy/group/index');
    expect(poster.codeUrl).toContain('groupbuy/posters/');
    const [code] = (await cloud.db.collection('_dev_outbox').where({ kind: 'wxacode' }).get()).data;
    expect(code).toMatchObject({ scene: `g=${groupId}`, page: 'packages/groupbuy/group/index' });
    const resolved = ok(await gb<SceneView>(cloud, 'scene', { scene: encodeURIComponent(poster.scene) }, 'o-3'));
    expect(resolved.groupId).toBe(groupId);
    expect(await gb(cloud, 'scene', { scene: 'g=notagroup' }, 'o-3')).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
  });
});

describe('pickup at the store', () => {
  it('the clerk inspects the code (scanned or typed), sees the order, and hands it over once by the ticket', async () => {
    await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
    await grantRole(cloud, 'o-clerk2', 'clerk', 'S002');
    const { groupId, orderNo: leaderOrder } = await openPaidGroup(cloud, 'o-0');
    // Not yet a group: the member has no pickup code, and the desk explains why.
    expect(await gb(cloud, 'orderCode', { orderNo: leaderOrder }, 'o-0')).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID', message: '成团后才能提货' } });
    await joinPaid(cloud, 'o-1', groupId);
    await joinPaid(cloud, 'o-2', groupId);

    const code = ok(await gb<MemberCodeView>(cloud, 'orderCode', { orderNo: leaderOrder }, 'o-0'));
    // Another store's clerk sees the order and where it is picked up, and cannot hand it over.
    const elsewhere = ok(await gb<InspectDealPickupView>(cloud, 'inspectPickup', { code: code.token }, 'o-clerk2'));
    expect(elsewhere).toMatchObject({ ready: false, orderNo: leaderOrder });
    expect(elsewhere.reason).toMatch(/^这笔订单需到.+提货$/);
    expect(elsewhere.reason).not.toContain('S001');
    expect(await gb(cloud, 'pickup', { ticket: elsewhere.ticket }, 'o-clerk2')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // The member number and the order's digits, typed: the same order, a ticket bound to this clerk.
    const typed = ok(await gb<InspectDealPickupView>(cloud, 'inspectPickup', { manual: { memberNo: code.memberNo, pin: code.pin } }, 'o-clerk'));
    expect(typed).toMatchObject({ ready: true, reason: null, orderNo: leaderOrder, kind: 'group', quantity: 1, title: DEAL.title });
    expect(typed.member.memberNoTail).toBe(code.memberNo.slice(-4));
    expect(await gb(cloud, 'pickup', { ticket: typed.ticket }, 'o-clerk2')).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    const handed = ok(await gb<DealPickupView>(cloud, 'pickup', { ticket: typed.ticket }, 'o-clerk'));
    expect(handed).toMatchObject({ orderNo: leaderOrder, status: 'picked_up', kind: 'group' });
    // The same ticket again: the order's state refuses a second hand-over.
    expect(await gb(cloud, 'pickup', { ticket: typed.ticket }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID', message: '这笔订单已经提过货了' } });
    const mine = ok(await gb<MyDealOrdersView>(cloud, 'myGroups', {}, 'o-0'));
    expect(mine.orders.find((o) => o.orderNo === leaderOrder)?.status).toBe('picked_up');
    expect(await count(cloud, 'audit_log')).toBeGreaterThanOrEqual(1);

    // A mall pickup code is not a group-buy order: the desk says where to look.
    expect(await gb(cloud, 'inspectPickup', { code: 'not-a-code' }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', message: expect.stringContaining('「我的拼团」') } });
    expect(await gb(cloud, 'inspectPickup', { code: code.token }, 'o-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
