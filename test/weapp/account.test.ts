/**
 * The card page and the registration flow (account subpackage) of the built mini-program, in the simulator.
 */
import type { MemberCenterView, PrivacyPolicyView } from '../../cloudfunctions/_core/member/member.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';
import { linCard } from './member-fixtures';

const policy: PrivacyPolicyView = {
  version: '2026-11-01',
  title: '会员隐私政策',
  summary: '我们仅在你同意后保存你的昵称、头像、生日和手机号。',
  body: '一、我们收集的信息\n二、使用目的',
};

const card = linCard();

const registered: MemberCenterView = {
  memberNo: '812345678901',
  nickname: '新朋友',
  avatarUrl: 'preset:1',
  tier: { code: 'silver', name: '银卡会员', color: '#8A97A8' },
  growth: 0,
  nextTier: { name: '金卡会员', threshold: 1000 },
  growthToNext: 1000,
  progressPercent: 0,
  points: { balance: 0 },
  benefits: [],
  birthday: null,
  joinedAt: '2026-11-23T02:00:00.000Z',
  vip: { active: false, until: null },
};

describe('weapp account pages (built output)', () => {
  const { boot, calls } = useWeappHarness();

  it('shows the card face with the member number in groups of four', async () => {
    const harness = boot(() => ok(card));
    const page = harness.openPage('pages/card/index');
    const no = await waitFor(() => page.querySelector('.card-member-no'), 'the card face');

    expect(calls[0]).toEqual({ name: 'member', data: { action: 'card', input: {} } });
    expect(textOf(no)).toBe('8023 4567 8901');
    expect(textOf(page.querySelector('.card-tier'))).toBe('金卡会员');
    expect(textOf(page.querySelector('.card-face__footer'))).toContain('2026年3月1日');
  });

  it('registers after consent and shows field errors from INVALID_INPUT', async () => {
    let attempt = 0;
    const harness = boot((call) => {
      if (call.data.action === 'privacyPolicy') return ok(policy);
      if (call.data.action === 'register') {
        attempt += 1;
        return attempt === 1 ? fail('INVALID_INPUT', '昵称最多 20 个字', 'nickname') : ok(registered);
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/account/register/index');
    await waitFor(() => page.querySelector('.register-submit'), 'the register form');
    expect(textOf(page.querySelector('.register-policy'))).toContain(policy.summary);

    (page.querySelector('.register-nickname') as SimNode).dispatchEvent('input', { detail: { value: '新朋友' } });
    (page.querySelector('.register-consent') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.consent-check__box--checked'), 'the consent box to be checked');

    (page.querySelector('.register-submit') as SimNode).dispatchEvent('tap');
    const error = await waitFor(() => page.querySelector('.ui-field__error'), 'the nickname field error');
    expect(textOf(error)).toBe('昵称最多 20 个字');
    expect(harness.nav.switchTab).not.toHaveBeenCalled();

    (page.querySelector('.register-submit') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.switchTab.mock.calls.length > 0, 'switchTab to the member center');
    expect(harness.nav.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/member/index' }));

    const registerCalls = calls.filter((c) => c.data.action === 'register');
    expect(registerCalls).toHaveLength(2);
    expect(registerCalls[1].data.input).toEqual({
      consent: { policyVersion: '2026-11-01', accepted: true },
      nickname: '新朋友',
      avatarUrl: 'preset:1',
    });
  });

  it('opened with back= (a shared group): returns to that page after registering, not to the member center', async () => {
    const harness = boot((call) => (call.data.action === 'privacyPolicy' ? ok(policy) : call.data.action === 'register' ? ok(registered) : fail('UNKNOWN_ACTION', 'unknown')));
    const back = '/packages/groupbuy/group/index?groupId=abcdefghjkmn';
    const page = harness.openPage('packages/account/register/index', { back: encodeURIComponent(back) });
    await waitFor(() => page.querySelector('.register-submit'), 'the register form');
    (page.querySelector('.register-nickname') as SimNode).dispatchEvent('input', { detail: { value: '新朋友' } });
    (page.querySelector('.register-consent') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.consent-check__box--checked'), 'the consent box to be checked');
    (page.querySelector('.register-submit') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.redirectTo.mock.calls.length > 0, 'redirectTo the inviting page');
    expect(harness.nav.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: back }));
    expect(harness.nav.switchTab).not.toHaveBeenCalled();
  });
});
