/**
 * Issue 12's journeys, in headless Chromium on the H5 build served by the local cloud (payments in its
 * sandbox):
 * 1. 林小满 opens a three-person group of the demo deal 手冲咖啡豆 and pays; two friends open the shared group
 *    page, join and pay; the group completes; the clerk 王店员 hands the beans over at the pickup desk.
 *    Every screen on the way is saved into the review set (test-artifacts/, checked for raw ids, English text
 *    and overflow), and the flash-sale page counts down before its start.
 * 2. A group that does not fill: its window passes (the dev clock moves, the minutely timer runs) and each
 *    member sees their own refund in 我的拼团.
 * 3. A friend who is not a member yet opens a shared group: sees the group and 加入会员参团, registers, lands
 *    back on the same group and joins and pays; the deal and the flash sales invite them the same way.
 * 4. The demo's 超级用户-only deal (新品尝鲜礼盒): 林小满 (a 超级用户) sees 「超级用户专享」 and opens a group; 木木,
 *    outside the layer, sees the same tag and is told before tapping (the button and the group page say why,
 *    also on a 320-pixel phone); 北辰, taken out of the layer by the nightly job after his group page loaded,
 *    taps 参团 and reads the server's 仅限超级用户会员参团 with nothing changed; 星野 (a 超级用户) joins and the
 *    group completes.
 */
import type { Page } from 'playwright-core';
import { readShownCode, review, startProduct, toastSays, typeCode } from '../support/e2e-env';
import { count, ok } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const FRIENDS = ['demo-sample-02', 'demo-sample-03'];
const CLERK = 'dev-clerk-wang';
const DEAL = '手冲咖啡豆';

/** A friend opens the shared group page, joins, confirms on the sheet and pays in the sandbox. */
async function joinAndPay(page: Page, groupUrl: string, reviewAs?: string, price = '¥59.90') {
  await page.goto(groupUrl);
  const joinButton = page.locator('.gb-join:visible');
  await joinButton.waitFor();
  if (reviewAs) await review(page, `${reviewAs}-group-join`, joinButton);
  await joinButton.click();
  const sheet = page.locator('.gb-join-sheet:visible');
  await sheet.waitFor();
  expect(await sheet.innerText()).toContain(price);
  if (reviewAs) await review(page, `${reviewAs}-group-join-confirm`, sheet.locator('.ui-confirm__ok'));
  await sheet.locator('.ui-confirm__ok').click();
  await page.locator('.gb-my-status:visible').waitFor();
}

it('three personas form a group and pay in the sandbox; the group completes; the clerk hands the goods over', async () => {
  product.cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 Beijing
  const lin = await product.pageAs(LIN);
  await lin.goto(`${product.url}/#/pages/home/index`);
  await lin.locator('.home__shortcut.to-groupbuy:visible').click();
  const deal = lin.locator('.gb-deal:visible', { hasText: DEAL });
  await deal.waitFor();
  await review(lin, 'member-groupbuy-deals', deal);
  await deal.click();
  const openButton = lin.locator('.gb-open:visible');
  await openButton.waitFor();
  // The demo's open group by 阿青 is offered first (可直接参团).
  await lin.locator('.gb-open-group:visible').first().waitFor();
  await review(lin, 'member-groupbuy-deal', lin.locator('.gb-deal-detail:visible'));
  expect(await openButton.innerText()).toBe('¥59.90 开团');
  await openButton.click();
  // What is paid and how the goods come, before paying.
  const sheet = lin.locator('.gb-open-sheet:visible');
  await sheet.waitFor();
  expect(await sheet.locator('.gb-open-price').innerText()).toBe('¥59.90');
  expect(await sheet.innerText()).toContain('门店自提');
  await review(lin, 'member-groupbuy-open-confirm', sheet.locator('.ui-confirm__ok'));
  await sheet.locator('.ui-confirm__ok').click();

  // Paid in the sandbox, confirmed by query: the group page with the leader and two empty slots.
  await lin.waitForURL(/packages\/groupbuy\/group\/index\?groupId=/);
  const groupId = new URL(lin.url().replace('/#/', '/')).searchParams.get('groupId')!;
  await lin.locator('.gb-group-countdown:visible').waitFor();
  expect(await lin.locator('.gb-slot--empty:visible').count()).toBe(2);
  expect(await lin.locator('.gb-group-countdown:visible').innerText()).toMatch(/还差 2 人成团 · 剩余\s*(1天 00:00:00|23:59:\d\d)/);
  await lin.locator('.gb-share-button:visible').waitFor();
  await review(lin, 'member-groupbuy-group-open', lin.locator('.gb-members:visible'));
  await lin.locator('.gb-poster-button:visible').click();
  await lin.locator('.gb-poster__code:visible').waitFor();
  await review(lin, 'member-groupbuy-poster', lin.locator('.gb-poster__code:visible'));
  await lin.locator('.gb-poster-sheet .ui-sheet__close').first().click().catch(() => undefined);

  // Two friends open the shared link and join.
  const groupUrl = `${product.url}/#/packages/groupbuy/group/index?groupId=${groupId}`;
  for (const [i, friend] of FRIENDS.entries()) await joinAndPay(await product.pageAs(friend), groupUrl, i === 0 ? 'friend' : undefined);

  await lin.reload();
  const status = lin.locator('.gb-group-status--completed:visible');
  await status.waitFor();
  expect(await status.innerText()).toBe('拼团成功');
  expect(await lin.locator('.gb-slot--filled:visible').count()).toBe(3);
  await review(lin, 'member-groupbuy-group-completed', lin.locator('.gb-members:visible'));

  // 我的拼团 -> 已成团: the pickup code, with the member number and digits to type.
  await lin.goto(`${product.url}/#/packages/groupbuy/mine/index`);
  await lin.locator('.gb-tab--done:visible').click();
  const order = lin.locator('.gb-order:visible', { hasText: DEAL });
  await order.locator('.gb-show-code').click();
  await lin.locator('.gb-order-qr:visible').waitFor();
  const code = await readShownCode(lin);
  await review(lin, 'member-groupbuy-pickup-code', lin.locator('.gb-order-qr:visible'));

  // The clerk: 到店自提 -> 拼团 / 秒杀, types the digits, checks the order, confirms the hand-over.
  const clerk = await product.pageAs(CLERK);
  await clerk.goto(`${product.url}/#/packages/staff/scan/index`);
  await clerk.locator('.to-pickup:visible').click();
  await clerk.locator('.staff-desk--deal:visible').click();
  await typeCode(clerk, 'staff-pickup', code);
  await clerk.locator('.staff-pickup-check:visible').waitFor();
  expect(await clerk.locator('.staff-pickup-title:visible').innerText()).toContain(DEAL);
  expect(await clerk.locator('.staff-pickup-kind:visible').innerText()).toBe('拼团');
  await review(clerk, 'clerk-groupbuy-pickup-check', clerk.locator('.staff-pickup-confirm:visible'));
  await clerk.locator('.staff-pickup-confirm:visible').click();
  await clerk.locator('.staff-pickup-sheet:visible .ui-confirm__ok').click();
  const handed = clerk.locator('.staff-pickup-result:visible');
  await handed.waitFor();
  expect(await handed.innerText()).toContain('提货成功');
  await review(clerk, 'clerk-groupbuy-pickup-result', handed);

  await lin.reload();
  await lin.locator('.gb-tab--done:visible').click();
  await lin.locator('.gb-order-status:visible', { hasText: '已提货' }).waitFor();

  // 限时秒杀 before its start: the page counts down by the server's clock and offers nothing to buy yet.
  await lin.goto(`${product.url}/#/packages/groupbuy/flash/index`);
  const countdown = lin.locator('.gb-flash-countdown:visible').first();
  await countdown.waitFor();
  expect(await countdown.innerText()).toMatch(/距开抢/);
  expect(await lin.locator('.gb-flash-buy:visible').first().innerText()).not.toMatch(/立即抢购/);
  await review(lin, 'member-flash-sales', countdown);
}, 240_000);

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
    await review(page, `${who === LIN ? 'member' : 'friend'}-groupbuy-refund`, refunded);
  }
  await friendPage.goto(`${product.url}/#/packages/groupbuy/group/index?groupId=${opened.order.groupId}`);
  await friendPage.locator('.gb-group-status--failed:visible', { hasText: '未成团，已原路退款' }).waitFor();
  await review(friendPage, 'friend-groupbuy-group-failed', friendPage.locator('.gb-members:visible'));
}, 120_000);

it('a visitor opens a shared group, registers, comes back to the same group and joins', async () => {
  const leader = 'demo-sample-05';
  const delivery = { mode: 'pickup', storeId: 'S001' };
  const opened = ok(await product.cloud.call<{ order: { orderNo: string; groupId: string } }>('groupbuy', { action: 'open', input: { dealId: 'beans-3', requestId: 'e2e-visitor-open', delivery } }, leader));
  await product.cloud.payments.pay(opened.order.orderNo);
  ok(await product.cloud.call('groupbuy', { action: 'confirm', input: { orderNo: opened.order.orderNo } }, leader));
  const groupUrl = `${product.url}/#/packages/groupbuy/group/index?groupId=${opened.order.groupId}`;

  const openid = `e2e-visitor-${Date.now()}`;
  const page = await product.pageAs(openid);
  await page.goto(groupUrl);
  // The group as the leader shares it: avatars, empty slots, countdown; instead of paying, an invitation.
  const invite = page.locator('.gb-register-join:visible');
  await invite.waitFor();
  expect(await invite.innerText()).toBe('加入会员参团');
  expect(await page.locator('.gb-slot--empty:visible').count()).toBe(2);
  await page.locator('.gb-group-countdown:visible').waitFor();
  expect(await page.locator('.gb-join-reason:visible').innerText()).toBe('加入会员后即可参团');
  expect(await page.locator('.gb-join:visible').count()).toBe(0);
  expect(await page.locator('.gb-poster-button:visible').count()).toBe(0);
  await review(page, 'visitor-groupbuy-group', invite);

  await invite.click();
  await page.waitForURL(/packages\/account\/register\/index\?back=/);
  await page.locator('.register-nickname input').fill('新来的朋友');
  await page.locator('.consent-check__label:visible').click();
  await page.locator('.register-submit:visible').click();

  // Back on the same group, now a member who can join: pays in the sandbox.
  const joinButton = page.locator('.gb-join:visible');
  await joinButton.waitFor();
  expect(page.url()).toContain(`groupId=${opened.order.groupId}`);
  await review(page, 'visitor-groupbuy-group-registered', joinButton);
  await joinButton.click();
  const sheet = page.locator('.gb-join-sheet:visible');
  await sheet.waitFor();
  await sheet.locator('.ui-confirm__ok').click();
  await page.locator('.gb-my-status:visible').waitFor();
  expect(await page.locator('.gb-slot--filled:visible').count()).toBe(2);
  const seat = (await product.cloud.db.collection<{ status: string }>('deal_orders').where({ _openid: openid, groupId: opened.order.groupId }).get()).data;
  expect(seat.map((o) => o.status)).toEqual(['paid']);

  // The deal and the flash sales invite a visitor the same way.
  const other = await product.pageAs(`e2e-visitor-b-${Date.now()}`);
  await other.goto(`${product.url}/#/packages/groupbuy/deal/index?dealId=beans-3`);
  const openInvite = other.locator('.gb-register-open:visible');
  await openInvite.waitFor();
  expect(await other.locator('.gb-open-group:visible').count()).toBeGreaterThan(0);
  await review(other, 'visitor-groupbuy-deal', openInvite);
  await other.goto(`${product.url}/#/packages/groupbuy/flash/index`);
  const flashInvite = other.locator('.gb-register-flash:visible').first();
  await flashInvite.waitFor();
  await review(other, 'visitor-flash-sales', flashInvite);
}, 180_000);

it('a deal for 超级用户 only: a 超级用户 opens and joins; others see the tag, are told why before tapping, and a refused join changes nothing', async () => {
  product.cloud.clock.set(new Date('2026-11-26T02:00:00Z')); // 10:00 Beijing
  const BOX = '新品尝鲜礼盒';
  const [MUMU, BEICHEN, XINGYE] = ['demo-sample-03', 'demo-sample-11', 'demo-sample-12'];

  /** The deal list as `page` shows it: the layer deal's card, in view, with its 「超级用户专享」 tag. */
  const layerDealCard = async (page: Page) => {
    await page.goto(`${product.url}/#/packages/groupbuy/index/index`);
    const card = page.locator('.gb-deal:visible', { hasText: BOX });
    await card.waitFor();
    expect(await card.locator('.gb-layer-tag').innerText()).toBe('超级用户专享');
    await card.scrollIntoViewIfNeeded();
    return card;
  };

  // 林小满 (超级用户 in the demo's scoring): the tag in the list and on the deal, and an open button.
  const lin = await product.pageAs(LIN);
  const card = await layerDealCard(lin);
  await review(lin, 'super-groupbuy-deals-layer', card);
  await card.click();
  const openButton = lin.locator('.gb-open:visible');
  await openButton.waitFor();
  expect(await openButton.innerText()).toBe('¥68.00 开团');
  expect(await openButton.getAttribute('class')).not.toContain('ui-btn--disabled');
  expect(await lin.locator('.gb-deal-detail:visible .gb-layer-tag').innerText()).toBe('超级用户专享');
  await review(lin, 'super-groupbuy-deal-layer', lin.locator('.gb-deal-detail:visible'));
  await openButton.click();
  await lin.locator('.gb-open-sheet:visible .ui-confirm__ok').click();
  await lin.waitForURL(/packages\/groupbuy\/group\/index\?groupId=/);
  const groupId = new URL(lin.url().replace('/#/', '/')).searchParams.get('groupId')!;
  await lin.locator('.gb-group-countdown:visible').waitFor();
  expect(await lin.locator('.gb-group-head:visible .gb-layer-tag').innerText()).toBe('超级用户专享');
  const groupUrl = `${product.url}/#/packages/groupbuy/group/index?groupId=${groupId}`;

  // 木木 (no layer): the same tag, the reason in the list, a disabled button that says why, no form to fill.
  const mumu = await product.pageAs(MUMU);
  await mumu.setViewportSize({ width: 320, height: 640 }); // a narrow phone
  const theirCard = await layerDealCard(mumu);
  expect(await theirCard.locator('.gb-card__meta').innerText()).toBe('仅限超级用户会员参加');
  await review(mumu, 'member-groupbuy-deals-layer-narrow', theirCard);
  await theirCard.click();
  const refused = mumu.locator('.gb-open:visible');
  await refused.waitFor();
  expect(await refused.innerText()).toBe('仅限超级用户会员参加');
  expect(await refused.getAttribute('class')).toContain('ui-btn--disabled');
  expect(await mumu.locator('.gb-open-form:visible').count()).toBe(0);
  expect(await mumu.locator('.gb-open-groups:visible').count()).toBe(0);
  await review(mumu, 'member-groupbuy-deal-layer-narrow', mumu.locator('.gb-deal-detail:visible'));
  // The shared group: the tag and the server's reason instead of a join button.
  await mumu.goto(groupUrl);
  const reason = mumu.locator('.gb-join-reason:visible');
  await reason.waitFor();
  expect(await reason.innerText()).toBe('仅限超级用户会员参团');
  expect(await mumu.locator('.gb-join:visible').count()).toBe(0);
  expect(await mumu.locator('.gb-group-head:visible .gb-layer-tag').innerText()).toBe('超级用户专享');
  await review(mumu, 'member-groupbuy-group-layer-narrow', reason);

  // 北辰 loads the group as a 超级用户; the nightly job then takes him out of the layer; his tap is refused.
  const beichen = await product.pageAs(BEICHEN);
  await beichen.goto(groupUrl);
  const join = beichen.locator('.gb-join:visible');
  await join.waitFor();
  const { data: layers } = await product.cloud.db.collection<{ layers: string[] }>('member_layers').doc(BEICHEN).get();
  await product.cloud.db.collection('member_layers').doc(BEICHEN).update({ data: { layers: layers.layers.filter((l) => l !== 'super') } });
  const snapshot = async () => ({
    group: (await product.cloud.db.collection<{ taken: number; paid: number }>('groups').doc(groupId).get()).data,
    orders: await count(product.cloud, 'deal_orders', { _openid: BEICHEN }),
    stock: (await product.cloud.db.collection('deal_stock').where({}).limit(1000).get()).data,
    points: (await product.cloud.db.collection('point_accounts').doc(BEICHEN).get().catch(() => ({ data: null }))).data,
    entries: await count(product.cloud, 'point_entries', { _openid: BEICHEN }),
  });
  const before = await snapshot();
  await join.click();
  await beichen.locator('.gb-join-sheet:visible .ui-confirm__ok').click();
  await toastSays(beichen, '仅限超级用户会员参团');
  // The page reloads: the reason instead of the button.
  await beichen.locator('.gb-join-reason:visible', { hasText: '仅限超级用户会员参团' }).waitFor();
  expect(await beichen.locator('.gb-join:visible').count()).toBe(0);
  expect(await snapshot()).toEqual(before);
  expect(before.group).toMatchObject({ taken: 1, paid: 1 });

  // 星野 (超级用户) joins and pays: the group completes.
  await joinAndPay(await product.pageAs(XINGYE), groupUrl, undefined, '¥68.00');
  await lin.reload();
  await lin.locator('.gb-group-status--completed:visible').waitFor();
  await review(lin, 'super-groupbuy-group-layer-completed', lin.locator('.gb-members:visible'));
}, 240_000);
