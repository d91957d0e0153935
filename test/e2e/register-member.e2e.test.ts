/**
 * A new member's first minutes, in headless Chromium on the H5 build served by the local cloud:
 * member center invites to join → registers with consent → sees the member center → opens the card.
 */
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import { review, startProduct } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

it('a new member registers and sees the member center and the card', async () => {
  const openid = `e2e-new-${Date.now()}`;
  const page = await product.pageAs(openid);
  await page.goto(`${product.url}/#/pages/member/index`);

  // Not a member yet: an invitation, not an error.
  await page.locator('.join-card:visible').waitFor();
  await review(page, 'visitor-member-center', page.locator('.join-card:visible'));
  await page.locator('.to-register:visible').click();

  // Submitting an empty form shows every problem at once, in the words of the rules.
  const submit = page.locator('.register-submit:visible');
  await submit.click();
  await page.locator('.ui-field__error:visible', { hasText: '请填写昵称' }).waitFor();
  await page.locator('.register-consent-error:visible', { hasText: '请先阅读并同意《隐私政策》' }).waitFor();
  await review(page, 'visitor-register-errors', submit);
  // Each clears as its field is fixed; the counter follows the nickname; the label toggles consent.
  await page.locator('.register-nickname input').fill('赌博达人');
  expect(await page.locator('.ui-field__error:visible', { hasText: '请填写昵称' }).count()).toBe(0);
  expect(await page.locator('.ui-field__counter:visible').first().innerText()).toBe('4/20');
  await page.locator('.avatar-preset').nth(2).click();
  await page.locator('.consent-check__label:visible').click();
  expect(await page.locator('.register-consent-error:visible').count()).toBe(0);
  // A phone number that is not one: the form's own check.
  await page.locator('.register-phone input').fill('12345');
  await submit.click();
  await page.locator('.ui-field__error:visible', { hasText: '手机号格式不正确' }).waitFor();
  await page.locator('.register-phone input').fill('');
  // A nickname the content check refuses: the server's reason under the field.
  await submit.click();
  await page.locator('.ui-field__error:visible', { hasText: '昵称含有不适宜的内容，请换一个' }).waitFor();
  await review(page, 'visitor-register-nickname-refused', submit);
  await page.locator('.register-nickname input').fill('小试牛刀');
  await submit.click();

  // Lands on the member center.
  await page.locator('.member-nickname', { hasText: '小试牛刀' }).waitFor();
  await page.locator('.member-tier', { hasText: '银卡会员' }).waitFor();
  expect(await page.locator('.member-points').innerText()).toBe('0');
  expect(await page.locator('.member-benefit').count()).toBe(2);
  await review(page, 'member-center-new', page.locator('.member-nickname'));

  // The registration is real: the cloud has the member with the consent recorded.
  const member = (await product.cloud.db.collection<MemberRecord>('members').doc(openid).get()).data;
  expect(member.consent.policyVersion).toBe('2026-11-01');

  await page.goto(`${product.url}/#/pages/card/index`);
  const memberNo = page.locator('.card-member-no:visible');
  await memberNo.waitFor();
  expect((await memberNo.innerText()).replace(/\s/g, '')).toBe(member.memberNo);
  expect(await page.locator('.card-tier:visible').innerText()).toBe('银卡会员');
  await review(page, 'member-card-new', memberNo);
});

it('a seeded gold member sees growth progress toward the next tier', async () => {
  const page = await product.pageAs('dev-member-lin');
  await page.goto(`${product.url}/#/pages/member/index`);
  await page.locator('.member-tier', { hasText: '金卡会员' }).waitFor();
  expect(await page.locator('.member-growth').innerText()).toContain('3,200');
  await review(page, 'member-center', page.locator('.member-tier'));
});
