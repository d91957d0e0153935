import Taro from '@tarojs/taro';
import type { Transport, TransportInit } from './transport.types';

interface CloudInit {
  init(options: { env?: string; traceUser?: boolean }): void;
}

/**
 * The cloud environment id, fixed at build time (TARO_APP_CLOUD_ENV, through config/index.ts `env`). The
 * server-side DYNAMIC_CURRENT_ENV means nothing to the mini-program; without an id WeChat picks the
 * account's first environment, which is rarely the production one.
 */
export const CLOUD_ENV_ID: string = process.env.TARO_APP_CLOUD_ENV ?? '';

let initialised = false;

/** Idempotent: called at launch, and again before the first call in case a page calls before launch ran. */
export const initTransport: TransportInit = () => {
  if (initialised) return;
  const cloud = Taro.cloud as unknown as CloudInit;
  cloud.init(CLOUD_ENV_ID ? { env: CLOUD_ENV_ID, traceUser: true } : { traceUser: true });
  initialised = true;
};

export const send: Transport = async (fn, event) => {
  initTransport();
  const res = await Taro.cloud.callFunction({ name: fn, data: { action: event.action, input: event.input } });
  return res.result;
};
