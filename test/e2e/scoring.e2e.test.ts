/**
 * Super-user scoring in Chromium on the H5 build: a member sees their layer and three sub-scores with what would
 * raise each; an operator sees the distribution, the layer sizes and who moved. The demo seed runs three nightly
 * scorings (two days ago, yesterday, today), in the last of which 林小满 enters the 超级用户 band.
 */
import { review, startProduct } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

it('a member sees their layer, three sub-scores and what would raise each', async () => {
  const page = await product.pageAs('dev-member-lin');
  await page.goto(`${product.url}/#/pages/member/index`);
  await page.locator('.to-my-score:visible').click();
  await page.locator('.score-sub:visible').first().waitFor();
  expect(await page.locator('.score-layer:visible').allInnerTexts()).toContain('超级用户');
  expect(await page.locator('.score-standing:visible').innerText()).toBe('你是超级用户，感谢你为社区做的一切');
  const subs = page.locator('.score-sub:visible');
  expect(await subs.count()).toBe(3);
  expect(await subs.locator('.ui-card__title').allInnerTexts()).toEqual(['消费频次', '互动深度', '内容贡献']);
  for (const text of await subs.allInnerTexts()) {
    expect(text).toMatch(/\d+ 分/);
    expect(text).toContain('怎样提高');
    expect(text).toMatch(/\+\d+ 分/);
  }
  expect(await page.locator('.score-sub--purchase .score-raise:visible').first().innerText()).toMatch(/今天到店消费 1 次\s*\+10 分/);
  expect(await page.locator('.score-rule:visible').innerText()).toContain('前 10% 成为超级用户');
  await review(page, 'member-score', page.locator('.score-sub--content'));
});

it('an operator sees the distribution, layer sizes with their trend, and who moved', async () => {
  const page = await product.pageAs('dev-operator-zhou');
  await page.goto(`${product.url}/#/packages/ops/index`);
  await page.locator('.to-layers:visible').click();
  await page.locator('.layers-histogram:visible').waitFor();
  const bars = page.locator('.layers-bar:visible');
  expect(await bars.count()).toBeGreaterThan(1);
  const counts = (await page.locator('.layers-bar__count:visible').allInnerTexts()).map(Number);
  expect(counts.reduce((s, n) => s + n, 0)).toBe(14); // every demo member is in the distribution (the operator too: the community seed registers them)
  expect(await page.locator('.layers-size-row:visible').count()).toBe(5);
  expect(await page.locator('.layers-size-row--super:visible').innerText()).toMatch(/超级用户\s*3 人/); // two enter the top 10 % of 14; a third, super the night before, stays inside the top 15 % (hysteresis)
  expect(await page.locator('.layers-trend__col:visible').count()).toBe(3);
  const movers = await page.locator('.layers-mover:visible').allInnerTexts();
  expect(movers.some((m) => /林\*+（尾号 \d{4}）/.test(m) && m.includes('超级用户'))).toBe(true);
  await review(page, 'operator-layers', page.locator('.layers-movers'));
});
