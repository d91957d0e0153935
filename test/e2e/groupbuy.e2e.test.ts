/**
 * Issue 12's journeys, in headless Chromium on the H5 build served by the local cloud (payments in its
 * sandbox):
 * 1. 林小满 opens a three-person group of the demo deal 手冲咖啡豆 and pays; two friends open the shared group
 *    page, join and pay; the group completes; the clerk 王店员 hands the beans over at the pickup desk.
 * 2. A group that does not fill: its window passes (the dev clock moves, the minutely timer runs) and each
 *    member sees their own refund in 我的拼团.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, settled, startProduct } from '../support/e2e-env';
import { ok } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const FRIENDS = ['demo-sample-02', 'demo-sample-03'];
const CLERK = 'dev-clerk-wang';
const DEAL = '手冲咖啡豆';

async function shot(page: Page, selector: string, name: string) {
  await settled(page.locator(selector).first());
  await page.screenshot({ path: join(ARTIFACTS, name) });
}

async function joinAndPay(page: Page, groupUrl: string) {
  await page.goto(groupUrl);
  const joinButton = page.locator('.gb-join:visible');
  await joinButton.waitFor();
  await joinButton.click();
  await page.locator('.gb-my-status:visible').waitFor();
}

it('three personas form a group and pay in the sandbox; the group completes; the clerk hands the goods over', async () => {
  product.cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing
  const lin = await product.pageAs(LIN);
  await lin.goto(`${product.url}/#/pages/home/index`);
  await lin.locator('.to-groupbuy:visible').click();
  await lin.locator('.gb-deal:visible', { hasText: DEAL }).click();
  const openButton = lin.locator('.gb-open:visible');
  await openButton.waitFor();
  // The demo's open group by 阿青 is offered first (可直接参团).
  await lin.locator('.gb-open-group:visible').first().waitFor();
  await shot(lin, '.gb-deal-detail:visible', 'e2e-groupbuy-deal.png');
  expect(await openButton.innerText()).toBe('¥59.90 开团');
  await openButton.click();

  // Paid in the sandbox, confirmed by query: the group page with the leader and two empty slots.
  await lin.waitForURL(/packages\/groupbuy\/group\/index\?groupId=/);
  const groupId = new URL(lin.url().replace('/#/', '/')).searchParams.get('groupId')!;
  await lin.locator('.gb-group-countdown:visible').waitFor();
  expect(await lin.locator('.gb-slot--empty:visible').count()).toBe(2);
  expect(await lin.locator('.gb-group-countdown:visible').innerText()).toMatch(/还差 2 人成团 · 剩余\s*(1天 00:00:00|23:59:\d\d)/);
  await lin.locator('.gb-share-button:visible').waitFor();
  await lin.locator('.gb-poster-button:visible').click();
  await lin.locator('.gb-poster__code:visible').waitFor();
  await shot(lin, '.gb-members:visible', 'e2e-groupbuy-group-open.png');

  // Two friends open the shared link and join.
  const groupUrl = `${product.url}/#/packages/groupbuy/group/index?groupId=${groupId}`;
  for (const friend of FRIENDS) await joinAndPay(await product.pageAs(friend), groupUrl);

  await lin.reload();
  const status = lin.locator('.gb-group-status--completed:visible');
  await status.waitFor();
  expect(await status.innerText()).toBe('拼团成功');
  expect(await lin.locator('.gb-slot--filled:visible').count()).toBe(3);
  await shot(lin, '.gb-members:visible', 'e2e-groupbuy-group-completed.png');

  // 我的拼团 -> 已成团: the pickup code.
  await lin.goto(`${product.url}/#/packages/groupbuy/mine/index`);
  await lin.locator('.gb-tab--done:visible').click();
  const order = lin.locator('.gb-order:visible', { hasText: DEAL });
  await order.locator('.gb-show-code').click();
  await lin.locator('.gb-order-qr:visible').waitFor();
  const token = lin.locator('.gb-order-code-token');
  await token.waitFor({ state: 'attached' });
  const code = ((await token.textContent()) ?? '').trim();
  expect(code.length).toBeGreaterThan(10);
  await shot(lin, '.gb-order:visible', 'e2e-groupbuy-mine-code.png');

  // The clerk: pickup desk -> 拼团 / 秒杀, paste the code.
  const clerk = await product.pageAs(CLERK);
  await clerk.goto(`${product.url}/#/packages/staff/pickup/index`);
  await clerk.locator('.staff-desk-deal:visible').click();
  await clerk.locator('.staff-pickup-code-input:visible textarea').fill(code);
  await clerk.locator('.staff-pickup-submit:visible').click();
  const handed = clerk.locator('.staff-deal-pickup-result:visible');
  await handed.waitFor();
  expect(await clerk.locator('.staff-deal-pickup-title:visible').innerText()).toContain(DEAL);
  await shot(clerk, '.staff-deal-pickup-result:visible', 'e2e-groupbuy-staff-pickup.png');

  await lin.reload();
  await lin.locator('.gb-tab--done:visible').click();
  await lin.locator('.gb-order-status:visible', { hasText: '已提货' }).waitFor();
});

it('a group expires: each member sees their own refund', async () => {
  product.cloud.clock.set(new Date('2026-11-25T02:00:00Z'));
  const delivery = { mode: 'pickup', storeId: 'S001' };
  const opened = ok(await product.cloud.call<{ order: { orderNo: string; groupId: string } }>('groupbuy', { action: 'open', input: { dealId: 'beans-3', requestId: 'e2e-expiring-open', delivery } }, LIN));
  await product.cloud.payments.pay(opened.order.orderNo);
  ok(await product.cloud.call('groupbuy', { action: 'confirm', input: { orderNo: opened.order.orderNo } }, LIN));
  const friend = FRIENDS[0];
  const friendPage = await product.pageAs(friend);
  await joinAndPay(friendPage, `${product.url}/#/packages/groupbuy/group/index?groupId=${opened.order.groupId}`);

  // The window (24 h) passes; the minutely timer fails the group and refunds each payment.
  product.cloud.clock.advance(24 * 3600_000 + 60_000);
  ok(await product.cloud.trigger('groupbuy', 'minutely'));

  for (const [who, page] of [
    [LIN, await product.pageAs(LIN)],
    [friend, friendPage],
  ] as const) {
    await page.goto(`${product.url}/#/packages/groupbuy/mine/index`);
    await page.locator('.gb-tab--refund:visible').click();
    const refunded = page.locator('.gb-order--refunded:visible').first();
    await refunded.waitFor();
    expect(await refunded.locator('.gb-order-status').innerText()).toBe('已退款 ¥59.90，原路退回');
    expect(await refunded.locator('.gb-refund-detail').innerText()).toContain('未在时限内成团');
    await shot(page, '.gb-order--refunded:visible', `e2e-groupbuy-refund-${who}.png`);
  }
  await friendPage.goto(`${product.url}/#/packages/groupbuy/group/index?groupId=${opened.order.groupId}`);
  await friendPage.locator('.gb-group-status--failed:visible', { hasText: '未成团，已原路退款' }).waitFor();
  await shot(friendPage, '.gb-members:visible', 'e2e-groupbuy-group-failed.png');
});
