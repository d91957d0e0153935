/**
 * Values one warm function instance keeps for a short while. WeChat reuses a function's instance for many
 * calls, so what every call would read again (operator documents) can be read once per instance and period.
 * Each function instance has its own cache: nothing is shared between functions or instances, and a new
 * instance (a cold start, a redeploy) starts empty.
 */
export interface InstanceCache {
  /**
   * `key`'s value when it was loaded less than `ttlMs` ago by the platform clock, else the value `load`
   * gives (kept; a failed load is not). Concurrent misses of one key share a single load.
   */
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T>;
  /** Forgets every key starting with `prefix` (after the product itself changed what they hold). */
  invalidate(prefix: string): void;
}

/** Reads through every time (tests and scripts that build a context by hand). */
export const noInstanceCache: InstanceCache = {
  get: (_key, _ttlMs, load) => load(),
  invalidate: () => {},
};
