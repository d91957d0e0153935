/**
 * Default, used by tsc and jest. Taro resolves `./pay` to `pay.weapp.ts` (WeChat Pay) or `pay.h5.ts` (the
 * local cloud's payment sandbox) when building; a platform without its own file fails loudly here.
 */
import type { Pay } from './pay.types';

export const pay: Pay = async () => {
  throw new Error(`no payment for platform "${process.env.TARO_ENV}"`);
};
