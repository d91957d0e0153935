/**
 * Distribution and birthday pages of the built mini-program (dist/weapp), rendered by miniprogram-simulate:
 * the home page keeps a share scene and binds it, and shows the birthday card; 推广中心 for a distributor;
 * withdrawing; the share page's WeChat share button.
 */
import type { BirthdayCardView } from '../../cloudfunctions/_core/birthday/birthday.schema';
import type { HomeView } from '../../cloudfunctions/_core/member/home.schema';
import type { DistributionStatusView, ShareCodeView, WithdrawResultView } from '../../cloudfunctions/_core/distribution/distribution.schema';
import { bootWeapp, fail, ok, textOf, waitFor, type CloudCall, type WeappHarness } from './harness';

const status: DistributionStatusView = {
  enabled: true,
  distributor: {
    memberNo: '287182499518',
    via: 'koc',
    since: '2026-11-29',
    grade: { code: 'starter', name: '推广员' },
    activeFans: 3,
    nextGrade: { name: '推广达人', minActiveFans: 10 },
    fans: 4,
  },
  account: { pendingFen: 1_500, balanceFen: 2_350, settledFen: 5_000, withdrawnFen: 2_650, clawedBackFen: 0 },
  conditions: [],
  canJoin: false,
  giftPack: null,
  withdrawal: { minFen: 100, dailyCapFen: 500_000, approvalAboveFen: 50_000 },
};

const card: BirthdayCardView = {
  active: true,
  title: '生日快乐',
  text: '愿你新的一岁闪闪发光。',
  windowStart: '2026-12-01',
  windowEnd: '2026-12-31',
  points: 100,
  multiplierPercent: 200,
  coupons: [{ id: 'c1', title: '生日 20 元券', validTo: '2027-01-08' }],
  preparing: false,
};

const memberHome: HomeView = {
  member: {
    nickname: '林小暖',
    avatarUrl: 'preset:3',
    tier: { code: 'gold', name: '金卡会员', color: '#C9A227' },
    vip: { active: false, until: null },
    balance: 2380,
    pending: 0,
    checkedInToday: true,
    streak: 3,
  },
  role: null,
};

describe('weapp distribution and birthday (built output)', () => {
  let h: WeappHarness | undefined;
  let calls: CloudCall[];
  let storage: Map<string, unknown>;

  afterEach(() => {
    h?.teardown();
    h = undefined;
  });

  function boot(answer: (call: CloudCall) => unknown, keepStorage = false) {
    calls = [];
    if (!keepStorage) storage = new Map();
    h = bootWeapp((call) => {
      calls.push(call);
      return answer(call);
    });
    h.wx.setStorageSync = (k: string, v: unknown) => storage.set(k, v);
    h.wx.getStorageSync = (k: string) => storage.get(k) ?? '';
    h.wx.removeStorageSync = (k: string) => storage.delete(k);
    return h;
  }

  it('the home page keeps the scene of a mini-program code, binds it, and shows the birthday card', async () => {
    const harness = boot((call) => {
      const { action } = call.data;
      if (action === 'card') return ok(card);
      if (action === 'bind') return ok({ outcome: 'bound', message: '已成为推广员的粉丝', distributorName: '林**' });
      if (action === 'home') return ok(memberHome);
      if (action === 'items') return ok({ joined: true, balance: 0, items: [] });
      return fail('FORBIDDEN', '没有权限');
    });
    // wxacode.getUnlimited codes pass the scene URL-encoded in the page's query.
    const page = harness.openPage('pages/home/index', { scene: 'd%3D287182499518' });
    await waitFor(() => calls.some((c) => c.data.action === 'bind'), 'the bind call');
    expect(calls.find((c) => c.data.action === 'bind')).toEqual({ name: 'distribution', data: { action: 'bind', input: { scene: 'd=287182499518' } } });
    await waitFor(() => !storage.has('distribution.scene'), 'the scene to be forgotten once bound');

    const title = await waitFor(() => page.querySelector('.birthday-title'), 'the birthday card');
    expect(textOf(title)).toBe('生日快乐');
    expect(page.querySelectorAll('.birthday-gift').map(textOf)).toEqual(['100 积分已到账', '期间门店消费积分 2 倍']);
    expect(textOf(page.querySelector('.birthday-coupon'))).toBe('生日 20 元券 · 2027年1月8日 前有效 ›');
  });

  it('a visitor keeps the scene until registered (first touch: a later scene does not replace it)', async () => {
    const visitor = (call: CloudCall) => fail(call.data.action === 'bind' ? 'NOT_REGISTERED' : 'FORBIDDEN', '请先注册会员');
    boot(visitor).openPage('pages/home/index', { scene: 'd%3D111111111111' });
    await waitFor(() => calls.some((c) => c.data.action === 'bind'), 'the bind attempt');
    h!.teardown();
    // Another launch, from a second distributor's code.
    boot(visitor, true).openPage('pages/home/index', { scene: 'd%3D222222222222' });
    await waitFor(() => calls.some((c) => c.data.action === 'bind'), 'the second bind attempt');
    expect(calls.filter((c) => c.data.action === 'bind').map((c) => c.data.input)).toEqual([{ scene: 'd=111111111111' }]);
    expect(storage.get('distribution.scene')).toBe('d=111111111111');
  });

  it('推广中心 shows the money, the grade and the way to the other pages', async () => {
    const harness = boot((call) => (call.data.action === 'status' ? ok(status) : fail('UNKNOWN_ACTION', 'x')));
    const page = harness.openPage('packages/distribution/index/index');
    const balance = await waitFor(() => page.querySelector('.dist-balance'), 'the wallet');
    expect(textOf(balance)).toBe('¥23.50');
    expect(textOf(page.querySelector('.dist-pending'))).toBe('¥15.00');
    expect(textOf(page.querySelector('.dist-grade-name'))).toBe('推广员');
    page.querySelector('.to-dist-withdraw')!.dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigation');
    expect(harness.nav.navigateTo.mock.calls[0][0]).toMatchObject({ url: '/packages/distribution/withdraw/index' });
  });

  it('withdraws the amount typed, once per tap, and shows the record', async () => {
    const result: WithdrawResultView = {
      withdrawal: { withdrawalNo: `W${'a'.repeat(31)}`, amountFen: 2_000, status: 'paid', reason: '已转入微信零钱', createdAt: '2026-12-07T02:00:00.000Z', confirmation: null },
      account: { ...status.account!, balanceFen: 350 },
    };
    let withdrawn = false;
    const harness = boot((call) => {
      const { action } = call.data;
      if (action === 'status') return ok(withdrawn ? { ...status, account: result.account } : status);
      if (action === 'withdrawals') return ok({ withdrawals: withdrawn ? [result.withdrawal] : [], next: null });
      if (action === 'withdraw') {
        withdrawn = true;
        return ok(result);
      }
      return fail('UNKNOWN_ACTION', 'x');
    });
    const page = harness.openPage('packages/distribution/withdraw/index');
    const input = await waitFor(() => page.querySelector('.dist-withdraw-amount'), 'the form');
    input.dispatchEvent('input', { detail: { value: '20.00' } });
    await new Promise((r) => setTimeout(r, 50));
    page.querySelector('.dist-withdraw-submit')!.dispatchEvent('tap');
    // The sheet shows the amount and what is left before anything is sent.
    const ok1 = await waitFor(() => page.querySelector('.dist-withdraw-confirm .ui-confirm__ok'), 'the confirmation sheet');
    expect(textOf(page.querySelector('.dist-withdraw-confirm-amount'))).toBe('¥20.00');
    expect(calls.filter((c) => c.data.action === 'withdraw')).toHaveLength(0);
    ok1.dispatchEvent('tap');
    await waitFor(() => textOf(page.querySelector('.dist-withdrawal-status')) === '已到账', 'the record');
    const withdraws = calls.filter((c) => c.data.action === 'withdraw');
    expect(withdraws).toHaveLength(1);
    expect(withdraws[0].data.input).toMatchObject({ amountFen: 2_000, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(textOf(page.querySelector('.dist-withdraw-balance'))).toBe('¥3.50');
  });

  describe('确认收款 (WeChat Pay waits for the member to confirm the transfer)', () => {
    const no = `W${'b'.repeat(31)}`;
    const waiting = {
      withdrawalNo: no,
      amountFen: 2_000,
      status: 'transferring' as const,
      reason: '请点击“确认收款”领取，逾期未确认将退回可提现余额',
      createdAt: '2026-12-07T02:00:00.000Z',
      confirmation: { mchId: '1900000109', appId: 'wx8888888888888888', package: 'ABBQO+oYAAABAAAAAAB', expiresAt: '2026-12-08T02:00:00.000Z' },
    };
    const paid = { ...waiting, status: 'paid' as const, reason: '已转入微信零钱', confirmation: null };

    function bootWaiting() {
      let confirmed = false;
      const harness = boot((call) => {
        const { action } = call.data;
        if (action === 'status') return ok(status);
        if (action === 'withdrawals') return ok({ withdrawals: [confirmed ? paid : waiting], next: null });
        if (action === 'checkWithdrawal') {
          confirmed = true;
          return ok({ withdrawal: paid, account: status.account });
        }
        return fail('UNKNOWN_ACTION', 'x');
      });
      return harness;
    }

    it('calls wx.requestMerchantTransfer with the package, then asks the server: paid', async () => {
      const harness = bootWaiting();
      const transfer = jest.fn((o: { success?: (r: unknown) => void }) => o.success?.({ errMsg: 'requestMerchantTransfer:ok' }));
      harness.wx.requestMerchantTransfer = transfer;
      const page = harness.openPage('packages/distribution/withdraw/index');
      const button = await waitFor(() => page.querySelector('.dist-withdrawal-receive'), 'the 确认收款 button');
      expect(textOf(page.querySelector('.dist-withdrawal__deadline'))).toBe('请在 12月8日 10:00 前确认');
      button.dispatchEvent('tap');
      await waitFor(() => textOf(page.querySelector('.dist-withdrawal-status')) === '已到账', 'the paid record');
      expect(transfer).toHaveBeenCalledTimes(1);
      expect(transfer.mock.calls[0][0]).toMatchObject({ mchId: '1900000109', appId: 'wx8888888888888888', package: 'ABBQO+oYAAABAAAAAAB' });
      expect(calls.filter((c) => c.data.action === 'checkWithdrawal').map((c) => c.data.input)).toEqual([{ withdrawalNo: no }]);
      expect(page.querySelector('.dist-withdrawal-receive')).toBeUndefined();
    });

    it('a WeChat too old for requestMerchantTransfer: a Chinese message, nothing asked', async () => {
      const harness = bootWaiting();
      delete harness.wx.requestMerchantTransfer;
      const toast = jest.spyOn(harness.wx as { showToast: (o: unknown) => void }, 'showToast');
      const page = harness.openPage('packages/distribution/withdraw/index');
      (await waitFor(() => page.querySelector('.dist-withdrawal-receive'), 'the 确认收款 button')).dispatchEvent('tap');
      await waitFor(() => toast.mock.calls.length > 0, 'the message');
      expect(toast.mock.calls[0][0]).toMatchObject({ title: '当前微信版本过低，无法确认收款，请升级微信后重试' });
      expect(calls.some((c) => c.data.action === 'checkWithdrawal')).toBe(false);
    });
  });

  it('the share page offers WeChat\'s share sheet and the mini-program code', async () => {
    const code: ShareCodeView = { scene: 'd=287182499518', page: 'pages/home/index', sharePath: '/pages/home/index?scene=d%3D287182499518', imageUrl: 'https://example.com/code.png', nickname: '林**' };
    const harness = boot((call) => (call.data.action === 'shareCode' ? ok(code) : fail('UNKNOWN_ACTION', 'x')));
    const page = harness.openPage('packages/distribution/share/index');
    await waitFor(() => page.querySelector('.share-qr'), 'the code');
    expect(textOf(page.querySelector('.share-scene'))).toBe('推广码 2871 8249 9518');
    expect(page.querySelector('.share-copy')).toBeUndefined();
    const button = page.querySelector('.share-card__button');
    expect(button?.dom?.getAttribute('open-type') ?? button?.dom?.outerHTML).toContain('share');
  });
});
