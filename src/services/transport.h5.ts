import type { Transport, TransportInit } from './transport.types';
import { currentOpenid } from './dev-persona';

export const initTransport: TransportInit = () => {};

/** The local cloud's gateway serves the H5 build and /api on the same origin. */
export const send: Transport = async (fn, event) => {
  const openid = await currentOpenid();
  const res = await fetch(`/api/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-openid': openid },
    body: JSON.stringify({ action: event.action, input: event.input }),
  });
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`local cloud answered ${res.status} without JSON`);
  }
};
