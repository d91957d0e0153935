/**
 * Who is calling, as the platform says: WeChat injects it (getWXContext), the local cloud takes it from
 * its dev identity. Never from `event`.
 */
export type CallSource = 'client' | 'trigger' | 'console' | 'unknown';

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
}
