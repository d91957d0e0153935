import { uploadImage } from './storage';

/**
 * chooseAvatar gives a temporary local file that only this device can read: store it in cloud storage and
 * keep the cloud fileID (cloud://...), which the member schema accepts.
 */
export function uploadAvatar(tempFilePath: string): Promise<string> {
  return uploadImage(tempFilePath, 'avatars');
}
