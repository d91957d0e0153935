/**
 * Issue 11's "real power" journeys, in headless Chromium on the H5 build served by the local cloud, on the demo
 * brand's seeded co-creation: 林小满 opens 共创 from the community, votes in the spring flavour poll from her
 * budget and signs her name; 运营小周 closes the poll and the result and the credits wall show her name. The
 * community rules page shows the adopted rule with its proposer; 林小满 supports the open proposal. 林小满, a
 * 超级用户 invited to the product panel, accepts, reads the panelist-only preview and sends her feedback.
 * Every screen goes through the screenshot review (`review`): test-artifacts/cocreate-*.png.
 */
import type { Page } from 'playwright-core';
import type { MediaCheckDelivery } from '../../cloudfunctions/_platform/local/local-openapi';
import { pictureFile, review, startProduct } from '../support/e2e-env';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

const LIN = 'dev-member-lin';
const OPERATOR = 'dev-operator-zhou';

async function openCocreate(page: Page) {
  await page.goto(`${product.url}/#/pages/home/index`);
  await page.locator('.to-community:visible').click();
  await page.locator('.to-cocreate:visible').click();
  await page.locator('.cc-home .poll-card:visible').first().waitFor();
}

it('a member votes from her budget with her name; the operator closes the poll; the result and the credits wall show it', async () => {
  const lin = await product.pageAs(LIN);
  await openCocreate(lin);
  await review(lin, 'cocreate-home', lin.locator('.cc-home .panel-card:visible').first());
  await lin.locator('.poll-card:visible', { hasText: '春季限定酸奶口味' }).click();
  const budget = lin.locator('.poll-budget:visible');
  await budget.waitFor();
  const before = await budget.innerText();
  expect(before).toMatch(/有 \d 票，还剩 \d 票/);
  await lin.locator('.poll-credit:visible input').fill('林小满');
  await lin.locator('.poll-option--o2 .poll-vote:visible').click();
  await lin.locator('.poll-option--o2:visible', { hasText: '已投' }).waitFor();
  expect(await lin.locator('.poll-option--o2:visible').innerText()).toContain('1 票');
  await review(lin, 'cocreate-poll-voted', lin.locator('.poll-option--o2:visible'));

  const operator = await product.pageAs(OPERATOR);
  await openCocreate(operator);
  await operator.locator('.poll-card:visible', { hasText: '春季限定酸奶口味' }).click();
  await operator.locator('.poll-close:visible').click();
  await operator.locator('.ui-dialog:visible .ui-dialog__ok').click();
  const winner = operator.locator('.poll-winner:visible');
  await winner.waitFor();
  expect(await winner.innerText()).toContain('樱花白桃');
  await review(operator, 'cocreate-poll-result', winner);

  // 林小满 voted 青柠薄荷 (1 vote) against 樱花白桃 (4): the wall credits 樱花白桃's voters, not her.
  await lin.goto(`${product.url}/#/packages/cocreate/credits/index`);
  const walls = lin.locator('.credits-poll:visible');
  await walls.first().waitFor();
  expect(await walls.count()).toBe(2);
  const bag = walls.filter({ hasText: '会员帆布袋' });
  expect(await bag.innerText()).toContain('雾霾蓝');
  expect(await bag.locator('.credits-names').innerText()).toContain('阿杰');
  // The yoghurt's winning voters all chose not to sign: no "0 位署名", a line saying so.
  const yoghurt = walls.filter({ hasText: '春季限定酸奶' });
  expect(await yoghurt.locator('.credits-unnamed').innerText()).toBe('投中胜出选项的会员都选择了不署名');
  expect(await yoghurt.innerText()).not.toContain('位署名');
  await review(lin, 'cocreate-credits', bag);
});

it('the community rules page shows the adopted rule with its proposer; a member supports an open proposal', async () => {
  const lin = await product.pageAs(LIN);
  await openCocreate(lin);
  await lin.locator('.to-rules:visible').click();
  const adopted = lin.locator('.rules-adopted:visible').first();
  await adopted.waitFor();
  expect(await adopted.innerText()).toContain('分享好物请写真实体验');
  expect(await adopted.locator('.rules-proposer').innerText()).toMatch(/提议人：\S+/);
  const open = lin.locator('.rules-open:visible', { hasText: '食谱交流' });
  expect(await open.innerText()).toContain('支持 2');
  await open.locator('.rules-support').click();
  await lin.locator('.rules-open:visible', { hasText: '你已支持' }).waitFor();
  expect(await lin.locator('.rules-open:visible', { hasText: '食谱交流' }).innerText()).toContain('支持 3');
  await review(lin, 'cocreate-rules', lin.locator('.rules-open:visible', { hasText: '你已支持' }));

  await lin.locator('.rules-propose:visible').click();
  await lin.locator('.propose-submit:visible').click();
  const error = lin.locator('.propose-sheet:visible', { hasText: '请填写公约标题' });
  await error.waitFor();
  await review(lin, 'cocreate-rule-empty', error);
});

it('an invited super user accepts, reads the panelist-only preview and sends structured feedback', async () => {
  const lin = await product.pageAs(LIN);
  await openCocreate(lin);
  await lin.locator('.panel-card:visible', { hasText: '春季限定酸奶测试官' }).click();
  await lin.locator('.panel-invited:visible').waitFor();
  expect(await lin.locator('.panel-previews').count()).toBe(0);
  await review(lin, 'cocreate-panel-invited', lin.locator('.panel-accept:visible'));
  await lin.locator('.panel-accept:visible').click();
  const preview = lin.locator('.panel-previews:visible');
  await preview.waitFor();
  expect(await preview.innerText()).toContain('包装抢先看');
  await lin.locator('.rating-taste-4:visible').click();
  await lin.locator('.choice-sweet-1:visible').click();
  await lin.locator('.text-note:visible textarea').fill('酸度再低一点会更好。');
  await review(lin, 'cocreate-panel-feedback', lin.locator('.panel-feedback-submit:visible'));
  await lin.locator('.panel-feedback-submit:visible').click();
  await lin.locator('.cc-panel:visible', { hasText: '反馈已提交' }).waitFor();

  const visitor = await product.pageAs('dev-visitor');
  await visitor.goto(`${product.url}/#/pages/home/index`);
  await visitor.locator('.to-community:visible').click();
  await visitor.locator('.to-cocreate:visible').click();
  await visitor.locator('.panel-card:visible').first().click();
  await visitor.locator('.panel-apply:visible').waitFor();
  expect(await visitor.locator('.panel-previews').count()).toBe(0);
});

/** An original picture for a poll option: a kraft-paper gift box, drawn as SVG and rendered to PNG. */
const kraftBoxPng = () =>
  pictureFile(
    'kraft-box',
    `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480"><rect width="480" height="480" fill="#F4EDE3"/><rect x="90" y="170" width="300" height="220" rx="10" fill="#B98A5A"/><rect x="70" y="130" width="340" height="60" rx="10" fill="#C99A68"/><rect x="222" y="130" width="36" height="260" fill="#7A4E2D"/><path d="M240 130 C200 60 140 80 170 125 M240 130 C280 60 340 80 310 125" stroke="#7A4E2D" stroke-width="14" fill="none"/></svg>`,
  );

/**
 * Holds the local cloud's media-check answers until `release()`, so the journey sees the held state first; the
 * verdict itself stays the local cloud's (a picture named without risky/review passes).
 */
function holdMediaVerdicts() {
  const { cloud } = product;
  const deliver = cloud.pushMediaCheck.bind(cloud);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  cloud.pushMediaCheck = async (r: MediaCheckDelivery) => {
    await gate;
    return deliver(r);
  };
  return async () => {
    release();
    await cloud.openapi.settleMediaChecks();
    cloud.pushMediaCheck = deliver;
  };
}

it('a KOC co-creator opens a poll with an option picture from the programme page; 审核中 until the picture passed; then members see it; the operator withdraws it', async () => {
  const host = await product.pageAs('demo-sample-06');
  await host.goto(`${product.url}/#/packages/koc/index/index`);
  await host.locator('.koc-roles .to-cocreate-open:visible').click();
  await host.locator('.open-title:visible').waitFor();
  await review(host, 'cocreate-open-empty', host.locator('.open-submit:visible'));
  // The server's own message, next to its field: two options with the same name.
  await host.locator('.open-title:visible input').fill('会员周边礼盒选包装');
  await host.locator('.open-subject--packaging:visible').click();
  await host.locator('.open-product:visible input').fill('会员周边礼盒');
  const options = host.locator('.open-option:visible input');
  await options.nth(0).fill('牛皮纸');
  await options.nth(1).fill('牛皮纸');
  await host.locator('.open-credit:visible input').fill('名字印在礼盒内页');
  await host.locator('.open-submit:visible').click();
  const invalid = host.locator('.ui-field--invalid:visible', { hasText: '选项名称不能重复' });
  await invalid.waitFor();
  await review(host, 'cocreate-open-error', invalid);
  await options.nth(1).fill('磨砂白');
  // A picture for the first option, uploaded as the community's compose page does.
  const [chooser] = await Promise.all([host.waitForEvent('filechooser'), host.locator('.open-option-image-add:visible').first().click()]);
  await chooser.setFiles(await kraftBoxPng());
  await host.locator('.open-option-image:visible').waitFor();
  await review(host, 'cocreate-open-image', host.locator('.open-option-image:visible'));
  const release = holdMediaVerdicts();
  await host.locator('.open-submit:visible').click();
  const held = host.locator('.poll-held:visible', { hasText: '图片正在安全检查，通过后自动公开' });
  await held.waitFor();
  expect(await host.locator('.poll-title:visible').innerText()).toBe('会员周边礼盒选包装');
  expect(await host.locator('.cc-head__subtitle:visible').first().innerText()).toContain('审核中');
  expect(await host.locator('.poll-vote:visible').count()).toBe(0); // nobody votes while it is held
  await review(host, 'cocreate-koc-poll-held', held);
  // Another member does not see it yet.
  const member = await product.pageAs(LIN);
  await openCocreate(member);
  expect(await member.locator('.poll-card:visible', { hasText: '会员周边礼盒选包装' }).count()).toBe(0);

  // The local cloud's image check answers: the picture passed, the poll is published.
  await release();
  await host.reload();
  const credited = host.locator('.poll-host:visible', { hasText: '共创发起人' });
  await credited.waitFor();
  await host.locator('.poll-vote:visible').first().waitFor();
  expect(await host.locator('.poll-held:visible').count()).toBe(0);
  expect(await host.locator('.poll-close:visible').count()).toBe(0); // closing stays with operators
  await review(host, 'cocreate-koc-poll', credited);
  await openCocreate(member);
  await member.locator('.poll-card:visible', { hasText: '会员周边礼盒选包装' }).click();
  const picture = member.locator('.poll-option--o1:visible .cc-option__image img');
  await picture.waitFor();
  expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await review(member, 'cocreate-koc-poll-image', member.locator('.poll-options:visible'));

  const operator = await product.pageAs(OPERATOR);
  await openCocreate(operator);
  const card = operator.locator('.poll-card:visible', { hasText: '会员周边礼盒选包装' });
  expect(await card.locator('.poll-host').innerText()).toMatch(/^共创发起人 \S+ 发起$/);
  await card.click();
  await operator.locator('.poll-close:visible').click();
  await operator.locator('.ui-dialog:visible .ui-dialog__ok').click();
  await operator.locator('.cc-poll:visible', { hasText: '投票已结束' }).waitFor();
  await review(operator, 'cocreate-koc-poll-closed', operator.locator('.poll-options:visible'));
});

it('a member disputes the adopted rule with a reason; the operator reads it and upholds the rule; the page shows the ruling', async () => {
  const lin = await product.pageAs(LIN);
  await openCocreate(lin);
  await lin.locator('.to-rules:visible').click();
  const adopted = lin.locator('.rules-adopted:visible').first();
  await adopted.waitFor();
  await adopted.locator('.rules-dispute').click();
  await lin.locator('.dispute-sheet:visible .dispute-submit').click();
  await lin.locator('.dispute-sheet:visible', { hasText: '请填写争议理由' }).waitFor();
  await lin.locator('.dispute-reason:visible textarea').fill('“真实体验”的标准不清楚，新会员容易被误伤。');
  await review(lin, 'cocreate-rule-dispute', lin.locator('.dispute-sheet:visible'));
  await lin.locator('.dispute-sheet:visible .dispute-submit').click();
  await adopted.locator('.rules-disputed', { hasText: '有争议' }).waitFor();
  await lin.locator('.taro__toast:visible').first().waitFor({ state: 'hidden' });
  expect(await adopted.locator('.rules-my-dispute').innerText()).toContain('你已提出争议');
  await review(lin, 'cocreate-rule-disputed', adopted);

  const operator = await product.pageAs(OPERATOR);
  await operator.goto(`${product.url}/#/packages/cocreate/rules/index`);
  const rule = operator.locator('.rules-adopted:visible').first();
  await rule.locator('.rules-arbitrate', { hasText: '裁定争议（1）' }).click();
  const reasons = operator.locator('.arbitrate-sheet:visible .arbitrate-reasons');
  await reasons.waitFor();
  expect(await reasons.innerText()).toContain('新会员容易被误伤');
  await operator.locator('.arbitrate-note:visible textarea').fill('公约鼓励真实分享，标准会在置顶帖中补充说明，维持。');
  await review(operator, 'cocreate-rule-arbitrate', operator.locator('.arbitrate-sheet:visible'));
  await operator.locator('.arbitrate-sheet:visible .arbitrate-uphold').click();
  const ruling = rule.locator('.rules-arbitration', { hasText: '已由运营裁定维持' });
  await ruling.waitFor();
  await operator.locator('.taro__toast:visible').first().waitFor({ state: 'hidden' });
  expect(await rule.locator('.rules-disputed').count()).toBe(0);
  await review(operator, 'cocreate-rule-ruled', rule);
});
