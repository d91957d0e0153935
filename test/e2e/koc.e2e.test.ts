/**
 * Issue 11's KOC journey, in headless Chromium on the H5 build served by the local cloud: 林小满 applies to be a
 * city ambassador; 运营小周 approves with a reason; she proposes a tasting, which the operator approves with
 * materials; 运营小周 (a member too) signs up; on the day 林小满 scans his member code at the event (the typed
 * path of the till's reader) once, and a second time is told he is already in; the attendance counts in his
 * interaction bucket. Then her invitation card, and a friend opening the mini-program from its code.
 * Screens go through the review set: test-artifacts/koc-*.png.
 */
import type { Page } from 'playwright-core';
import { readShownCode, review, startProduct, typeCode } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const OPERATOR = 'dev-operator-zhou';
const VISITOR = 'dev-visitor';
const TITLE = '林间秋茶品鉴会';

async function openKoc(page: Page) {
  // A fresh load: a hash change alone keeps the earlier 体验官计划 page in the stack, and both are visible while
  // the new one slides in.
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.reload();
  await page.locator('.to-koc:visible').click();
  await page.locator('.koc-home:visible').waitFor();
}

it('a member applies, the operator approves; her event gets a sign-up and scanned attendance', async () => {
  const lin = await product.pageAs(LIN);
  await openKoc(lin);
  await lin.locator('.apply-city:visible input').fill('上海');
  await lin.locator('.apply-plan:visible textarea').fill('每月在静安组织一次品鉴会，带新朋友认识品牌');
  await lin.locator('.apply-role--ambassador:visible').click();
  await lin.locator('.apply-consent:visible').click();
  await review(lin, 'koc-apply', lin.locator('.apply-submit:visible'));
  await lin.locator('.apply-submit:visible').click();
  await lin.locator('.koc-application:visible', { hasText: '审核中' }).waitFor();

  const op = await product.pageAs(OPERATOR);
  await op.goto(`${product.url}/#/pages/home/index`);
  await op.locator('.to-koc-review:visible').first().click();
  const card = op.locator('.application-card:visible', { hasText: '林小满' });
  await card.waitFor();
  await card.locator('.review-reason input').fill('常来门店也乐于分享，欢迎成为城市体验官');
  await review(op, 'koc-review-applications', card);
  await card.locator('.review-approve').click();
  await card.waitFor({ state: 'detached' });

  await openKoc(lin);
  await lin.locator('.koc-roles:visible', { hasText: '城市体验官' }).waitFor();
  expect(await lin.locator('.koc-reason:visible').innerText()).toContain('欢迎成为城市体验官');
  await review(lin, 'koc-approved', lin.locator('.koc-roles:visible'));

  await lin.locator('.koc-roles .to-koc-events:visible').click();
  await lin.locator('.to-propose:visible').click();
  await lin.locator('.propose-title:visible input').fill(TITLE);
  await lin.locator('.propose-description:visible textarea').fill('一起品尝秋季新品，交流喝茶心得');
  await lin.locator('.propose-city:visible input').fill('上海');
  await lin.locator('.propose-venue:visible input').fill('静安店二楼');
  await lin.locator('.propose-materials:visible input').fill('试饮装 20 份');
  await review(lin, 'koc-propose', lin.locator('.propose-submit:visible'));
  await lin.locator('.propose-submit:visible').click();
  await lin.locator('.event-host:visible', { hasText: '等待运营审核' }).waitFor();

  await op.goto(`${product.url}/#/packages/koc/review/index`);
  await op.locator('.review-tab--events:visible').click();
  const ev = op.locator('.event-review-card:visible', { hasText: TITLE });
  await ev.waitFor();
  await ev.locator('.event-materials-note input').fill('寄出试饮装 20 份');
  await ev.locator('.event-reason input').fill('时间地点合适');
  await review(op, 'koc-review-event', ev);
  await ev.locator('.event-approve').click();
  await ev.waitFor({ state: 'detached' });

  await op.goto(`${product.url}/#/pages/home/index`);
  await op.locator('.to-koc-events:visible').click();
  await op.locator('.event-card:visible', { hasText: TITLE }).click();
  await op.locator('.event-signup:visible').click();
  await op.locator('.event-signed:visible').waitFor();
  await review(op, 'koc-event-signed-up', op.locator('.event-detail:visible'));

  // The day of the event, half an hour in.
  const stored = (await product.cloud.db.collection<{ _id: string; startsAt: Date }>('koc_events').where({ title: TITLE }).get()).data[0];
  product.cloud.clock.set(new Date(stored.startsAt.getTime() + 30 * 60_000));
  await op.goto(`${product.url}/#/pages/card/index`);
  const code = await readShownCode(op);

  await lin.reload();
  const desk = lin.locator('.event-attendance:visible');
  await desk.waitFor();
  await typeCode(lin, 'attend-code', code);
  await lin.locator('.attend-result:visible', { hasText: '签到成功' }).waitFor();
  await review(lin, 'koc-attendance', lin.locator('.attend-result:visible'));
  await typeCode(lin, 'attend-code', code);
  await lin.locator('.attend-result:visible', { hasText: '已经签到过了' }).waitFor();
  expect(await desk.innerText()).toContain('已到 1/1 人');

  const activity = (await product.cloud.db.collection<{ days: Record<string, { ev?: number }> }>('member_activity').doc(OPERATOR).get()).data;
  expect(Object.values(activity.days).reduce((n, b) => n + (b.ev ?? 0), 0)).toBe(1);
  await op.goto(`${product.url}/#/packages/koc/event/index?eventId=${stored._id}`);
  await op.getByText('已签到，欢迎来到现场').first().waitFor();
  await review(op, 'koc-event-attended', op.locator('.event-album:visible'));
}, 300_000);

it('a member\'s invitation card opens the mini-program with who invited', async () => {
  const lin = await product.pageAs(LIN);
  await openKoc(lin);
  await lin.locator('.to-invite:visible').click();
  const img = lin.locator('.invite-code:visible img');
  await img.waitFor();
  await lin.waitForFunction(() => {
    const el = document.querySelector('.invite-code img') as HTMLImageElement | null;
    return el !== null && el.complete && el.naturalWidth > 0;
  });
  await review(lin, 'koc-invite-card', lin.locator('.invite-card:visible'));
  const scene = (await product.cloud.db.collection<{ scene: string }>('invite_cards').doc(LIN).get()).data.scene;
  expect(scene.length).toBeLessThanOrEqual(32);

  const friend = await product.pageAs(VISITOR);
  await friend.goto(`${product.url}/#/pages/home/index?scene=${encodeURIComponent(scene)}`);
  const welcome = friend.locator('.home-invite:visible');
  await welcome.waitFor();
  expect(await welcome.innerText()).toContain('林小满 邀请你');
  await review(friend, 'koc-invite-welcome', welcome);
}, 120_000);
