/**
 * Issue 9's journey, in headless Chromium on the H5 build served by the local cloud:
 * 林小满 posts with an image and a topic; 小鹿... (demo-sample-03) comments and likes; demo-sample-04 flags it;
 * 运营小周 hides it from the review queue; 林小满 sees why on her page. Then 林小满 joins 七日晨跑打卡, checks in
 * on seven Beijing days (the clock moves a day at a time) and receives the certificate and the badge.
 * Screenshots: the feed, the post, the campaign and the certificate (test-artifacts/e2e-community-*.png).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { renderPng } from '../../cloudfunctions/_core/community/certificate-image';
import { ARTIFACTS, settled, startProduct } from '../support/e2e-env';
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
const DAY = 86_400_000;

/** An original picture for the post: a sunrise over a running track, drawn as SVG and rendered to PNG. */
async function sunrisePng(): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="400"><rect width="600" height="400" fill="#FCE8D5"/><circle cx="300" cy="260" r="90" fill="#F29B4B"/><rect y="260" width="600" height="140" fill="#C0652B"/><path d="M0 330 Q300 280 600 330" stroke="#fff" stroke-width="6" fill="none"/><path d="M0 370 Q300 320 600 370" stroke="#fff" stroke-width="6" fill="none"/></svg>`;
  const path = join(ARTIFACTS, 'e2e-sunrise.png');
  writeFileSync(path, await renderPng(svg));
  return path;
}

async function openFeed(page: Page) {
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.to-community:visible').click();
  await page.locator('.cm-feed .feed-tab--latest:visible').waitFor();
}

async function compose(page: Page, text: string, opts: { image?: string; topic?: string } = {}) {
  await page.locator('.compose-text:visible textarea').fill(text);
  if (opts.image) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.compose-add-image:visible').click()]);
    await chooser.setFiles(opts.image);
    await page.locator('.compose-image:visible').waitFor();
  }
  if (opts.topic) await page.locator('.compose-topic:visible', { hasText: opts.topic }).click();
  await page.locator('.compose-submit:visible').click();
  await page.locator('.post-detail:visible').waitFor();
}

it('a member posts, others comment, like and flag, the moderator hides it; a member finishes a check-in campaign', async () => {
  const { cloud } = product;
  cloud.clock.set(new Date('2026-12-01T01:00:00Z')); // 09:00 Beijing
  const image = await sunrisePng();

  // 林小满 posts with an image and a topic.
  const lin = await product.pageAs(LIN);
  await openFeed(lin);
  await lin.locator('.to-compose:visible').click();
  await compose(lin, '周末去了新开的跑道，日出真好看！大家有推荐的晨跑路线吗？', { image, topic: '好物分享' });
  const postUrl = lin.url();
  const postId = new URL(postUrl.replace('#', '')).searchParams.get('postId')!;
  // The image check answers asynchronously; once it passed the post is published.
  await cloud.openapi.settleMediaChecks();

  // A second member comments and likes.
  const commenter = await product.pageAs(COMMENTER);
  await openFeed(commenter);
  const card = commenter.locator('.post-card:visible', { hasText: '日出真好看' });
  await card.waitFor();
  await settled(card);
  await commenter.screenshot({ path: join(ARTIFACTS, 'e2e-community-feed.png') });
  await card.click();
  await commenter.locator('.post-like:visible').click();
  await commenter.locator('.post-like:visible', { hasText: '已赞 1' }).waitFor();
  await commenter.locator('.comment-input:visible textarea').fill('苏州河边那段很适合，早上人少风景好！');
  await commenter.locator('.comment-send:visible').click();
  const comment = commenter.locator('.post-comment:visible', { hasText: '苏州河边' });
  await comment.waitFor();
  await settled(comment);
  await commenter.screenshot({ path: join(ARTIFACTS, 'e2e-community-post.png') });

  // A third flags it.
  const flagger = await product.pageAs(FLAGGER);
  await flagger.goto(`${product.url}/#/packages/community/post/index?postId=${postId}`);
  await flagger.locator('.post-flag:visible').waitFor();
  await flagger.screenshot({ path: join(ARTIFACTS, 'e2e-community-flag.png') });
  await flagger.locator('.post-flag:visible').click();
  await flagger.getByText('广告或垃圾信息').click();
  await flagger.locator('.post-flag:visible', { hasText: '已举报' }).waitFor();

  // The moderator hides it from the review queue.
  const operator = await product.pageAs(OPERATOR);
  await openFeed(operator);
  await operator.locator('.to-moderation:visible').click();
  const kase = operator.locator('.moderation-case:visible', { hasText: '日出真好看' });
  await kase.waitFor();
  expect(await kase.locator('.case-reasons').innerText()).toContain('广告或垃圾信息');
  await kase.locator('.case-note input').fill('含有引流信息');
  await kase.locator('.case-hide').click();
  await operator.locator('.cm-empty:visible', { hasText: '队列已清空' }).waitFor();

  // The author sees why, on her page.
  await lin.goto(`${product.url}/#/packages/community/profile/index`);
  const hidden = lin.locator('.post-hidden:visible', { hasText: '日出真好看' });
  await hidden.waitFor();
  expect(await hidden.locator('.post-note').innerText()).toContain('管理员已隐藏：含有引流信息');
  expect(ok(await cloud.call<{ items: { postId: string }[] }>('community', { action: 'feed', input: { tab: 'latest' } }, COMMENTER)).items.map((p) => p.postId)).not.toContain(postId);

  // 七日晨跑打卡: join, then a check-in post on seven Beijing days.
  await lin.goto(`${product.url}/#/packages/community/campaigns/index`);
  await lin.locator('.campaign-card:visible', { hasText: '七日晨跑打卡' }).click();
  await lin.locator('.campaign-join:visible').click();
  await lin.locator('.campaign-checkin:visible').waitFor();
  for (let day = 1; day <= 7; day++) {
    if (day > 1) cloud.clock.set(new Date(Date.parse('2026-12-01T01:00:00Z') + (day - 1) * DAY));
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
  await settled(detail);
  await lin.screenshot({ path: join(ARTIFACTS, 'e2e-community-campaign.png') });

  await lin.locator('.campaign-certificate:visible').click();
  const certificate = lin.locator('.certificate-image:visible img');
  await certificate.waitFor();
  await lin.waitForFunction(() => {
    const img = document.querySelector('.certificate-image img') as HTMLImageElement | null;
    return img !== null && img.complete && img.naturalWidth === 900;
  });
  await settled(certificate);
  await lin.screenshot({ path: join(ARTIFACTS, 'e2e-community-certificate.png') });

  await lin.goto(`${product.url}/#/packages/community/profile/index`);
  await lin.locator('.profile-badge:visible', { hasText: '晨跑七日' }).waitFor();
  await lin.locator('.profile-certificate:visible', { hasText: '七日晨跑打卡' }).waitFor();
});
