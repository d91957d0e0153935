/**
 * Issue 14's data rights in headless Chromium on the H5 build: 林小满 opens 我的数据与账户 from the member
 * center, exports her data (the file downloads and holds her profile), asks to close her account, undoes it,
 * asks again; after the grace period the nightly job erases her and she is a visitor. Screenshots of each step
 * go to the review set.
 */
import type { PrivacyStatusView } from '../../cloudfunctions/_core/privacy/privacy.schema';
import { review, startProduct } from '../support/e2e-env';
import { ok } from '../support/test-cloud';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';

it('a member exports her data, then closes her account (undo once), and is erased after the grace period', async () => {
  const page = await product.pageAs(LIN);
  await page.goto(`${product.url}/#/pages/member/index`);
  await page.locator('.to-my-data:visible').click();
  const exportButton = page.locator('.my-data__export-btn:visible');
  await exportButton.waitFor();
  await review(page, 'member-my-data', exportButton);

  await exportButton.click();
  const ready = page.locator('.my-data__ready:visible');
  await ready.waitFor();
  expect(await ready.innerText()).toMatch(/的导出已生成，共 \d+ 条记录/);
  await review(page, 'member-data-exported', ready);
  const status = ok(await product.cloud.call<PrivacyStatusView>('member', { action: 'privacyStatus', input: {} }, LIN));
  const file = await (await page.request.get(`${product.url}${status.exports[0].url}`)).json();
  expect(JSON.stringify(file.collections.members.documents)).toContain('林小满');
  expect(file.collections.point_entries.documents.length).toBeGreaterThan(0);

  // Closing asks first, says what happens, and can be undone within the grace period.
  await page.locator('.my-data__close-btn:visible').click();
  const sheet = page.locator('.my-data__close-sheet:visible');
  await sheet.waitFor();
  await review(page, 'member-close-confirm', sheet.locator('.ui-confirm__ok'));
  await sheet.locator('.ui-confirm__ok').click();
  const closing = page.locator('.my-data__closing:visible');
  await closing.waitFor();
  expect(await closing.innerText()).toMatch(/^账户将于 \d{4}年\d+月\d+日 注销/);
  await review(page, 'member-close-scheduled', page.locator('.my-data__undo:visible'));
  await page.locator('.my-data__undo:visible').click();
  await page.locator('.my-data__close-btn:visible').waitFor();
  expect(await page.locator('.my-data__closing:visible').count()).toBe(0);

  // The second time she keeps her posts and comments, signed 已注销用户 (a post of hers first).
  const kept = ok(await product.cloud.call<{ post: { postId: string } }>('community', { action: 'createPost', input: { text: '晨跑第一天，河边空气真好', topics: [], requestId: 'e2e-lin-kept-post' } }, LIN)).post.postId;
  await page.locator('.my-data__content-option--keep_anonymous:visible').click();
  expect(await page.locator('.my-data__close:visible').innerText()).toContain('作者显示为「已注销用户」');
  await review(page, 'member-close-keep-posts', page.locator('.my-data__close-btn:visible'));
  await page.locator('.my-data__close-btn:visible').click();
  expect(await page.locator('.my-data__close-sheet:visible').innerText()).toContain('匿名保留');
  await page.locator('.my-data__close-sheet:visible .ui-confirm__ok').click();
  await closing.waitFor();
  expect(await page.locator('.my-data__content-choice:visible').innerText()).toBe('帖子与评论：以「已注销用户」匿名保留');

  // The grace period passes; the nightly job erases the account.
  product.cloud.clock.set(new Date(Date.now() + 16 * 86_400_000));
  expect(ok(await product.cloud.trigger('admin', 'daily'))).toMatchObject({ privacy: { erased: 1 } });
  await page.goto(`${product.url}/#/pages/member/index`);
  const join = page.locator('.join-card:visible').first();
  await join.waitFor();
  await review(page, 'member-account-closed', join);
  expect(await product.cloud.call('member', { action: 'center', input: {} }, LIN)).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  const post = (await product.cloud.db.collection('posts').doc(kept).get()).data as unknown as { text: string; author: { nickname: string }; _openid: string };
  expect(post).toMatchObject({ text: '晨跑第一天，河边空气真好', author: { nickname: '已注销用户' } });
  expect(post._openid).not.toBe(LIN);
});
