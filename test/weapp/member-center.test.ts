/**
 * The member center page of the built mini-program (dist/weapp), rendered by miniprogram-simulate with the
 * official compiler: the cloud call, the rendered view, and the tap through to the check-in page.
 */
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';
import { linCenter } from './member-fixtures';

const center = linCenter({
  benefits: [
    { code: 'points', title: '1.2 倍积分', description: '消费积分加成 20%' },
    { code: 'birthday_gift', title: '生日礼升级', description: '生日当月领取升级版礼物' },
    { code: 'new_product_trial', title: '新品试用', description: '新品上市前优先报名试用' },
  ],
  birthday: { month: 5, day: 20 },
});

describe('weapp member center (built output)', () => {
  const { boot, calls } = useWeappHarness();

  it('shows the member center from the cloud and opens the card', async () => {
    const harness = boot((call) => (call.data.action === 'center' ? ok(center) : fail('UNKNOWN_ACTION', 'unknown')));
    const page = harness.openPage('pages/member/index');
    const nickname = await waitFor(() => page.querySelector('.member-nickname'), 'the member center to render');

    // app.ts initialised the cloud (useLaunch) before the page called it, with the build's env id (a string
    // from TARO_APP_CLOUD_ENV, or none), never the server-side DYNAMIC_CURRENT_ENV.
    const initArg = harness.cloud.init.mock.calls[0][0] as { env?: unknown; traceUser: boolean };
    expect(initArg.traceUser).toBe(true);
    expect(initArg.env === undefined || (typeof initArg.env === 'string' && initArg.env.length > 0)).toBe(true);
    expect(harness.cloud.init.mock.invocationCallOrder[0]).toBeLessThan(harness.cloud.callFunction.mock.invocationCallOrder[0]);
    expect(calls[0]).toEqual({ name: 'member', data: { action: 'center', input: {} } });
    expect(textOf(nickname)).toBe('林小暖');
    expect(textOf(page.querySelector('.member-tier'))).toBe('金卡会员');
    expect(textOf(page.querySelector('.member-points'))).toBe('2,380');
    expect(textOf(page.querySelector('.member-growth'))).toContain('再获得 3,800 成长值升级为 黑金会员');
    const benefits = page.querySelectorAll('.member-benefit').map(textOf);
    expect(benefits).toHaveLength(3);
    expect(benefits[0]).toContain('1.2 倍积分');
    expect(benefits[2]).toContain('新品试用');
    expect(page.querySelector('.join-card')).toBeUndefined();

    const toCheckin = page.querySelector('.to-checkin') as SimNode;
    expect(textOf(toCheckin)).toContain('每日签到');
    toCheckin.dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo after tapping 每日签到');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/points/checkin/index' }));
  });

  it('invites a visitor to join when the center answers NOT_REGISTERED', async () => {
    const harness = boot(() => fail('NOT_REGISTERED', 'not registered'));

    const page = harness.openPage('pages/member/index');
    const join = await waitFor(() => page.querySelector('.join-card'), 'the join card');

    expect(textOf(join)).toContain('欢迎加入会员社区');
    expect(page.querySelector('.member-nickname')).toBeUndefined();
    // An invitation, not a redirect loop.
    expect(harness.nav.navigateTo).not.toHaveBeenCalled();
    expect(harness.nav.redirectTo).not.toHaveBeenCalled();

    (page.querySelector('.to-register') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo after tapping 立即加入');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/account/register/index' }));
  });
});
