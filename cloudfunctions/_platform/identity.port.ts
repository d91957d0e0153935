/**
 * What started this invocation, from the platform (WeChat's getWXContext().SOURCE), never from `event`:
 * `client` = the mini-program (or DevTools), `trigger` = a timer trigger, `payment` = WeChat Pay's notice,
 * `console` = anything else that is not a member (console test panel, HTTP API): no caller identity.
 */
export type CallSource = 'client' | 'trigger' | 'payment' | 'console' | 'unknown';

/**
 * Who is calling, as the platform says: WeChat injects it (getWXContext), the local cloud takes it from
 * its dev identity. Never from `event`.
 */
export interface Caller {
  openid: string;
  appid: string;
  unionid?: string;
  source: CallSource;
}

export interface IdentityPort {
  /** undefined when the platform names no user (e.g. a timer trigger). */
  current(): Caller | undefined;
  /** True only when the platform itself started this call from a timer trigger. */
  isTimerTrigger(): boolean;
  /** What started this invocation (see CallSource). */
  source(): CallSource;
}
