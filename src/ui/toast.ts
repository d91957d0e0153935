import Taro from '@tarojs/taro';
import { describeError } from '../services/cloud';
import { successToastIcon } from './toast-fit';

/**
 * Toasts: a short confirmation that needs no answer. One helper so durations and icons are the same on every
 * page. A confirmation too long for the success icon is shown without it (toast-fit). Failures show the server's specific reason (describeError).
 */
export const toast = {
  success: (title: string) => void Taro.showToast({ title, icon: successToastIcon(title), duration: 1800 }),
  info: (title: string) => void Taro.showToast({ title, icon: 'none', duration: 2200 }),
  error: (e: unknown) => void Taro.showToast({ title: describeError(e), icon: 'none', duration: 3000 }),
};
