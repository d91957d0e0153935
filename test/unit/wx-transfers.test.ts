import { createSign, createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isPaymentError, isTransferUnavailable, type TransferInput } from '../../cloudfunctions/_platform/payments.port';
import { TRANSFER_BILLS_PATH, transferSettingsFromEnv, wxTransfers, type TransferSettings } from '../../cloudfunctions/_platform/wx/wx-transfers';

/** The merchant's API certificate key (the adapter signs with it) and WeChat Pay's key (it signs answers). */
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const wechat = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

const SETTINGS: TransferSettings = { mchId: '1900000109', appId: 'wx8888888888888888', certSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1', privateKeyPem: merchant.privateKey };
const INPUT: TransferInput = { outBillNo: 'W20261129000001', openid: 'o-member-1', amountFen: 1234, remark: '推广佣金提现' };

interface Received {
  method: string;
  path: string;
  body: string;
  /** The Authorization header verified with the merchant's public key. */
  signatureValid: boolean;
  auth: Record<string, string>;
}

/** How the stand-in WeChat Pay answers: a status and JSON, or `hang` (never answers). */
type Answer = { status: number; json?: unknown; raw?: string } | 'hang';

let server: Server;
let baseUrl = '';
const received: Received[] = [];
let answer: (r: Received) => Answer = () => ({ status: 500 });
/** When set, answers carry WeChat Pay's signature headers made with this key (tampered when `tamper`). */
let signAnswers: { key: string; serial: string; tamper?: boolean } | null = null;

function parseAuthorization(header: string): Record<string, string> {
  const [scheme, rest] = [header.slice(0, header.indexOf(' ')), header.slice(header.indexOf(' ') + 1)];
  const out: Record<string, string> = { scheme };
  for (const m of rest.matchAll(/(\w+)="([^"]*)"/g)) out[m[1]] = m[2];
  return out;
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const auth = parseAuthorization(String(req.headers.authorization ?? ''));
    const message = `${req.method}\n${req.url}\n${auth.timestamp}\n${auth.nonce_str}\n${body}\n`;
    const signatureValid = auth.scheme === 'WECHATPAY2-SHA256-RSA2048' && createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, auth.signature ?? '', 'base64');
    const r: Received = { method: req.method!, path: req.url!, body, signatureValid, auth };
    received.push(r);
    const a = signatureValid ? answer(r) : { status: 401, json: { code: 'SIGN_ERROR', message: '签名错误' } };
    if (a === 'hang') return;
    const text = a.raw ?? (a.json === undefined ? '' : JSON.stringify(a.json));
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (signAnswers) {
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      headers['Wechatpay-Timestamp'] = ts;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Serial'] = signAnswers.serial;
      headers['Wechatpay-Signature'] = createSign('RSA-SHA256').update(`${ts}\n${nonce}\n${text}${signAnswers.tamper ? ' ' : ''}\n`).sign(signAnswers.key, 'base64');
    }
    res.writeHead(a.status, headers).end(text);
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections?.();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.length = 0;
  signAnswers = null;
  logs.length = 0;
});

const logs: string[] = [];
const log = { info: (e: string) => logs.push(e), warn: (e: string) => logs.push(e), error: (e: string) => logs.push(e) };
const port = (settings: Partial<TransferSettings> = {}, timeoutMs = 2000) =>
  wxTransfers({ log, settings: () => ({ settings: { ...SETTINGS, ...settings } }), baseUrl, timeoutMs });

/** A stand-in that keeps bills by out_bill_no, as WeChat Pay does: the same number answers the same bill. */
function billsByNumber(state: string, extra: Record<string, unknown> = {}) {
  const bills = new Map<string, { body: string; bill: Record<string, unknown> }>();
  return (r: Received): Answer => {
    if (r.method === 'POST') {
      const req = JSON.parse(r.body) as { out_bill_no: string };
      const known = bills.get(req.out_bill_no);
      if (known && known.body !== r.body) return { status: 400, json: { code: 'INVALID_REQUEST', message: '商户单号重复，请求参数不一致' } };
      const bill = known?.bill ?? { out_bill_no: req.out_bill_no, transfer_bill_no: `1330000${bills.size}`, create_time: '2026-11-29T20:00:00+08:00', state, ...extra };
      bills.set(req.out_bill_no, { body: r.body, bill });
      return { status: 200, json: bill };
    }
    const no = decodeURIComponent(r.path.split('/').pop()!);
    const known = bills.get(no);
    return known ? { status: 200, json: { mch_id: SETTINGS.mchId, appid: SETTINGS.appId, ...known.bill } } : { status: 404, json: { code: 'NOT_FOUND', message: '记录不存在' } };
  };
}

describe('merchant transfer request', () => {
  it('signs the request with the merchant key and sends the bill WeChat Pay expects', async () => {
    answer = billsByNumber('SUCCESS');
    expect(await port().transfer(INPUT)).toEqual({ state: 'success' });
    expect(received).toHaveLength(1);
    const [r] = received;
    expect(r).toMatchObject({ method: 'POST', path: TRANSFER_BILLS_PATH, signatureValid: true });
    expect(r.auth).toMatchObject({ mchid: SETTINGS.mchId, serial_no: SETTINGS.certSerial });
    expect(r.auth.nonce_str).toMatch(/^[0-9a-f]{32}$/);
    expect(Math.abs(Number(r.auth.timestamp) - Date.now() / 1000)).toBeLessThan(60);
    expect(JSON.parse(r.body)).toEqual({
      appid: SETTINGS.appId,
      out_bill_no: INPUT.outBillNo,
      transfer_scene_id: '1000',
      openid: INPUT.openid,
      transfer_amount: 1234,
      transfer_remark: '推广佣金提现',
      transfer_scene_report_infos: [
        { info_type: '活动名称', info_content: '推广佣金' },
        { info_type: '奖励说明', info_content: '推广佣金提现' },
      ],
    });
  });

  it('a repeat with the same out_bill_no sends the same body, with a fresh signature, and gets the same bill', async () => {
    answer = billsByNumber('PROCESSING');
    const p = port();
    const first = await p.transfer(INPUT);
    const again = await p.transfer(INPUT);
    expect(first).toEqual({ state: 'accepted' });
    expect(again).toEqual(first);
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(received[0].body);
    expect(received[1].auth.nonce_str).not.toBe(received[0].auth.nonce_str);
    expect(received.every((r) => r.signatureValid)).toBe(true);
  });

  it('a signature made with another key is refused by the server (the check is real)', async () => {
    answer = billsByNumber('SUCCESS');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const e = await port({ privateKeyPem: other.privateKey }).transfer(INPUT).catch((x: unknown) => x);
    expect(received[0].signatureValid).toBe(false);
    expect(isPaymentError(e, 'rejected')).toBe(true);
  });

  it.each([
    ['ACCEPTED', { state: 'accepted' }],
    ['PROCESSING', { state: 'accepted' }],
    ['TRANSFERING', { state: 'accepted' }],
    ['CANCELING', { state: 'accepted' }],
    ['SUCCESS', { state: 'success' }],
    ['CANCELLED', { state: 'failed', failReason: 'CANCELLED' }],
  ])('maps bill state %s', async (state, expected) => {
    answer = billsByNumber(state);
    expect(await port().transfer(INPUT)).toEqual(expected);
  });

  it('a failed bill is final, with WeChat Pay’s reason', async () => {
    answer = billsByNumber('FAIL', { fail_reason: 'ACCOUNT_FROZEN' });
    expect(await port().transfer(INPUT)).toEqual({ state: 'failed', failReason: 'ACCOUNT_FROZEN' });
  });

  it('waiting for the member to confirm is not paid: accepted, with what the app needs for wx.requestMerchantTransfer', async () => {
    // The answer WeChat Pay documents for 发起转账 in the user-confirm mode: create_time, out_bill_no, package_info, state, transfer_bill_no.
    answer = billsByNumber('WAIT_USER_CONFIRM', { package_info: 'ABBQO+oYAAABAAAAAAB' });
    const expected = {
      state: 'accepted',
      // 24 h after create_time (2026-11-29T20:00:00+08:00).
      memberConfirmation: { mchId: SETTINGS.mchId, appId: SETTINGS.appId, packageInfo: 'ABBQO+oYAAABAAAAAAB', expiresAt: new Date('2026-11-30T12:00:00Z') },
    };
    const p = port();
    expect(await p.transfer(INPUT)).toEqual(expected);
    // The query answers the same bill with the same package (the member may confirm from the history later).
    expect(await p.queryTransfer(INPUT.outBillNo)).toEqual(expected);
  });

  it('a bill waiting for confirmation without create_time expires 24 h after the answer; without package_info it is plain accepted', async () => {
    const now = new Date('2026-11-29T10:00:00Z');
    answer = () => ({ status: 200, json: { out_bill_no: INPUT.outBillNo, state: 'WAIT_USER_CONFIRM', package_info: 'PKG' } });
    const p = wxTransfers({ log, settings: () => ({ settings: SETTINGS }), baseUrl, now: () => now });
    expect((await p.transfer(INPUT)).memberConfirmation?.expiresAt).toEqual(new Date('2026-11-30T10:00:00Z'));
    answer = () => ({ status: 200, json: { out_bill_no: INPUT.outBillNo, state: 'WAIT_USER_CONFIRM' } });
    expect(await p.transfer(INPUT)).toEqual({ state: 'accepted' });
  });

  it('a bill the member did not confirm in time is closed by WeChat Pay: failed with its code (OVERDUE_CLOSE)', async () => {
    answer = billsByNumber('CANCELLED', { fail_reason: 'OVERDUE_CLOSE' });
    expect(await port().transfer(INPUT)).toEqual({ state: 'failed', failReason: 'OVERDUE_CLOSE' });
  });

  it.each([
    ['5xx', { status: 500, json: { code: 'SYSTEM_ERROR', message: '系统错误' } }],
    ['429', { status: 429, json: { code: 'FREQUENCY_LIMITED', message: '频率超限' } }],
    ['an answer that is not JSON', { status: 200, raw: '<html>' }],
    ['an unknown bill state', { status: 200, json: { out_bill_no: INPUT.outBillNo, state: 'SOMETHING_NEW' } }],
  ])('%s -> unavailable (retry with the same number)', async (_, a) => {
    answer = () => a;
    const e = await port().transfer(INPUT).catch((x: unknown) => x);
    expect(isPaymentError(e, 'unavailable')).toBe(true);
    expect(isTransferUnavailable(e)).toBe(false);
  });

  it('a refusal (4xx) -> rejected with WeChat Pay’s code and message', async () => {
    answer = () => ({ status: 403, json: { code: 'NOT_ENOUGH', message: '资金不足' } });
    const e = await port().transfer(INPUT).catch((x: unknown) => x);
    expect(isPaymentError(e, 'rejected')).toBe(true);
    expect((e as Error).message).toContain('NOT_ENOUGH 资金不足');
    expect((e as { code?: string }).code).toBe('NOT_ENOUGH');
  });

  it('no answer within the timeout -> unavailable', async () => {
    answer = () => 'hang';
    const started = Date.now();
    const e = await port({}, 300).transfer(INPUT).catch((x: unknown) => x);
    expect(isPaymentError(e, 'unavailable')).toBe(true);
    expect((e as Error).message).toContain('timed out');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('nothing listening -> unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const e = await wxTransfers({ log, settings: () => ({ settings: SETTINGS }), baseUrl: url }).transfer(INPUT).catch((x: unknown) => x);
    expect(isPaymentError(e, 'unavailable')).toBe(true);
  });
});

describe('query by out_bill_no', () => {
  it('asks the signed path and maps the bill; a bill WeChat Pay does not have is null', async () => {
    answer = billsByNumber('SUCCESS');
    const p = port();
    expect(await p.queryTransfer(INPUT.outBillNo)).toBeNull();
    await p.transfer(INPUT);
    expect(await p.queryTransfer(INPUT.outBillNo)).toEqual({ state: 'success' });
    expect(received.filter((r) => r.method === 'GET').map((r) => [r.path, r.body, r.signatureValid])).toEqual([
      [`${TRANSFER_BILLS_PATH}/out-bill-no/${INPUT.outBillNo}`, '', true],
      [`${TRANSFER_BILLS_PATH}/out-bill-no/${INPUT.outBillNo}`, '', true],
    ]);
  });

  it('5xx -> unavailable, never null (null would re-send, which is safe, but would hide the outage)', async () => {
    answer = () => ({ status: 502, raw: 'bad gateway' });
    expect(isPaymentError(await port().queryTransfer(INPUT.outBillNo).catch((x: unknown) => x), 'unavailable')).toBe(true);
  });
});

describe('answer signature (WeChat Pay public key from the environment)', () => {
  const verified = { wechatPayPublicKeyPem: wechat.publicKey, wechatPayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000' };

  it('accepts an answer signed with WeChat Pay’s key and sends the key id', async () => {
    answer = billsByNumber('SUCCESS');
    signAnswers = { key: wechat.privateKey, serial: verified.wechatPayPublicKeyId };
    expect(await port(verified).transfer(INPUT)).toEqual({ state: 'success' });
  });

  it.each([
    ['a tampered answer', { key: wechat.privateKey, serial: verified.wechatPayPublicKeyId, tamper: true }],
    ['an answer signed with another key id', { key: wechat.privateKey, serial: 'PUB_KEY_ID_OTHER' }],
    ['an answer signed by someone else', { key: merchant.privateKey, serial: verified.wechatPayPublicKeyId }],
    ['an unsigned answer', null],
  ])('%s -> unavailable (the answer cannot be trusted)', async (_, s) => {
    answer = billsByNumber('SUCCESS');
    signAnswers = s;
    const e = await port(verified).transfer(INPUT).catch((x: unknown) => x);
    expect(isPaymentError(e, 'unavailable')).toBe(true);
    expect(logs).toContain('transfer.bad_signature');
  });
});

describe('configuration from the environment', () => {
  const VARS = ['WX_TRANSFER_MCH_ID', 'WX_TRANSFER_APPID', 'WX_TRANSFER_CERT_SERIAL', 'WX_TRANSFER_PRIVATE_KEY', 'WX_TRANSFER_WECHATPAY_PUBLIC_KEY', 'WX_TRANSFER_WECHATPAY_PUBLIC_KEY_ID'];
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  afterEach(() => {
    for (const v of VARS) if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  });

  it('a missing variable refuses cleanly before anything is sent, naming it', async () => {
    for (const v of VARS) delete process.env[v];
    process.env.WX_TRANSFER_MCH_ID = SETTINGS.mchId;
    const p = wxTransfers({ log, baseUrl });
    const e = await p.transfer(INPUT).catch((x: unknown) => x);
    expect(isTransferUnavailable(e)).toBe(true);
    expect((e as Error).message).toContain('WX_TRANSFER_APPID, WX_TRANSFER_CERT_SERIAL, WX_TRANSFER_PRIVATE_KEY');
    // A query cannot say "no bill" without asking: it throws too, so a withdrawal is never failed on a guess.
    expect(isTransferUnavailable(await p.queryTransfer(INPUT.outBillNo).catch((x: unknown) => x))).toBe(true);
    expect(received).toHaveLength(0);
  });

  it('reads a one-line PEM (newlines written as \\n, as the cloud console stores it) and signs with it', async () => {
    process.env.WX_TRANSFER_MCH_ID = SETTINGS.mchId;
    process.env.WX_TRANSFER_APPID = SETTINGS.appId;
    process.env.WX_TRANSFER_CERT_SERIAL = SETTINGS.certSerial;
    process.env.WX_TRANSFER_PRIVATE_KEY = merchant.privateKey.replace(/\n/g, '\\n');
    delete process.env.WX_TRANSFER_WECHATPAY_PUBLIC_KEY;
    delete process.env.WX_TRANSFER_WECHATPAY_PUBLIC_KEY_ID;
    expect(transferSettingsFromEnv()).toEqual({ settings: { ...SETTINGS, wechatPayPublicKeyPem: undefined, wechatPayPublicKeyId: undefined } });
    answer = billsByNumber('SUCCESS');
    expect(await wxTransfers({ log, baseUrl }).transfer(INPUT)).toEqual({ state: 'success' });
    expect(received[0].signatureValid).toBe(true);
  });
});
