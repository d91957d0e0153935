import { currentOpenid } from './dev-persona';
import { cloudPathFor } from './storage-path';

/**
 * On H5 a chosen picture is a blob: URL. The local cloud's upload route stands in for wx.cloud.uploadFile
 * (same fileIDs, same limits) and answers `{ fileID }` or `{ errCode, errMsg }`.
 */
export async function uploadImage(tempFilePath: string, folder: string): Promise<string> {
  const blob = await (await fetch(tempFilePath)).blob();
  const cloudPath = cloudPathFor(folder, tempFilePath, blob.type);
  const res = await fetch(`/api/_storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream', 'x-dev-openid': await currentOpenid() },
    body: blob,
  });
  const body = (await res.json().catch(() => ({}))) as { fileID?: string; errMsg?: string };
  if (!res.ok || !body.fileID) throw new Error(res.status === 413 ? '图片太大了，请选择 10MB 以内的图片' : '图片上传失败，请重试');
  return body.fileID;
}
