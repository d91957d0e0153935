/**
 * Issue 4's journey, in headless Chromium on the H5 build served by the local cloud: the member 林小满 earns
 * points by checking in on two days, claims 开放日满299减50 in 领券中心 and redeems a 社区帆布袋 for store pickup in
 * 积分商城; the clerk 王店员 redeems the coupon (pasting the code under the coupon's QR, H5 only) and hands
 * over the item (pasting the pickup code); the member then sees the coupon under 已使用 and the order 已自提.
 *
 * The test writes its own coupon template and item (titles the demo seed does not use), priced for the
 * points two check-ins give.
 */
import type { PointsSummaryView } from '../../cloudfunctions/_core/points/points.schema';
import { readShownCode, review, startProduct, typeCode } from '../support/e2e-env';
import { ok } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const CLERK = 'dev-clerk-wang';

async function seedCatalog() {
  const { db } = product.cloud;
  await db.collection('coupon_templates').doc('E2E-OPEN-DAY').set({
    data: {
      title: '开放日满299减50',
      description: '社区开放日专享，全场通用',
      kind: { type: 'amount_off', thresholdFen: 29_900, amountOffFen: 5_000 },
      validity: { mode: 'afterClaim', days: 30 },
      total: 100,
      perMember: 1,
      channels: ['claim_center'],
    },
  });
  await db.collection('mall_items').doc('E2E-TOTE').set({
    data: { title: '社区帆布袋', description: '会员共创设计，限量', kind: 'physical', delivery: ['pickup', 'express'], pricePoints: 5, stock: 20, perMember: 2 },
  });
}

it('a member claims a coupon and redeems an item; the clerk redeems the coupon and hands the item over', async () => {
  await seedCatalog();
  // Points the way a member earns them: check-ins on two consecutive days (not member days), 10:00 Beijing.
  product.cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  ok(await product.cloud.call('points', { action: 'checkIn', input: {} }, LIN));
  product.cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
  ok(await product.cloud.call('points', { action: 'checkIn', input: {} }, LIN));
  const before = ok(await product.cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, LIN)).balance;
  expect(before).toBeGreaterThanOrEqual(5);

  // 领券中心, from the home page.
  const member = await product.pageAs(LIN);
  await member.goto(`${product.url}/#/pages/home/index`);
  await member.locator('.to-coupons:visible').click();
  const template = member.locator('.coupon-template:visible', { hasText: '开放日满299减50' });
  await template.waitFor();
  await template.locator('.coupon-claim').click();
  await template.locator('.coupon-claimed').waitFor();
  await review(member, 'member-coupon-center', template);

  // 积分商城, from the home page: the tote bag, store pickup.
  await member.goto(`${product.url}/#/pages/home/index`);
  await member.locator('.to-mall:visible').click();
  await member.locator('.mall-item:visible', { hasText: '社区帆布袋' }).click();
  const redeem = member.locator('.mall-redeem:visible');
  await redeem.waitFor();
  expect(await member.locator('.mall-delivery--pickup:visible').getAttribute('class')).toContain('mall-delivery--active');
  expect(await member.locator('.mall-total:visible').innerText()).toBe('5 积分');
  await review(member, 'member-mall-item', redeem);
  // Spending points asks first: the item, the points and what is left.
  await redeem.click();
  const confirm = member.locator('.mall-confirm:visible');
  await confirm.waitFor();
  expect(await confirm.locator('.mall-confirm-points').innerText()).toBe('5 积分');
  expect(await confirm.locator('.mall-confirm-after').innerText()).toBe(`${(before - 5).toLocaleString('en-US')} 积分`);
  await review(member, 'member-mall-confirm', confirm.locator('.ui-confirm__ok'));
  await confirm.locator('.ui-confirm__ok').click();
  const order = member.locator('.mall-order:visible', { hasText: '社区帆布袋' });
  await order.waitFor();
  expect(await order.locator('.mall-order-status').innerText()).toBe('待自提');
  const after = ok(await product.cloud.call<PointsSummaryView>('points', { action: 'summary', input: {} }, LIN)).balance;
  expect(after).toBe(before - 5);

  // The coupon's till code: the QR, and the member number with the coupon's 6 digits under it.
  await member.goto(`${product.url}/#/packages/coupons/mine/index`);
  const mine = member.locator('.my-coupon:visible', { hasText: '开放日满299减50' });
  await mine.locator('.my-coupon-show').click();
  await member.locator('.my-coupon-qr:visible').waitFor();
  const couponCode = await readShownCode(member);
  await review(member, 'member-coupon-code', member.locator('.my-coupon-qr:visible'));

  // The clerk: 核销优惠券, types the digits, sees the coupon (inspect), checks the amount, confirms.
  const clerk = await product.pageAs(CLERK);
  await clerk.goto(`${product.url}/#/packages/staff/scan/index`);
  await clerk.locator('.to-coupon-redeem:visible').click();
  // A wrong desk's code first: the member's own code is named as such.
  await typeCode(clerk, 'staff-coupon', { memberNo: couponCode.memberNo, pin: couponCode.pin === '000000' ? '000001' : '000000' });
  await clerk.locator('.staff-coupon-error:visible', { hasText: '会员号或券的动态码不对，请核对「我的券」里这张券下方的数字' }).waitFor();
  await typeCode(clerk, 'staff-coupon', couponCode);
  const check = clerk.locator('.staff-coupon-confirm:visible');
  await check.waitFor();
  expect(await clerk.locator('.staff-coupon-title:visible').innerText()).toBe('开放日满299减50');
  expect(await clerk.locator('.staff-coupon-member:visible').innerText()).toContain('林**');
  // Under the threshold: the server's reason, specific.
  await clerk.locator('.staff-coupon-amount:visible input').fill('199.00');
  await clerk.locator('.staff-coupon-redeem:visible').click();
  await clerk.locator('.staff-coupon-unusable:visible', { hasText: '订单满 ¥299.00 才能使用' }).waitFor();
  await review(clerk, 'clerk-coupon-threshold', clerk.locator('.staff-coupon-unusable:visible'));
  await clerk.locator('.staff-coupon-amount:visible input').fill('358.00');
  await clerk.locator('.staff-coupon-redeem:visible').click();
  const couponSheet = clerk.locator('.staff-coupon-sheet:visible');
  await couponSheet.waitFor();
  await review(clerk, 'clerk-coupon-confirm', couponSheet.locator('.ui-confirm__ok'));
  await couponSheet.locator('.ui-confirm__ok').click();
  const couponResult = clerk.locator('.staff-coupon-result:visible');
  await couponResult.waitFor();
  expect(await couponResult.innerText()).toContain('核销成功');
  expect(await clerk.locator('.staff-coupon-discount:visible').innerText()).toBe('¥50.00');
  await review(clerk, 'clerk-coupon-result', couponResult);

  // The member shows the pickup code in 我的兑换.
  await member.goto(`${product.url}/#/packages/mall/orders/index`);
  await member.locator('.mall-order:visible', { hasText: '社区帆布袋' }).locator('.mall-order-show-code').click();
  await member.locator('.mall-order-qr:visible').waitFor();
  const orderCode = await readShownCode(member);
  await review(member, 'member-pickup-code', member.locator('.mall-order-qr:visible'));

  // The clerk hands the item over: 积分兑换自提, types the digits, checks item and quantity, confirms.
  await clerk.goto(`${product.url}/#/packages/staff/scan/index`);
  await clerk.locator('.to-pickup:visible').click();
  await typeCode(clerk, 'staff-pickup', orderCode);
  await clerk.locator('.staff-pickup-check:visible').waitFor();
  expect(await clerk.locator('.staff-pickup-title:visible').innerText()).toBe('社区帆布袋');
  expect(await clerk.locator('.staff-pickup-quantity:visible').innerText()).toBe('1 件');
  await review(clerk, 'clerk-pickup-check', clerk.locator('.staff-pickup-confirm:visible'));
  await clerk.locator('.staff-pickup-confirm:visible').click();
  await clerk.locator('.staff-pickup-sheet:visible .ui-confirm__ok').click();
  const pickup = clerk.locator('.staff-pickup-result:visible');
  await pickup.waitFor();
  expect(await clerk.locator('.staff-pickup-title:visible').innerText()).toBe('社区帆布袋 × 1');
  expect(await clerk.locator('.staff-pickup-status:visible').innerText()).toBe('已自提');
  await review(clerk, 'clerk-pickup-result', pickup);
  // The same order's code again: specific, and never "member code".
  await clerk.locator('.to-next-pickup:visible').click();
  await typeCode(clerk, 'staff-pickup', orderCode);
  await clerk.locator('.staff-pickup-error:visible', { hasText: '会员号或提货动态码不对' }).waitFor();

  // The member: the coupon under 已使用, the order 已自提.
  await member.goto(`${product.url}/#/packages/coupons/mine/index`);
  await member.locator('.coupon-tab--used:visible').click();
  await member.locator('.my-coupon:visible', { hasText: '开放日满299减50' }).locator('.my-coupon-used').waitFor();
  await review(member, 'member-my-coupons-used', member.locator('.my-coupon:visible').first());
  await member.goto(`${product.url}/#/packages/mall/orders/index`);
  await member.locator('.mall-order-status:visible', { hasText: '已自提' }).waitFor();
  await review(member, 'member-mall-orders', member.locator('.mall-order:visible').first());
});

it('an item with a cash part is paid through the payment sandbox and then waits for pickup', async () => {
  await product.cloud.db.collection('mall_items').doc('E2E-CASH').set({
    data: { title: '手冲咖啡体验课', description: '积分 + 现金', kind: 'physical', delivery: ['pickup'], pricePoints: 1, cashFen: 990, stock: 5, perMember: 1 },
  });
  const member = await product.pageAs(LIN);
  await member.goto(`${product.url}/#/packages/mall/item/index?itemId=E2E-CASH`);
  const redeem = member.locator('.mall-redeem:visible');
  await redeem.waitFor();
  expect(await member.locator('.mall-total:visible').innerText()).toBe('1 积分 + ¥9.90');
  await redeem.click();
  await member.locator('.mall-confirm:visible .ui-confirm__ok').click();
  const order = member.locator('.mall-order:visible', { hasText: '手冲咖啡体验课' });
  await order.waitFor();
  await order.locator('.mall-order-status', { hasText: '待自提' }).waitFor();
  const stored = await product.cloud.db.collection<{ status: string }>('mall_orders').where({ _openid: LIN, itemId: 'E2E-CASH' }).get();
  expect(stored.data.map((o) => o.status)).toEqual(['pending']);
  expect(await product.cloud.payments.queryOrder(stored.data[0]._id)).toEqual({ paid: true, refunded: false, totalFee: 990 });

  // One per member: the item now says why it cannot be redeemed again, in the server's words.
  await member.goto(`${product.url}/#/packages/mall/item/index?itemId=E2E-CASH`);
  await member.locator('.mall-redeem:visible', { hasText: '每人限兑 1 件，你已兑满' }).waitFor();
});
