import { z } from 'zod';
import { CLOUD_FILE_ID, type StoragePort } from '../../_platform/storage.port';

/**
 * How operator documents and members name an image: a cloud storage fileID (`cloud://...`, uploaded in the
 * console or by the app) or an https URL (a CDN the brand already uses).
 */
export const ImageRef = z
  .string()
  .max(512)
  .refine((s) => CLOUD_FILE_ID.test(s) || /^https:\/\/\S+$/.test(s), '图片地址须为云存储文件 ID（cloud://...）或 https 链接');

/**
 * Display URLs for image refs, in one storage call: fileIDs become temporary URLs, https URLs pass through.
 * A fileID whose file is gone has no entry: views leave that image out rather than show a broken one.
 */
export async function imageUrls(storage: StoragePort, refs: readonly (string | null | undefined)[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const fileIds: string[] = [];
  for (const ref of refs) {
    if (!ref) continue;
    if (CLOUD_FILE_ID.test(ref)) fileIds.push(ref);
    else if (/^https:\/\//.test(ref)) out[ref] = ref;
  }
  if (fileIds.length) Object.assign(out, await storage.tempUrls(fileIds));
  return out;
}
