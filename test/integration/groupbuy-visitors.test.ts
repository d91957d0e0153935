/**
 * Group-buy for visitors: a friend who is not a member yet opens a shared group, the deal list, a deal or the
 * flash sales and sees everything public with a "join first" state; every write refuses them and writes
 * nothing; nothing they see carries another member's openid. Once registered, they join the same group.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { DealDetailView, DealsView, FlashSalesView, GroupView, SceneView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { DEAL, PICKUP, gb, joinPaid, open, openPaidGroup, payAndConfirm, registerMany, rid, setDeal, setFlashSale } from '../support/groupbuy';

let cloud: LocalCloud;
const VISITOR = 'o-visitor-friend';
const SALE = { title: '帆布托特包', originalPriceFen: 12800, priceFen: 6400, stock: 100, startAt: '2026-11-23 09:00', perMember: 1, delivery: ['pickup'] };

beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing
  await registerMany(cloud, 'o-', 4);
  await setDeal(cloud, 'beans', DEAL);
  await setFlashSale(cloud, 'tote', SALE);
});
afterEach(() => cloud.close());

const WRITTEN = ['deal_orders', 'deal_stock', 'deal_holdings', 'groups', 'group_seats', 'purchases', 'members'];
const counts = () => Promise.all(WRITTEN.map((c) => count(cloud, c)));
/** Openids anywhere in a view (the nicknames 会员o-N carry them on purpose, as display text, and are left out). */
const openids = (x: unknown) => JSON.stringify(x).match(/(?<!会员)o-\d|o-visitor-friend/g) ?? [];

describe('a visitor', () => {
  it('reads a shared group, the scene, the deal list, the deal and the flash sales, with a "join first" state and no openids', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    await joinPaid(cloud, 'o-1', groupId);

    const g = ok(await gb<GroupView>(cloud, 'group', { groupId }, VISITOR));
    expect(g).toMatchObject({ registered: false, status: 'open', canJoin: false, joinReason: '加入会员后即可参团', mine: null, paid: 2, emptySlots: 1 });
    expect(g.members).toEqual([
      { nickname: '会员o-0', avatarUrl: 'preset:1', role: 'leader', paid: true },
      { nickname: '会员o-1', avatarUrl: 'preset:1', role: 'member', paid: true },
    ]);
    expect(g.expiresAt).toBe('2026-11-24T02:00:00.000Z');
    expect(g.share.path).toBe(`/packages/groupbuy/group/index?groupId=${groupId}`);
    // The same group for a member who is not in it: joinable.
    expect(ok(await gb<GroupView>(cloud, 'group', { groupId }, 'o-2'))).toMatchObject({ registered: true, canJoin: true, joinReason: null });

    expect(ok(await gb<SceneView>(cloud, 'scene', { scene: encodeURIComponent(`g=${groupId}`) }, VISITOR))).toEqual({ groupId });

    const deals = ok(await gb<DealsView>(cloud, 'deals', {}, VISITOR));
    expect(deals.registered).toBe(false);
    expect(deals.deals).toEqual([expect.objectContaining({ dealId: 'beans', groupPriceFen: 5990, groupsLeft: 9, mine: 0, available: false, reason: '加入会员后即可参团' })]);

    const detail = ok(await gb<DealDetailView>(cloud, 'deal', { dealId: 'beans' }, VISITOR));
    expect(detail).toMatchObject({ registered: false, deal: { available: false, reason: '加入会员后即可参团' } });
    expect(detail.openGroups).toEqual([expect.objectContaining({ groupId, missing: 1, leaderNickname: '会员o-0' })]);

    const flash = ok(await gb<FlashSalesView>(cloud, 'flashSales', {}, VISITOR));
    expect(flash).toMatchObject({ registered: false, orders: [] });
    expect(flash.sales).toEqual([expect.objectContaining({ saleId: 'tote', phase: 'on', unitsLeft: 100, mine: 0, available: false, reason: '加入会员后即可抢购' })]);

    for (const view of [g, deals, detail, flash]) expect(openids(view)).toEqual([]);
  });

  it('sees what stops everyone rather than the invitation: a full or completed group, a sale not started, a deal sold out', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    await joinPaid(cloud, 'o-1', groupId);
    await joinPaid(cloud, 'o-2', groupId);
    expect(ok(await gb<GroupView>(cloud, 'group', { groupId }, VISITOR))).toMatchObject({ status: 'completed', canJoin: false, joinReason: '这个团已成团' });

    await setFlashSale(cloud, 'later', { ...SALE, startAt: '2026-11-23 20:00' });
    const flash = ok(await gb<FlashSalesView>(cloud, 'flashSales', {}, VISITOR));
    expect(flash.sales.find((s) => s.saleId === 'later')).toMatchObject({ phase: 'upcoming', available: false, reason: '2026-11-23 20:00 开抢' });

    await setDeal(cloud, 'tiny', { ...DEAL, stock: 3 });
    ok(await open(cloud, 'o-3', 'tiny'));
    const tiny = ok(await gb<DealDetailView>(cloud, 'deal', { dealId: 'tiny' }, VISITOR));
    expect(tiny.deal).toMatchObject({ groupsLeft: 0, available: false, reason: '已抢光' });
  });

  it('never sees a group its leader has not paid for yet', async () => {
    const placed = ok(await open(cloud, 'o-0'));
    expect(await gb(cloud, 'group', { groupId: placed.order.groupId }, VISITOR)).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
    expect(await gb(cloud, 'scene', { scene: `g=${placed.order.groupId}` }, VISITOR)).toMatchObject({ ok: false, error: { code: 'GROUP_NOT_FOUND' } });
  });

  it('is refused every write with NOT_REGISTERED, and nothing is written', async () => {
    const { groupId, orderNo } = await openPaidGroup(cloud, 'o-0');
    const before = await counts();
    const attempts = [
      gb(cloud, 'open', { dealId: 'beans', requestId: rid(), delivery: PICKUP }, VISITOR),
      gb(cloud, 'join', { groupId, dealId: 'beans', requestId: rid(), delivery: PICKUP }, VISITOR),
      gb(cloud, 'confirm', { orderNo }, VISITOR),
      gb(cloud, 'myGroups', {}, VISITOR),
      gb(cloud, 'poster', { groupId }, VISITOR),
      gb(cloud, 'flashBuy', { saleId: 'tote', requestId: rid(), delivery: PICKUP }, VISITOR),
      gb(cloud, 'orderCode', { orderNo }, VISITOR),
    ];
    for (const r of await Promise.all(attempts)) expect(r).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(await counts()).toEqual(before);
  });

  it('registers and joins the group they were shown; the group completes', async () => {
    const { groupId } = await openPaidGroup(cloud, 'o-0');
    await joinPaid(cloud, 'o-1', groupId);
    expect(ok(await gb<GroupView>(cloud, 'group', { groupId }, VISITOR)).canJoin).toBe(false);
    ok(await cloud.call('member', { action: 'register', input: registration({ nickname: '新朋友' }) }, VISITOR));
    const now = ok(await gb<GroupView>(cloud, 'group', { groupId }, VISITOR));
    expect(now).toMatchObject({ registered: true, canJoin: true, joinReason: null });
    const j = ok(await gb<{ status: string; order: { orderNo: string } }>(cloud, 'join', { groupId, dealId: 'beans', requestId: rid(), delivery: PICKUP }, VISITOR));
    expect(j.status).toBe('joined');
    const done = ok(await payAndConfirm(cloud, VISITOR, j.order.orderNo));
    expect(done.group).toMatchObject({ status: 'completed', paid: 3 });
    expect(done.group!.members.map((m) => m.nickname)).toEqual(['会员o-0', '会员o-1', '新朋友']);
  });
});
