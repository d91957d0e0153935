/**
 * Default transport, used by tsc and jest. Taro resolves `./transport` to `transport.weapp.ts` or
 * `transport.h5.ts` when building; a platform without its own file fails loudly here.
 */
import type { Transport, TransportInit } from './transport.types';

export const initTransport: TransportInit = () => {};

export const send: Transport = async () => {
  throw new Error(`no cloud transport for platform "${process.env.TARO_ENV}"`);
};
