/**
 * The paid VIP card page of the built mini-program (dist/weapp/packages/vip), rendered by miniprogram-simulate:
 * the offer, buying (callFunction buy -> wx.requestPayment -> callFunction confirm) and a cancelled payment.
 */
import type { BuyVipView, VipOfferView } from '../../cloudfunctions/_core/vip/vip.schema';
import { bootWeapp, fail, ok, textOf, waitFor, type CloudCall, type SimNode, type WeappHarness } from './harness';
import { linCenter } from './member-fixtures';

const offer: VipOfferView = {
  enabled: true,
  title: '超级会员卡',
  priceFen: 19900,
  days: 365,
  benefits: [
    { code: 'points_bonus', title: '积分加赠 10%', description: '有效期内门店消费积分额外加赠 10%' },
    { code: 'vip_events', title: '会员专场', description: '受邀参加品牌会员专场活动' },
  ],
  active: false,
  until: null,
};
const order: BuyVipView = {
  outTradeNo: 'VIP0123456789abcdef0123456789abc',
  payment: { timeStamp: '1795000000', nonceStr: 'abc', package: 'prepay_id=wx123', signType: 'MD5', paySign: 'SIGN' },
};

type PaymentMock = jest.Mock<void, [Record<string, unknown> & { success?: (r: unknown) => void; fail?: (r: unknown) => void }]>;

/** Buying asks first: the agreement and the price in a sheet; the member agrees. */
async function agree(page: SimNode): Promise<void> {
  const agreeButton = await waitFor(() => page.querySelector('.ui-confirm__ok'), 'the agreement and price sheet');
  expect(textOf(page.querySelector('.vip-confirm'))).toContain('《超级会员服务协议》');
  expect(textOf(page.querySelector('.vip-confirm-price'))).toBe('¥199.00');
  agreeButton.dispatchEvent('tap');
}

describe('weapp paid VIP card (built output)', () => {
  let h: WeappHarness | undefined;
  let calls: CloudCall[];
  let storage: Map<string, unknown>;

  afterEach(() => {
    h?.teardown();
    h = undefined;
  });

  function boot(answer: (call: CloudCall) => unknown, payment: PaymentMock) {
    calls = [];
    storage = new Map();
    h = bootWeapp((call) => {
      calls.push(call);
      return answer(call);
    });
    h.wx.requestPayment = payment;
    h.wx.setStorageSync = (k: string, v: unknown) => storage.set(k, v);
    h.wx.getStorageSync = (k: string) => storage.get(k) ?? '';
    h.wx.removeStorageSync = (k: string) => storage.delete(k);
    return h;
  }

  it('shows the offer, pays with wx.requestPayment, confirms and shows the new validity', async () => {
    let paid = false;
    const payment: PaymentMock = jest.fn((o) => {
      paid = true;
      o.success?.({ errMsg: 'requestPayment:ok' });
    });
    const harness = boot((call) => {
      const { action } = call.data;
      if (action === 'offer') return ok(paid ? { ...offer, active: true, until: '2027-11-23' } : offer);
      if (action === 'buy') return ok(order);
      if (action === 'confirm') return ok({ until: '2027-11-23' });
      return fail('UNKNOWN_ACTION', 'unknown');
    }, payment);

    const page = harness.openPage('packages/vip/index');
    const buy = await waitFor(() => page.querySelector('.vip-buy'), 'the offer to render');
    expect(calls).toEqual([{ name: 'vip', data: { action: 'offer', input: {} } }]);
    expect(textOf(page.querySelector('.vip-title'))).toBe('超级会员卡');
    expect(textOf(page.querySelector('.vip-price'))).toBe('¥199.00');
    expect(textOf(page.querySelector('.vip-status'))).toBe('未开通');
    expect(page.querySelector('.vip-until')).toBeUndefined();
    expect(page.querySelectorAll('.vip-benefit').map(textOf)).toEqual(['积分加赠 10%有效期内门店消费积分额外加赠 10%', '会员专场受邀参加品牌会员专场活动']);
    expect(textOf(buy)).toBe('立即开通 ¥199.00');

    buy.dispatchEvent('tap');
    await agree(page);
    await waitFor(() => textOf(page.querySelector('.vip-status')) === '已开通', 'the card to be active');
    expect(textOf(page.querySelector('.vip-until'))).toBe('有效期至 2027年11月23日');

    const actions = calls.map((c) => c.data.action);
    expect(actions.slice(0, 4)).toEqual(['offer', 'buy', 'confirm', 'offer']);
    const buyCall = calls[1].data.input as { requestId: string };
    expect(buyCall.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(calls[2].data.input).toEqual({ outTradeNo: order.outTradeNo });
    expect(payment).toHaveBeenCalledTimes(1);
    expect(payment.mock.calls[0][0]).toMatchObject(order.payment as object);
    expect(payment.mock.invocationCallOrder[0]).toBeLessThan(harness.cloud.callFunction.mock.invocationCallOrder[2]);
    // confirmed: nothing left for the next visit to recover
    expect(storage.size).toBe(0);
    expect(textOf(page.querySelector('.vip-buy'))).toBe('续费 ¥199.00');
  });

  it('a cancelled payment confirms nothing, and the next tap is a new order', async () => {
    const payment: PaymentMock = jest.fn((o) => o.fail?.({ errMsg: 'requestPayment:fail cancel' }));
    const harness = boot((call) => {
      if (call.data.action === 'offer') return ok(offer);
      if (call.data.action === 'buy') return ok(order);
      return fail('PAYMENT_PENDING', 'pending');
    }, payment);

    const toast = jest.spyOn(harness.wx as { showToast: (o: unknown) => void }, 'showToast');
    const cancelled = () => toast.mock.calls.filter(([o]) => (o as { title: string }).title === '已取消支付').length;
    const page = harness.openPage('packages/vip/index');
    const buy = await waitFor(() => page.querySelector('.vip-buy'), 'the offer to render');
    buy.dispatchEvent('tap');
    await agree(page);
    await waitFor(() => payment.mock.calls.length === 1, 'the payment sheet');
    // The attempt ends with its toast; the label alone can read 立即开通 before the busy state has rendered.
    await waitFor(() => cancelled() === 1, 'the first attempt to end');
    await waitFor(() => textOf(page.querySelector('.vip-buy')) === '立即开通 ¥199.00', 'the button to come back');
    buy.dispatchEvent('tap');
    await agree(page);
    await waitFor(() => payment.mock.calls.length === 2, 'the second payment sheet');
    await waitFor(() => cancelled() === 2, 'the second attempt to end');
    await waitFor(() => textOf(page.querySelector('.vip-buy')) === '立即开通 ¥199.00', 'the button to come back again');

    const buys = calls.filter((c) => c.data.action === 'buy').map((c) => (c.data.input as { requestId: string }).requestId);
    expect(buys).toHaveLength(2);
    expect(buys[0]).not.toBe(buys[1]);
    expect(calls.some((c) => c.data.action === 'confirm')).toBe(false);
    expect(textOf(page.querySelector('.vip-status'))).toBe('未开通');
    expect(storage.size).toBe(0);
  });

  it('paid but not yet reported: keeps asking, and the next tap confirms again instead of paying twice', async () => {
    const payment: PaymentMock = jest.fn((o) => o.success?.({ errMsg: 'requestPayment:ok' }));
    let confirms = 0;
    const harness = boot((call) => {
      if (call.data.action === 'offer') return ok(offer);
      if (call.data.action === 'buy') return ok(order);
      confirms++;
      return confirms <= 4 ? fail('PAYMENT_PENDING', 'pending') : ok({ until: '2027-11-23' });
    }, payment);

    const page = harness.openPage('packages/vip/index');
    const buy = await waitFor(() => page.querySelector('.vip-buy'), 'the offer to render');
    buy.dispatchEvent('tap');
    await agree(page);
    await waitFor(() => confirms === 4 && textOf(page.querySelector('.vip-buy')) === '立即开通 ¥199.00', 'four confirm attempts', 10000);
    // the page remembers the order, so a later visit can still confirm it
    expect([...storage.values()]).toEqual([expect.objectContaining({ outTradeNo: order.outTradeNo })]);

    buy.dispatchEvent('tap');
    await agree(page);
    await waitFor(() => textOf(page.querySelector('.vip-status')) === '已开通', 'the card to be active');
    expect(calls.filter((c) => c.data.action === 'buy')).toHaveLength(1);
    expect(payment).toHaveBeenCalledTimes(1);
    expect(storage.size).toBe(0);
  });

  it('shows an active card with its last day, and a disabled offer without a way to buy', async () => {
    const payment: PaymentMock = jest.fn();
    const harness = boot(() => ok({ ...offer, enabled: false, active: true, until: '2027-01-05' }), payment);
    const page = harness.openPage('packages/vip/index');
    const buy = await waitFor(() => page.querySelector('.vip-buy'), 'the offer to render');
    expect(textOf(page.querySelector('.vip-status'))).toBe('已开通');
    expect(textOf(page.querySelector('.vip-until'))).toBe('有效期至 2027年1月5日');
    expect(textOf(buy)).toBe('暂未开放');
    buy.dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 100));
    // Nothing to agree to: no sheet opens for an offer that is not on sale.
    expect(page.querySelector('.vip-confirm')).toBeUndefined();
    expect(calls.map((c) => c.data.action)).toEqual(['offer']);
    expect(payment).not.toHaveBeenCalled();
  });

  it('the member center opens the VIP page', async () => {
    const harness = boot(() => fail('UNKNOWN_ACTION', 'not needed'), jest.fn());
    harness.cloud.callFunction.mockImplementation(async (o: CloudCall) => {
      const center = linCenter({ nextTier: null, growthToNext: 0, progressPercent: 100, points: { balance: 0 }, vip: { active: true, until: '2027-11-23' } });
      return { result: o.data.action === 'center' ? ok(center) : fail('UNKNOWN_ACTION', 'x'), errMsg: 'cloud.callFunction:ok' };
    });
    const page = harness.openPage('pages/member/index');
    const toVip = await waitFor(() => page.querySelector('.to-vip'), 'the VIP entry');
    expect(textOf(toVip)).toContain('超级会员');
    (toVip as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo after tapping 付费会员');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/vip/index' }));
  });
});
