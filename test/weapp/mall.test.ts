/**
 * The mall subpackage and the staff pickup desk of the built mini-program (dist/weapp), in the simulator with a
 * mocked callFunction: the list and its filters, redeeming with store pickup (one request id per intent, reused
 * on a retry), my orders with status, the pickup code and cancelling, and the clerk's handover.
 */
import type { ItemView, OrderView } from '../../cloudfunctions/_core/mall/mall.schema';
import { fail, ok, textOf, waitFor, type SimNode, useWeappHarness } from './harness';

const item = (fields: Partial<ItemView>): ItemView => ({
  itemId: 'TOTE-BAG',
  title: '社区帆布袋',
  description: '会员共创设计，限量',
  image: null,
  kind: 'physical',
  deliveryModes: ['pickup', 'express'],
  pricePoints: 300,
  cashFen: 0,
  stockLeft: 50,
  perMember: 2,
  mine: 0,
  saleFrom: null,
  saleTo: null,
  tierNames: [],
  storeNames: [],
  available: true,
  reason: null,
  ...fields,
});
const tote = item({});
const salon = item({
  itemId: 'SALON',
  title: '设计师手稿鉴赏会',
  kind: 'experience',
  deliveryModes: ['pickup'],
  pricePoints: 5000,
  cashFen: 1280,
  tierNames: ['金卡会员'],
  storeNames: [],
  available: false,
  reason: '积分不足',
});
const ORDER_NO = 'MALL' + '0123456789abcdef0123456789ab';
const order = (fields: Partial<OrderView>): OrderView => ({
  orderNo: ORDER_NO,
  itemId: 'TOTE-BAG',
  title: '社区帆布袋',
  kind: 'physical',
  quantity: 2,
  pointsSpent: 600,
  cashFen: 0,
  status: 'pending',
  delivery: { mode: 'pickup', storeId: 'S001' },
  trackingNo: null,
  storeName: '静安店',
  couponId: null,
  createdAt: '2026-11-23T02:00:00.000Z',
  history: [],
  ...fields,
});

describe('weapp points mall (built output)', () => {
  const { boot, calls } = useWeappHarness();
  const actions = (name: string) => calls.filter((c) => c.data.action === name);

  it('lists items with prices from integer fen and filters them on the server', async () => {
    const harness = boot((call) => {
      const { filter } = call.data.input as { filter: string };
      if (call.data.action === 'items') return ok({ joined: true, balance: 1200, items: filter === 'affordable' ? [tote] : [tote, salon] });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/mall/index/index');
    await waitFor(() => page.querySelectorAll('.mall-item').length === 2, 'two items');
    expect(actions('items')[0].data.input).toEqual({ filter: 'all' });
    expect(textOf(page.querySelector('.mall-balance'))).toBe('可用积分 1,200');
    expect(page.querySelectorAll('.mall-item-price').map(textOf)).toEqual(['300 积分', '5,000 积分 + ¥12.80']);
    expect(textOf(page.querySelector('.mall-item-reason'))).toBe('积分不足');
    expect(page.querySelectorAll('.mall-item--unavailable')).toHaveLength(1);

    (page.querySelector('.mall-filter--affordable') as SimNode).dispatchEvent('tap');
    await waitFor(() => actions('items').length === 2 && page.querySelectorAll('.mall-item').length === 1, 'the filtered list');
    expect(actions('items')[1].data.input).toEqual({ filter: 'affordable' });

    (page.querySelector('.mall-item') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.navigateTo.mock.calls.length > 0, 'navigateTo the item');
    expect(harness.nav.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/mall/item/index?itemId=TOTE-BAG' }));
  });

  it('redeems two for store pickup, retrying a failed tap with the same request id', async () => {
    let redeemCalls = 0;
    const harness = boot((call) => {
      if (call.data.action === 'item') return ok({ joined: true, balance: 1200, item: tote, pickupStores: [{ id: 'S001', name: '静安店', address: '南京西路 1 号' }] });
      if (call.data.action === 'redeem') {
        redeemCalls++;
        if (redeemCalls === 1) return fail('BUSY', 'busy');
        return ok({ order: order({}), payment: null });
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/mall/item/index', { itemId: 'TOTE-BAG' });
    const redeem = await waitFor(() => page.querySelector('.mall-redeem'), 'the redeem button');
    expect(actions('item')[0].data.input).toEqual({ itemId: 'TOTE-BAG' });
    expect(page.querySelector('.mall-delivery--pickup')).toBeDefined();
    expect(page.querySelector('.mall-address')).toBeUndefined();

    (page.querySelector('.mall-quantity .ui-stepper__plus') as SimNode).dispatchEvent('tap');
    await waitFor(() => textOf(page.querySelector('.mall-quantity .ui-stepper__value')) === '2', 'quantity 2');
    // perMember 2: no third.
    (page.querySelector('.mall-quantity .ui-stepper__plus') as SimNode).dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 50));
    expect(textOf(page.querySelector('.mall-quantity .ui-stepper__value'))).toBe('2');
    expect(textOf(page.querySelector('.mall-total'))).toBe('600 积分');

    // Spending points asks first: the confirmation sheet with the points and what is left.
    redeem.dispatchEvent('tap');
    const confirm = await waitFor(() => page.querySelector('.mall-confirm'), 'the confirmation sheet');
    expect(textOf(page.querySelector('.mall-confirm-points'))).toBe('600 积分');
    expect(textOf(page.querySelector('.mall-confirm-after'))).toBe('600 积分');
    expect(textOf(confirm)).toContain('静安店');
    expect(actions('redeem')).toHaveLength(0);
    (page.querySelector('.ui-confirm__ok') as SimNode).dispatchEvent('tap');
    await waitFor(() => actions('redeem').length === 1, 'the first redeem');
    await waitFor(() => !page.querySelector('.mall-confirm'), 'the sheet closed after the BUSY answer');
    (page.querySelector('.mall-redeem') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.mall-confirm'), 'the sheet again');
    (page.querySelector('.ui-confirm__ok') as SimNode).dispatchEvent('tap');
    await waitFor(() => harness.nav.redirectTo.mock.calls.length > 0, 'redirectTo my orders');

    const [first, second] = actions('redeem').map((c) => c.data.input as { requestId: string });
    expect(first).toEqual({ itemId: 'TOTE-BAG', quantity: 2, requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), delivery: { mode: 'pickup', storeId: 'S001' } });
    expect(second.requestId).toBe(first.requestId);
    expect(harness.nav.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/mall/orders/index' }));

    // Express asks for an address.
    (page.querySelector('.mall-delivery--express') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.mall-address-phone'), 'the address form');
  });

  it('shows my orders with status, the pickup code of a pending order, and cancels one', async () => {
    let cancelled = false;
    const harness = boot((call) => {
      if (call.data.action === 'orders') {
        return ok({
          orders: [
            order({ status: cancelled ? 'cancelled' : 'pending' }),
            order({ orderNo: 'MALL' + 'f'.repeat(28), title: '设计师手稿鉴赏会', kind: 'experience', quantity: 1, status: 'picked_up' }),
            order({ orderNo: 'MALL' + 'e'.repeat(28), status: 'shipped', delivery: { mode: 'express', name: '林小满', phone: '13800000000', region: '上海市', detail: '某路 1 号' }, trackingNo: 'SF1234567' }),
          ],
        });
      }
      if (call.data.action === 'orderCode') return ok({ token: 'P1.order.abc.sig', expiresAt: '2026-11-23T02:01:00.000Z', refreshSeconds: 30, memberNo: '802345678901', pin: '123456' });
      if (call.data.action === 'cancel') {
        cancelled = true;
        return ok({ order: order({ status: 'cancelled' }) });
      }
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    const page = harness.openPage('packages/mall/orders/index');
    await waitFor(() => page.querySelectorAll('.mall-order').length === 3, 'three orders');
    expect(page.querySelectorAll('.mall-order-status').map(textOf)).toEqual(['待自提', '已核销', '已发货']);
    expect(textOf(page.querySelector('.mall-order-tracking'))).toBe('快递单号 SF1234567');
    expect(page.querySelectorAll('.mall-order-cancel')).toHaveLength(1);

    (page.querySelector('.mall-order-show-code') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.mall-order-qr'), 'the pickup QR');
    expect(actions('orderCode').map((c) => c.data.input)).toEqual([{ orderNo: ORDER_NO }]);
    expect(textOf(page.querySelector('.member-qr-pin'))).toBe('123 456');

    (page.querySelector('.mall-order-cancel') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.mall-cancel-dialog .ui-dialog__ok'), 'the cancel dialog');
    expect(textOf(page.querySelector('.mall-cancel-dialog .ui-dialog__message'))).toContain('积分将退回你的账户');
    expect(actions('cancel')).toHaveLength(0);
    (page.querySelector('.mall-cancel-dialog .ui-dialog__ok') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelectorAll('.mall-order-status').map(textOf)[0] === '已取消', 'the cancelled order');
    expect(page.querySelector('.mall-cancel-dialog')).toBeUndefined();
    expect(actions('cancel').map((c) => c.data.input)).toEqual([{ orderNo: ORDER_NO }]);
    expect(page.querySelector('.mall-order-cancel')).toBeUndefined();
    expect(page.querySelector('.mall-order-qr')).toBeUndefined();
  });

  it('a clerk scans a pickup code, checks the order and confirms the hand-over', async () => {
    const harness = boot((call) => {
      if (call.data.action === 'whoami') return ok({ role: 'clerk', storeId: 'S001', storeName: '静安店', name: '王店员' });
      if (call.data.action === 'inspectPickup') {
        return ok({ ticket: 'k1.pickup.x.y.z', orderNo: ORDER_NO, title: '社区帆布袋', kind: 'physical', quantity: 2, storeName: '静安店', member: { maskedName: '林**', memberNoTail: '8901' }, ready: true, reason: null });
      }
      if (call.data.action === 'pickup') return ok({ orderNo: ORDER_NO, title: '社区帆布袋', kind: 'physical', quantity: 2, memberNo: '802345678901', status: 'picked_up' });
      return fail('UNKNOWN_ACTION', 'unknown');
    });
    type ScanOptions = { success?: (r: unknown) => void; complete?: (r: unknown) => void };
    harness.wx.scanCode = jest.fn((o: ScanOptions) =>
      setTimeout(() => {
        const res = { errMsg: 'scanCode:ok', result: 'P1.order.abc.sig', scanType: 'QR_CODE', charSet: 'utf8', rawData: '' };
        o.success?.(res);
        o.complete?.(res);
      }, 0),
    );
    const page = harness.openPage('packages/staff/pickup/index');
    const scan = await waitFor(() => page.querySelector('.staff-pickup-scan'), 'the scan button');
    scan.dispatchEvent('tap');
    await waitFor(() => page.querySelector('.staff-pickup-check'), 'the order to check');
    expect(actions('inspectPickup').map((c) => c.data.input)).toEqual([{ code: 'P1.order.abc.sig' }]);
    expect(textOf(page.querySelector('.staff-pickup-quantity'))).toBe('2 件');
    expect(actions('pickup')).toHaveLength(0);
    (page.querySelector('.staff-pickup-confirm') as SimNode).dispatchEvent('tap');
    await waitFor(() => page.querySelector('.staff-pickup-sheet'), 'the confirmation sheet');
    (page.querySelector('.ui-confirm__ok') as SimNode).dispatchEvent('tap');
    const result = await waitFor(() => page.querySelector('.staff-pickup-result'), 'the handover');
    expect(actions('pickup').map((c) => c.data.input)).toEqual([{ ticket: 'k1.pickup.x.y.z' }]);
    expect(textOf(result)).toContain('提货成功');
    expect(textOf(page.querySelector('.staff-pickup-title'))).toBe('社区帆布袋 × 2');
    expect(textOf(page.querySelector('.staff-pickup-status'))).toBe('已自提');
  });
});
