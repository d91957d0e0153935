import { DatabaseError, isDatabaseError, type Database } from '../database.port';

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

/** wx-server-sdk's `TCB_ERR_CODE.DATABASE_COLLECTION_NOT_EXIST` (src/api/cloud/provider/tcb/config/error.config.ts). */
const COLLECTION_NOT_EXIST = -502005;

/**
 * What the platform reported, as the SDK hands it over. Two shapes reach us (see test/unit/fixtures/wx-sdk-errors.ts):
 * - wx-server-sdk's own errors (src/utils/error.ts `toSDKError`): an Error with a numeric `errCode` and `errMsg`
 *   `<api>:fail <errCode> <code text>. <server message>`; TCB's string code is mapped to a number and lost, and
 *   a code the SDK's table lacks (DATABASE_TRANSACTION_CONFLICT) becomes -501001;
 * - @cloudbase/node-sdk's TcbError (src/utils/utils.ts), with the string `code` and `requestId`: what a failed
 *   transaction commit throws out of `runTransaction` (@cloudbase/database src/transaction/index.ts).
 */
interface PlatformError {
  errCode?: unknown;
  errMsg?: unknown;
  code?: unknown;
  message?: unknown;
  requestId?: unknown;
}

function isPlatformError(e: unknown): e is PlatformError {
  if (typeof e !== 'object' || e === null) return false;
  const p = e as PlatformError;
  return typeof p.errCode === 'number' || (typeof p.code === 'string' && 'requestId' in p);
}

const CONFLICT_TEXT = /DATABASE_TRANSACTION_CONFLICT|transaction conflict|TransactionConflict|write ?conflict/i;
const DUPLICATE_TEXT = /E11000|duplicate key/i;
/** wx-server-sdk's document.get when nothing matched: `document with _id <id> does not exist`. */
const NOT_FOUND_TEXT = /document with _id .* does not exist/;

/**
 * Platform failures become DatabaseError kinds; anything else (an AppError the transaction callback threw, a
 * DatabaseError already translated inside it) passes through unchanged. Order matters: a conflict first (its
 * errCode is a generic one), then a missing collection, a duplicate key, a missing document; every other
 * platform failure, -502001 DATABASE_REQUEST_FAILED included (a too-large document, a bad query), is internal.
 * -502001 is never taken for a duplicate by itself: only MongoDB's E11000 text says so.
 */
export function translateWxError(e: unknown): unknown {
  if (isDatabaseError(e) || !isPlatformError(e)) return e;
  const errCode = typeof e.errCode === 'number' ? e.errCode : undefined;
  const text = [e.errMsg, e.message].find((t): t is string => typeof t === 'string' && t !== '') ?? String(e.code);
  if (e.code === 'DATABASE_TRANSACTION_CONFLICT' || CONFLICT_TEXT.test(text)) return new DatabaseError('conflict', text, errCode);
  if (errCode === COLLECTION_NOT_EXIST || e.code === 'DATABASE_COLLECTION_NOT_EXIST') {
    return new DatabaseError('collection-not-exists', text, errCode);
  }
  if (DUPLICATE_TEXT.test(text)) return new DatabaseError('duplicate-key', text, errCode);
  if (NOT_FOUND_TEXT.test(text)) return new DatabaseError('not-found', text, errCode);
  return new DatabaseError('internal', text, errCode);
}
