import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { LocalCloud } from './local-cloud';
import { isStorageError } from '../storage.port';
import { DEV_OUTBOX } from './local-openapi';
import { FILES_ROUTE, MAX_CLIENT_UPLOAD_BYTES } from './local-storage';
import { PERSONAS } from './demo-personas';

/** Header the H5 app sends with the persona chosen in its switcher: the local stand-in for WeChat's OPENID. */
export const DEV_OPENID_HEADER = 'x-dev-openid';
const OPENID_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
/** The app's upload route (H5), standing in for wx.cloud.uploadFile. */
export const UPLOAD_ROUTE = '/api/_storage/upload';
/** Larger bodies are refused with 413 before they are parsed. */
export const MAX_BODY = 256 * 1024;

/** A request the gateway refuses on its own: an HTTP status and a typed error body, never a stack or raw text. */
class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** The dev clock takes exactly one of these. Moving back is `reset` only (to real time); dates stay in 2000–2099. */
const DAY_MS = 86_400_000;
const CLOCK_FIELDS = {
  reset: z.literal(true, { message: 'reset 只能是 true' }),
  at: z
    .string()
    .max(40)
    .refine(isCalendarDateTime, '不是有效的日期时间（ISO 8601）')
    .refine((s) => Date.parse(s) >= Date.UTC(2000, 0, 1) && Date.parse(s) < Date.UTC(2100, 0, 1), '日期须在 2000 到 2099 年之间'),
  advanceMs: z
    .number({ message: 'advanceMs 必须是毫秒数' })
    .int('必须是整数毫秒')
    .min(0, '时间不能倒退（回到现在请用 reset）')
    .max(3660 * DAY_MS, '一次最多前进 10 年'),
};
type ClockRequest = { reset: true } | { at: string } | { advanceMs: number };

function parseClockRequest(body: unknown): ClockRequest {
  const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  const key = keys.length === 1 ? keys[0] : undefined;
  if (key !== 'reset' && key !== 'at' && key !== 'advanceMs') {
    throw new GatewayError(400, 'INVALID_INPUT', '请提供 at（ISO 日期时间）、advanceMs（非负整数毫秒）或 reset: true 中的一项');
  }
  const parsed = CLOCK_FIELDS[key].safeParse((body as Record<string, unknown>)[key]);
  if (!parsed.success) throw new GatewayError(400, 'INVALID_INPUT', parsed.error.issues[0]?.message ?? '参数错误', key);
  return { [key]: parsed.data } as ClockRequest;
}

/** An ISO 8601 date(-time) whose day exists: Date.parse takes 2027-02-30 for March 2. */
function isCalendarDateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface GatewayOptions {
  cloud: LocalCloud;
  /** The H5 build to serve at `/`. */
  staticDir?: string;
  port?: number;
}

/** Listens on 127.0.0.1 only: the dev identity must never be reachable from another machine. */
export async function startGateway(opts: GatewayOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handle(opts, req, res).catch((e: unknown) => {
      if (e instanceof GatewayError) {
        const error = e.field ? { code: e.code, message: e.message, field: e.field } : { code: e.code, message: e.message };
        // An unread body (413) would otherwise be taken for the next request on a kept-alive connection.
        if (e.status === 413) res.setHeader('connection', 'close');
        return send(res, e.status, { ok: false, error });
      }
      opts.cloud.platform.logger.error('gateway.failed', { url: req.url, err: e instanceof Error ? e.message : String(e) });
      return send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '本地云出错了，详情见终端日志' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function handle(opts: GatewayOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw new GatewayError(400, 'BAD_REQUEST', '无效的请求地址');
  }
  const { cloud } = opts;
  if (url.pathname.startsWith('/api/_dev/')) return devRoute(cloud, url, req, res);
  if (url.pathname === UPLOAD_ROUTE) return uploadRoute(cloud, url, req, res);
  if (url.pathname.startsWith(FILES_ROUTE)) return filesRoute(cloud, url, res);
  if (url.pathname.startsWith('/api/')) {
    if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
    const fn = url.pathname.slice('/api/'.length);
    if (!cloud.hasFunction(fn)) return send(res, 404, { ok: false, error: { code: 'UNKNOWN_ACTION', message: `没有云函数 ${fn}` } });
    const openid = String(req.headers[DEV_OPENID_HEADER] ?? '');
    if (!OPENID_PATTERN.test(openid)) {
      return send(res, 200, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先选择身份' } });
    }
    const event = await readJson(req);
    return send(res, 200, await cloud.call(fn, event, openid));
  }
  return serveStatic(opts.staticDir, url.pathname, res);
}

async function devRoute(cloud: LocalCloud, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const route = url.pathname.slice('/api/_dev/'.length);
  if (route === 'personas') return send(res, 200, PERSONAS);
  if (route === 'outbox') {
    const { data } = await cloud.db.collection(DEV_OUTBOX).orderBy('at', 'desc').limit(100).get();
    return send(res, 200, data);
  }
  if (route === 'clock' && req.method === 'POST') {
    const body = parseClockRequest(await readJson(req));
    if ('reset' in body) cloud.clock.reset();
    else if ('at' in body) cloud.clock.runFrom(new Date(body.at));
    else cloud.clock.advance(body.advanceMs);
    const timers = await cloud.runDueTimers();
    return send(res, 200, { now: cloud.clock.now().toISOString(), timers });
  }
  if (route === 'clock') return send(res, 200, { now: cloud.clock.now().toISOString() });
  if (route === 'pay' && req.method === 'POST') {
    const body = await readJson(req);
    const outTradeNo = typeof body === 'object' && body !== null ? String((body as { outTradeNo?: unknown }).outTradeNo ?? '') : '';
    const result = await cloud.payments.pay(outTradeNo);
    if (result.paid) await cloud.notifyPaid(outTradeNo);
    return send(res, 200, result);
  }
  if (route === 'confirm-transfer' && req.method === 'POST') {
    // What the member's 确认收款 in wx.requestMerchantTransfer does, for the H5 build (no WeChat client here).
    const openid = String(req.headers[DEV_OPENID_HEADER] ?? '');
    if (!OPENID_PATTERN.test(openid)) return send(res, 401, { confirmed: false, message: '请先选择身份' });
    const body = await readJson(req);
    const pkg = typeof body === 'object' && body !== null ? String((body as { package?: unknown }).package ?? '') : '';
    return send(res, 200, await cloud.payments.confirmTransfer(pkg, openid));
  }
  return send(res, 404, { error: 'unknown dev route' });
}

/** What `wx.cloud.uploadFile` does on weapp: the raw file as the body, the cloudPath in the query. */
async function uploadRoute(cloud: LocalCloud, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
  const openid = String(req.headers[DEV_OPENID_HEADER] ?? '');
  if (!OPENID_PATTERN.test(openid)) return send(res, 401, { errCode: -501008, errMsg: 'uploadFile:fail 请先选择身份' });
  let content: Buffer;
  try {
    content = await readBody(req, MAX_CLIENT_UPLOAD_BYTES);
  } catch {
    return send(res, 413, { errCode: -501007, errMsg: `uploadFile:fail file is larger than ${MAX_CLIENT_UPLOAD_BYTES} bytes` });
  }
  try {
    const { fileId } = await cloud.storage.uploadAs(openid, url.searchParams.get('cloudPath') ?? '', content);
    return send(res, 200, { fileID: fileId, statusCode: 200, errMsg: 'uploadFile:ok' });
  } catch (e) {
    if (!isStorageError(e)) throw e;
    const status = e.kind === 'too-large' ? 413 : e.kind === 'invalid' ? 400 : 500;
    return send(res, status, { errCode: e.kind === 'invalid' && /permission/.test(e.message) ? -503002 : -501007, errMsg: e.message });
  }
}

function filesRoute(cloud: LocalCloud, url: URL, res: ServerResponse): void {
  const found = cloud.storage.serve(url.pathname, url.searchParams);
  if (found.status !== 200) return send(res, found.status, { error: found.reason });
  res.writeHead(200, { 'content-type': sniffType(found.content), 'cache-control': 'private, max-age=3600' });
  res.end(found.content);
}

/** Files carry no type in storage: tell images apart by their magic bytes, as a CDN would by the key's suffix. */
function sniffType(b: Buffer): string {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(b.subarray(0, 256).toString('utf8'))) return 'image/svg+xml';
  return 'application/octet-stream';
}

function serveStatic(dir: string | undefined, pathname: string, res: ServerResponse): void {
  if (!dir || !existsSync(dir)) return send(res, 404, { error: 'H5 build missing: run npm run build:h5' });
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new GatewayError(400, 'BAD_REQUEST', '无效的请求地址（百分号编码错误）');
  }
  if (decoded.includes('\0')) throw new GatewayError(400, 'BAD_REQUEST', '无效的请求地址');
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(dir, rel);
  if (!file.startsWith(dir + sep) && file !== dir) return send(res, 403, { error: 'forbidden' });
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new GatewayError(413, 'PAYLOAD_TOO_LARGE', `请求内容过大（上限 ${Math.round(limit / 1024)} KB）`);
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readBody(req, MAX_BODY);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new GatewayError(400, 'INVALID_INPUT', '请求内容不是有效的 JSON');
  }
}
