import Taro from '@tarojs/taro';

/**
 * chooseAvatar gives a temporary local file that only this device can read: store it in cloud storage and
 * keep the cloud fileID (cloud://...), which the member schema accepts.
 */
export async function uploadAvatar(tempFilePath: string): Promise<string> {
  const ext = /\.(\w{2,4})$/.exec(tempFilePath)?.[1] ?? 'jpg';
  const cloudPath = `avatars/${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`;
  const res = await Taro.cloud.uploadFile({ cloudPath, filePath: tempFilePath });
  return res.fileID;
}
