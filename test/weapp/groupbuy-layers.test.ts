/**
 * A group deal for one value layer (audience.layers) in the built mini-program (dist/weapp), in the simulator:
 * the deal list, the deal page and the group page show 「超级用户专享」 as a design-system tag beside the other
 * tags; a member outside the layer reads why on the disabled button (from the view's `available`/`reason`, which
 * the server computes with judgeAudience) and a tap sends nothing; a 超级用户 gets the open button and its sheet.
 */
import type { DealDetailView, DealView, DealsView, GroupView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import { fail, ok, textOf, useWeappHarness, waitFor, type SimNode } from './harness';

const deal = (fields: Partial<DealView> = {}): DealView => ({
  dealId: 'box-supers',
  title: '新品尝鲜礼盒 · 两人团',
  description: '新品上市前先尝：超级用户专享，尝后欢迎在社区分享你的感受。',
  images: [],
  singlePriceFen: 12800,
  groupPriceFen: 6800,
  groupSize: 2,
  windowHours: 24,
  groupsLeft: 20,
  perMember: 1,
  mine: 0,
  deliveryModes: ['pickup'],
  leaderReward: null,
  newMembersOnly: false,
  saleFrom: null,
  saleTo: null,
  tierNames: [],
  layerNames: ['超级用户'],
  available: true,
  reason: null,
  canJoin: true,
  joinReason: null,
  ...fields,
});
const OUTSIDE = { available: false, reason: '仅限超级用户会员参加', canJoin: false, joinReason: '仅限超级用户会员参团' } as const;
const detail = (d: DealView): DealDetailView => ({
  registered: true,
  deal: d,
  // 林小满's group: offered to those who may join it.
  openGroups: [{ groupId: 'abcdefghjkmn', leaderNickname: '林小满', leaderAvatarUrl: 'preset:1', missing: 1, size: 2, expiresAt: '2026-11-27T02:00:00.000Z' }],
  pickupStores: [{ id: 'S001', name: '静安店', address: '上海市静安区南京西路 1 号' }],
  serverNow: '2026-11-26T02:00:00.000Z',
});

describe('weapp group deals for a layer (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const actions = (name: string) => calls.filter((c) => c.data.action === name);

  it('the deal list tags only the layer deal 超级用户专享 and says why a member outside it cannot open one', async () => {
    const deals: DealsView = { registered: true, deals: [deal({ dealId: 'beans-3', title: '手冲咖啡豆 250g · 三人团', layerNames: [] }), deal(OUTSIDE)] };
    const harness = boot((call) => (call.data.action === 'deals' ? ok(deals) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('packages/groupbuy/index/index');
    await waitFor(() => page.querySelectorAll('.gb-deal').length === 2, 'two deal cards');
    const tags = page.querySelectorAll('.gb-layer-tag');
    expect(tags.map(textOf)).toEqual(['超级用户专享']);
    // The same tag component as the card's other tags (ui-tag, warning tone), in the card's tag row.
    expect(tags[0].dom?.className).toMatch(/\bui-tag\b.*\bui-tag--warning\b/);
    // The layer deal's card (muted: this member cannot open one) carries it; the other card does not.
    expect(page.querySelectorAll('.gb-card--muted .gb-layer-tag')).toHaveLength(1);
    expect(page.querySelectorAll('.gb-card--muted .gb-card__tags').map(textOf)).toEqual(['2人团超级用户专享']); // its tags: 2人团, then the layer's
    expect(page.querySelectorAll('.gb-card--muted .gb-card__meta').map(textOf)).toEqual(['仅限超级用户会员参加']);
    expect(page.querySelectorAll('.gb-card__meta').map(textOf)).toEqual(['还可开 20 个团', '仅限超级用户会员参加']);
  });

  it('a member outside the layer: the tag, a disabled button that says why, no form, no groups to join, and a tap sends nothing', async () => {
    const harness = boot((call) => (call.data.action === 'deal' ? ok(detail(deal(OUTSIDE))) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('packages/groupbuy/deal/index', { dealId: 'box-supers' });
    const button = await waitFor(() => page.querySelector('.gb-open'), 'the open button');
    expect(textOf(page.querySelector('.gb-deal-detail .gb-layer-tag'))).toBe('超级用户专享');
    expect(textOf(button)).toBe('仅限超级用户会员参加');
    expect(button.dom?.className).toContain('ui-btn--disabled');
    expect(page.querySelector('.gb-open-form')).toBeFalsy();
    expect(page.querySelector('.gb-open-groups')).toBeFalsy();
    button.dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 200));
    expect(textOf(page.querySelector('.gb-open-sheet'))).not.toContain('去支付');
    expect(actions('open')).toHaveLength(0);
  });

  it('a 超级用户: the tag, the open groups, the open button and its confirmation sheet', async () => {
    const harness = boot((call) => (call.data.action === 'deal' ? ok(detail(deal())) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('packages/groupbuy/deal/index', { dealId: 'box-supers' });
    const button = await waitFor(() => page.querySelector('.gb-open'), 'the open button');
    expect(textOf(page.querySelector('.gb-deal-detail .gb-layer-tag'))).toBe('超级用户专享');
    expect(textOf(button)).toBe('¥68.00 开团');
    expect(button.dom?.className).not.toContain('ui-btn--disabled');
    expect(page.querySelector('.gb-open-form')).toBeTruthy();
    expect(page.querySelectorAll('.gb-open-group').map(textOf)).toEqual([expect.stringContaining('林小满 的团')]);
    button.dispatchEvent('tap');
    await waitFor(() => textOf(page.querySelector('.gb-open-sheet')).includes('去支付'), 'the confirmation sheet');
  });

  it('the group page of a layer deal carries the tag; outside the layer the server’s reason replaces the join button', async () => {
    const group: GroupView = {
      groupId: 'abcdefghjkmn',
      dealId: 'box-supers',
      registered: true,
      title: '新品尝鲜礼盒 · 两人团',
      image: null,
      groupPriceFen: 6800,
      singlePriceFen: 12800,
      layerNames: ['超级用户'],
      size: 2,
      status: 'open',
      statusText: '拼团中',
      taken: 1,
      paid: 1,
      expiresAt: '2026-11-27T02:00:00.000Z',
      serverNow: '2026-11-26T02:00:00.000Z',
      members: [{ nickname: '林小满', avatarUrl: 'preset:1', role: 'leader', paid: true }],
      emptySlots: 1,
      mine: null,
      canJoin: false,
      joinReason: '仅限超级用户会员参团',
      share: { title: '【还差1人】¥68.00 拼 新品尝鲜礼盒 · 两人团', path: '/packages/groupbuy/group/index?groupId=abcdefghjkmn', imageUrl: null },
      deliveryModes: ['pickup'],
      pickupStores: [{ id: 'S001', name: '静安店', address: '上海市静安区南京西路 1 号' }],
    };
    const harness = boot((call) => (call.data.action === 'group' ? ok(group) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('packages/groupbuy/group/index', { groupId: 'abcdefghjkmn' });
    const reason = await waitFor(() => page.querySelector('.gb-join-reason'), 'the reason');
    expect(textOf(reason)).toBe('仅限超级用户会员参团');
    expect(textOf(page.querySelector('.gb-group-head .gb-layer-tag'))).toBe('超级用户专享');
    expect(page.querySelector('.gb-join') as SimNode | undefined).toBeFalsy();
  });
});
