import type { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { count, ok, registration, startSourceCloud, writeDefaultConfigs } from '../support/test-cloud';

let cloud: LocalCloud;
beforeEach(async () => {
  cloud = await startSourceCloud();
  await writeDefaultConfigs(cloud);
  await cloud.db.collection('app_config').doc('vip_card').update({ data: { enabled: true } });
  cloud.clock.set(new Date('2026-11-23T02:00:00Z'));
  ok(await cloud.call('member', { action: 'register', input: registration() }, 'o-v'));
});
afterEach(() => cloud.close());

const buy = async () => ok(await cloud.call<{ outTradeNo: string }>('vip', { action: 'buy', input: { requestId: 'req-vip-0001' } }, 'o-v')).outTradeNo;
const vipUntil = async () => (await cloud.db.collection<{ vipUntil: Date | null }>('members').doc('o-v').get()).data.vipUntil;

describe('WeChat Pay notice (payment-callback)', () => {
  it('activates a paid card even if the app never confirms, exactly once', async () => {
    const outTradeNo = await buy();
    await cloud.payments.pay(outTradeNo);
    expect(await cloud.notifyPaid(outTradeNo)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await cloud.notifyPaid(outTradeNo)).toEqual({ errcode: 0, errmsg: 'OK' }); // WeChat repeats notices
    expect(await vipUntil()).toBeInstanceOf(Date);
    expect(await count(cloud, 'vip_history')).toBe(1);
    // and the app's confirm afterwards agrees
    expect(ok(await cloud.call<{ until: string }>('vip', { action: 'confirm', input: { outTradeNo } }, 'o-v')).until).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('ignores a forged notice from a client without asking WeChat Pay, even for a paid order', async () => {
    const outTradeNo = await buy();
    await cloud.payments.pay(outTradeNo);
    const query = jest.spyOn(cloud.payments, 'queryOrder');
    const forged = await cloud.call('payment-callback', { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo, totalFee: 1 }, 'o-v');
    expect(forged).toEqual({ errcode: 0, errmsg: 'ignored' });
    expect(query).not.toHaveBeenCalled();
    expect(await vipUntil()).toBeNull();
  });

  it('re-verifies a notice from WeChat Pay: a notice for an unpaid order changes nothing', async () => {
    const outTradeNo = await buy();
    const notice = (event: object) => cloud.paymentNotice(event);
    expect(await notice({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo, totalFee: 1 })).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await vipUntil()).toBeNull();
    expect(await notice({ resultCode: 'FAIL', outTradeNo })).toEqual({ errcode: 0, errmsg: 'ignored' });
    // cloudPay.refund names this function too: a refund's notice is acknowledged, not settled
    expect(await notice({ returnCode: 'SUCCESS', outTradeNo, outRefundNo: `${outTradeNo}R`, refundStatus: 'SUCCESS' })).toEqual({ errcode: 0, errmsg: 'OK' });
  });

  it('asks WeChat to retry when activation fails', async () => {
    const outTradeNo = await buy();
    await cloud.payments.pay(outTradeNo);
    cloud.db.injectFault((op) => op.inTransaction);
    expect(await cloud.notifyPaid(outTradeNo)).toEqual({ errcode: 1, errmsg: 'retry' });
    cloud.db.injectFault(null);
    expect(await vipUntil()).toBeNull();
    expect(await cloud.notifyPaid(outTradeNo)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await vipUntil()).toBeInstanceOf(Date);
  });
});
