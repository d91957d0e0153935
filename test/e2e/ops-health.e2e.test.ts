/**
 * Issue 14's dashboard in headless Chromium on the H5 build: the nightly job counts the last days of the demo
 * brand (through the admin timer, day by day); the operator opens 运营看板 → 社区健康 and sees the three hard
 * indicators, the trend chart drawn by the app and the layers. Then 运营看板 → 运营消息: the messages to the
 * 超级用户 layer with their state and counts, and the way back. Screenshots into the review set.
 */
import { businessDay, addDays } from '../../cloudfunctions/_core/shared/business-time.rules';
import { review, startProduct } from '../support/e2e-env';
import { ok } from '../support/test-cloud';
import { openVisit } from '../support/till';

let product: Awaited<ReturnType<typeof startProduct>>;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product?.stop());

it('the operator sees the indicators and a chart of the last days', async () => {
  const DAY = 86_400_000;
  // 03:05 Beijing on each of five days up to tomorrow: each run counts the day before (the last one today,
  // when the demo members, registered just now, exist).
  const today0305 = new Date(Math.floor((Date.now() + 8 * 3600_000) / DAY) * DAY - 8 * 3600_000 + 3 * 3600_000 + 5 * 60_000);
  // Two purchases at the till two days ago: a 超级用户's (demo-sample-12, by the demo's scoring) and one of a member outside that layer.
  product.cloud.clock.set(new Date(today0305.getTime() - 2 * DAY + 6 * 3600_000));
  for (const [member, orderNo, amountFen] of [['demo-sample-12', 'E2E-H-1', 50_000], ['demo-sample-08', 'E2E-H-2', 30_000]] as const) {
    const visitId = await openVisit(product.cloud, member, 'dev-clerk-wang');
    ok(await product.cloud.call('staff', { action: 'recordPurchase', input: { visitId, orderNo, amountFen } }, 'dev-clerk-wang'));
  }
  for (let back = 3; back >= -1; back--) {
    product.cloud.clock.set(new Date(today0305.getTime() - back * DAY));
    expect(ok(await product.cloud.trigger('admin', 'daily'))).toMatchObject({ metrics: { done: true } });
  }
  product.cloud.clock.reset();

  const op = await product.pageAs('dev-operator-zhou');
  await op.goto(`${product.url}/#/pages/home/index`);
  await op.locator('.to-ops:visible').click();
  await op.locator('.to-health:visible').click();
  const chart = op.locator('.health-chart:visible');
  await chart.waitFor();
  expect(await op.locator('.health-chart:visible .ui-chart__image').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
  expect(await op.locator('.health-core-gmv:visible .ui-stat__value').innerText()).toBe('62.50%'); // 50,000 of 80,000
  // The demo community of today (counted by the last run): 5 member posts (the community demo's and the demo history
  // made through the community function) and the operator's welcome post, with the members' comments and check-ins.
  expect(await op.locator('.health-ugc:visible .ui-stat__value').innerText()).toBe('5');
  expect(await op.locator('.health-member-driven:visible .ui-stat__value').innerText()).toBe('93.33%'); // 14 of the day's 15 posts, comments and check-ins are by members
  expect(await op.locator('.health-posts:visible').innerText()).toContain('5 / 1');
  expect(await op.locator('.health-topic:visible').count()).toBe(3); // 私房食谱 (6 posts), 共创提案, 晨跑打卡
  expect(await op.locator('.health-messages:visible').innerText()).toContain('上限 2');
  expect(await op.locator('.health__layers:visible .health__layer').count()).toBe(3);
  expect(await op.locator('.health__layers:visible .ui-card__title').innerText()).toBe('会员分层 · 共 14 人'); // the demo members and the operator (a member of the community)
  await review(op, 'operator-community-health', chart);

  // 运营消息: two messages written in the console (one sent to the 超级用户 this morning by the timer, one for
  // tomorrow evening); 林小满 agreed to the operators' notices, 北辰 and 星野 did not.
  const TPL = 'demo-operator-notice';
  const today = businessDay(new Date());
  await product.cloud.db.collection('app_config').doc('message_templates').update({ data: { operatorNotices: [TPL] } });
  ok(await product.cloud.call('coupons', { action: 'subscribe', input: { template: TPL, requestId: 'e2e-notice-sub-1' } }, 'dev-member-lin'));
  const message = { audience: { layers: ['super'] }, templateId: TPL, page: 'pages/home/index' };
  await product.cloud.db.collection('layer_messages').doc('tasting-invite').set({ data: { ...message, title: '新品品鉴会邀请', data: { thing1: '新品品鉴会' }, sendAt: `${today} 10:00` } });
  await product.cloud.db.collection('layer_messages').doc('weekend-walk').set({
    data: { ...message, title: '周末城市漫步', audience: { layers: ['super', 'high_value'] }, data: { thing1: '周末城市漫步' }, sendAt: `${addDays(today, 1)} 19:00` },
  });
  product.cloud.clock.set(new Date(`${today}T02:05:00Z`)); // 10:05 Beijing
  ok(await product.cloud.trigger('messages', 'sender'));
  product.cloud.clock.reset();

  await op.goto(`${product.url}/#/packages/ops/index`);
  await op.locator('.to-messages:visible').click();
  const cards = op.locator('.ops-message:visible');
  await cards.nth(1).waitFor();
  expect(await cards.count()).toBe(2);
  // Latest send time first: tomorrow's, not yet sent; then this morning's, queued for the three 超级用户.
  const [later, sent] = [cards.nth(0), cards.nth(1)];
  expect(await later.locator('.ops-message__state').innerText()).toBe('未到发送时间');
  expect(await later.locator('.ops-message__to').innerText()).toMatch(/超级用户\s*高净值\s*\d+月\d+日 19:00 发送/);
  expect(await sent.locator('.ops-message__state').innerText()).toBe('已排完');
  expect(await sent.locator('.ops-message__to').innerText()).toMatch(/超级用户\s*\d+月\d+日 10:00 发送/);
  const figure = (cls: string) => sent.locator(`.${cls} .ui-stat__value`).innerText();
  expect([await figure('ops-message-queued'), await figure('ops-message-sent'), await figure('ops-message-skipped'), await figure('ops-message-failed')]).toEqual(['3', '1', '2', '0']);
  await review(op, 'operator-layer-messages', sent);
  // The way back: the title bar's back button returns to 运营看板.
  await op.locator('#taro-navigation-bar .taro-navigation-bar-back:visible').click();
  await op.locator('.to-messages:visible').waitFor();
  expect(await op.locator('#taro-navigation-bar .taro-navigation-bar-title').innerText()).toBe('运营看板');
}, 180_000);
