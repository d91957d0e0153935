/**
 * The home page of the built mini-program (dist/weapp) by persona, rendered by miniprogram-simulate with the
 * official compiler: a member's card, points and today's check-in; a clerk's desk; a visitor's invitation.
 */
import type { HomeView } from '../../cloudfunctions/_core/member/home.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const memberHome: HomeView = {
  member: {
    nickname: '林小暖',
    avatarUrl: 'preset:3',
    tier: { code: 'gold', name: '金卡会员', color: '#C9A227' },
    vip: { active: true, until: '2027-11-23' },
    balance: 2380,
    pending: 128,
    checkedInToday: false,
    streak: 3,
  },
  role: null,
};

const answer = (home: HomeView) => (call: { data: { action: string } }) => {
  if (call.data.action === 'home') return ok(home);
  if (call.data.action === 'items') return ok({ joined: home.member !== null, balance: 0, items: [] });
  return fail('UNKNOWN_ACTION', 'unknown');
};

describe('weapp home page by persona (built output)', () => {
  const { boot, calls } = useWeappHarness();

  it("a member sees the card in the tier's colour, points, pending points and today's check-in", async () => {
    const harness = boot(answer(memberHome));
    const page = harness.openPage('pages/home/index');
    await waitFor(() => page.querySelector('.home-member'), 'the member home');
    expect(calls.map((c) => `${c.name}.${c.data.action}`)).toEqual(expect.arrayContaining(['member.home', 'mall.items']));
    expect(textOf(page.querySelector('.home-points'))).toBe('2,380');
    expect(textOf(page.querySelector('.card-tier'))).toBe('金卡会员');
    expect(textOf(page.querySelector('.card-vip'))).toBe('超级会员');
    expect(textOf(page.querySelector('.home-checkin'))).toBe('今天还没签到 · 已连续 3 天');
    expect(textOf(page.querySelector('.card-face'))).toContain('另有 128 积分待生效');
    expect(page.querySelector('.home-visitor')).toBeUndefined();
    expect(page.querySelector('.to-staff')).toBeUndefined();

    (page.querySelector('.home-to-checkin') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo check-in');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/points/checkin/index' }));
  });

  it('a clerk sees the desk; a visitor the invitation to join', async () => {
    const clerk = boot(answer({ member: null, role: { role: 'clerk', name: '王店员', storeName: '静安店' } }));
    const desk = clerk.openPage('pages/home/index');
    await waitFor(() => desk.querySelector('.home-desk'), 'the desk');
    expect(textOf(desk.querySelector('.home-desk'))).toContain('王店员 · 静安店');
    clerk.teardown();

    const visitor = boot(answer({ member: null, role: null }));
    const page = visitor.openPage('pages/home/index');
    await waitFor(() => page.querySelector('.home-visitor'), 'the visitor home');
    expect(textOf(page.querySelector('.home-visitor'))).toContain('免费加入会员');
    (page.querySelector('.to-register') as SimNode).dispatchEvent('tap');
    await waitFor(() => visitor.nav.navigateTo.mock.calls.length > 0, 'navigateTo register');
    expect(visitor.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/account/register/index' }));
  });
});
