/**
 * The staff subpackage of the built mini-program, in the simulator: the camera (wx.scanCode, mocked) reads
 * a member code, the scan goes to the cloud (mocked callFunction), and the member page shows the result.
 */
import type { MemberAtTillView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import { bootWeapp, fail, ok, textOf, waitFor, type CloudCall, type SimNode, type WeappHarness } from './harness';

const TOKEN = '1.802345678901.t5xk4g.AbCdEfGhIjKlMnOp.' + 'x'.repeat(32);
const atTill: MemberAtTillView = {
  visitId: 'visit-0001-abcdef',
  expiresAt: '2026-11-23T03:10:00.000Z',
  member: {
    maskedName: '林**',
    memberNoTail: '8901',
    tier: { code: 'gold', name: '金卡会员', color: '#C9A227' },
    vip: true,
    benefits: [{ code: 'points', title: '1.2 倍积分', description: '消费积分加成 20%' }],
    balance: 2380,
    pending: 120,
  },
};
const whoami = { role: 'clerk', storeId: 'S001', name: '王店员' };

type ScanOptions = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };

describe('weapp staff scan (built output)', () => {
  let h: WeappHarness | undefined;
  let calls: CloudCall[];

  afterEach(() => {
    h?.teardown();
    h = undefined;
  });

  function boot(answer: (call: CloudCall) => unknown, scan: (o: ScanOptions) => void) {
    calls = [];
    h = bootWeapp((call) => {
      calls.push(call);
      return answer(call);
    });
    h.wx.scanCode = jest.fn((o: ScanOptions) => setTimeout(() => scan(o), 0));
    return h;
  }
  const scanned = (result: string) => (o: ScanOptions) => {
    const res = { errMsg: 'scanCode:ok', result, scanType: 'QR_CODE', charSet: 'utf8', rawData: '' };
    o.success?.(res);
    o.complete?.(res);
  };

  it('scans with the camera, consumes the code in the cloud and shows the member', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'whoami') return ok(whoami);
      if (call.data.action === 'scanMember') return ok(atTill);
      return fail('UNKNOWN_ACTION', 'unknown');
    }, scanned(TOKEN));
    const page = harness.openPage('packages/staff/scan/index');
    const button = await waitFor(() => page.querySelector('.staff-code-scan'), 'the scan button');
    expect(textOf(page.querySelector('.staff-identity'))).toContain('王店员');
    // In WeChat the camera is the reader; typing is the fallback behind a link.
    expect(page.querySelector('.staff-code-member-no')).toBeUndefined();

    button.dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo after the scan');
    expect(harness.wx.scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true }));
    expect(calls).toContainEqual({ name: 'staff', data: { action: 'scanMember', input: { code: TOKEN } } });
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/^\/packages\/staff\/member\/index\?visitId=visit-0001-abcdef/) }),
    );

    // The member page the navigation opens (same app instance: it reads the scan handed over in memory).
    const member = harness.openPage('packages/staff/member/index', { visitId: atTill.visitId });
    const name = await waitFor(() => member.querySelector('.till-member-name'), 'the member at the till');
    expect(textOf(name)).toBe('林**');
    expect(textOf(member.querySelector('.till-member-no'))).toContain('8901');
    expect(textOf(member.querySelector('.till-member-tier'))).toBe('金卡会员');
    expect(textOf(member.querySelector('.till-member-vip'))).toBe('超级会员');
    expect(textOf(member.querySelector('.till-member-balance'))).toBe('2,380');
    expect(textOf(member.querySelector('.till-member-pending'))).toBe('120');
    expect(member.querySelectorAll('.till-benefit').map(textOf)[0]).toContain('1.2 倍积分');
    expect(member.querySelector('.purchase-submit')).toBeDefined();
  });

  it('shows the Chinese message when the code was already used, and stays on the page', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'whoami') return ok(whoami);
      return fail('CODE_USED', '这个会员码已经被扫过了，请让会员刷新后重新出示');
    }, scanned(TOKEN));
    const page = harness.openPage('packages/staff/scan/index');
    (await waitFor(() => page.querySelector('.staff-code-scan'), 'the scan button')).dispatchEvent('tap');
    const error = await waitFor(() => page.querySelector('.staff-scan-error'), 'the error message');
    expect(textOf(error)).toBe('这个会员码已经被扫过了，请让会员刷新后重新出示');
    expect(harness.nav.navigateTo).not.toHaveBeenCalled();
  });

  it('closing the camera calls nothing', async () => {
    const harness = boot(
      (call) => (call.data.action === 'whoami' ? ok(whoami) : fail('INTERNAL', 'should not be called')),
      (o) => {
        const res = { errMsg: 'scanCode:fail cancel' };
        o.fail?.(res);
        o.complete?.(res);
      },
    );
    const page = harness.openPage('packages/staff/scan/index');
    (await waitFor(() => page.querySelector('.staff-code-scan'), 'the scan button') as SimNode).dispatchEvent('tap');
    await waitFor(() => (harness.wx.scanCode as jest.Mock).mock.calls.length > 0, 'the camera');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.map((c) => c.data.action)).toEqual(['whoami']);
    expect(page.querySelector('.staff-scan-error')).toBeUndefined();
  });

  it('tells a non-staff user the page is for staff only', async () => {
    const harness = boot(() => fail('FORBIDDEN', '此页面仅限门店店员使用'), scanned(TOKEN));
    const page = harness.openPage('packages/staff/scan/index');
    const notice = await waitFor(() => page.querySelector('.ui-state__message'), 'the staff-only notice');
    expect(textOf(notice)).toBe('此页面仅限门店店员使用');
    // A way out: home.
    expect(page.querySelector('.ui-state__home')).toBeDefined();
    expect(page.querySelector('.staff-code-scan')).toBeUndefined();
  });
});
