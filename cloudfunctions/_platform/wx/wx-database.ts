import { DatabaseError, type Database } from '../database.port';

/**
 * The SDK's database already has the port's shape; this wrapper only translates its errors into
 * DatabaseError, so the core handles "not found", "duplicate key" and "conflict" the same on both clouds.
 */
export function wrapWxDatabase(sdkDb: unknown): Database {
  return wrap(sdkDb) as Database;
}

const PASS_THROUGH = new Set(['command', 'serverDate', 'Geo', 'RegExp']);

function wrap(target: unknown): unknown {
  if (typeof target !== 'object' || target === null) return target;
  return new Proxy(target as object, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof prop === 'symbol' || PASS_THROUGH.has(prop) || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'runTransaction' && typeof args[0] === 'function') {
          const fn = args[0] as (tx: unknown) => unknown;
          args = [(tx: unknown) => fn(wrap(tx)), ...args.slice(1)];
        }
        const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (out && typeof (out as Promise<unknown>).then === 'function') {
          return (out as Promise<unknown>).then(undefined, (e) => Promise.reject(translateWxError(e)));
        }
        return wrap(out);
      };
    },
  });
}

/** WeChat's database errors carry an errCode and an English message; both are matched. */
export function translateWxError(e: unknown): unknown {
  if (e instanceof DatabaseError) return e;
  const err = e as { errCode?: number; errMsg?: string; message?: string };
  const text = `${err?.errMsg ?? ''} ${err?.message ?? ''}`;
  if (/does not exist|not exist|cannot find document/i.test(text)) return new DatabaseError('not-found', text.trim());
  if (err?.errCode === -502001 || /duplicate key|E11000/i.test(text)) return new DatabaseError('duplicate-key', text.trim());
  if (/conflict|write ?conflict|transaction.*(abort|lock)/i.test(text)) return new DatabaseError('conflict', text.trim());
  return e;
}
