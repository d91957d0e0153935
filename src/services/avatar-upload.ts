/** Default (H5 and tests): avatars are presets, nothing is uploaded. */
export async function uploadAvatar(_tempFilePath: string): Promise<string> {
  throw new Error(`avatar upload is not available on "${process.env.TARO_ENV}"`);
}
