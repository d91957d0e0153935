/**
 * The manual path at the till (member number + one-time 6 digits) for member, coupon and pickup codes; the
 * inspect step before confirming; the attempt limits against guessing; the shift summary and the home view.
 */
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import type { InspectView, RedeemView } from '../../cloudfunctions/_core/coupons/coupon.schema';
import type { HomeView } from '../../cloudfunctions/_core/member/home.schema';
import type { InspectPickupView, RedeemView as MallRedeemView } from '../../cloudfunctions/_core/mall/mall.schema';
import type { MemberAtTillView } from '../../cloudfunctions/_core/staff/staff-till.schema';
import type { ShiftSummaryView } from '../../cloudfunctions/_core/staff/staff.schema';
import { MEMBER_FAILURES_PER_WINDOW } from '../../cloudfunctions/_core/shared/one-time-pin.rules';
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, grantRole, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T02:00:05Z')); // 10:00:05 Beijing
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-m'));
  await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
});
afterEach(() => cloud.close());

const memberCode = async () => ok(await cloud.call<MemberCodeView>('member', { action: 'code', input: {} }, 'o-m'));
const scanManual = (memberNo: string, pin: string, clerk = 'o-clerk') =>
  cloud.call<MemberAtTillView>('staff', { action: 'scanMember', input: { manual: { memberNo, pin } } }, clerk);
const wrong = (pin: string) => String((Number(pin) + 1) % 1_000_000).padStart(6, '0');

describe('member code, typed', () => {
  it('the card shows the member number and 6 digits; typing them opens a visit once', async () => {
    const c = await memberCode();
    expect(c.pin).toMatch(/^\d{6}$/);
    expect(c.memberNo).toMatch(/^\d{12}$/);
    expect(c.refreshSeconds).toBe(25); // to the next 30-second step
    const visit = ok(await scanManual(c.memberNo, c.pin));
    expect(visit.member.maskedName).toBe('测***');
    expect(await scanManual(c.memberNo, c.pin)).toMatchObject({
      ok: false,
      error: { code: 'CODE_USED', message: '这个动态码已经用过了，请等会员卡上的数字刷新后再输入' },
    });
  });

  it('is good for the next 30-second step too, then refused', async () => {
    const c = await memberCode();
    cloud.clock.set(new Date('2026-11-23T02:00:45Z')); // next step
    ok(await scanManual(c.memberNo, c.pin));
    const d = await memberCode();
    cloud.clock.set(new Date('2026-11-23T02:01:31Z')); // two steps later
    expect(await scanManual(d.memberNo, d.pin)).toMatchObject({ ok: false, error: { code: 'CODE_INVALID', message: '会员号或动态码不对，请核对会员码页上的数字' } });
  });

  it(`locks a member number after ${MEMBER_FAILURES_PER_WINDOW} wrong codes in 10 minutes, even for the right one; matches do not count`, async () => {
    const c = await memberCode();
    for (let i = 0; i < MEMBER_FAILURES_PER_WINDOW; i++) {
      expect(await scanManual(c.memberNo, wrong(String(Number(c.pin) + i)))).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    }
    expect(await scanManual(c.memberNo, c.pin)).toMatchObject({ ok: false, error: { code: 'CODE_LOCKED', message: '这个会员号输错次数过多，请改为扫码，或 10 分钟后再试' } });
    // The QR path stays open, and the window passes.
    ok(await cloud.call('staff', { action: 'scanMember', input: { code: c.token } }, 'o-clerk'));
    cloud.clock.set(new Date('2026-11-23T02:10:05Z'));
    const later = await memberCode();
    ok(await scanManual(later.memberNo, later.pin));
  });

  it('concurrent guesses never get more than the limit through', async () => {
    const c = await memberCode();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => scanManual(c.memberNo, String(100000 + i).slice(0, 6) === c.pin ? '000000' : String(100000 + i))));
    const checked = results.filter((r) => !r.ok && r.error.code === 'CODE_INVALID').length;
    expect(checked).toBeLessThanOrEqual(MEMBER_FAILURES_PER_WINDOW);
    expect(results.filter((r) => !r.ok && r.error.code === 'CODE_LOCKED').length).toBe(30 - checked);
  });

  it('a coupon code at the member desk is named as such', async () => {
    await cloud.db.collection('coupon_templates').doc('T1').set({
      data: { title: '满100减20', kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 }, validity: { mode: 'afterClaim', days: 7 }, total: 10, channels: ['claim_center'] },
    });
    const claimed = ok(await cloud.call<{ coupon: { couponId: string } }>('coupons', { action: 'claim', input: { templateId: 'T1', requestId: 'cl-000001' } }, 'o-m'));
    const token = ok(await cloud.call<MemberCodeView>('coupons', { action: 'code', input: { couponId: claimed.coupon.couponId } }, 'o-m')).token;
    expect(await cloud.call('staff', { action: 'scanMember', input: { code: token } }, 'o-clerk')).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID', message: '这是优惠券的券码，请在「核销优惠券」中处理' },
    });
  });
});

describe('coupon desk: inspect, then redeem', () => {
  let couponId: string;
  beforeEach(async () => {
    await cloud.db.collection('coupon_templates').doc('T1').set({
      data: { title: '满100减20', kind: { type: 'amount_off', thresholdFen: 10_000, amountOffFen: 2_000 }, validity: { mode: 'afterClaim', days: 7 }, total: 10, channels: ['claim_center'] },
    });
    couponId = ok(await cloud.call<{ coupon: { couponId: string } }>('coupons', { action: 'claim', input: { templateId: 'T1', requestId: 'cl-000001' } }, 'o-m')).coupon.couponId;
  });
  const couponCode = async () => ok(await cloud.call<MemberCodeView>('coupons', { action: 'code', input: { couponId } }, 'o-m'));
  const inspect = (input: Record<string, unknown>, clerk = 'o-clerk') => cloud.call<InspectView>('coupons', { action: 'inspect', input }, clerk);

  it('shows the coupon and the masked member, checks the amount, then redeems by the ticket', async () => {
    const c = await couponCode();
    const seen = ok(await inspect({ manual: { memberNo: c.memberNo, pin: c.pin } }));
    expect(seen).toMatchObject({ title: '满100减20', member: { maskedName: '测***' }, usable: true, reason: null, discountFen: null, storeNames: [] });
    expect(await count(cloud, 'coupon_redemptions')).toBe(0); // inspecting writes nothing
    // The amount is checked on the same ticket, after the member's code has long refreshed.
    cloud.clock.set(new Date('2026-11-23T02:03:00Z'));
    expect(ok(await inspect({ ticket: seen.ticket, orderFen: 9_900 }))).toMatchObject({ usable: false, reason: '订单满 ¥100.00 才能使用' });
    const ok199 = ok(await inspect({ ticket: seen.ticket, orderFen: 19_900 }));
    expect(ok199).toMatchObject({ usable: true, discountFen: 2_000 });
    const r = ok(await cloud.call<RedeemView>('coupons', { action: 'redeem', input: { ticket: ok199.ticket, redemptionNo: 'RD-MANUAL-01', orderFen: 19_900 } }, 'o-clerk'));
    expect(r).toMatchObject({ repeated: false, discountFen: 2_000 });
    expect(ok(await inspect({ ticket: ok199.ticket }))).toMatchObject({ usable: false, reason: '这张券已经用过了' });
  });

  it("a ticket is the inspecting clerk's only, and lasts 5 minutes", async () => {
    await grantRole(cloud, 'o-clerk2', 'clerk', 'S001');
    const seen = ok(await inspect({ code: (await couponCode()).token }));
    expect(await cloud.call('coupons', { action: 'redeem', input: { ticket: seen.ticket, redemptionNo: 'RD-OTHER-01' } }, 'o-clerk2')).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID', message: '确认信息无效，请重新识别券码' },
    });
    cloud.clock.set(new Date('2026-11-23T02:05:06Z'));
    expect(await cloud.call('coupons', { action: 'redeem', input: { ticket: seen.ticket, redemptionNo: 'RD-LATE-001' } }, 'o-clerk')).toMatchObject({
      ok: false,
      error: { code: 'CODE_EXPIRED', message: '确认已超过 5 分钟，请重新识别券码' },
    });
  });

  it('a member code at the coupon desk is named as such; wrong digits are counted', async () => {
    expect(await inspect({ code: (await memberCode()).token })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID', message: '这是会员码，不是券码：请让会员打开「我的券」，点开要用的券出示券码' },
    });
    const c = await couponCode();
    expect(await inspect({ manual: { memberNo: c.memberNo, pin: wrong(c.pin) } })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    expect(await count(cloud, 'pin_attempts')).toBe(2); // one per member number, one per clerk
  });
});

describe('pickup desk: inspect, then hand over', () => {
  it('shows item, quantity, store and member; the ticket hands it over once', async () => {
    await cloud.db.collection('app_config').doc('stores').set({ data: { stores: [{ id: 'S001', name: '静安店', address: '', pickup: true }] } });
    await cloud.db.collection('mall_items').doc('mug').set({ data: { title: '马克杯', kind: 'physical', delivery: ['pickup'], pricePoints: 10, stock: 5 } });
    const { postInTx } = await import('../../cloudfunctions/_core/points/points-ledger.service');
    const { planEarn } = await import('../../cloudfunctions/_core/points/points-ledger.rules');
    await cloud.db.runTransaction((tx) => postInTx(tx, 'o-m', { key: 'grant', kind: 'earn', reason: 't', source: 'test', sourceId: 't', plan: (s) => planEarn(s, { amount: 100, expiresOn: null }) }, cloud.clock.now()));
    const order = ok(await cloud.call<MallRedeemView>('mall', { action: 'redeem', input: { itemId: 'mug', quantity: 2, requestId: 'buy-000001', delivery: { mode: 'pickup', storeId: 'S001' } } }, 'o-m')).order;
    expect(order.storeName).toBe('静安店');
    const code = ok(await cloud.call<MemberCodeView>('mall', { action: 'orderCode', input: { orderNo: order.orderNo } }, 'o-m'));
    const seen = ok(await cloud.call<InspectPickupView>('mall', { action: 'inspectPickup', input: { manual: { memberNo: code.memberNo, pin: code.pin } } }, 'o-clerk'));
    expect(seen).toMatchObject({ title: '马克杯', quantity: 2, storeName: '静安店', ready: true, member: { maskedName: '测***' } });
    ok(await cloud.call('mall', { action: 'pickup', input: { ticket: seen.ticket } }, 'o-clerk'));
    expect(await cloud.call('mall', { action: 'pickup', input: { ticket: seen.ticket } }, 'o-clerk')).toMatchObject({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID', message: '这笔订单已经提过货了' },
    });
    // The history names the store, never its id.
    const stored = (await cloud.db.collection<{ history: { note: string }[] }>('mall_orders').doc(order.orderNo).get()).data;
    expect(stored.history.at(-1)?.note).toBe('静安店提货');
  });
});

describe('shift summary and home', () => {
  it("sums up this clerk's day from the audit log", async () => {
    const c = await memberCode();
    const visit = ok(await scanManual(c.memberNo, c.pin));
    cloud.clock.set(new Date('2026-11-23T02:01:00Z'));
    ok(await cloud.call('staff', { action: 'recordPurchase', input: { visitId: visit.visitId, orderNo: 'SUM-0001', amountFen: 12_800 } }, 'o-clerk'));
    cloud.clock.set(new Date('2026-11-23T02:02:00Z'));
    ok(await cloud.call('staff', { action: 'refundPurchase', input: { orderNo: 'SUM-0001', requestId: 'sum-rf-0001', reason: '退货', amountFen: 2_800 } }, 'o-clerk'));
    const s = ok(await cloud.call<ShiftSummaryView>('staff', { action: 'shiftSummary', input: {} }, 'o-clerk'));
    expect(s.totals).toMatchObject({ scans: 1, purchases: 1, purchaseFen: 12_800, refunds: 1, refundFen: 2_800 });
    expect(s.recent.map((r) => r.title)).toEqual(['办理退款', '登记消费', '识别会员']);
    expect(s.recent[1].detail).toBe('订单 SUM-0001 · ¥128.00 · +128 积分');
    expect(await cloud.call('staff', { action: 'shiftSummary', input: {} }, 'o-m')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '此页面仅限门店店员使用' } });
  });

  it('home knows a visitor, a member, a clerk and an operator', async () => {
    await grantRole(cloud, 'o-op', 'operator', null);
    expect(ok(await cloud.call<HomeView>('member', { action: 'home', input: {} }, 'o-visitor'))).toEqual({ member: null, role: null });
    expect(ok(await cloud.call<HomeView>('member', { action: 'home', input: {} }, 'o-m'))).toMatchObject({ member: { nickname: '测试会员', checkedInToday: false, balance: 0 }, role: null });
    ok(await cloud.call('points', { action: 'checkIn', input: {} }, 'o-m'));
    expect(ok(await cloud.call<HomeView>('member', { action: 'home', input: {} }, 'o-m'))).toMatchObject({ member: { checkedInToday: true, streak: 1, balance: 5 } });
    expect(ok(await cloud.call<HomeView>('member', { action: 'home', input: {} }, 'o-clerk'))).toMatchObject({ member: null, role: { role: 'clerk', storeName: '旗舰店' } });
    expect(ok(await cloud.call<HomeView>('member', { action: 'home', input: {} }, 'o-op'))).toMatchObject({ role: { role: 'operator', storeName: null } });
  });
});
