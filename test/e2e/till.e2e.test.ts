/**
 * At the till, in headless Chromium on the H5 build served by the local cloud: the member 林小满 opens the
 * card with the live code; the clerk 王店员 pastes that code (no camera on H5), sees the member masked,
 * records a purchase of ¥128.00 and sees the points awarded; the same code pasted again is refused; the
 * order is refunded.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, settled, startProduct } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const CODE_USED_MESSAGE = '这个会员码已经被扫过了，请让会员刷新后重新出示';

async function memberCode(page: Page): Promise<string> {
  await page.goto(`${product.url}/#/pages/card/index`);
  const token = page.locator('.member-qr-token');
  await token.waitFor({ state: 'attached' });
  return ((await token.textContent()) ?? '').trim();
}

async function pasteAndScan(page: Page, token: string) {
  await page.locator('.staff-code-input:visible textarea').fill(token);
  await page.locator('.staff-scan-submit:visible').click();
}

it('a clerk scans the member code, records a purchase, and a second scan of the code is refused', async () => {
  // The member shows the card: a real QR image (SVG data URI) and the token behind it.
  const member = await product.pageAs('dev-member-lin');
  const token = await memberCode(member);
  expect(token).toMatch(/^1\.\d{12}\.[0-9a-z]+\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{32}$/);
  const qr = member.locator('.member-qr img');
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  await member.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.member-qr img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
  expect(await member.locator('.member-qr-countdown').innerText()).toMatch(/秒后自动刷新/);
  await settled(member.locator('.member-qr'));
  await member.screenshot({ path: join(ARTIFACTS, 'e2e-till-member-code.png') });

  // The clerk: the staff entry on the home page leads to the scan desk.
  const clerk = await product.pageAs('dev-clerk-wang');
  await clerk.goto(`${product.url}/#/pages/home/index`);
  await clerk.locator('.to-staff:visible').click();
  await clerk.locator('.staff-identity:visible', { hasText: '王店员' }).waitFor();
  await pasteAndScan(clerk, token);

  const name = clerk.locator('.till-member-name:visible');
  await name.waitFor();
  expect(await name.innerText()).toBe('林**');
  expect(await clerk.locator('.till-member-tier:visible').innerText()).toBe('金卡会员');
  const memberNo = (await product.cloud.db.collection<{ memberNo: string }>('members').doc('dev-member-lin').get()).data.memberNo;
  expect(await clerk.locator('.till-member-no:visible').innerText()).toContain(memberNo.slice(-4));
  expect(await clerk.locator('.till-benefit:visible').count()).toBeGreaterThan(0);
  await settled(name);
  await clerk.screenshot({ path: join(ARTIFACTS, 'e2e-till-member.png') });

  // A purchase of ¥128.00 with a fresh order number.
  const orderNo = `E2E-${Date.now()}`;
  await clerk.locator('.purchase-order-no:visible input').fill(orderNo);
  await clerk.locator('.purchase-amount:visible input').fill('128.00');
  await clerk.locator('.purchase-submit:visible').click();
  const result = clerk.locator('.purchase-result:visible');
  await result.waitFor();
  const points = await clerk.locator('.purchase-points:visible').innerText();
  expect(points).toMatch(/^\+[\d,]+ 积分$/);
  expect(Number(points.replace(/[^\d]/g, ''))).toBeGreaterThan(0);
  expect(await clerk.locator('.purchase-line-item:visible').count()).toBeGreaterThan(0);
  const order = (await product.cloud.db.collection<{ amountFen: number; _openid: string }>('purchases').doc(orderNo).get()).data;
  expect(order).toMatchObject({ amountFen: 12800, _openid: 'dev-member-lin' });
  await settled(result);
  await clerk.screenshot({ path: join(ARTIFACTS, 'e2e-till-purchase.png') });

  // Next member: back at the desk, the same code again is refused in Chinese.
  await clerk.locator('.to-next-member:visible').click();
  await clerk.locator('.staff-scan-submit:visible').waitFor();
  await pasteAndScan(clerk, token);
  const error = clerk.locator('.staff-scan-error:visible');
  await error.waitFor();
  expect(await error.innerText()).toBe(CODE_USED_MESSAGE);
  await settled(error);
  await clerk.screenshot({ path: join(ARTIFACTS, 'e2e-till-code-used.png') });

  // The member returns the goods: the refund takes back the points of that order.
  await clerk.locator('.to-refund:visible').click();
  await clerk.locator('.refund-order-no:visible input').fill(orderNo);
  await clerk.locator('.refund-reason:visible textarea').fill('顾客退货');
  await clerk.locator('.refund-submit:visible').click();
  const refund = clerk.locator('.refund-result:visible');
  await refund.waitFor();
  expect(await clerk.locator('.refund-reversed:visible').innerText()).toBe(points.replace(/[^\d,]/g, ''));
  await settled(refund);
  await clerk.screenshot({ path: join(ARTIFACTS, 'e2e-till-refund.png') });
});

it('members see no staff entry, and the staff pages turn them away', async () => {
  const member = await product.pageAs('dev-member-lin');
  await member.goto(`${product.url}/#/pages/home/index`);
  await member.locator('.home-to-card:visible').waitFor();
  await member.waitForLoadState('networkidle');
  expect(await member.locator('.to-staff').count()).toBe(0);
  await member.goto(`${product.url}/#/packages/staff/scan/index`);
  await member.locator('.staff-forbidden:visible').waitFor();
});
