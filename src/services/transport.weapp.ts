import Taro from '@tarojs/taro';
import type { Transport, TransportInit } from './transport.types';

export const initTransport: TransportInit = () => {
  // DYNAMIC_CURRENT_ENV: the environment the mini-program was opened in (set in WeChat DevTools / console).
  const cloud = Taro.cloud as unknown as { init(o: { env: unknown; traceUser?: boolean }): void; DYNAMIC_CURRENT_ENV: unknown };
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, traceUser: true });
};

export const send: Transport = async (fn, event) => {
  const res = await Taro.cloud.callFunction({ name: fn, data: { action: event.action, input: event.input } });
  return res.result;
};
