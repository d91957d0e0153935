import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller, IdentityPort } from '../identity.port';

/**
 * The dev identity: the local gateway (127.0.0.1 only) runs each call inside `runAs`, the way WeChat
 * injects OPENID. It exists only in the local cloud; the WeChat adapter never looks at it.
 */
export const LOCAL_APPID = 'wx-local-dev';

type CallScope = { caller?: Caller; trigger: boolean };

export class LocalIdentity implements IdentityPort {
  private readonly als = new AsyncLocalStorage<CallScope>();

  runAs<T>(openid: string, fn: () => Promise<T>): Promise<T> {
    return this.als.run({ caller: { openid, appid: LOCAL_APPID, source: 'client' }, trigger: false }, fn);
  }
  runAsTrigger<T>(fn: () => Promise<T>): Promise<T> {
    return this.als.run({ trigger: true }, fn);
  }
  current(): Caller | undefined {
    return this.als.getStore()?.caller;
  }
  isTimerTrigger(): boolean {
    return this.als.getStore()?.trigger === true;
  }
}
