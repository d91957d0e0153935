/**
 * The coupons subpackage and the staff coupon desk of the built mini-program (dist/weapp), in the simulator with
 * a mocked callFunction: claiming in 领券中心 (one request id per claim intent, reused on a retry), 我的券 with
 * its tabs and the coupon's live till code, and the clerk's redemption with undo.
 */
import type { CenterItemView, CouponView, RedeemView } from '../../cloudfunctions/_core/coupons/coupon.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const template: CenterItemView = {
  templateId: 'FULL199-30',
  title: '满199减30',
  description: '全场通用，会员专享',
  image: null,
  kind: { type: 'amount_off', thresholdFen: 19900, amountOffFen: 3000 },
  validity: { mode: 'afterClaim', days: 30 },
  stores: [],
  storeNames: [],
  remaining: 88,
  perMember: 1,
  held: 0,
  claimable: true,
  reason: null,
  reasonCode: null,
};
const soldOut: CenterItemView = {
  ...template,
  templateId: 'TRIAL-KIT',
  title: '新品试用装',
  kind: { type: 'gift', giftName: '新品试用装一份' },
  validity: { mode: 'fixed', from: '2026-11-01', to: '2026-12-31' },
  stores: ['S001'],
  remaining: 0,
  claimable: false,
  reason: '券已经被领完了',
  reasonCode: 'COUPON_SOLD_OUT',
};
const coupon = (fields: Partial<CouponView>): CouponView => ({
  couponId: 'c0123456789abcdef0123',
  templateId: template.templateId,
  title: template.title,
  description: template.description,
  kind: template.kind,
  status: 'unused',
  validFrom: '2026-11-23',
  validTo: '2026-12-22',
  stores: [],
  storeNames: [],
  channel: 'claim_center',
  claimedAt: '2026-11-23T02:00:00.000Z',
  usedAt: null,
  ...fields,
});
const TOKEN = 'C1.c0123456789abcdef0123.abc.sig';

type ScanOptions = { success?: (r: unknown) => void; complete?: (r: unknown) => void };
/** The camera (wx.scanCode, mocked) reads `result`. */
function cameraReads(harness: { wx: { scanCode?: unknown } }, result: string): void {
  harness.wx.scanCode = jest.fn((o: ScanOptions) =>
    setTimeout(() => {
      const res = { errMsg: 'scanCode:ok', result, scanType: 'QR_CODE', charSet: 'utf8', rawData: '' };
      o.success?.(res);
      o.complete?.(res);
    }, 0),
  );
}

describe('weapp coupons (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const actions = (name: string) => calls.filter((c) => c.data.action === name);

  it('claims a coupon in the center, retrying a failed tap with the same request id', async () => {
    let claimed = false;
    let claimCalls = 0;
    const harness = boot((call) => {
      if (call.data.action === 'center') {
        const first = claimed ? { ...template, held: 1, claimable: false, remaining: 87, reason: '你已达到这张券的领取上限', reasonCode: 'COUPON_LIMIT_REACHED' } : template;
        return ok({ joined: true, items: [first, soldOut], subscribeTemplateIds: [] });
      }
      if (call.data.action === 'claim') {
        claimCalls++;
        if (claimCalls === 1) return fail('BUSY', 'busy');
        claimed = true;
        return ok({ coupon: coupon({}), repeated: false });
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/coupons/center/index');
    await waitFor(() => page.querySelectorAll('.coupon-template').length === 2, 'two templates');

    expect(page.querySelectorAll('.coupon-title').map(textOf)).toEqual(['满199减30', '新品试用装']);
    expect(page.querySelectorAll('.coupon-value').map(textOf)).toEqual(['¥30.00', '礼品']);
    expect(page.querySelectorAll('.coupon-claim')).toHaveLength(1);
    expect(textOf(page.querySelector('.coupon-unavailable'))).toBe('券已经被领完了');

    (page.querySelector('.coupon-claim') as SimNode).dispatchEvent('tap');
    await waitFor(() => actions('claim').length === 1 && actions('center').length === 2, 'the failed claim and a reload');
    await waitFor(() => page.querySelector('.coupon-claim'), 'the claim button again');
    (page.querySelector('.coupon-claim') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.coupon-claimed'), 'the claimed mark');

    const [first, second] = actions('claim').map((c) => c.data.input as { templateId: string; requestId: string });
    expect(first.templateId).toBe('FULL199-30');
    expect(first.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    // BUSY is not an answer: the retry is the same claim.
    expect(second.requestId).toBe(first.requestId);
    expect(textOf(page.querySelector('.coupon-claimed'))).toBe('已领取');
    expect(page.querySelector('.coupon-claim')).toBeUndefined();
  });

  it('asks for the expiry-reminder subscription within the claim tap and reports an acceptance', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'center') return ok({ joined: true, items: [template], subscribeTemplateIds: ['tmpl-expiry'] });
      if (call.data.action === 'claim') return ok({ coupon: coupon({}), repeated: false });
      if (call.data.action === 'subscribe') return ok({ template: 'tmpl-expiry', remaining: 1 });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    type SubscribeOptions = { tmplIds: string[]; success?: (r: unknown) => void; complete?: (r: unknown) => void };
    const ask = jest.fn((o: SubscribeOptions) =>
      setTimeout(() => {
        const res = { errMsg: 'requestSubscribeMessage:ok', 'tmpl-expiry': 'accept' };
        o.success?.(res);
        o.complete?.(res);
      }, 0),
    );
    harness.wx.requestSubscribeMessage = ask;
    const page = harness.openPage('packages/coupons/center/index');
    (await waitFor(() => page.querySelector('.coupon-claim'), 'the claim button')).dispatchEvent('tap');
    await waitFor(() => actions('subscribe').length === 1, 'the subscription report');
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-expiry'] }));
    expect(actions('subscribe')[0].data.input).toEqual({ template: 'tmpl-expiry', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(actions('claim')).toHaveLength(1);
  });

  it('lists my coupons by tab and shows an unused coupon\'s live till code (no token text on weapp)', async () => {
    const harness = boot((call) => {
      const input = call.data.input as { status?: string; couponId?: string };
      if (call.data.action === 'mine') {
        if (input.status === 'used') return ok({ coupons: [coupon({ couponId: 'u0123456789abcdef0123', status: 'used', usedAt: '2026-11-24T03:00:00.000Z' })] });
        if (input.status === 'expired') return ok({ coupons: [] });
        return ok({ coupons: [coupon({})] });
      }
      if (call.data.action === 'code') return ok({ token: TOKEN, expiresAt: '2026-11-23T02:01:00.000Z', refreshSeconds: 30, memberNo: '802345678901', pin: '654321' });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/coupons/mine/index');
    const show = await waitFor(() => page.querySelector('.my-coupon-show'), 'an unused coupon');
    expect(actions('mine')[0].data.input).toEqual({ status: 'unused' });
    expect(page.querySelectorAll('.my-coupon')).toHaveLength(1);
    expect(textOf(page.querySelector('.my-coupon-validity'))).toBe('2026年11月23日 至 2026年12月22日');

    show.dispatchEvent('tap');
    await waitFor(() => page.querySelector('.my-coupon-qr'), 'the coupon QR');
    expect(actions('code').map((c) => c.data.input)).toEqual([{ couponId: 'c0123456789abcdef0123' }]);
    expect(textOf(page.querySelector('.member-qr-pin'))).toBe('654 321');

    (page.querySelector('.coupon-tab--used') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.my-coupon-used'), 'the used coupon');
    expect(actions('mine')[1].data.input).toEqual({ status: 'used' });
    expect(textOf(page.querySelector('.my-coupon-used'))).toBe('2026年11月24日 已使用');
    expect(page.querySelector('.my-coupon-show')).toBeUndefined();

    (page.querySelector('.coupon-tab--expired') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.my-coupons-empty'), 'the empty expired tab');
    expect(textOf(page.querySelector('.my-coupons-empty'))).toBe('没有过期的券');
  });

  const inspected = (orderFen: number | null) => ({
    ticket: 'k1.coupon.c0123456789abcdef0123.zz.sig',
    title: '满199减30',
    description: '',
    kind: template.kind,
    validFrom: '2026-11-23',
    validTo: '2026-12-22',
    storeNames: [],
    member: { maskedName: '林**', memberNoTail: '8901' },
    usable: orderFen === null || orderFen >= 19900,
    reason: orderFen !== null && orderFen < 19900 ? '订单满 ¥199.00 才能使用' : null,
    orderFen,
    discountFen: orderFen === null ? null : orderFen >= 19900 ? 3000 : 0,
  });

  it('a clerk scans a coupon code, sees the coupon, checks the order amount, confirms, and undoes it', async () => {
    const redeemed: RedeemView = {
      redemptionNo: 'set-by-test',
      repeated: false,
      couponId: 'c0123456789abcdef0123',
      title: '满199减30',
      kind: template.kind,
      discountFen: 3000,
      redeemedAt: new Date().toISOString(),
      undoUntil: new Date(Date.now() + 30 * 60_000).toISOString(),
    };
    const harness = boot((call) => {
      const input = call.data.input as { redemptionNo?: string; orderFen?: number };
      if (call.data.action === 'whoami') return ok({ role: 'clerk', storeId: 'S001', storeName: '静安店', name: '王店员' });
      if (call.data.action === 'inspect') return ok(inspected(input.orderFen ?? null));
      if (call.data.action === 'redeem') return ok({ ...redeemed, redemptionNo: input.redemptionNo });
      if (call.data.action === 'undoRedeem') return ok({ redemptionNo: input.redemptionNo, couponId: redeemed.couponId, repeated: false, status: 'unused' });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    cameraReads(harness, TOKEN);
    const page = harness.openPage('packages/staff/coupon/index');
    const scan = await waitFor(() => page.querySelector('.staff-coupon-scan'), 'the scan button');
    scan.dispatchEvent('tap');
    const check = await waitFor(() => page.querySelector('.staff-coupon-redeem'), 'the inspected coupon');
    expect(actions('inspect')[0].data.input).toEqual({ code: TOKEN });
    expect(textOf(page.querySelector('.staff-coupon-member'))).toBe('林** · 尾号 8901');
    expect(actions('redeem')).toHaveLength(0);

    // Under the threshold: the server's reason, and no confirmation.
    page.querySelector('.staff-coupon-amount')?.dispatchEvent('input', { detail: { value: '99.00' } });
    await new Promise((r) => setTimeout(r, 50));
    check.dispatchEvent('tap');
    await waitFor(() => page.querySelector('.staff-coupon-unusable'), 'the threshold reason');
    expect(textOf(page.querySelector('.staff-coupon-unusable'))).toBe('订单满 ¥199.00 才能使用');
    expect(page.querySelector('.staff-coupon-sheet')).toBeUndefined();

    page.querySelector('.staff-coupon-amount')?.dispatchEvent('input', { detail: { value: '258.00' } });
    await new Promise((r) => setTimeout(r, 50));
    (page.querySelector('.staff-coupon-redeem') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.staff-coupon-sheet'), 'the confirmation sheet');
    expect(actions('inspect').map((c) => c.data.input)).toContainEqual({ ticket: 'k1.coupon.c0123456789abcdef0123.zz.sig', orderFen: 25800 });
    (page.querySelector('.ui-confirm__ok') as SimNode).dispatchEvent('tap');
    const result = await waitFor(() => page.querySelector('.staff-coupon-result'), 'the result');
    const input = actions('redeem')[0].data.input as { ticket: string; redemptionNo: string; orderFen?: number };
    expect(input).toEqual({ ticket: 'k1.coupon.c0123456789abcdef0123.zz.sig', redemptionNo: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), orderFen: 25800 });
    expect(textOf(result)).toContain('核销成功');
    expect(textOf(page.querySelector('.staff-coupon-discount'))).toBe('¥30.00');

    page.querySelector('.staff-coupon-undo-reason')?.dispatchEvent('input', { detail: { value: '顾客取消结账' } });
    await new Promise((r) => setTimeout(r, 50));
    (page.querySelector('.staff-coupon-undo') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.staff-coupon-undone'), 'the undo');
    expect(actions('undoRedeem').map((c) => c.data.input)).toEqual([{ redemptionNo: input.redemptionNo, reason: '顾客取消结账' }]);
    expect(textOf(page.querySelector('.staff-coupon-result'))).toContain('已撤销核销');
    expect(page.querySelector('.staff-coupon-undo')).toBeUndefined();
  });

  it("a clerk's retry of a redemption undone meanwhile shows that state in Chinese, never 核销成功", async () => {
    const harness = boot((call) => {
      if (call.data.action === 'whoami') return ok({ role: 'clerk', storeId: 'S001', storeName: '静安店', name: '王店员' });
      if (call.data.action === 'inspect') return ok(inspected(null));
      if (call.data.action === 'redeem') return fail('REDEMPTION_UNDONE', 'REDEMPTION_UNDONE');
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    cameraReads(harness, TOKEN);
    const page = harness.openPage('packages/staff/coupon/index');
    (await waitFor(() => page.querySelector('.staff-coupon-scan'), 'the scan button')).dispatchEvent('tap');
    (await waitFor(() => page.querySelector('.staff-coupon-redeem'), 'the inspected coupon')).dispatchEvent('tap');
    (await waitFor(() => page.querySelector('.ui-confirm__ok'), 'the confirmation sheet')).dispatchEvent('tap');
    const error = await waitFor(() => page.querySelector('.staff-coupon-error'), 'the error');
    expect(textOf(error)).toBe('这次核销已被撤销，券已退回会员账户；如需核销，请重新扫码');
    expect(page.querySelector('.staff-coupon-result')).toBeUndefined();
  });
});
