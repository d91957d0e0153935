import fc from 'fast-check';
import { FlashSaleConfig, GroupDealConfig } from '../../cloudfunctions/_core/groupbuy/deal-config.schema';
import { groupIdOf } from '../../cloudfunctions/_core/groupbuy/deal-ids';
import { MemberLayer } from '../../cloudfunctions/_core/scoring/scoring-config.schema';
import {
  flashPhase,
  groupExpiry,
  groupOfScene,
  judgeFlash,
  judgeJoin,
  judgeJoinAny,
  judgeOpen,
  minuteInstant,
  openGroupsToOffer,
  sceneOf,
} from '../../cloudfunctions/_core/groupbuy/groupbuy.rules';

const deal = (over: Record<string, unknown> = {}) => ({
  ...GroupDealConfig.parse({ title: '咖啡豆', singlePriceFen: 9900, groupPriceFen: 5990, groupSize: 3, stock: 30, ...over }),
  dealId: 'beans',
});
const sale = (over: Record<string, unknown> = {}) => ({
  ...FlashSaleConfig.parse({ title: '马克杯', originalPriceFen: 8800, priceFen: 4400, stock: 10, startAt: '2026-11-23 20:00', ...over }),
  saleId: 'mug',
});
const facts = (over: Partial<{ tierCode: string; joinedAt: Date; layers: MemberLayer[] }> = {}) => ({
  tierCode: 'silver',
  memberNo: '10000001',
  joinedAt: new Date('2026-11-01T00:00:00Z'),
  tierNames: new Map([['gold', '金卡会员']]),
  layers: [] as MemberLayer[],
  ...over,
});
const NOW = new Date('2026-11-23T02:00:00Z');

describe('group-buy rules', () => {
  it('opening needs the sale window, the tier and a whole group of units', () => {
    expect(judgeOpen(deal(), facts(), NOW, 0)).toEqual({ ok: true });
    expect(judgeOpen(deal(), facts(), NOW, 28)).toMatchObject({ ok: false, code: 'DEAL_SOLD_OUT' });
    expect(judgeOpen(deal({ sale: { from: '2026-11-24' } }), facts(), NOW, 0)).toMatchObject({ ok: false, code: 'DEAL_NOT_AVAILABLE' });
    expect(judgeOpen(deal({ sale: { to: '2026-11-22' } }), facts(), NOW, 0)).toMatchObject({ ok: false, code: 'DEAL_NOT_AVAILABLE', reason: '活动已结束' });
    expect(judgeOpen(deal({ tiers: ['gold'] }), facts(), NOW, 0)).toMatchObject({ ok: false, code: 'DEAL_NOT_ELIGIBLE', reason: '仅限金卡会员参加' });
  });

  it('joining needs an open group of this deal before its window ends; 拉新团 only for new members', () => {
    const open = { status: 'open' as const, expiresAt: new Date(NOW.getTime() + 1), dealId: 'beans' };
    expect(judgeJoin(deal(), open, facts(), NOW)).toEqual({ ok: true });
    expect(judgeJoin(deal(), { ...open, expiresAt: NOW }, facts(), NOW)).toMatchObject({ code: 'GROUP_CLOSED' });
    expect(judgeJoin(deal(), { ...open, dealId: 'tea' }, facts(), NOW)).toMatchObject({ code: 'GROUP_NOT_FOUND' });
    expect(judgeJoin(deal(), { ...open, status: 'forming' }, facts(), NOW)).toMatchObject({ code: 'GROUP_NOT_FOUND' });
    expect(judgeJoin(deal(), { ...open, status: 'completed' }, facts(), NOW)).toMatchObject({ code: 'GROUP_CLOSED', reason: '这个团已成团' });
    const newbies = deal({ newMembersOnly: true, newMemberDays: 7 });
    expect(judgeJoin(newbies, open, facts({ joinedAt: new Date(NOW.getTime() - 6 * 86400_000) }), NOW)).toEqual({ ok: true });
    expect(judgeJoin(newbies, open, facts({ joinedAt: new Date(NOW.getTime() - 7 * 86400_000) }), NOW)).toMatchObject({ code: 'DEAL_NOT_ELIGIBLE' });
  });

  it('judges a visitor (no facts) on what is public only: window, group state, stock; tier and 拉新团 wait for joining', () => {
    const open = { status: 'open' as const, expiresAt: new Date(NOW.getTime() + 1), dealId: 'beans' };
    const strict = deal({ tiers: ['gold'], newMembersOnly: true, newMemberDays: 7 });
    expect(judgeJoin(strict, open, null, NOW)).toEqual({ ok: true });
    expect(judgeJoin(strict, { ...open, status: 'completed' }, null, NOW)).toMatchObject({ code: 'GROUP_CLOSED' });
    expect(judgeOpen(strict, null, NOW, 0)).toEqual({ ok: true });
    expect(judgeOpen(deal(), null, NOW, 28)).toMatchObject({ code: 'DEAL_SOLD_OUT' });
    expect(judgeOpen(deal({ sale: { to: '2026-11-22' } }), null, NOW, 0)).toMatchObject({ code: 'DEAL_NOT_AVAILABLE' });
  });

  it('a group closes after its window, never after the sale ends', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 72 }), fc.option(fc.integer({ min: 0, max: 100 * 3600_000 }), { nil: null }), (hours, saleEndIn) => {
        const saleEndsAt = saleEndIn === null ? null : new Date(NOW.getTime() + saleEndIn);
        const at = groupExpiry({ windowHours: hours, saleEndsAt }, NOW).getTime();
        expect(at).toBeLessThanOrEqual(NOW.getTime() + hours * 3600_000);
        if (saleEndsAt) expect(at).toBeLessThanOrEqual(saleEndsAt.getTime());
        expect(at === NOW.getTime() + hours * 3600_000 || at === saleEndsAt?.getTime()).toBe(true);
      }),
    );
  });

  it('offers joinable groups nearest to completing first, then soonest to close; never the member own or a full one', () => {
    const g = (id: string, taken: number, inMin: number, leader = 'x') => ({
      _id: id,
      status: 'open' as const,
      size: 3,
      taken,
      expiresAt: new Date(NOW.getTime() + inMin * 60_000),
      leaderOpenid: leader,
    });
    const groups = [g('a', 1, 10), g('b', 2, 50), g('c', 2, 20), g('d', 3, 5), g('e', 2, -1), g('f', 2, 5, 'me')];
    expect(openGroupsToOffer(groups, NOW, { openid: 'me', groupId: 'c' }, 5).map((x) => x._id)).toEqual(['b', 'a']);
    expect(openGroupsToOffer(groups, NOW, { openid: 'someone' }, 2).map((x) => x._id)).toEqual(['f', 'c']);
  });

  it('a share scene fits in 32 characters and resolves to its group, URL-encoded or not', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (orderNo) => {
        const id = groupIdOf(orderNo);
        const scene = sceneOf(id);
        expect(scene.length).toBeLessThanOrEqual(32);
        expect(scene).toMatch(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/);
        expect(groupOfScene(scene)).toBe(id);
        expect(groupOfScene(encodeURIComponent(scene))).toBe(id);
      }),
    );
    expect(groupOfScene('g=../../etc')).toBeNull();
  });
});

describe('layer audiences of deals and flash sales', () => {
  const open = { status: 'open' as const, expiresAt: new Date(NOW.getTime() + 1), dealId: 'beans' };
  const supers = deal({ audience: { layers: ['super'] } });
  const start = minuteInstant('2026-11-23 20:00');

  it('admits a member carrying any listed layer and refuses the others with their own reason', () => {
    expect(judgeOpen(supers, facts({ layers: ['super'] }), NOW, 0)).toEqual({ ok: true });
    expect(judgeOpen(supers, facts({ layers: ['dormant'] }), NOW, 0)).toEqual({ ok: false, code: 'DEAL_LAYER_ONLY', reason: '仅限超级用户会员参加' });
    expect(judgeJoin(supers, open, facts(), NOW)).toEqual({ ok: false, code: 'DEAL_LAYER_ONLY', reason: '仅限超级用户会员参团' });
    expect(judgeJoin(supers, open, facts({ layers: ['newcomer', 'super'] }), NOW)).toEqual({ ok: true });
    const either = sale({ audience: { layers: ['super', 'high_value'] } });
    expect(judgeFlash(either, facts({ layers: ['high_value'] }), start, 0)).toEqual({ ok: true });
    expect(judgeFlash(either, facts({ layers: ['potential'] }), start, 0)).toEqual({ ok: false, code: 'DEAL_LAYER_ONLY', reason: '仅限超级用户、高净值会员抢购' });
  });

  it('no audience admits every layer; a visitor is judged on the public checks only', () => {
    fc.assert(
      fc.property(fc.subarray([...MemberLayer.options]), (layers) => {
        expect(judgeOpen(deal(), facts({ layers }), NOW, 0)).toEqual({ ok: true });
        expect(judgeFlash(sale(), facts({ layers }), start, 0)).toEqual({ ok: true });
        // With an audience: admitted exactly when the member carries a listed layer.
        expect(judgeOpen(supers, facts({ layers }), NOW, 0).ok).toBe(layers.includes('super'));
        // What the deal view says about joining (judgeJoinAny) is what joining an open group answers.
        expect(judgeJoinAny(supers, facts({ layers }), NOW)).toEqual(judgeJoin(supers, open, facts({ layers }), NOW));
      }),
    );
    expect(judgeOpen(supers, null, NOW, 0)).toEqual({ ok: true });
    expect(judgeJoin(supers, open, null, NOW)).toEqual({ ok: true });
  });

  it('what stops everyone comes first; the tier before the layer', () => {
    expect(judgeOpen(deal({ audience: { layers: ['super'] }, sale: { to: '2026-11-22' } }), facts(), NOW, 0)).toMatchObject({ code: 'DEAL_NOT_AVAILABLE' });
    expect(judgeOpen(deal({ audience: { layers: ['super'] }, tiers: ['gold'] }), facts(), NOW, 0)).toMatchObject({ code: 'DEAL_NOT_ELIGIBLE' });
    expect(judgeFlash(sale({ audience: { layers: ['super'] } }), facts(), new Date(start.getTime() - 1), 0)).toMatchObject({ code: 'FLASH_NOT_STARTED' });
  });

  it('operator documents: known layer codes only (Chinese message), no tiers inside the audience', () => {
    const bad = GroupDealConfig.safeParse({ title: 'x', singlePriceFen: 200, groupPriceFen: 100, groupSize: 2, stock: 2, audience: { layers: ['超级用户'] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['audience', 'layers', 0], message: expect.stringContaining('super（超级用户）') });
    expect(FlashSaleConfig.safeParse({ title: 'x', originalPriceFen: 200, priceFen: 100, stock: 1, startAt: '2026-11-23 20:00', audience: { tiers: ['gold'] } }).success).toBe(false);
    expect(FlashSaleConfig.safeParse({ title: 'x', originalPriceFen: 200, priceFen: 100, stock: 1, startAt: '2026-11-23 20:00', audience: { layers: [] } }).success).toBe(false);
    expect(deal().audience).toEqual({});
  });
});

describe('flash-sale rules', () => {
  it('opens exactly at the start minute (Beijing) by the server clock', () => {
    const start = minuteInstant('2026-11-23 20:00');
    expect(start.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(flashPhase(sale(), new Date(start.getTime() - 1))).toBe('upcoming');
    expect(flashPhase(sale(), start)).toBe('on');
    expect(judgeFlash(sale(), facts(), new Date(start.getTime() - 1), 0)).toMatchObject({ code: 'FLASH_NOT_STARTED', reason: '2026-11-23 20:00 开抢' });
    expect(judgeFlash(sale(), facts(), start, 0)).toEqual({ ok: true });
    expect(judgeFlash(sale(), facts(), start, 10)).toMatchObject({ code: 'DEAL_SOLD_OUT' });
    // endAt is inclusive of its minute.
    const ending = sale({ endAt: '2026-11-23 20:30' });
    expect(flashPhase(ending, new Date(start.getTime() + 30 * 60_000 + 59_999))).toBe('on');
    expect(flashPhase(ending, new Date(start.getTime() + 31 * 60_000))).toBe('ended');
  });

  it('operator documents are checked: prices in fen, group below single, a real start minute', () => {
    expect(GroupDealConfig.safeParse({ title: 'x', singlePriceFen: 100, groupPriceFen: 100, groupSize: 3, stock: 3 }).success).toBe(false);
    expect(GroupDealConfig.safeParse({ title: 'x', singlePriceFen: 100, groupPriceFen: 9.5, groupSize: 3, stock: 3 }).success).toBe(false);
    expect(GroupDealConfig.safeParse({ title: 'x', singlePriceFen: 100, groupPriceFen: 90, groupSize: 11, stock: 3 }).success).toBe(false);
    expect(GroupDealConfig.safeParse({ title: 'x', singlePriceFen: 100, groupPriceFen: 90, groupSize: 2, stock: 3, images: ['http://x'] }).success).toBe(false);
    expect(FlashSaleConfig.safeParse({ title: 'x', originalPriceFen: 100, priceFen: 50, stock: 1, startAt: '2026-11-23 24:00' }).success).toBe(false);
  });
});
