import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller, CallSource, IdentityPort } from '../identity.port';

/**
 * The dev identity: the local gateway (127.0.0.1 only) runs each call inside `runAs`, the way WeChat
 * injects OPENID. It exists only in the local cloud; the WeChat adapter never looks at it.
 */
export const LOCAL_APPID = 'wx-local-dev';

type CallScope = { caller?: Caller; source: CallSource };

export class LocalIdentity implements IdentityPort {
  private readonly als = new AsyncLocalStorage<CallScope>();

  /** A call from the mini-program (wx.cloud.callFunction). */
  runAs<T>(openid: string, fn: () => Promise<T>): Promise<T> {
    return this.als.run({ caller: { openid, appid: LOCAL_APPID, source: 'client' }, source: 'client' }, fn);
  }
  /** A timer trigger's call (SOURCE wx_trigger, no user). */
  runAsTrigger<T>(fn: () => Promise<T>): Promise<T> {
    return this.als.run({ source: 'trigger' }, fn);
  }
  /** WeChat Pay's notice (SOURCE wx_paycallback, no user). */
  runAsPaymentNotice<T>(fn: () => Promise<T>): Promise<T> {
    return this.als.run({ source: 'payment' }, fn);
  }
  /** The cloud console's test panel (no user, not a trigger). */
  runAsConsole<T>(fn: () => Promise<T>): Promise<T> {
    return this.als.run({ source: 'console' }, fn);
  }
  current(): Caller | undefined {
    return this.als.getStore()?.caller;
  }
  isTimerTrigger(): boolean {
    return this.source() === 'trigger';
  }
  source(): CallSource {
    return this.als.getStore()?.source ?? 'unknown';
  }
  /**
   * Releases the call scope when its cloud closes. A storage that has run stays in Node's process-wide list (its
   * promise hook visits every storage on every new promise) until disabled: tests start hundreds of clouds in one
   * process, and without this every later database operation got slower (6,000 took 50 ms of CPU at first, 290
   * ms after 100 clouds had been started and closed, 951 ms after 400). A later call runs it again.
   */
  close(): void {
    this.als.disable();
  }
}
