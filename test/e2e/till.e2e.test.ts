/**
 * At the till, in headless Chromium on the H5 build served by the local cloud: the member 林小满 opens the
 * 会员码 tab; the clerk 王店员 types the member number and the 6-digit code shown under the QR, sees the member
 * masked, records a purchase of ¥128.00 after a confirmation sheet and sees the points; the same digits again
 * are refused with the server's words; part of the order is refunded after a preview.
 */
import type { Page } from 'playwright-core';
import { readShownCode, review, startProduct, typeCode } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

async function shownCode(page: Page) {
  await page.goto(`${product.url}/#/pages/card/index`);
  return readShownCode(page);
}

it('a clerk types the member number and code, records a purchase, and a second use of the code is refused', async () => {
  const member = await product.pageAs('dev-member-lin');
  const code = await shownCode(member);
  const memberNo = (await product.cloud.db.collection<{ memberNo: string }>('members').doc('dev-member-lin').get()).data.memberNo;
  expect(code.memberNo).toBe(memberNo);
  expect(code.pin).toMatch(/^\d{6}$/);
  expect(await member.locator('.member-qr img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(await member.locator('.member-qr-countdown').innerText()).toMatch(/秒后自动刷新/);
  await review(member, 'member-card-code', member.locator('.member-qr'));

  // The clerk: the desk on the home page leads to 识别会员.
  const clerk = await product.pageAs('dev-clerk-wang');
  await clerk.goto(`${product.url}/#/pages/home/index`);
  await clerk.locator('.home-desk:visible').waitFor();
  await review(clerk, 'clerk-home', clerk.locator('.home-desk'));
  await clerk.locator('.to-staff:visible').click();
  await clerk.locator('.staff-identity:visible', { hasText: '王店员' }).waitFor();
  expect(await clerk.locator('.staff-identity:visible').innerText()).toContain('静安店');
  await review(clerk, 'clerk-desk', clerk.locator('.staff-code-submit:visible'));
  await typeCode(clerk, 'staff-code', code);

  const name = clerk.locator('.till-member-name:visible');
  await name.waitFor();
  expect(await name.innerText()).toBe('林**');
  expect(await clerk.locator('.till-member-tier:visible').innerText()).toBe('金卡会员');
  expect(await clerk.locator('.till-member-no:visible').innerText()).toContain(memberNo.slice(-4));
  expect(await clerk.locator('.till-benefit:visible').count()).toBeGreaterThan(0);
  await review(clerk, 'clerk-till-member', name);

  // A purchase of ¥128.00: the sheet shows the amount the one way money is shown, then confirms. First the
  // fields a clerk can get wrong, each with its own message.
  const orderNo = `E2E-${Date.now()}`;
  await clerk.locator('.purchase-order-no:visible input').fill('#1');
  await clerk.locator('.purchase-amount:visible input').fill('12.345');
  await clerk.locator('.purchase-submit:visible').click();
  await clerk.locator('.ui-field__error:visible', { hasText: '订单号为 4-40 位字母、数字、-或_' }).waitFor();
  await clerk.locator('.ui-field__error:visible', { hasText: '请输入正确的金额（元），最多两位小数' }).waitFor();
  await clerk.locator('.purchase-order-no:visible input').fill(orderNo);
  await clerk.locator('.purchase-amount:visible input').fill('128');
  await clerk.locator('.purchase-submit:visible').click();
  const sheet = clerk.locator('.purchase-confirm:visible');
  await sheet.waitFor();
  expect(await sheet.locator('.ui-confirm__row--emphasis .ui-confirm__value').innerText()).toBe('¥128.00');
  await review(clerk, 'clerk-purchase-confirm', sheet.locator('.ui-confirm__ok'));
  await sheet.locator('.ui-confirm__ok').click();
  const result = clerk.locator('.purchase-result:visible');
  await result.waitFor();
  const points = await clerk.locator('.purchase-points:visible').innerText();
  expect(points).toMatch(/^\+[\d,]+ 积分$/);
  expect(await clerk.locator('.purchase-line-item:visible').count()).toBeGreaterThan(0);
  // The header follows: the new pending points show at once.
  expect(Number((await clerk.locator('.till-member-pending:visible').innerText()).replace(/\D/g, ''))).toBe(Number(points.replace(/\D/g, '')));
  const order = (await product.cloud.db.collection<{ amountFen: number; _openid: string }>('purchases').doc(orderNo).get()).data;
  expect(order).toMatchObject({ amountFen: 12800, _openid: 'dev-member-lin' });
  await review(clerk, 'clerk-purchase-result', result);

  // Next member: the same digits again are refused, in the server's words.
  await clerk.locator('.to-next-member:visible').click();
  await clerk.locator('.staff-code-submit:visible').waitFor();
  await typeCode(clerk, 'staff-code', code);
  const error = clerk.locator('.staff-scan-error:visible');
  await error.waitFor();
  expect(await error.innerText()).toBe('这个动态码已经用过了，请等会员卡上的数字刷新后再输入');
  await review(clerk, 'clerk-code-used', error);

  // Wrong digits: the specific reason, not a generic sentence.
  await typeCode(clerk, 'staff-code', { memberNo, pin: code.pin === '000000' ? '000001' : '000000' });
  await clerk.locator('.staff-scan-error:visible', { hasText: '会员号或动态码不对，请核对会员码页上的数字' }).waitFor();

  // The member returns part of the goods: ¥28.00 of ¥128.00, previewed, then confirmed.
  await clerk.locator('.to-refund:visible').click();
  await clerk.locator('.refund-order-no:visible input').fill(orderNo);
  await clerk.locator('.refund-scope--part:visible').click();
  await clerk.locator('.refund-amount-input:visible input').fill('28');
  await clerk.locator('.refund-reason:visible textarea').fill('顾客退回一件');
  await clerk.locator('.refund-submit:visible').click();
  const refundSheet = clerk.locator('.refund-sheet:visible');
  await refundSheet.waitFor();
  expect(await refundSheet.locator('.refund-preview-amount').innerText()).toBe('¥28.00');
  expect(await clerk.locator('.refund-preview-store:visible').innerText()).toBe('静安店');
  await review(clerk, 'clerk-refund-preview', refundSheet.locator('.ui-confirm__ok'));
  await refundSheet.locator('.ui-confirm__ok').click();
  const refund = clerk.locator('.refund-result:visible');
  await refund.waitFor();
  expect(await clerk.locator('.refund-amount:visible').innerText()).toBe('¥28.00');
  expect(await clerk.locator('.refund-remaining:visible').innerText()).toBe('¥100.00');
  await review(clerk, 'clerk-refund-result', refund);

  // Refunds a clerk gets wrong: an order number that was never recorded, then more than what is left.
  await clerk.locator('.refund-another:visible').click();
  await clerk.locator('.refund-order-no:visible input').fill('E2E-NO-SUCH-ORDER');
  await clerk.locator('.refund-reason:visible textarea').fill('顾客退货');
  await clerk.locator('.refund-submit:visible').click();
  await clerk.locator('.refund-error:visible', { hasText: '没有找到这笔订单，请核对小票上的订单号' }).waitFor();
  await clerk.locator('.refund-order-no:visible input').fill(orderNo);
  await clerk.locator('.refund-scope--part:visible').click();
  await clerk.locator('.refund-amount-input:visible input').fill('200');
  await clerk.locator('.refund-submit:visible').click();
  await clerk.locator('.refund-not-allowed:visible', { hasText: '退款金额超出可退金额（最多可退 ¥100.00）' }).waitFor();
  await review(clerk, 'clerk-refund-too-much', clerk.locator('.refund-submit:visible'));

  // The shift summary counts what this clerk did today.
  await clerk.goto(`${product.url}/#/packages/staff/summary/index`);
  await clerk.locator('.shift-purchases:visible').waitFor();
  expect(Number(await clerk.locator('.shift-purchases:visible').innerText())).toBeGreaterThanOrEqual(1);
  expect(Number(await clerk.locator('.shift-refunds:visible').innerText())).toBeGreaterThanOrEqual(1);
  await review(clerk, 'clerk-shift-summary', clerk.locator('.shift-recent'));
}, 240_000);

it('members see no staff entry, and the staff pages turn them away with a way out', async () => {
  const member = await product.pageAs('dev-member-lin');
  await member.goto(`${product.url}/#/pages/home/index`);
  await member.locator('.home-member:visible').waitFor();
  await member.waitForLoadState('networkidle');
  expect(await member.locator('.to-staff').count()).toBe(0);
  await member.goto(`${product.url}/#/packages/staff/scan/index`);
  const refused = member.locator('.ui-state__message:visible');
  await refused.waitFor();
  expect(await refused.innerText()).toBe('此页面仅限门店店员使用');
  await member.locator('.ui-state__home:visible').waitFor();
  await review(member, 'member-staff-forbidden', refused);
});
