/**
 * The group-buy group page of the built mini-program (dist/weapp), in the simulator with a mocked
 * callFunction: members as avatars, empty slots, the countdown from the server's clock, joining after the
 * confirmation sheet; and a
 * page opened from a scanned mini-program code (scene) resolving its group first.
 */
import type { GroupView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const GROUP_ID = 'abcdefghjkmn';
const group = (fields: Partial<GroupView> = {}): GroupView => ({
  groupId: GROUP_ID,
  dealId: 'beans-3',
  registered: true,
  title: '手冲咖啡豆 250g · 三人团',
  image: null,
  groupPriceFen: 5990,
  singlePriceFen: 9900,
  layerNames: [],
  size: 3,
  status: 'open',
  statusText: '拼团中',
  taken: 2,
  paid: 1,
  // Two hours after the server's now: the countdown starts at 02:00:00 whatever the phone's clock says.
  expiresAt: '2026-11-23T04:00:00.000Z',
  serverNow: '2026-11-23T02:00:00.000Z',
  members: [
    { nickname: '阿青', avatarUrl: 'preset:2', role: 'leader', paid: true },
    { nickname: '小鹿', avatarUrl: 'preset:3', role: 'member', paid: false },
  ],
  emptySlots: 1,
  mine: null,
  canJoin: true,
  joinReason: null,
  share: { title: '【还差2人】¥59.90 拼 手冲咖啡豆 250g · 三人团', path: `/packages/groupbuy/group/index?groupId=${GROUP_ID}`, imageUrl: null },
  deliveryModes: ['pickup'],
  pickupStores: [{ id: 'S001', name: '静安店', address: '上海市静安区南京西路 1 号' }],
  ...fields,
});

describe('weapp group page (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const actions = (name: string) => calls.filter((c) => c.data.action === name);

  it('renders members, empty slots and the countdown from the server clock; joining sends one request', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'group') return ok(group());
      if (call.data.action === 'join') return fail('GROUP_CLOSED', '这个团已结束');
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/groupbuy/group/index', { groupId: GROUP_ID });
    await waitFor(() => page.querySelectorAll('.gb-slot').length === 3, 'three slots');
    expect(actions('group')[0].data.input).toEqual({ groupId: GROUP_ID });
    expect(page.querySelectorAll('.gb-slot--filled')).toHaveLength(2);
    expect(page.querySelectorAll('.gb-slot--paying')).toHaveLength(1);
    expect(page.querySelectorAll('.gb-slot--empty')).toHaveLength(1);
    expect(page.querySelectorAll('.gb-slot__name').map(textOf)).toEqual(['团长', '支付中', '待加入']);
    const countdown = textOf(page.querySelector('.gb-group-countdown'));
    expect(countdown).toMatch(/还差 2 人成团 · 剩余\s*(02:00:00|01:59:5\d)/);
    expect(textOf(page.querySelector('.gb-group-status'))).toBe('拼团中');
    expect(textOf(page.querySelector('.gb-join'))).toBe('¥59.90 参团');

    // Paying is confirmed on a sheet first (item, delivery, price), then one join request goes out.
    (page.querySelector('.gb-join') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.gb-join-sheet .ui-confirm__ok'), 'the confirmation sheet');
    expect(textOf(page.querySelector('.gb-join-sheet'))).toContain('门店自提 · 静安店');
    expect(actions('join')).toHaveLength(0);
    (page.querySelector('.gb-join-sheet .ui-confirm__ok') as SimNode).dispatchEvent('tap');
    await waitFor(() => actions('join').length === 1, 'the join call');
    expect(actions('join')[0].data.input).toMatchObject({ groupId: GROUP_ID, dealId: 'beans-3', delivery: { mode: 'pickup', storeId: 'S001' } });
  });

  it('a visitor sees the group and 加入会员参团, which opens registration set to come back to this group', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'group') return ok(group({ registered: false, canJoin: false, joinReason: '加入会员后即可参团' }));
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/groupbuy/group/index', { groupId: GROUP_ID });
    await waitFor(() => page.querySelector('.gb-register-join'), 'the invitation');
    expect(page.querySelectorAll('.gb-slot')).toHaveLength(3);
    expect(textOf(page.querySelector('.gb-group-countdown'))).toMatch(/还差 2 人成团/);
    expect(textOf(page.querySelector('.gb-join-reason'))).toBe('加入会员后即可参团');
    expect(page.querySelector('.gb-join')).toBeFalsy();
    expect(page.querySelector('.gb-poster-button')).toBeFalsy();
    (page.querySelector('.gb-register-join') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length === 1, 'navigation to registration');
    const { url } = harness.nav.navigateTo.mock.calls[0][0] as { url: string };
    expect(url).toBe(`/packages/account/register/index?back=${encodeURIComponent(`/packages/groupbuy/group/index?groupId=${GROUP_ID}`)}`);
    expect(actions('join')).toHaveLength(0);
  });

  it('opened from a mini-program code: the scene is resolved to the group first', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'scene') return ok({ groupId: GROUP_ID });
      if (call.data.action === 'group') return ok(group({ status: 'completed', statusText: '拼团成功', canJoin: false, joinReason: '这个团已成团', emptySlots: 0, paid: 3, taken: 3 }));
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/groupbuy/group/index', { scene: encodeURIComponent(`g=${GROUP_ID}`) });
    await waitFor(() => page.querySelector('.gb-group-status--completed'), 'the completed group');
    expect(actions('scene')[0].data.input).toEqual({ scene: `g=${GROUP_ID}` });
    expect(actions('group')[0].data.input).toEqual({ groupId: GROUP_ID });
    expect(page.querySelector('.gb-join')).toBeFalsy();
    expect(page.querySelector('.gb-group-countdown')).toBeFalsy();
    expect(textOf(page.querySelector('.gb-join-reason'))).toBe('这个团已成团');
  });
});
