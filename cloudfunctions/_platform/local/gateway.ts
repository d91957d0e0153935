import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { LocalCloud } from './local-cloud';
import { isStorageError } from '../storage.port';
import { DEV_OUTBOX } from './local-openapi';
import { FILES_ROUTE, MAX_CLIENT_UPLOAD_BYTES } from './local-storage';
import { PERSONAS } from './demo-personas';

/** Header the H5 app sends with the persona chosen in its switcher: the local stand-in for WeChat's OPENID. */
export const DEV_OPENID_HEADER = 'x-dev-openid';
const OPENID_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
const MAX_BODY = 256 * 1024;
/** The app's upload route (H5), standing in for wx.cloud.uploadFile. */
export const UPLOAD_ROUTE = '/api/_storage/upload';

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
    handle(opts, req, res).catch((e) => send(res, 500, { ok: false, error: { code: 'INTERNAL', message: String(e) } }));
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
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
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
    const body = (await readJson(req)) as { at?: string; advanceMs?: number; reset?: boolean };
    if (body.reset) cloud.clock.reset();
    else if (body.at) cloud.clock.runFrom(new Date(body.at));
    else if (typeof body.advanceMs === 'number') cloud.clock.advance(body.advanceMs);
    await cloud.runDueTimers();
    return send(res, 200, { now: cloud.clock.now().toISOString() });
  }
  if (route === 'clock') return send(res, 200, { now: cloud.clock.now().toISOString() });
  if (route === 'pay' && req.method === 'POST') {
    const body = (await readJson(req)) as { outTradeNo?: string };
    const outTradeNo = String(body.outTradeNo ?? '');
    const result = await cloud.payments.pay(outTradeNo);
    if (result.paid) await cloud.notifyPaid(outTradeNo);
    return send(res, 200, result);
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
  const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
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
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
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
    return {};
  }
}
