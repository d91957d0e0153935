/**
 * A new member's first minutes, in headless Chromium on the H5 build served by the local cloud:
 * member center invites to join → registers with consent → sees the member center → opens the card.
 */
import { join } from 'node:path';
import type { MemberRecord } from '../../cloudfunctions/_core/member/member.record';
import { ARTIFACTS, settled, startProduct } from '../support/e2e-env';

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
  await page.locator('.to-register').click();

  // The form asks for consent before it lets anyone submit.
  const submit = page.locator('.register-submit');
  await page.locator('.register-nickname input').fill('小试牛刀');
  await page.locator('.avatar-preset').nth(2).click();
  await page.locator('.register-consent').click();
  await submit.click();

  // Lands on the member center.
  await page.locator('.member-nickname', { hasText: '小试牛刀' }).waitFor();
  await page.locator('.member-tier', { hasText: '银卡会员' }).waitFor();
  expect(await page.locator('.member-points').innerText()).toBe('0');
  expect(await page.locator('.member-benefit').count()).toBe(2);
  await settled(page.locator('.member-nickname'));
  await page.screenshot({ path: join(ARTIFACTS, 'e2e-member-center.png') });

  // The registration is real: the cloud has the member with the consent recorded.
  const member = (await product.cloud.db.collection<MemberRecord>('members').doc(openid).get()).data;
  expect(member.consent.policyVersion).toBe('2026-11-01');

  await page.locator('.to-card').click();
  const memberNo = page.locator('.card-member-no');
  await memberNo.waitFor();
  expect((await memberNo.innerText()).replace(/\s/g, '')).toBe(member.memberNo);
  expect(await page.locator('.card-tier').innerText()).toBe('银卡会员');
  await settled(page.locator('.card-member-no'));
  await page.screenshot({ path: join(ARTIFACTS, 'e2e-member-card.png') });
});

it('a seeded gold member sees growth progress toward the next tier', async () => {
  const page = await product.pageAs('dev-member-lin');
  await page.goto(`${product.url}/#/pages/member/index`);
  await page.locator('.member-tier', { hasText: '金卡会员' }).waitFor();
  expect(await page.locator('.member-growth').innerText()).toContain('3,200');
});
