/**
 * Cloud storage (云存储) as the core sees it. Members upload images from the app (`Taro.cloud.uploadFile` on
 * weapp, the local gateway's upload route on H5) and send the resulting fileIDs; functions upload what they
 * generate (certificates, exports, demo images) and turn fileIDs into temporary URLs for the app.
 *
 * Two adapters: `_platform/wx/wx-storage.ts` over wx-server-sdk and `_platform/local/local-storage.ts`.
 */

export interface StoragePort {
  /** Stores `content` at `cloudPath` (replacing what was there) and returns its fileID (`cloud://...`). */
  upload(args: { cloudPath: string; content: Buffer }): Promise<{ fileId: string }>;
  /**
   * Temporary download URLs, keyed by fileID. Files that do not exist (or cannot be read) are absent from the
   * answer, so this doubles as the existence check for fileIDs a client sent. Any number of ids: the adapter
   * pages by WeChat's limit of 50 per call.
   */
  tempUrls(fileIds: readonly string[]): Promise<Record<string, string>>;
  /** Rejects with StorageError('not-found') for a missing file. */
  download(fileId: string): Promise<Buffer>;
  /** Deletes files; missing ones are ignored. */
  remove(fileIds: readonly string[]): Promise<void>;
}

export type StorageErrorKind = 'not-found' | 'invalid' | 'too-large' | 'unavailable';

export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Duck-typed like DatabaseError: each bundle carries its own copy of the class. */
export const isStorageError = (e: unknown, kind?: StorageErrorKind): e is StorageError =>
  typeof e === 'object' &&
  e !== null &&
  (e as Error).name === 'StorageError' &&
  (kind === undefined || (e as StorageError).kind === kind);

/** getTempFileURL and deleteFile take at most 50 files per call. */
export const STORAGE_BATCH = 50;

/** A cloud fileID, as WeChat issues them: `cloud://<env>.<bucket>/<path>`. */
export const CLOUD_FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]+\/[^\s?#]+$/;

/**
 * WeChat's cloudPath rules (COS object keys as the SDK accepts them): not empty, at most 850 bytes, no leading
 * slash, no empty segment, no `.`/`..` segment, and none of the characters COS refuses in keys.
 */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath, 'utf8') > 850) return 'cloudPath is longer than 850 bytes';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with "/"';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:*?"<>|]/.test(cloudPath)) return 'cloudPath contains a character cloud storage refuses';
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'cloudPath has an empty, "." or ".." segment';
  return undefined;
}
