/**
 * Issue 13's journey, in headless Chromium on the H5 build served by the local cloud:
 *
 * 1. 林小满 (a KOC the demo brand invited) joins in 推广中心 and opens 我的推广码;
 * 2. a friend opens her share link, registers, and is bound to her;
 * 3. the friend buys at the till (王店员 pastes the member code) and 林小满 sees the commission 待结算;
 * 4. the clock moves past the after-sale window (the timers run as they would) and it is 已结算;
 * 5. 林小满 withdraws everything to WeChat change and confirms receipt (确认收款; the payment sandbox records the transfer);
 * 6. a member sees the birthday card and the birthday coupon on their birthday (the clock moves again);
 * 7. an operator approves a flagged commission in 推广审核; a member cannot open it.
 */
import type { Page } from 'playwright-core';
import { recordCommissionableOrder } from '../../cloudfunctions/_core/distribution/commissionable-order.service';
import type { CommissionAccountRecord, ReferralRecord } from '../../cloudfunctions/_core/distribution/distribution.record';
import { businessDay } from '../../cloudfunctions/_core/shared/business-time.rules';
import { readShownCode, review, startProduct, typeCode } from '../support/e2e-env';
import { ok, registration } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const CLERK = 'dev-clerk-wang';
const OPERATOR = 'dev-operator-zhou';
const DAY_MS = 86_400_000;

/** Into the screenshot review set (no raw ids, no English, nothing wider than the phone), after `anchor` settles. */
const shot = (page: Page, name: string, anchor: string) => review(page, name, page.locator(anchor).first());

/** What a developer does with `curl -XPOST .../api/_dev/clock`: time moves on and the timers due meanwhile run. */
async function advanceClock(ms: number): Promise<Date> {
  const res = await fetch(`${product.url}/api/_dev/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
  return new Date(((await res.json()) as { now: string }).now);
}

/** The buyer shows the 会员码; 王店员 types the member number and the 6 digits, then records the purchase. */
async function tillPurchase(buyer: Page, amount: string): Promise<string> {
  await buyer.goto(`${product.url}/#/pages/card/index`);
  const code = await readShownCode(buyer);
  const clerk = await product.pageAs(CLERK);
  await clerk.goto(`${product.url}/#/packages/staff/scan/index`);
  await typeCode(clerk, 'staff-code', code);
  await clerk.locator('.till-member-name:visible').waitFor();
  const orderNo = `DIST-${Date.now()}`;
  await clerk.locator('.purchase-order-no:visible input').fill(orderNo);
  await clerk.locator('.purchase-amount:visible input').fill(amount);
  await clerk.locator('.purchase-submit:visible').click();
  await clerk.locator('.purchase-confirm:visible .ui-confirm__ok').click();
  await clerk.locator('.purchase-result:visible').waitFor();
  await clerk.close();
  return orderNo;
}

it('a distributor shares a code, a friend registers through it and buys, the commission settles and is withdrawn', async () => {
  // 1. 林小满 joins: she is on the operator's KOC list.
  const lin = await product.pageAs(LIN);
  await lin.goto(`${product.url}/#/pages/home/index`);
  await lin.locator('.to-distribution:visible').click();
  const join = lin.locator('.dist-join:visible');
  await join.waitFor();
  expect(await lin.locator('.dist-condition--koc .dist-condition__mark--met:visible').count()).toBe(1);
  await shot(lin, 'member-distribution-conditions', '.dist-join:visible');
  await join.click();
  await lin.locator('.dist-grade-name:visible', { hasText: '推广员' }).waitFor();
  expect(await lin.locator('.dist-balance:visible').innerText()).toBe('¥0.00');

  await lin.locator('.to-dist-share:visible').click();
  const link = lin.locator('.share-link');
  await link.waitFor({ state: 'attached' });
  await lin.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.share-qr img');
    return !!img && img.complete && img.naturalWidth > 0;
  });
  const shareUrl = ((await link.textContent()) ?? '').trim();
  const memberNo = (await product.cloud.db.collection<{ memberNo: string }>('members').doc(LIN).get()).data.memberNo;
  expect(shareUrl).toBe(`${product.url}/#/pages/home/index?scene=d%3D${memberNo}`);
  await shot(lin, 'member-distribution-share', '.share-qr:visible');

  // 2. A friend opens the link as a visitor, then joins from the home page: bound to 林小满.
  const friendId = `e2e-friend-${Date.now()}`;
  const friend = await product.pageAs(friendId);
  await friend.goto(shareUrl);
  await friend.locator('.home-visitor .to-register:visible').click();
  await friend.locator('.register-nickname:visible input').fill('阿远');
  await friend.locator('.avatar-preset:visible').nth(1).click();
  await friend.locator('.consent-check__label:visible').click();
  await friend.locator('.register-submit:visible').click();
  await friend.locator('.member-nickname:visible', { hasText: '阿远' }).waitFor();
  const referrerOf = async () => (await product.cloud.db.collection<ReferralRecord>('referrals').where({ _id: friendId }).get()).data[0]?.referrer;
  for (let i = 0; i < 50 && (await referrerOf()) !== LIN; i++) await friend.waitForTimeout(100);
  expect(await referrerOf()).toBe(LIN);

  // 3. The friend buys ¥300.00 at the till; 林小满's commission (5% at her grade) is pending.
  await tillPurchase(friend, '300.00');
  await lin.goto(`${product.url}/#/packages/distribution/commissions/index`);
  const item = lin.locator('.dist-commission:visible').first();
  await item.waitFor();
  expect(await item.locator('.dist-commission-status').innerText()).toBe('待结算');
  expect(await item.locator('.dist-commission-amount').innerText()).toBe('¥15.00');
  expect(await item.locator('.dist-commission-reason').innerText()).toBe('售后期内，期满后可提现');
  await shot(lin, 'member-distribution-commission-pending', '.dist-commission:visible');

  // 4. Eight days later the nightly settlement has run: settled, withdrawable.
  await advanceClock(8 * DAY_MS);
  await lin.reload();
  await lin.locator('.dist-commission--settled:visible .dist-commission-status', { hasText: '已结算' }).waitFor();
  await shot(lin, 'member-distribution-commission-settled', '.dist-commission:visible');
  const fans = await product.pageAs(LIN);
  await fans.goto(`${product.url}/#/packages/distribution/fans/index`);
  await fans.locator('.dist-fan-name:visible', { hasText: '阿*' }).waitFor();
  await shot(fans, 'member-distribution-fans', '.dist-fan:visible');
  await fans.close();

  // 5. Withdraw everything: paid into WeChat change in the sandbox.
  await lin.goto(`${product.url}/#/packages/distribution/withdraw/index`);
  await lin.locator('.dist-withdraw-balance:visible', { hasText: '¥15.00' }).waitFor();
  await lin.locator('.dist-withdraw-all:visible').click();
  await lin.locator('.dist-withdraw-submit:visible').click();
  const confirm = lin.locator('.dist-withdraw-confirm:visible');
  await confirm.waitFor();
  expect(await confirm.locator('.dist-withdraw-confirm-amount').innerText()).toBe('¥15.00');
  await shot(lin, 'member-distribution-withdraw-confirm', '.dist-withdraw-confirm:visible .ui-confirm__ok');
  await confirm.locator('.ui-confirm__ok').click();
  // As WeChat Pay's merchant transfer does: the transfer waits for the member's 确认收款 (the sandbox's page here).
  const receive = lin.locator('.dist-withdrawal--transferring:visible .dist-withdrawal-receive');
  await receive.waitFor();
  expect(await lin.locator('.dist-withdrawal--transferring:visible .dist-item__reason').innerText()).toBe('请点击“确认收款”领取，逾期未确认将退回可提现余额');
  await shot(lin, 'member-distribution-withdraw-receive', '.dist-withdrawal--transferring:visible');
  await receive.click();
  await lin.locator('.dist-withdrawal--paid:visible .dist-withdrawal-status', { hasText: '已到账' }).waitFor();
  expect(await lin.locator('.dist-withdraw-balance:visible').innerText()).toBe('¥0.00');
  await shot(lin, 'member-distribution-withdrawn', '.dist-withdrawal:visible');
  const transfers = (await product.cloud.db.collection('_dev_transfers').where({ openid: LIN }).get()).data;
  expect(transfers).toMatchObject([{ amountFen: 1500, state: 'success' }]);
  const account = (await product.cloud.db.collection<CommissionAccountRecord>('commission_accounts').doc(LIN).get()).data;
  expect(account).toMatchObject({ settled: 1500, withdrawn: 1500, balance: 0 });

  await lin.goto(`${product.url}/#/packages/distribution/index/index`);
  await lin.locator('.dist-balance:visible', { hasText: '¥0.00' }).waitFor();
  await shot(lin, 'member-distribution-center', '.dist-wallet:visible');
}, 180_000);

it('a member sees the birthday card and the birthday coupon on their birthday', async () => {
  const { db } = product.cloud;
  // The birthday itself is the window here; the coupon comes with it.
  const { _id, ...cfg } = (await db.collection('app_config').doc('birthday').get()).data;
  await db.collection('app_config').doc(_id).set({ data: { ...cfg, window: 'day' } });
  product.cloud.coldStart();
  const now = product.cloud.clock.now();
  const birthdayAt = new Date(now.getTime() + 3 * DAY_MS);
  const [, month, day] = businessDay(birthdayAt).split('-').map(Number);
  const openid = `e2e-bday-${Date.now()}`;
  ok(await product.cloud.call('member', { action: 'register', input: registration({ nickname: '生日会员', birthday: { month, day } }) }, openid));

  const page = await product.pageAs(openid);
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.to-distribution:visible').waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('.birthday-card').count()).toBe(0);

  // To 00:30 Beijing on the birthday: the 00:10 birthday timer has run.
  const startOfDay = new Date(`${businessDay(birthdayAt)}T00:30:00+08:00`);
  await advanceClock(startOfDay.getTime() - product.cloud.clock.now().getTime());
  await page.reload();
  const card = page.locator('.birthday-card:visible');
  await card.waitFor();
  expect(await card.locator('.birthday-title').innerText()).toBe('生日快乐');
  expect(await card.locator('.birthday-coupon').innerText()).toContain('生日 20 元券');
  expect(await card.locator('.birthday-gift').first().innerText()).toBe('50 积分已到账');
  await shot(page, 'member-birthday-card', '.birthday-card:visible');
  await page.goto(`${product.url}/#/packages/coupons/mine/index`);
  await page.locator('.my-coupon:visible', { hasText: '生日 20 元券' }).waitFor();
});

it('an operator reviews a flagged commission; a member cannot open the review', async () => {
  // An order paid by the distributor herself is held for review (the demo brand flags self-paid orders).
  const ctx = product.cloud.jobContext();
  const fan = (await product.cloud.db.collection<ReferralRecord>('referrals').where({ referrer: LIN }).limit(1).get()).data[0];
  const recorded = await recordCommissionableOrder(ctx, {
    source: 'groupbuy',
    orderNo: `E2E-GB-${Date.now()}`,
    buyer: fan._id,
    payer: LIN,
    amountFen: 20_000,
    productClass: 'groupbuy',
    paidAt: product.cloud.clock.now(),
  });
  expect(recorded.commissions).toMatchObject([{ distributor: LIN, status: 'flagged' }]);

  const member = await product.pageAs(LIN);
  await member.goto(`${product.url}/#/packages/distribution/review/index`);
  await member.locator('.ui-state--error:visible', { hasText: '此功能仅限品牌运营人员使用' }).waitFor();

  const operator = await product.pageAs(OPERATOR);
  await operator.goto(`${product.url}/#/pages/home/index`);
  await operator.locator('.to-dist-review:visible').click();
  const item = operator.locator('.dist-review-commission:visible').first();
  await item.waitFor();
  expect(await item.innerText()).toContain('订单由推广员本人支付，待人工审核');
  await shot(operator, 'operator-distribution-review', '.dist-review-commission:visible');
  await item.locator('.dist-review-approve').click();
  const sheet = operator.locator('.dist-review-confirm:visible');
  await sheet.waitFor();
  expect(await sheet.locator('.ui-confirm__row--emphasis .ui-confirm__value').innerText()).toBe(`¥${(recorded.commissions[0].amountFen / 100).toFixed(2)}`);
  await shot(operator, 'operator-distribution-review-confirm', '.dist-review-confirm:visible .ui-confirm__ok');
  await sheet.locator('.ui-confirm__ok').click();
  await operator.locator('.dist-review-none:visible').waitFor();
  const commissions = (await product.cloud.db.collection('commissions').where({ _id: recorded.commissions[0].id }).get()).data;
  expect(commissions[0]).toMatchObject({ status: 'pending', review: { verdict: 'approved', by: OPERATOR } });
});
