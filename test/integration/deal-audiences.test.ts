/**
 * Layer audiences of group deals and flash sales (`audience.layers`): a member outside the layer sees why in the
 * list and the detail, is refused at open, join and buy with DEAL_LAYER_ONLY and nothing is written; a member in
 * the layer opens, joins and buys. A deal naming an unknown layer is reported by `admin.configReport` and skipped.
 */
import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { ConfigReportView } from '../../cloudfunctions/_core/admin/admin.schema';
import type { DealDetailView, DealsView, FlashSalesView, GroupView, PlacedView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import { setLayers } from '../support/cocreate';
import { DEAL, PICKUP, gb, join, open, openPaidGroup, registerMany, rid, setDeal, setFlashSale } from '../support/groupbuy';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T12:00:00Z')); // 20:00 Beijing
  await registerMany(cloud, 'o-', 4);
  await setLayers(cloud, 'o-0', ['super']);
  await setLayers(cloud, 'o-1', ['super', 'high_value']);
  await setLayers(cloud, 'o-2', ['dormant']);
  // o-3 has never been layered (no member_layers document).
  await setDeal(cloud, 'supers', { ...DEAL, title: '超级用户专享团', audience: { layers: ['super'] } });
  await setFlashSale(cloud, 'mug', {
    title: '马克杯',
    originalPriceFen: 8800,
    priceFen: 4400,
    stock: 10,
    startAt: '2026-11-23 20:00',
    delivery: ['pickup'],
    audience: { layers: ['super', 'high_value'] },
  });
});
afterEach(() => cloud.close());

const written = async () => {
  const out: Record<string, number> = {};
  for (const c of ['deal_orders', 'groups', 'group_seats', 'deal_stock', 'deal_holdings', '_dev_payments']) out[c] = await count(cloud, c);
  return out;
};
const buy = (openid: string) => gb<PlacedView>(cloud, 'flashBuy', { saleId: 'mug', requestId: rid('buy'), delivery: PICKUP }, openid);

it('a member outside the layer sees their own reason in the list and the detail; a super user sees the deal open', async () => {
  const theirs = ok(await gb<DealsView>(cloud, 'deals', {}, 'o-2')).deals.find((d) => d.dealId === 'supers')!;
  expect(theirs).toMatchObject({ available: false, reason: '仅限超级用户会员参加', canJoin: false, joinReason: '仅限超级用户会员参团', layerNames: ['超级用户'] });
  expect(ok(await gb<DealDetailView>(cloud, 'deal', { dealId: 'supers' }, 'o-3')).deal).toMatchObject({ available: false, reason: '仅限超级用户会员参加', canJoin: false });
  expect(ok(await gb<DealDetailView>(cloud, 'deal', { dealId: 'supers' }, 'o-0')).deal).toMatchObject({ available: true, reason: null, canJoin: true, joinReason: null, layerNames: ['超级用户'] });
  const sales = ok(await gb<FlashSalesView>(cloud, 'flashSales', {}, 'o-2')).sales;
  expect(sales[0]).toMatchObject({ available: false, reason: '仅限超级用户、高净值会员抢购', layerNames: ['超级用户', '高净值'] });
  expect(ok(await gb<FlashSalesView>(cloud, 'flashSales', {}, 'o-1')).sales[0]).toMatchObject({ available: true });
  // A visitor is invited to join first, as for tiers (the layer is checked once they are a member).
  expect(ok(await gb<DealsView>(cloud, 'deals', {}, 'o-visitor')).deals.find((d) => d.dealId === 'supers')).toMatchObject({ available: false, reason: '加入会员后即可参团', canJoin: true });
});

it('open, join and buy refuse a member outside the layer with DEAL_LAYER_ONLY and write nothing', async () => {
  const { groupId } = await openPaidGroup(cloud, 'o-0', 'supers');
  const before = await written();
  expect(await open(cloud, 'o-2', 'supers')).toMatchObject({ ok: false, error: { code: 'DEAL_LAYER_ONLY', message: '仅限超级用户会员参加' } });
  expect(await open(cloud, 'o-3', 'supers')).toMatchObject({ ok: false, error: { code: 'DEAL_LAYER_ONLY' } });
  expect(await join(cloud, 'o-2', groupId, 'supers')).toMatchObject({ ok: false, error: { code: 'DEAL_LAYER_ONLY', message: '仅限超级用户会员参团' } });
  expect(await buy('o-3')).toMatchObject({ ok: false, error: { code: 'DEAL_LAYER_ONLY', message: '仅限超级用户、高净值会员抢购' } });
  expect(await written()).toEqual(before);
  const seen = ok(await gb<GroupView>(cloud, 'group', { groupId }, 'o-2'));
  expect(seen).toMatchObject({ canJoin: false, joinReason: '仅限超级用户会员参团' });
});

it('a super user joins the group and buys the flash sale; a member who leaves the layer is refused the next time', async () => {
  const { groupId } = await openPaidGroup(cloud, 'o-0', 'supers');
  expect(ok(await gb<GroupView>(cloud, 'group', { groupId }, 'o-1'))).toMatchObject({ canJoin: true });
  const joined = ok(await join(cloud, 'o-1', groupId, 'supers'));
  expect(joined.status).toBe('joined');
  expect(ok(await buy('o-1')).order).toMatchObject({ kind: 'flash', status: 'awaiting_payment' });
  expect(ok(await buy('o-0')).order.status).toBe('awaiting_payment');
  // The nightly job took o-0 out of the band: layers are read at each request, not cached in the member.
  await setLayers(cloud, 'o-0', []);
  expect(await open(cloud, 'o-0', 'supers')).toMatchObject({ ok: false, error: { code: 'DEAL_LAYER_ONLY' } });
});

it('admin.configReport reports a deal naming an unknown layer (in Chinese) and the product skips it', async () => {
  await setDeal(cloud, 'typo', { ...DEAL, title: '写错分层', audience: { layers: ['超级用户'] } });
  await setFlashSale(cloud, 'tiers-in-audience', { title: '杯', originalPriceFen: 200, priceFen: 100, stock: 1, startAt: '2026-11-23 20:00', audience: { tiers: ['gold'] } });
  await grantRole(cloud, 'o-op', 'operator', null);
  const report = ok(await cloud.call<ConfigReportView>('admin', { action: 'configReport', input: {} }, 'o-op'));
  const byId = Object.fromEntries(report.configs.map((c) => [c.id, c]));
  expect(byId['group_deals/supers']).toMatchObject({ status: 'ok' });
  expect(byId['flash_sales/mug']).toMatchObject({ status: 'ok' });
  expect(byId['group_deals/typo']).toMatchObject({ status: 'invalid' });
  expect(JSON.stringify(byId['group_deals/typo'])).toContain('分层代码只能是 super（超级用户）');
  expect(byId['flash_sales/tiers-in-audience']).toMatchObject({ status: 'invalid' });
  const listed = ok(await gb<DealsView>(cloud, 'deals', {}, 'o-0')).deals.map((d) => d.dealId);
  expect(listed).toContain('supers');
  expect(listed).not.toContain('typo');
});
