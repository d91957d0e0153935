/**
 * Issue 9's journey, in headless Chromium on the H5 build served by the local cloud:
 * a visitor browses the feed and is asked to join at the first action; 林小满 posts with an image, a topic and a
 * tagged mall item; demo-sample-03 comments and likes; demo-sample-04 flags it; 运营小周 mutes her for a day and
 * hides it from the review queue; 林小满 sees why (and the mute) on her page. Then 林小满 joins 七日晨跑打卡,
 * checks in on seven Beijing days (the clock moves a day at a time) and receives the certificate and the badge.
 * Each screen goes through the screenshot review set (`review`: no raw ids, no English, no horizontal overflow):
 * test-artifacts/community-*.png.
 */
import type { Page } from 'playwright-core';
import { pictureFile, review, startProduct } from '../support/e2e-env';
import { ok } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const COMMENTER = 'demo-sample-03';
const FLAGGER = 'demo-sample-04';
const OPERATOR = 'dev-operator-zhou';
const VISITOR = 'dev-visitor';
const DAY = 86_400_000;

/** An original picture for the post: a sunrise over a running track, drawn as SVG and rendered to PNG. */
async function sunrisePng(): Promise<string> {
  return pictureFile('sunrise', `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#FCE8D5"/><circle cx="300" cy="260" r="90" fill="#F29B4B"/><rect y="260" width="600" height="140" fill="#C0652B"/><path d="M0 330 Q300 280 600 330" stroke="#fff" stroke-width="6" fill="none"/><path d="M0 370 Q300 320 600 370" stroke="#fff" stroke-width="6" fill="none"/></svg>`);
}

async function openFeed(page: Page) {
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.to-community:visible').click();
  await page.locator('.cm-feed .feed-tab--latest:visible').waitFor();
}

async function compose(page: Page, text: string, opts: { image?: string; topic?: string; product?: string; screenshot?: string } = {}) {
  await page.locator('.compose-text:visible textarea').fill(text);
  if (opts.image) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.compose-add-image:visible').click()]);
    await chooser.setFiles(opts.image);
    await page.locator('.compose-image:visible').waitFor();
  }
  if (opts.topic) await page.locator('.compose-topic:visible', { hasText: opts.topic }).click();
  if (opts.product) {
    await page.locator('.compose-product-open:visible').click();
    await page.locator('.product-option:visible', { hasText: opts.product }).click();
    await page.locator('.compose-product-chosen:visible', { hasText: opts.product }).waitFor();
  }
  if (opts.screenshot) await review(page, opts.screenshot, page.locator('.compose-submit:visible'));
  await page.locator('.compose-submit:visible').click();
  await page.locator('.post-detail:visible').waitFor();
}

it('a visitor browses the community and is asked to join at the first action', async () => {
  const page = await product.pageAs(VISITOR);
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.to-community:visible').click();
  await page.locator('.cm-visitor:visible').waitFor();
  const card = page.locator('.post-card:visible').first();
  await card.waitFor();
  await review(page, 'visitor-community-feed', card);
  await page.locator('.to-compose:visible').click();
  const dialog = page.locator('.join-dialog:visible');
  await dialog.waitFor();
  expect(await dialog.innerText()).toContain('加入会员');
  await dialog.locator('.ui-dialog__cancel').click();

  await page.locator('.post-card:visible .post-card-text', { hasText: '苏州河' }).click();
  await page.locator('.post-comment:visible').first().waitFor();
  await page.locator('.post-like:visible').click();
  await page.locator('.join-dialog:visible').waitFor();
  await review(page, 'visitor-community-join', page.locator('.join-dialog .ui-dialog__ok'));
});

it('a member posts, others comment, like and flag, the moderator mutes and hides; a member finishes a check-in campaign', async () => {
  const { cloud } = product;
  cloud.clock.set(new Date('2026-12-01T01:00:00Z')); // 09:00 Beijing
  const image = await sunrisePng();

  // 林小满 posts with an image, a topic and the mall item it is about.
  const lin = await product.pageAs(LIN);
  await openFeed(lin);
  await lin.locator('.feed-me:visible').waitFor();
  await lin.locator('.to-compose:visible').click();
  await compose(lin, '周末去了新开的跑道，日出真好看！大家有推荐的晨跑路线吗？', { image, topic: '好物分享', product: '品牌马克杯', screenshot: 'community-compose' });
  const postId = new URL(lin.url().replace('#', '')).searchParams.get('postId')!;
  // The image check answers asynchronously; once it passed the post is published.
  await cloud.openapi.settleMediaChecks();

  // A second member comments and likes.
  const commenter = await product.pageAs(COMMENTER);
  await openFeed(commenter);
  const card = commenter.locator('.post-card:visible', { hasText: '日出真好看' });
  await card.waitFor();
  await review(commenter, 'community-feed', card);
  // The text opens the post (a picture opens the image preview).
  await card.locator('.post-card-text').click();
  await commenter.locator('.post-detail:visible .post-product', { hasText: '品牌马克杯' }).waitFor();
  await commenter.locator('.post-like:visible').click();
  await commenter.locator('.post-like:visible', { hasText: '已赞 1' }).waitFor();
  await commenter.locator('.comment-input:visible textarea').fill('苏州河边那段很适合，早上人少风景好！');
  await commenter.locator('.comment-send:visible').click();
  const comment = commenter.locator('.post-comment:visible', { hasText: '苏州河边' });
  await comment.waitFor();
  await commenter.locator('.post-image:visible img').first().waitFor();
  await review(commenter, 'community-post', comment);

  // A third flags it.
  const flagger = await product.pageAs(FLAGGER);
  await flagger.goto(`${product.url}/#/packages/community/post/index?postId=${postId}`);
  await flagger.locator('.post-flag:visible').click();
  await flagger.locator('.flag-sheet:visible .flag-reason--spam').click();
  await flagger.locator('.post-flag:visible', { hasText: '已举报' }).waitFor();

  // The moderator mutes the author for a day and hides the post from the review queue.
  const operator = await product.pageAs(OPERATOR);
  await openFeed(operator);
  await operator.locator('.to-moderation:visible .moderation-count').waitFor();
  await operator.locator('.to-moderation:visible').click();
  const kase = operator.locator('.moderation-case:visible', { hasText: '日出真好看' });
  await kase.waitFor();
  expect(await kase.locator('.case-reasons').innerText()).toContain('广告或垃圾信息');
  await review(operator, 'community-review-queue', kase);
  await kase.locator('.case-restrict').click();
  const sheet = operator.locator('.restrict-sheet:visible');
  await sheet.locator('.restrict-option--mute-24').click();
  await sheet.locator('.restrict-note input').fill('引流信息');
  await review(operator, 'community-mute', sheet.locator('.restrict-submit'));
  await sheet.locator('.restrict-submit').click();
  await kase.locator('.case-restriction', { hasText: '禁言至 12月2日 09:00' }).waitFor();
  await kase.locator('.case-note input').fill('含有引流信息');
  await kase.locator('.case-hide').click();
  await operator.locator('.cm-empty:visible', { hasText: '队列已清空' }).waitFor();

  // The author sees why, and the mute, on her page; her composer says she cannot post yet.
  await lin.goto(`${product.url}/#/packages/community/profile/index`);
  const hidden = lin.locator('.post-hidden:visible', { hasText: '日出真好看' });
  await hidden.waitFor();
  expect(await hidden.locator('.post-note').innerText()).toContain('管理员已隐藏：含有引流信息');
  expect(await lin.locator('.profile-muted:visible').innerText()).toContain('禁言至 12月2日 09:00：引流信息');
  await review(lin, 'community-profile', hidden);
  expect(ok(await cloud.call<{ items: { postId: string }[] }>('community', { action: 'feed', input: { tab: 'latest' } }, COMMENTER)).items.map((p) => p.postId)).not.toContain(postId);
  await lin.goto(`${product.url}/#/packages/community/compose/index`);
  await lin.locator('.compose-muted:visible', { hasText: '暂时不能发帖' }).waitFor();

  // 七日晨跑打卡 from the next day (the mute is over): join, then a check-in post on seven Beijing days.
  const start = Date.parse('2026-12-02T02:00:00Z');
  cloud.clock.set(new Date(start));
  await lin.goto(`${product.url}/#/packages/community/campaigns/index`);
  await lin.locator('.campaign-card:visible', { hasText: '七日晨跑打卡' }).click();
  await lin.locator('.campaign-join:visible').click();
  await lin.locator('.campaign-checkin:visible').waitFor();
  for (let day = 1; day <= 7; day++) {
    if (day > 1) cloud.clock.set(new Date(start + (day - 1) * DAY));
    if (day === 1 || day === 7) {
      // Through the app: 去打卡 opens the composer with the campaign's topic chosen.
      await lin.goto(`${product.url}/#/packages/community/campaign/index?campaignId=run7`);
      await lin.locator('.campaign-checkin:visible').click();
      await compose(lin, `晨跑第 ${day} 天，5 公里，状态不错。`);
    } else {
      ok(await cloud.call('community', { action: 'createPost', input: { text: `晨跑第 ${day} 天`, topics: ['morning-run'], requestId: `e2e-checkin-${day}` } }, LIN));
    }
  }
  await lin.goto(`${product.url}/#/packages/community/campaign/index?campaignId=run7`);
  const detail = lin.locator('.campaign-detail:visible');
  await detail.locator('.campaign-progress', { hasText: '已打卡 7/7 天' }).waitFor();
  await lin.locator('.leaderboard-row:visible', { hasText: '林小满' }).waitFor();
  await lin.locator('.campaign-cover:visible img').waitFor();
  await review(lin, 'community-campaign', detail);

  await lin.locator('.campaign-certificate:visible').click();
  const certificate = lin.locator('.certificate-image:visible img');
  await certificate.waitFor();
  await lin.waitForFunction(() => {
    const img = document.querySelector('.certificate-image img') as HTMLImageElement | null;
    return img !== null && img.complete && img.naturalWidth === 900;
  });
  await review(lin, 'community-certificate', certificate);

  await lin.goto(`${product.url}/#/packages/community/profile/index`);
  await lin.locator('.profile-badge:visible', { hasText: '晨跑七日' }).waitFor();
  await lin.locator('.profile-certificate:visible', { hasText: '七日晨跑打卡' }).waitFor();

  // Her favourites: the commenter kept the welcome post.
  const feed = ok(await cloud.call<{ items: { postId: string; text: string }[] }>('community', { action: 'feed', input: { tab: 'latest', limit: 50 } }, COMMENTER));
  const welcome = feed.items.find((p) => p.text.startsWith('欢迎来到我们的会员社区'))!.postId;
  await commenter.goto(`${product.url}/#/packages/community/post/index?postId=${welcome}`);
  await commenter.locator('.post-favourite:visible').click();
  await commenter.locator('.post-favourite:visible', { hasText: '已收藏' }).waitFor();
  await commenter.goto(`${product.url}/#/packages/community/favourites/index`);
  const kept = commenter.locator('.post-card:visible', { hasText: '欢迎来到我们的会员社区' });
  await kept.waitFor();
  await review(commenter, 'community-favourites', kept);
}, 240_000);
