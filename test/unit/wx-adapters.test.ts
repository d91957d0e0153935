/**
 * The WeChat adapters (identity, payments, open API) table-tested against the shapes wx-server-sdk 4.0.2
 * really returns and throws (fixtures/wx-sdk-answers.ts names the SDK source of each).
 */
import { isPaymentError, type OrderQueryResult, type PaymentErrorKind } from '../../cloudfunctions/_platform/payments.port';
import { classifyWxSource, wxIdentity } from '../../cloudfunctions/_platform/wx/wx-identity';
import { toContentCheckResult, wxOpenApi } from '../../cloudfunctions/_platform/wx/wx-openapi';
import { PAYMENT_CALLBACK_FUNCTION, wxPayments } from '../../cloudfunctions/_platform/wx/wx-payments';
import type { WxCloud, WxContext } from '../../cloudfunctions/_platform/wx/wx-sdk.types';
import * as fx from './fixtures/wx-sdk-answers';

type Answer = object | Error;
const answer = (a: Answer) =>
  jest.fn(async (args: Record<string, unknown>) => {
    void args;
    if (a instanceof Error) throw a;
    return a;
  });

function fakeCloud(ctx: WxContext = {}, pay: Partial<Record<'unifiedOrder' | 'queryOrder' | 'refund', Answer>> = {}, sec: Answer = fx.msgSecCheck.pass) {
  return {
    DYNAMIC_CURRENT_ENV: Symbol('env'),
    init: jest.fn(),
    database: jest.fn(),
    getWXContext: () => ctx,
    openapi: {
      subscribeMessage: { send: jest.fn(async () => ({})) },
      wxacode: { getUnlimited: jest.fn(async () => ({ buffer: Buffer.from('png') })) },
      security: { msgSecCheck: answer(sec) },
    },
    cloudPay: {
      unifiedOrder: answer(pay.unifiedOrder ?? fx.unifiedOrder.success),
      queryOrder: answer(pay.queryOrder ?? fx.queryOrder.paid),
      refund: answer(pay.refund ?? fx.refund.accepted),
    },
  };
}
// The fake is a WxCloud whose methods are jest mocks (calls are inspected below).
const asCloud = (c: ReturnType<typeof fakeCloud>): WxCloud => c as unknown as WxCloud;

const logs: { level: string; event: string }[] = [];
const log = {
  info: (event: string) => logs.push({ level: 'info', event }),
  warn: (event: string) => logs.push({ level: 'warn', event }),
  error: (event: string) => logs.push({ level: 'error', event }),
};

describe('identity from getWXContext().SOURCE', () => {
  it.each([
    ['wx_client', 'client'],
    ['wx_client,scf', 'client'],
    ['wx_unknown', 'client'],
    ['wx_crawler', 'client'],
    ['wx_trigger', 'trigger'],
    ['wx_trigger,scf', 'console'],
    ['wx_paycallback', 'payment'],
    ['wx_paycallback,scf', 'console'],
    ['wx_devtools', 'console'],
    ['wx_http', 'console'],
    ['scf', 'console'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('SOURCE %p is %p', (source, expected) => {
    expect(classifyWxSource(source)).toBe(expected);
  });

  it('takes the caller and the source from the context, never anything else', () => {
    const ctx: WxContext = { OPENID: 'o-wx', APPID: 'wx123', UNIONID: '', SOURCE: 'wx_client' };
    const id = wxIdentity(asCloud(fakeCloud(ctx)));
    expect(id.current()).toEqual({ openid: 'o-wx', appid: 'wx123', unionid: undefined, source: 'client' });
    expect(id.isTimerTrigger()).toBe(false);
    Object.assign(ctx, { SOURCE: 'wx_trigger', OPENID: undefined });
    expect(id.current()).toBeUndefined();
    expect(id.isTimerTrigger()).toBe(true);
    expect(id.source()).toBe('trigger');
  });
});

describe('WeChat Pay adapter', () => {
  const env = { ...process.env };
  beforeEach(() => {
    process.env.WX_PAY_SUB_MCH_ID = '1712734762';
    logs.length = 0;
  });
  afterAll(() => {
    process.env = env;
  });
  const order = { outTradeNo: 'VIP1', totalFee: 1990, body: '付费会员（365天）', openid: 'o-m' };
  const refundInput = { outTradeNo: 'VIP1', outRefundNo: 'VIP1R', totalFee: 1990, refundFee: 1990 };

  it('passes what WeChat marks required: nonceStr, envId, functionName, subMchId, JSAPI', async () => {
    const cloud = fakeCloud({ ENV: 'prod-1a2b' });
    const params = await wxPayments(asCloud(cloud), log).unifiedOrder(order);
    expect(params).toEqual({ timeStamp: '1647841885', nonceStr: 'BfM1ojiTfFCbpmkL', package: 'prepay_id=wx2825019415cb82821e6a15a7c113510000', signType: 'MD5', paySign: '038EE415FD025B0D37717E8A1D6C34B6' });
    const args = cloud.cloudPay.unifiedOrder.mock.calls[0][0];
    expect(args).toMatchObject({ envId: 'prod-1a2b', functionName: PAYMENT_CALLBACK_FUNCTION, subMchId: '1712734762', tradeType: 'JSAPI', totalFee: 1990, outTradeNo: 'VIP1' });
    expect(args.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    await wxPayments(asCloud(cloud), log).queryOrder('VIP1');
    expect(cloud.cloudPay.queryOrder.mock.calls[0][0]).toMatchObject({ subMchId: '1712734762', outTradeNo: 'VIP1', nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/) });
    await wxPayments(asCloud(cloud), log).refund(refundInput);
    expect(cloud.cloudPay.refund.mock.calls[0][0]).toMatchObject({ ...refundInput, envId: 'prod-1a2b', functionName: PAYMENT_CALLBACK_FUNCTION, nonceStr: expect.any(String) });
  });

  it('takes the environment id from TCB_ENV when the context has none', async () => {
    process.env.TCB_ENV = 'env-from-var';
    const cloud = fakeCloud({});
    await wxPayments(asCloud(cloud), log).unifiedOrder(order);
    expect(cloud.cloudPay.unifiedOrder.mock.calls[0][0].envId).toBe('env-from-var');
    delete process.env.TCB_ENV;
  });

  it('refuses to call WeChat Pay without a merchant number or an environment', async () => {
    delete process.env.WX_PAY_SUB_MCH_ID;
    const cloud = fakeCloud({ ENV: 'e' });
    await expect(wxPayments(asCloud(cloud), log).unifiedOrder(order)).rejects.toMatchObject({ name: 'PaymentError', kind: 'misconfigured' });
    process.env.WX_PAY_SUB_MCH_ID = '1712734762';
    delete process.env.TCB_ENV;
    delete process.env.SCF_NAMESPACE;
    await expect(wxPayments(asCloud(fakeCloud({})), log).refund(refundInput)).rejects.toMatchObject({ kind: 'misconfigured' });
    expect(cloud.cloudPay.unifiedOrder).not.toHaveBeenCalled();
    expect(logs).toContainEqual({ level: 'error', event: 'pay.misconfigured' });
  });

  it.each<[string, PaymentErrorKind, object | Error]>([
    ['return_code FAIL', 'rejected', fx.unifiedOrder.returnFail],
    ['result_code FAIL (ORDERPAID)', 'rejected', fx.unifiedOrder.orderPaid],
    ['result_code FAIL (SYSTEMERROR)', 'unavailable', fx.unifiedOrder.systemError],
    ['SUCCESS without payment', 'unavailable', fx.unifiedOrder.noPayment],
    ['an SDK throw (-501001)', 'unavailable', fx.unifiedOrder.thrown],
  ])('unifiedOrder: %s is a PaymentError %p, never a TypeError', async (_name, kind, res) => {
    const e = await wxPayments(asCloud(fakeCloud({ ENV: 'e' }, { unifiedOrder: res })), log).unifiedOrder(order).catch((x: unknown) => x);
    expect(isPaymentError(e, kind)).toBe(true);
    expect((e as Error).message).toContain('unifiedOrder');
  });

  it.each<[string, object | Error, OrderQueryResult | PaymentErrorKind]>([
    ['paid', fx.queryOrder.paid, { paid: true, refunded: false, totalFee: 1990, tradeState: 'SUCCESS' }],
    ['not paid', fx.queryOrder.notPaid, { paid: false, refunded: false, totalFee: 0, tradeState: 'NOTPAY' }],
    ['refunded (paid, then a refund accepted)', fx.queryOrder.refunded, { paid: true, refunded: true, totalFee: 1990, tradeState: 'REFUND' }],
    ['unknown to WeChat Pay (ORDERNOTEXIST)', fx.queryOrder.notFound, { paid: false, refunded: false, totalFee: 0, tradeState: 'NOTEXIST' }],
    ['result_code FAIL (SYSTEMERROR)', fx.queryOrder.systemError, 'unavailable'],
    ['return_code FAIL', fx.queryOrder.returnFail, 'rejected'],
    ['an SDK throw', fx.queryOrder.thrown, 'unavailable'],
  ])('queryOrder: %s', async (_name, res, expected) => {
    const out = await wxPayments(asCloud(fakeCloud({ ENV: 'e' }, { queryOrder: res })), log).queryOrder('VIP1').catch((x: unknown) => x);
    if (typeof expected === 'string') expect(isPaymentError(out, expected)).toBe(true);
    else expect(out).toEqual(expected);
  });

  it.each<[string, object | Error, { accepted: boolean; reason?: string } | PaymentErrorKind]>([
    ['accepted', fx.refund.accepted, { accepted: true }],
    ['refused (NOTENOUGH)', fx.refund.notEnough, { accepted: false, reason: '基本账户余额不足，请充值后重新发起' }],
    ['result_code FAIL (SYSTEMERROR): ask again with the same number', fx.refund.systemError, 'unavailable'],
    ['return_code FAIL', fx.refund.returnFail, 'rejected'],
    ['an SDK throw', fx.refund.thrown, 'unavailable'],
  ])('refund: %s', async (_name, res, expected) => {
    const out = await wxPayments(asCloud(fakeCloud({ ENV: 'e' }, { refund: res })), log).refund(refundInput).catch((x: unknown) => x);
    if (typeof expected === 'string') expect(isPaymentError(out, expected)).toBe(true);
    else expect(out).toEqual(expected);
  });

  it('a string err_code that survives decides over the description', async () => {
    const res = { ...fx.unifiedOrder.orderPaid, errCode: 'SYSTEMERROR', errCodeDes: '' };
    const e = await wxPayments(asCloud(fakeCloud({ ENV: 'e' }, { unifiedOrder: res })), log).unifiedOrder(order).catch((x: unknown) => x);
    expect(isPaymentError(e, 'unavailable')).toBe(true);
  });
});

describe('open API adapter', () => {
  it.each([
    ['risky', fx.msgSecCheck.risky, { suggest: 'risky', pass: false, label: 20001 }],
    ['review', fx.msgSecCheck.review, { suggest: 'review', pass: false, label: 10001 }],
    ['pass', fx.msgSecCheck.pass, { suggest: 'pass', pass: true, label: 100 }],
    ['no verdict: doubtful, never pass', fx.msgSecCheck.empty, { suggest: 'review', pass: false, label: 0 }],
  ])('msgSecCheck v2 %s', (_name, res, expected) => {
    expect(toContentCheckResult(res)).toEqual(expected);
  });

  it('calls msgSecCheck v2 with the scene number and the author', async () => {
    const cloud = fakeCloud({}, {}, fx.msgSecCheck.risky);
    const api = wxOpenApi(asCloud(cloud));
    expect(await api.checkText({ openid: 'o-a', content: '昵称', scene: 'profile' })).toMatchObject({ suggest: 'risky' });
    await api.checkText({ openid: 'o-a', content: '帖子', scene: 'forum' });
    expect(cloud.openapi.security.msgSecCheck.mock.calls.map((c) => c[0])).toEqual([
      { openid: 'o-a', scene: 1, version: 2, content: '昵称' },
      { openid: 'o-a', scene: 3, version: 2, content: '帖子' },
    ]);
  });

  it('lets the SDK error through (the use case decides)', async () => {
    const api = wxOpenApi(asCloud(fakeCloud({}, {}, fx.msgSecCheck.thrown)));
    await expect(api.checkText({ openid: '', content: 'x', scene: 'profile' })).rejects.toMatchObject({ errCode: 40003 });
  });
});
