import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { DEFAULT_VIP_CARD } from '../../cloudfunctions/_core/config/defaults';
import { CONFIG_COLLECTION } from '../../cloudfunctions/_core/config/operator-config';
import type { BuyVipView, ConfirmVipView, VipOfferView } from '../../cloudfunctions/_core/vip/vip.schema';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await setOffer({ enabled: true, priceFen: 9900, days: 30 });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z')); // 10:00 in Beijing
  for (const openid of ['o-vip', 'o-other']) ok(await cloud.call('member', { action: 'register', input: registration() }, openid));
});
afterEach(() => cloud.close());

const setOffer = (patch: Partial<typeof DEFAULT_VIP_CARD>) =>
  cloud.db.collection(CONFIG_COLLECTION).doc('vip_card').set({ data: { ...DEFAULT_VIP_CARD, ...patch } });
const offer = (openid = 'o-vip') => cloud.call<VipOfferView>('vip', { action: 'offer', input: {} }, openid);
const buy = (requestId: string, openid = 'o-vip') => cloud.call<BuyVipView>('vip', { action: 'buy', input: { requestId } }, openid);
const confirm = (outTradeNo: string, openid = 'o-vip') => cloud.call<ConfirmVipView>('vip', { action: 'confirm', input: { outTradeNo } }, openid);
const vipUntil = async (openid = 'o-vip') => (await cloud.db.collection('members').doc(openid).get()).data.vipUntil as Date | null;

describe('the paid VIP card', () => {
  it('offers the card and the caller has none yet', async () => {
    expect(ok(await offer())).toEqual({
      enabled: true,
      title: DEFAULT_VIP_CARD.title,
      priceFen: 9900,
      days: 30,
      benefits: DEFAULT_VIP_CARD.benefits,
      active: false,
      until: null,
    });
  });

  it('buy -> pending -> pay -> confirm (+days) -> confirm again (same) -> renew extends from the old end', async () => {
    const order = ok(await buy('req-buy-0001'));
    expect(order.outTradeNo).toMatch(/^VIP[0-9a-f]{29}$/);
    expect(order.payment).toMatchObject({ package: `prepay_id=sandbox_${order.outTradeNo}`, signType: 'MD5' });
    const stored = (await cloud.db.collection('vip_orders').doc(order.outTradeNo).get()).data;
    expect(stored).toMatchObject({ _openid: 'o-vip', requestId: 'req-buy-0001', status: 'created', priceFen: 9900, days: 30 });
    expect((await cloud.db.collection('_dev_payments').doc(order.outTradeNo).get()).data).toMatchObject({ totalFee: 9900, openid: 'o-vip' });

    expect(await confirm(order.outTradeNo)).toMatchObject({ ok: false, error: { code: 'PAYMENT_PENDING' } });
    expect(await vipUntil()).toBeNull();

    expect(await cloud.payments.pay(order.outTradeNo)).toEqual({ paid: true });
    expect(ok(await confirm(order.outTradeNo))).toEqual({ until: '2026-12-23' });
    expect(await vipUntil()).toEqual(new Date('2026-12-23T16:00:00Z')); // 2026-12-24 00:00 Beijing
    expect(await cloud.db.collection('vip_orders').doc(order.outTradeNo).get()).toMatchObject({ data: { status: 'paid', untilDay: '2026-12-23' } });
    expect(ok(await offer())).toMatchObject({ active: true, until: '2026-12-23' });

    // Confirming again (a double tap, a retry, the next day) changes nothing.
    cloud.clock.set(new Date('2026-11-25T02:00:00Z'));
    expect(ok(await confirm(order.outTradeNo))).toEqual({ until: '2026-12-23' });
    expect(await count(cloud, 'vip_history')).toBe(1);

    // A renewal while active adds its days after the current last day.
    const renewal = ok(await buy('req-buy-0002'));
    expect(renewal.outTradeNo).not.toBe(order.outTradeNo);
    await cloud.payments.pay(renewal.outTradeNo);
    expect(ok(await confirm(renewal.outTradeNo))).toEqual({ until: '2027-01-22' });
    expect(await vipUntil()).toEqual(new Date('2027-01-22T16:00:00Z'));

    const history = (await cloud.db.collection('vip_history').where({ _openid: 'o-vip' }).orderBy('at', 'asc').get()).data;
    expect(history).toMatchObject([
      { _id: order.outTradeNo, days: 30, priceFen: 9900, from: null, to: new Date('2026-12-23T16:00:00Z'), untilDay: '2026-12-23' },
      { _id: renewal.outTradeNo, days: 30, from: new Date('2026-12-23T16:00:00Z'), to: new Date('2027-01-22T16:00:00Z'), untilDay: '2027-01-22' },
    ]);
  });

  it('after the card has expired a purchase counts from today', async () => {
    const first = ok(await buy('req-expire-01'));
    await cloud.payments.pay(first.outTradeNo);
    ok(await confirm(first.outTradeNo));
    cloud.clock.set(new Date('2027-02-01T02:00:00Z'));
    expect(ok(await offer())).toMatchObject({ active: false, until: '2026-12-23' });
    const again = ok(await buy('req-expire-02'));
    await cloud.payments.pay(again.outTradeNo);
    expect(ok(await confirm(again.outTradeNo))).toEqual({ until: '2027-03-03' });
  });

  it('20 concurrent confirms of one paid order extend the card once', async () => {
    const order = ok(await buy('req-race-0001'));
    await cloud.payments.pay(order.outTradeNo);
    const results = await Promise.all(Array.from({ length: 20 }, () => confirm(order.outTradeNo)));
    for (const r of results) expect(r).toEqual({ ok: true, data: { until: '2026-12-23' } });
    expect(await vipUntil()).toEqual(new Date('2026-12-23T16:00:00Z'));
    expect(await count(cloud, 'vip_history')).toBe(1);
    expect(await count(cloud, 'vip_orders', { status: 'paid' })).toBe(1);
  });

  it("another member's order number is not found, paid or not, and changes nothing", async () => {
    const order = ok(await buy('req-mine-0001'));
    expect(await confirm(order.outTradeNo, 'o-other')).toMatchObject({ ok: false, error: { code: 'PAYMENT_NOT_FOUND' } });
    await cloud.payments.pay(order.outTradeNo);
    expect(await confirm(order.outTradeNo, 'o-other')).toMatchObject({ ok: false, error: { code: 'PAYMENT_NOT_FOUND' } });
    expect(await confirm('VIP00000000000000000000000000000')).toMatchObject({ ok: false, error: { code: 'PAYMENT_NOT_FOUND' } });
    expect(await vipUntil('o-other')).toBeNull();
    expect(await vipUntil('o-vip')).toBeNull();
    expect(await count(cloud, 'vip_history')).toBe(0);
    // the owner still can
    expect(ok(await confirm(order.outTradeNo))).toEqual({ until: '2026-12-23' });
  });

  it('refuses to sell a disabled card', async () => {
    await setOffer({ enabled: false });
    expect(ok(await offer())).toMatchObject({ enabled: false, active: false });
    expect(await buy('req-off-00001')).toMatchObject({ ok: false, error: { code: 'VIP_NOT_OFFERED' } });
    expect(await count(cloud, 'vip_orders')).toBe(0);
    expect(await count(cloud, '_dev_payments')).toBe(0);
  });

  it('a retried buy with the same request id is the same order at its first price', async () => {
    const first = ok(await buy('req-retry-001'));
    await setOffer({ enabled: true, priceFen: 12800, days: 30 });
    const again = ok(await buy('req-retry-001'));
    expect(again.outTradeNo).toBe(first.outTradeNo);
    expect(await count(cloud, 'vip_orders')).toBe(1);
    expect((await cloud.db.collection('_dev_payments').doc(first.outTradeNo).get()).data).toMatchObject({ totalFee: 9900 });
    // the same request id from another member is another order
    expect(ok(await buy('req-retry-001', 'o-other')).outTradeNo).not.toBe(first.outTradeNo);
    // concurrent double taps make one order
    const taps = await Promise.all(Array.from({ length: 10 }, () => buy('req-retry-002')));
    expect(new Set(taps.map((t) => ok(t).outTradeNo)).size).toBe(1);
    expect(await count(cloud, 'vip_orders', { _openid: 'o-vip' })).toBe(2);
    // once paid and activated, a retry does not ask to pay again
    await cloud.payments.pay(first.outTradeNo);
    ok(await confirm(first.outTradeNo));
    expect(ok(await buy('req-retry-001'))).toEqual({ outTradeNo: first.outTradeNo, payment: null });
  });

  it('validates input and membership', async () => {
    expect(await buy('short')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'requestId' } });
    expect(await confirm('bad no!')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'outTradeNo' } });
    expect(await offer('o-visitor')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(await buy('req-visitor-1', 'o-visitor')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});
