/** The one source of time. Business calendar rules live in _core/shared/business-time.rules.ts. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
