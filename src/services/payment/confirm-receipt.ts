/**
 * Default, used by tsc and jest. Taro resolves `./confirm-receipt` to `confirm-receipt.weapp.ts`
 * (wx.requestMerchantTransfer) or `confirm-receipt.h5.ts` (the local cloud's payment sandbox) when building.
 */
import type { ConfirmReceipt, OpensAtOnce } from './confirm-receipt.types';

export const OPENS_AT_ONCE: OpensAtOnce = false;

export const confirmReceipt: ConfirmReceipt = async () => {
  throw new Error(`no receipt confirmation for platform "${process.env.TARO_ENV}"`);
};
