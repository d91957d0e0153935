import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import type { FlashSalesView, PlacedView, DealPickupView, SettledView } from '../../cloudfunctions/_core/groupbuy/groupbuy.schema';
import type { MemberCodeView } from '../../cloudfunctions/_core/member/member-code.schema';
import { count, grantRole, ok, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';
import { PICKUP, gb, netFen, registerMany, rid, sandboxPayments, seedMembers, setFlashSale } from '../support/groupbuy';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  cloud.clock.set(new Date('2026-11-23T11:00:00Z')); // 19:00 Beijing
  await registerMany(cloud, 'o-', 3);
  await setFlashSale(cloud, 'tote', SALE);
});
afterEach(() => cloud.close());

/** 晚8点爆款5折: opens at 20:00 Beijing = 12:00 UTC. */
const SALE = { title: '帆布托特包', originalPriceFen: 12800, priceFen: 6400, stock: 100, startAt: '2026-11-23 20:00', perMember: 1, delivery: ['pickup'] };
const START = new Date('2026-11-23T12:00:00Z');
const buy = (openid: string, saleId = 'tote', requestId = rid('buy')) => gb<PlacedView>(cloud, 'flashBuy', { saleId, requestId, delivery: PICKUP }, openid);
const sold = async () => ((await cloud.db.collection('deal_stock').where({ _id: 'flash:tote' }).get()).data[0]?.sold as number | undefined) ?? 0;

it('opens exactly at its start time by the server clock: refused a millisecond before, sold at the minute', async () => {
  const list = ok(await gb<FlashSalesView>(cloud, 'flashSales', {}, 'o-0'));
  expect(list.sales[0]).toMatchObject({ phase: 'upcoming', startAt: START.toISOString(), available: false, reason: '2026-11-23 20:00 开抢', unitsLeft: 100 });
  expect(list.serverNow).toBe('2026-11-23T11:00:00.000Z');
  cloud.clock.set(new Date(START.getTime() - 1));
  expect(await buy('o-0')).toMatchObject({ ok: false, error: { code: 'FLASH_NOT_STARTED' } });
  expect(await count(cloud, 'deal_orders')).toBe(0);
  cloud.clock.set(START);
  const placed = ok(await buy('o-0'));
  expect(placed.order).toMatchObject({ kind: 'flash', status: 'awaiting_payment', priceFen: 6400 });
  expect(placed.payment).not.toBeNull();
  await setFlashSale(cloud, 'ended', { ...SALE, endAt: '2026-11-23 20:00' });
  cloud.clock.set(new Date(START.getTime() + 60_000));
  expect(await buy('o-1', 'ended')).toMatchObject({ ok: false, error: { code: 'FLASH_ENDED' } });
});

it('1,000 simultaneous buyers for stock 100: exactly 100 orders; the rest sold out or over their limit, never BUSY', async () => {
  const buyers = await seedMembers(cloud, 'o-b', 900);
  cloud.clock.set(START);
  // 900 members, 100 of them tapping twice.
  const requests = [...buyers, ...buyers.slice(0, 100)];
  const results = await Promise.all(requests.map((id) => buy(id)));
  const codes = new Map<string, number>();
  for (const r of results) if (!r.ok) codes.set(r.error.code, (codes.get(r.error.code) ?? 0) + 1);
  expect(results.filter((r) => r.ok)).toHaveLength(100);
  expect([...codes.keys()].every((c) => c === 'DEAL_SOLD_OUT' || c === 'DEAL_LIMIT_REACHED')).toBe(true);
  expect(await count(cloud, 'deal_orders')).toBe(100);
  expect(await sold()).toBe(100);
  const owners = new Set(results.filter((r) => r.ok).map((r) => r.ok && r.data.order.orderNo));
  expect(owners.size).toBe(100);
}, 120_000);

it('an unpaid order gives its unit back after the minutes to pay; a late payment is refunded; a paid one is picked up once', async () => {
  await setFlashSale(cloud, 'tote', { ...SALE, stock: 1 });
  cloud.clock.set(START);
  const first = ok(await buy('o-0'));
  expect(await buy('o-1')).toMatchObject({ ok: false, error: { code: 'DEAL_SOLD_OUT' } });
  cloud.clock.advance(5 * 60_000 + 1);
  await cloud.trigger('groupbuy', 'minutely');
  expect(await sold()).toBe(0);
  const second = ok(await buy('o-1'));
  // o-0 pays the old prepay anyway: refunded automatically.
  await cloud.payments.pay(first.order.orderNo);
  const late = ok(await gb<SettledView>(cloud, 'confirm', { orderNo: first.order.orderNo }, 'o-0'));
  expect(late.order).toMatchObject({ status: 'refunded', refund: { reason: 'late_payment', status: 'accepted' } });
  expect(netFen((await sandboxPayments(cloud, [first.order.orderNo]))[0])).toBe(0);

  await cloud.payments.pay(second.order.orderNo);
  const paid = ok(await gb<SettledView>(cloud, 'confirm', { orderNo: second.order.orderNo }, 'o-1'));
  expect(paid.order).toMatchObject({ status: 'paid', statusText: '已支付，待提货' });
  await grantRole(cloud, 'o-clerk', 'clerk', 'S001');
  const code = ok(await gb<MemberCodeView>(cloud, 'orderCode', { orderNo: second.order.orderNo }, 'o-1'));
  const picked = ok(await gb<DealPickupView>(cloud, 'pickup', { code: code.token }, 'o-clerk'));
  expect(picked).toMatchObject({ orderNo: second.order.orderNo, status: 'picked_up', kind: 'flash' });
  expect(await gb(cloud, 'pickup', { code: code.token }, 'o-clerk')).toMatchObject({ ok: false, error: { code: 'CODE_USED' } });
  expect(await sold()).toBe(1);
});
