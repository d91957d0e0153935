import { createSign, createVerify, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Logger } from '../logger.port';
import { MEMBER_CONFIRMATION_MS, PaymentError, TransferUnavailableError, type TransferInput, type TransferResult, type TransfersPort } from '../payments.port';

/**
 * WeChat Pay's merchant transfer to change (商家转账, merchant API v3), for distribution withdrawals. cloudPay has
 * no payouts, so this adapter signs its own HTTPS requests with the merchant's API certificate key.
 * Configuration comes from the function's environment only (README, "Withdrawals in production").
 */
export const TRANSFER_BILLS_PATH = '/v3/fund-app/mch-transfer/transfer-bills';
export const WECHAT_PAY_API = 'https://api.mch.weixin.qq.com';

/**
 * Scene 1000 (现金营销, cash marketing) with its two report lines. The scene must be enabled for the merchant in
 * WeChat Pay's console; a merchant with another scene changes it here (its report lines differ by scene).
 */
const TRANSFER_SCENE = {
  id: '1000',
  reportInfos: [
    { info_type: '活动名称', info_content: '推广佣金' },
    { info_type: '奖励说明', info_content: '推广佣金提现' },
  ],
};

export interface TransferSettings {
  mchId: string;
  appId: string;
  /** Serial number of the merchant's API certificate (商户API证书序列号). */
  certSerial: string;
  /** The merchant's API certificate private key, PEM (apiclient_key.pem). */
  privateKeyPem: string;
  /** WeChat Pay's public key (微信支付公钥), PEM: when given, every answer's signature is verified. */
  wechatPayPublicKeyPem?: string;
  /** Its id (PUB_KEY_ID_…): when given, an answer signed with another key is refused. */
  wechatPayPublicKeyId?: string;
}

/** A variable set in the cloud console is one line: `\n` written out in the PEM stands for a newline. */
const pem = (v: string | undefined) => (v ? v.replace(/\\n/g, '\n') : undefined);

/** The function's environment; null when payouts are not set up (a variable is missing). */
export function transferSettingsFromEnv(): { settings: TransferSettings } | { missing: string[] } {
  const vars = {
    WX_TRANSFER_MCH_ID: process.env.WX_TRANSFER_MCH_ID,
    WX_TRANSFER_APPID: process.env.WX_TRANSFER_APPID,
    WX_TRANSFER_CERT_SERIAL: process.env.WX_TRANSFER_CERT_SERIAL,
    WX_TRANSFER_PRIVATE_KEY: process.env.WX_TRANSFER_PRIVATE_KEY,
  };
  const missing = Object.entries(vars).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length) return { missing };
  return {
    settings: {
      mchId: vars.WX_TRANSFER_MCH_ID!,
      appId: vars.WX_TRANSFER_APPID!,
      certSerial: vars.WX_TRANSFER_CERT_SERIAL!,
      privateKeyPem: pem(vars.WX_TRANSFER_PRIVATE_KEY)!,
      wechatPayPublicKeyPem: pem(process.env.WX_TRANSFER_WECHATPAY_PUBLIC_KEY),
      wechatPayPublicKeyId: process.env.WX_TRANSFER_WECHATPAY_PUBLIC_KEY_ID || undefined,
    },
  };
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}
export interface HttpResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}
/** Sends one request; rejects on network errors and timeouts. Injectable so tests can use a local server. */
export type HttpSend = (req: HttpRequest) => Promise<HttpResponse>;

/**
 * node:http(s), not fetch: the functions run on Node 16.13 (scripts/deploy/plan.ts RUNTIME), which has no global
 * fetch. `http:` URLs are for tests against a local server only.
 */
export const nodeHttpSend: HttpSend = (req) =>
  new Promise((resolve, reject) => {
    const send = req.url.startsWith('https:') ? httpsRequest : httpRequest;
    const r = send(req.url, { method: req.method, headers: { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    r.setTimeout(req.timeoutMs, () => r.destroy(new Error(`timed out after ${req.timeoutMs} ms`)));
    r.on('error', reject);
    r.end(req.body);
  });

/** API v3 request signature: RSA-SHA256 over `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n`, base64. */
export function signRequest(s: Pick<TransferSettings, 'mchId' | 'certSerial' | 'privateKeyPem'>, method: string, pathAndQuery: string, body: string, timestamp: string, nonceStr: string): string {
  const signature = createSign('RSA-SHA256').update(`${method}\n${pathAndQuery}\n${timestamp}\n${nonceStr}\n${body}\n`).sign(s.privateKeyPem, 'base64');
  return `WECHATPAY2-SHA256-RSA2048 mchid="${s.mchId}",nonce_str="${nonceStr}",signature="${signature}",timestamp="${timestamp}",serial_no="${s.certSerial}"`;
}

/** API v3 answer signature: RSA-SHA256 over `TIMESTAMP\nNONCE\nBODY\n` (headers Wechatpay-Timestamp, -Nonce, -Signature). */
export function answerSignatureValid(publicKeyPem: string, res: HttpResponse): boolean {
  const ts = res.headers['wechatpay-timestamp'];
  const nonceStr = res.headers['wechatpay-nonce'];
  const signature = res.headers['wechatpay-signature'];
  if (!ts || !nonceStr || !signature) return false;
  try {
    return createVerify('RSA-SHA256').update(`${ts}\n${nonceStr}\n${res.body}\n`).verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

/** WeChat Pay's bill (transfer-bills answer and the query's answer); only the fields we read. */
interface TransferBill {
  out_bill_no?: string;
  state?: string;
  fail_reason?: string;
  package_info?: string;
  /** RFC 3339 with offset, e.g. 2025-01-22T15:44:23+08:00. */
  create_time?: string;
}

/** Bill states (单据状态) that are not final yet; WAIT_USER_CONFIRM is handled apart (the member must act). */
const PENDING_STATES = new Set(['ACCEPTED', 'PROCESSING', 'TRANSFERING', 'CANCELING']);

/** The member may confirm until 24 h after the bill was created (or, when WeChat Pay omits the time, after now). */
function confirmationExpiry(bill: TransferBill, now: Date): Date {
  const created = bill.create_time ? new Date(bill.create_time) : null;
  const from = created && !Number.isNaN(created.getTime()) ? created : now;
  return new Date(from.getTime() + MEMBER_CONFIRMATION_MS);
}

function toResult(bill: TransferBill, s: TransferSettings, api: 'transfer' | 'queryTransfer', now: Date): TransferResult {
  switch (bill.state) {
    case 'SUCCESS':
      return { state: 'success' };
    case 'FAIL':
      return { state: 'failed', failReason: bill.fail_reason || 'FAIL' };
    // Cancelled (by us, or closed by WeChat after the member did not confirm in time): nothing was paid.
    case 'CANCELLED':
      return { state: 'failed', failReason: bill.fail_reason || 'CANCELLED' };
    case 'WAIT_USER_CONFIRM':
      if (!bill.package_info) return { state: 'accepted' };
      return { state: 'accepted', memberConfirmation: { mchId: s.mchId, appId: s.appId, packageInfo: bill.package_info, expiresAt: confirmationExpiry(bill, now) } };
    default:
      if (bill.state && PENDING_STATES.has(bill.state)) return { state: 'accepted' };
      throw new PaymentError('unavailable', api, `unknown bill state ${String(bill.state)}`);
  }
}

export interface WxTransfersOptions {
  log: Logger;
  /** The function's environment by default; tests pass settings. */
  settings?: () => ReturnType<typeof transferSettingsFromEnv>;
  send?: HttpSend;
  baseUrl?: string;
  /** Per request: the distribution function's own timeout is 10 s (called) or 60 s (timer). */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Idempotent by out_bill_no (WeChat Pay's rule: the same number with the same content answers the existing
 * bill and never pays twice); the request body depends on the input alone, so a re-send is byte-identical.
 * Errors: a missing variable -> TransferUnavailableError (nothing sent); no usable answer (network, timeout,
 * 5xx, 429, an answer that fails its signature or cannot be read) -> PaymentError `unavailable`; another 4xx
 * (WeChat Pay refused the request: parameters, balance, permission) -> PaymentError `rejected`.
 */
export function wxTransfers(opts: WxTransfersOptions): TransfersPort {
  const { log } = opts;
  const send = opts.send ?? nodeHttpSend;
  const baseUrl = opts.baseUrl ?? WECHAT_PAY_API;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const now = opts.now ?? (() => new Date());
  const configured = (api: 'transfer' | 'queryTransfer'): TransferSettings => {
    const found = (opts.settings ?? transferSettingsFromEnv)();
    if ('missing' in found) {
      log.error('transfer.misconfigured', { api, missing: found.missing });
      throw new TransferUnavailableError(`商家转账未配置：缺少环境变量 ${found.missing.join(', ')}`);
    }
    return found.settings;
  };

  async function call(api: 'transfer' | 'queryTransfer', s: TransferSettings, method: 'GET' | 'POST', path: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const timestamp = String(Math.floor(now().getTime() / 1000));
    const nonceStr = randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      Authorization: signRequest(s, method, path, body, timestamp, nonceStr),
      Accept: 'application/json',
      'User-Agent': 'super-user-community',
    };
    if (method === 'POST') headers['Content-Type'] = 'application/json';
    if (s.wechatPayPublicKeyId) headers['Wechatpay-Serial'] = s.wechatPayPublicKeyId;
    let res: HttpResponse;
    try {
      res = await send({ method, url: baseUrl + path, headers, body, timeoutMs });
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      log.error('transfer.unavailable', { api, detail });
      throw new PaymentError('unavailable', api, detail);
    }
    if (res.status >= 500 || res.status === 429) {
      log.error('transfer.unavailable', { api, status: res.status, body: res.body.slice(0, 200) });
      throw new PaymentError('unavailable', api, `HTTP ${res.status} ${res.body.slice(0, 200)}`);
    }
    if (s.wechatPayPublicKeyPem) {
      const serial = res.headers['wechatpay-serial'];
      if (!answerSignatureValid(s.wechatPayPublicKeyPem, res) || (s.wechatPayPublicKeyId && serial !== s.wechatPayPublicKeyId)) {
        log.error('transfer.bad_signature', { api, status: res.status, serial });
        throw new PaymentError('unavailable', api, 'answer signature not valid');
      }
    }
    let json: Record<string, unknown>;
    try {
      json = res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
    } catch {
      throw new PaymentError('unavailable', api, `HTTP ${res.status}: answer is not JSON`);
    }
    return { status: res.status, json };
  }

  const describeRefusal = (status: number, json: Record<string, unknown>) => `HTTP ${status} ${String(json.code ?? '')} ${String(json.message ?? '')}`.trim();

  return {
    async transfer(input: TransferInput) {
      const s = configured('transfer');
      const body = JSON.stringify({
        appid: s.appId,
        out_bill_no: input.outBillNo,
        transfer_scene_id: TRANSFER_SCENE.id,
        openid: input.openid,
        transfer_amount: input.amountFen,
        transfer_remark: input.remark,
        transfer_scene_report_infos: TRANSFER_SCENE.reportInfos,
      });
      const { status, json } = await call('transfer', s, 'POST', TRANSFER_BILLS_PATH, body);
      if (status >= 400) {
        log.error('transfer.rejected', { outBillNo: input.outBillNo, status, code: json.code, message: json.message });
        throw new PaymentError('rejected', 'transfer', describeRefusal(status, json), typeof json.code === 'string' ? json.code : undefined);
      }
      return toResult(json as TransferBill, s, 'transfer', now());
    },

    async queryTransfer(outBillNo: string) {
      const s = configured('queryTransfer');
      const { status, json } = await call('queryTransfer', s, 'GET', `${TRANSFER_BILLS_PATH}/out-bill-no/${encodeURIComponent(outBillNo)}`, '');
      // No such bill: the request never arrived (WeChat Pay answers 404 NOT_FOUND).
      if (status === 404) return null;
      if (status >= 400) {
        log.error('transfer.rejected', { api: 'queryTransfer', outBillNo, status, code: json.code, message: json.message });
        throw new PaymentError('rejected', 'queryTransfer', describeRefusal(status, json));
      }
      return toResult(json as TransferBill, s, 'queryTransfer', now());
    },
  };
}
