import Taro from '@tarojs/taro';
import { uploadImage } from './storage';

/** A chosen picture: the device's own path (shown at once) and the cloud fileID the server is sent. */
export interface PickedImage {
  preview: string;
  fileId: string;
}

const cancelled = (e: unknown) => /cancel/i.test(e instanceof Error ? e.message : ((e as { errMsg?: string })?.errMsg ?? ''));

/**
 * The one way the app takes pictures from a member: up to `count` from the album or camera (compressed), each
 * uploaded to `folder` in cloud storage. Cancelling answers []; `onUploading` runs once the upload starts.
 */
export async function pickImages(count: number, folder: string, onUploading?: () => void): Promise<PickedImage[]> {
  let paths: string[];
  try {
    paths = (await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths.slice(0, count);
  } catch (e) {
    if (cancelled(e)) return [];
    throw e;
  }
  onUploading?.();
  const picked: PickedImage[] = [];
  for (const path of paths) picked.push({ preview: path, fileId: await uploadImage(path, folder) });
  return picked;
}

/** What to tell the member when picking or uploading failed. */
export const pickError = (e: unknown): string => (e instanceof Error ? e.message : ((e as { errMsg?: string })?.errMsg ?? '')) || '图片上传失败，请重试';
