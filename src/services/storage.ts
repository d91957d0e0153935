/**
 * Default image upload, used by tsc and jest. Taro resolves `./storage` to `storage.weapp.ts` (cloud storage
 * through Taro.cloud.uploadFile) or `storage.h5.ts` (the local cloud's upload route) when building.
 */
export async function uploadImage(_tempFilePath: string, _folder: string): Promise<string> {
  throw new Error(`image upload is not available on "${process.env.TARO_ENV}"`);
}
