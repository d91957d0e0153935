/**
 * The screenshot review set, persona by persona: each screen is saved into test-artifacts/ after the checks a
 * reviewer would make (no raw ids, no English UI text, nothing wider than the phone; see `review`), with the
 * visitor's, member's, clerk's and operator's home, the visitor's browsing and the join prompts, and the
 * confirmation sheets.
 */
import { review, startProduct, toastSays } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

it('a visitor sees what the community offers, browses the mall and coupons, and is asked to join at the first action', async () => {
  const page = await product.pageAs('dev-visitor');
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.home-visitor:visible').waitFor();
  await page.locator('.home-item:visible').first().waitFor();
  await review(page, 'visitor-home', page.locator('.home-visitor'));

  await page.locator('.home__browse-link.to-mall:visible').click();
  await page.locator('.mall-visitor:visible').waitFor();
  await review(page, 'visitor-mall', page.locator('.mall-item:visible').first());
  await page.locator('.mall-item:visible').first().click();
  await page.locator('.mall-redeem:visible', { hasText: '加入会员后兑换' }).click();
  const dialog = page.locator('.join-dialog:visible');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('加入会员即可兑换');
  await review(page, 'visitor-mall-join', dialog.locator('.ui-dialog__ok'));
  await dialog.locator('.ui-dialog__cancel').click();

  await page.goto(`${product.url}/#/packages/coupons/center/index`);
  const claim = page.locator('.coupon-claim:visible').first();
  await claim.waitFor();
  await review(page, 'visitor-coupons', claim);
  await claim.click();
  await page.locator('.join-dialog:visible', { hasText: '加入会员即可领券' }).waitFor();
});

it("a member's home shows the card, points, today's check-in and what is new", async () => {
  const page = await product.pageAs('dev-member-lin');
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.home-member:visible').waitFor();
  await page.locator('.home-item:visible').first().waitFor();
  expect(await page.locator('.home-checkin:visible').innerText()).toMatch(/签到/);
  expect(Number((await page.locator('.home-points:visible').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
  await review(page, 'member-home', page.locator('.home-member'));

  await page.goto(`${product.url}/#/packages/points/checkin/index`);
  await page.locator('.checkin-button:visible').waitFor();
  await review(page, 'member-checkin', page.locator('.checkin-button:visible'));

  // Checked in: the done state and today's award.
  await page.locator('.checkin-button:visible').click();
  await page.locator('.checkin-award:visible').waitFor();
  await review(page, 'member-checkin-done', page.locator('.checkin-award:visible, .checkin-done:visible').first());

  await page.goto(`${product.url}/#/packages/account/profile/index`);
  await page.locator('.profile-submit:visible').waitFor();
  await review(page, 'member-profile', page.locator('.profile-submit:visible'));
  // Nothing changed: said so, not saved.
  await page.locator('.profile-submit:visible').click();
  await toastSays(page, '没有要修改的内容');

  await page.goto(`${product.url}/#/packages/account/privacy/index`);
  await page.locator('.privacy-paragraph:visible').first().waitFor();
  await review(page, 'member-privacy', page.locator('.privacy__summary:visible'));

  await page.goto(`${product.url}/#/packages/mall/index/index`);
  await page.locator('.mall-item:visible').first().waitFor();
  await review(page, 'member-mall', page.locator('.mall-item:visible').first());

  // The event seat is at one store: only that store is offered.
  await page.locator('.mall-item:visible', { hasText: '设计师手稿鉴赏会名额' }).click();
  await page.locator('.mall-store:visible').first().waitFor();
  expect(await page.locator('.mall-store:visible').allInnerTexts()).toEqual(['静安店']);
  await review(page, 'member-mall-event', page.locator('.mall-redeem:visible'));

  // The paid card: agreement and price before paying.
  await page.goto(`${product.url}/#/packages/vip/index`);
  await page.locator('.vip-buy:visible').click();
  const sheet = page.locator('.vip-confirm:visible');
  await sheet.waitFor();
  expect(await sheet.locator('.vip-confirm-price').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
  expect(await sheet.innerText()).toContain('《超级会员服务协议》');
  await review(page, 'member-vip-confirm', sheet.locator('.ui-confirm__ok'));
});

it('a clerk has the desk, the orders to handle and the birthday correction; an operator the dashboard', async () => {
  const clerk = await product.pageAs('dev-clerk-wang');
  await clerk.goto(`${product.url}/#/packages/staff/orders/index`);
  await clerk.locator('.staff-orders-tab--express:visible').waitFor();
  await clerk.locator('.staff-orders-empty:visible, .staff-order:visible').first().waitFor();
  await review(clerk, 'clerk-orders', clerk.locator('.staff-orders-tab--express:visible'));

  await clerk.goto(`${product.url}/#/packages/staff/birthday/index`);
  await clerk.locator('.birthday-member-no:visible input').fill('123');
  await clerk.locator('.birthday-submit:visible').click();
  await clerk.locator('.ui-field__error:visible', { hasText: '会员号应为 12 位数字' }).waitFor();
  await clerk.locator('.ui-field__error:visible', { hasText: '请选择正确的生日（月、日）' }).waitFor();
  await review(clerk, 'clerk-birthday', clerk.locator('.birthday-submit:visible'));

  const op = await product.pageAs('dev-operator-zhou');
  await op.goto(`${product.url}/#/pages/home/index`);
  await op.locator('.home-ops:visible').waitFor();
  await review(op, 'operator-home', op.locator('.home-ops'));
  await op.locator('.to-ops:visible').click();
  await op.locator('.ops-summary:visible').waitFor();
  expect(await op.locator('.ops-summary:visible').innerText()).toMatch(/配置/);
});

it('an unknown address shows a page that says so, with a way home', async () => {
  const page = await product.pageAs('dev-member-lin');
  await page.goto(`${product.url}/#/pages/no-such-page/index`);
  const state = page.locator('.not-found:visible');
  await state.waitFor();
  expect(await state.locator('.ui-state__title').innerText()).toBe('这个页面不存在');
  expect(await page.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).toBe('页面不存在');
  await review(page, 'member-not-found', page.locator('.not-found-home:visible'));
  await page.locator('.not-found-home:visible').click();
  await page.locator('.home-member:visible').waitFor();
});
