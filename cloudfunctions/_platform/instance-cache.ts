import type { InstanceCache } from './cache.port';
import type { Clock } from './clock.port';

interface Entry {
  at: number;
  value: Promise<unknown>;
}

/** The in-memory cache of one function instance; time is the platform clock, so tests can move it. */
export function createInstanceCache(clock: Clock): InstanceCache {
  const entries = new Map<string, Entry>();
  return {
    get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const now = clock.now().getTime();
      const hit = entries.get(key);
      // A clock moved backwards (tests) also misses.
      if (hit && now >= hit.at && now - hit.at < ttlMs) return hit.value as Promise<T>;
      const value = load();
      const entry = { at: now, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    invalidate(prefix: string): void {
      for (const key of [...entries.keys()]) if (key.startsWith(prefix)) entries.delete(key);
    },
  };
}
