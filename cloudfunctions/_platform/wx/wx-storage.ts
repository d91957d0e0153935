import { STORAGE_BATCH, StorageError, type StoragePort } from '../storage.port';

/** The slice of wx-server-sdk's storage API we use (shapes from wx-server-sdk/index.d.ts, namespace ICloud). */
export interface WxStorageSdk {
  uploadFile(args: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode?: number }>;
  getTempFileURL(args: { fileList: string[] }): Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[];
  }>;
  downloadFile(args: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(args: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg?: string }[] }>;
}

/** wx-server-sdk's storage error codes (index.js, ERR_CODE): -503003 is "storage file not exists". */
const FILE_NOT_EXISTS = -503003;

export function wxStorage(sdk: WxStorageSdk): StoragePort {
  return {
    async upload({ cloudPath, content }) {
      const res = await sdk.uploadFile({ cloudPath, fileContent: content }).catch((e) => Promise.reject(translate(e)));
      return { fileId: res.fileID };
    },
    async tempUrls(fileIds) {
      const out: Record<string, string> = {};
      for (const batch of chunks([...new Set(fileIds)], STORAGE_BATCH)) {
        const res = await sdk.getTempFileURL({ fileList: batch }).catch((e) => Promise.reject(translate(e)));
        // A missing file comes back in the list with a non-zero status and an empty URL.
        for (const f of res.fileList ?? []) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL;
      }
      return out;
    },
    async download(fileId) {
      const res = await sdk.downloadFile({ fileID: fileId }).catch((e) => Promise.reject(translate(e)));
      return res.fileContent;
    },
    async remove(fileIds) {
      for (const batch of chunks([...new Set(fileIds)], STORAGE_BATCH)) {
        await sdk.deleteFile({ fileList: batch }).catch((e) => Promise.reject(translate(e)));
      }
    },
  };
}

function translate(e: unknown): StorageError {
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  const text = (err?.errMsg ?? err?.message ?? String(e)).trim();
  if (err?.errCode === FILE_NOT_EXISTS || /not ?exist/i.test(text)) return new StorageError('not-found', text);
  return new StorageError('unavailable', text);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
