/**
 * Issue 3's journey, in headless Chromium on the H5 build: a new member checks in on two consecutive
 * Beijing days; a clerk scans the member's code and records a purchase; the member sees the points, the
 * reasons and the new tier; the replayed code is refused.
 */
import type { Page } from 'playwright-core';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import { readShownCode, review, startProduct, toastSays, typeCode } from '../support/e2e-env';
import { ok, registration } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

async function checkIn(page: Page): Promise<string> {
  await page.goto(`${product.url}/#/packages/points/checkin/index`);
  await page.locator('.checkin-button:visible').click();
  const award = page.locator('.checkin-award:visible');
  await award.waitFor();
  return award.innerText();
}

it('check-ins on two days, a purchase at the till, and the member sees why', async () => {
  const openid = `e2e-journey-${Date.now()}`;
  ok(await product.cloud.call('member', { action: 'register', input: registration({ nickname: '旅程会员' }) }, openid));
  const member = await product.pageAs(openid);

  // Day 1 and day 2, 10:00 Beijing time (the 23rd and 24th are not member days).
  product.cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  expect(await checkIn(member)).toContain('连续签到第 1 天');
  product.cloud.clock.set(new Date('2026-11-24T02:00:00Z'));
  expect(await checkIn(member)).toContain('连续签到第 2 天');
  expect(await member.locator('.checkin-streak:visible').innerText()).toContain('2');
  // A second tap the same day: the reason, specific (a toast), and nothing more is awarded.
  await member.locator('.checkin-button:visible').click();
  await toastSays(member, '今天已经签到过了，明天再来吧');

  // The member shows the card; the clerk scans the code and records ¥1,280.00.
  await member.goto(`${product.url}/#/pages/card/index`);
  const code = await readShownCode(member);
  const clerk = await product.pageAs('dev-clerk-wang');
  await clerk.goto(`${product.url}/#/packages/staff/scan/index`);
  await typeCode(clerk, 'staff-code', code);
  await clerk.locator('.till-member-name:visible', { hasText: '旅**' }).waitFor();
  await clerk.locator('.purchase-order-no:visible input').fill(`J-${Date.now()}`);
  await clerk.locator('.purchase-amount:visible input').fill('1280.00');
  await clerk.locator('.purchase-submit:visible').click();
  await clerk.locator('.purchase-confirm:visible .ui-confirm__ok').click();
  await clerk.locator('.purchase-result:visible').waitFor();
  expect(await clerk.locator('.purchase-points:visible').innerText()).toBe('+1,280 积分');

  // The same digits again are refused.
  await clerk.locator('.to-next-member:visible').click();
  await typeCode(clerk, 'staff-code', code);
  await clerk.locator('.staff-scan-error:visible', { hasText: '这个动态码已经用过了' }).waitFor();

  // The member: the new tier at once, and every point with its reason.
  await member.goto(`${product.url}/#/pages/member/index`);
  await member.locator('.member-tier:visible', { hasText: '金卡会员' }).waitFor();
  await member.goto(`${product.url}/#/packages/points/history/index`);
  await member.locator('.history-entry:visible').first().waitFor();
  const reasons = await member.locator('.history-reason:visible').allInnerTexts();
  expect(reasons).toEqual(['门店消费 ¥1,280.00', '每日签到', '每日签到']);
  expect(await member.locator('.points-balance:visible').innerText()).toContain('10');
  expect(await member.locator('.points-pending:visible').innerText()).toContain('1,280');
  await review(member, 'member-points-history', member.locator('.history-entry:visible').first());

  const record = (await product.cloud.db.collection<MemberRecord>('members').doc(openid).get()).data;
  expect(record).toMatchObject({ tierCode: 'gold', growth: 1280 });
});
