import type { Caller, CallSource, IdentityPort } from '../identity.port';
import type { WxCloud } from './wx-sdk.types';

/** Member-side WeChat clients: whatever they send, they are a member at most. */
const CLIENT_SOURCES = new Set(['wx_client', 'wx_crawler', 'wx_unknown']);

/**
 * getWXContext().SOURCE → CallSource. WeChat documents SOURCE as the chain of what started the run
 * (`wx_client`, `wx_client,scf`...), with `wx_trigger` for a timer and `wx_paycallback` for WeChat Pay's
 * notice (Cloud.getWXContext reference). A chain that starts at a member's client stays `client`; a timer
 * or payment notice counts only when WeChat started this very function (no `,scf` hop). DevTools, the
 * console's test panel and the HTTP API are the developer's side: `console`.
 */
export function classifyWxSource(source: string | undefined): CallSource {
  const chain = (source ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (chain.length === 0) return 'unknown';
  if (chain.some((s) => CLIENT_SOURCES.has(s))) return 'client';
  if (chain.length === 1 && chain[0] === 'wx_trigger') return 'trigger';
  if (chain.length === 1 && chain[0] === 'wx_paycallback') return 'payment';
  return 'console';
}

export function wxIdentity(cloud: WxCloud): IdentityPort {
  const source = () => classifyWxSource(cloud.getWXContext().SOURCE);
  return {
    current(): Caller | undefined {
      const ctx = cloud.getWXContext();
      if (!ctx.OPENID) return undefined;
      return { openid: ctx.OPENID, appid: ctx.APPID ?? '', unionid: ctx.UNIONID || undefined, source: classifyWxSource(ctx.SOURCE) };
    },
    isTimerTrigger: () => source() === 'trigger',
    source,
  };
}
