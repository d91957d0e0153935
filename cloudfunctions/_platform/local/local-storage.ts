/**
 * The local cloud's stand-in for cloud storage: files under `<dataDir>/storage/` (memory without a data
 * folder), fileIDs shaped like WeChat's, and temporary URLs that the gateway serves at `/_files/...` only with a
 * valid signature before their expiry (by the local clock), as WeChat's signed CDN links behave.
 *
 * Members' uploads arrive through the gateway's upload route (what `wx.cloud.uploadFile` does on weapp), with
 * WeChat's rules: the cloudPath naming rules, 10 MB per file (wx.uploadFile's limit), and "creator-only write"
 * (the default permission): a member cannot overwrite another member's file.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock.port';
import { cloudPathProblem, StorageError, type StoragePort } from '../storage.port';

export const LOCAL_BUCKET = 'local-env.6c6f-local-env-1300000000';
const FILE_ID_PREFIX = `cloud://${LOCAL_BUCKET}/`;
/** Where the gateway serves files. */
export const FILES_ROUTE = '/_files/';
/** WeChat's temporary links last a day by default (getTempFileURL maxAge). */
const URL_MAX_AGE_MS = 24 * 3600 * 1000;
/** wx.uploadFile refuses larger files. */
export const MAX_CLIENT_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface LocalStorage extends StoragePort {
  /** A member's upload from the app (the gateway's upload route). */
  uploadAs(openid: string, cloudPath: string, content: Buffer): Promise<{ fileId: string }>;
  /** The file behind a temporary URL's path and query, or why not (for the gateway). */
  serve(pathname: string, query: URLSearchParams): { status: 200; content: Buffer } | { status: 403 | 404; reason: string };
}

interface Meta {
  owner: string | null;
}

export function createLocalStorage(opts: { dataDir?: string; clock: Clock }): LocalStorage {
  const root = opts.dataDir ? join(opts.dataDir, 'storage') : undefined;
  const memory = new Map<string, { content: Buffer; meta: Meta }>();
  const secret = randomBytes(32);

  const filePath = (cloudPath: string) => join(root!, 'files', cloudPath);
  const metaPath = (cloudPath: string) => join(root!, 'meta', `${cloudPath}.json`);

  function read(cloudPath: string): { content: Buffer; meta: Meta } | undefined {
    if (!root) return memory.get(cloudPath);
    if (!existsSync(filePath(cloudPath))) return undefined;
    const meta = existsSync(metaPath(cloudPath)) ? (JSON.parse(readFileSync(metaPath(cloudPath), 'utf8')) as Meta) : { owner: null };
    return { content: readFileSync(filePath(cloudPath)), meta };
  }

  function write(cloudPath: string, content: Buffer, meta: Meta): void {
    if (!root) {
      memory.set(cloudPath, { content: Buffer.from(content), meta });
      return;
    }
    atomicWrite(filePath(cloudPath), content);
    atomicWrite(metaPath(cloudPath), Buffer.from(JSON.stringify(meta)));
  }

  function erase(cloudPath: string): void {
    if (!root) memory.delete(cloudPath);
    else for (const p of [filePath(cloudPath), metaPath(cloudPath)]) rmSync(p, { force: true });
  }

  const sign = (cloudPath: string, expires: number) =>
    createHmac('sha256', secret).update(`${cloudPath}\n${expires}`).digest('base64url');

  function put(owner: string | null, cloudPath: string, content: Buffer): { fileId: string } {
    const problem = cloudPathProblem(cloudPath);
    if (problem) throw new StorageError('invalid', `uploadFile:fail ${problem}`);
    if (!Buffer.isBuffer(content)) throw new StorageError('invalid', 'uploadFile:fail fileContent must be a Buffer');
    const existing = read(cloudPath);
    if (owner !== null && existing && existing.meta.owner !== owner) {
      throw new StorageError('invalid', 'uploadFile:fail storage permission denied (-503002): the file belongs to someone else');
    }
    write(cloudPath, content, { owner });
    return { fileId: FILE_ID_PREFIX + cloudPath };
  }

  return {
    async upload({ cloudPath, content }) {
      return put(null, cloudPath, content);
    },
    async uploadAs(openid, cloudPath, content) {
      if (content.length > MAX_CLIENT_UPLOAD_BYTES) {
        throw new StorageError('too-large', `uploadFile:fail file is larger than ${MAX_CLIENT_UPLOAD_BYTES} bytes`);
      }
      return put(openid, cloudPath, content);
    },
    async tempUrls(fileIds) {
      const expires = opts.clock.now().getTime() + URL_MAX_AGE_MS;
      const out: Record<string, string> = {};
      for (const id of new Set(fileIds)) {
        const path = pathOf(id);
        if (path === undefined || !read(path)) continue;
        const encoded = path.split('/').map(encodeURIComponent).join('/');
        out[id] = `${FILES_ROUTE}${encoded}?t=${expires}&sign=${sign(path, expires)}`;
      }
      return out;
    },
    async download(fileId) {
      const path = pathOf(fileId);
      const file = path === undefined ? undefined : read(path);
      if (!file) throw new StorageError('not-found', `downloadFile:fail storage file not exists (-503003): ${fileId}`);
      return Buffer.from(file.content);
    },
    async remove(fileIds) {
      for (const id of fileIds) {
        const path = pathOf(id);
        if (path !== undefined) erase(path);
      }
    },
    serve(pathname, query) {
      let cloudPath: string;
      try {
        cloudPath = pathname.slice(FILES_ROUTE.length).split('/').map(decodeURIComponent).join('/');
      } catch {
        return { status: 404, reason: 'malformed path' };
      }
      if (cloudPathProblem(cloudPath)) return { status: 404, reason: 'malformed path' };
      const expires = Number(query.get('t'));
      const given = Buffer.from(query.get('sign') ?? '');
      const expected = Buffer.from(sign(cloudPath, expires));
      if (!Number.isFinite(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return { status: 403, reason: 'bad signature' };
      }
      if (expires < opts.clock.now().getTime()) return { status: 403, reason: 'link expired' };
      const file = read(cloudPath);
      return file ? { status: 200, content: file.content } : { status: 404, reason: 'no such file' };
    },
  };
}

/** The cloudPath of one of our fileIDs; anything else (another env, not a fileID) is not ours. */
function pathOf(fileId: string): string | undefined {
  if (typeof fileId !== 'string' || !fileId.startsWith(FILE_ID_PREFIX)) return undefined;
  const path = fileId.slice(FILE_ID_PREFIX.length);
  return cloudPathProblem(path) ? undefined : path;
}

function atomicWrite(file: string, content: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
