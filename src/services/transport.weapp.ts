import Taro from '@tarojs/taro';
import type { Transport, TransportInit } from './transport.types';

interface CloudInit {
  init(options: { env: unknown; traceUser?: boolean }): void;
  /** The environment the mini-program was opened in (chosen in WeChat DevTools / the console). */
  DYNAMIC_CURRENT_ENV: unknown;
}

let initialised = false;

/** Idempotent: called at launch, and again before the first call in case a page calls before launch ran. */
export const initTransport: TransportInit = () => {
  if (initialised) return;
  const cloud = Taro.cloud as unknown as CloudInit;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, traceUser: true });
  initialised = true;
};

export const send: Transport = async (fn, event) => {
  initTransport();
  const res = await Taro.cloud.callFunction({ name: fn, data: { action: event.action, input: event.input } });
  return res.result;
};
