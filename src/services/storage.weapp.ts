import Taro from '@tarojs/taro';
import { cloudPathFor } from './storage-path';
import { initTransport } from './transport';

/** A chosen picture is a temporary file only this device can read: store it and keep the cloud fileID. */
export async function uploadImage(tempFilePath: string, folder: string): Promise<string> {
  initTransport();
  const res = await Taro.cloud.uploadFile({ cloudPath: cloudPathFor(folder, tempFilePath), filePath: tempFilePath });
  return res.fileID;
}
