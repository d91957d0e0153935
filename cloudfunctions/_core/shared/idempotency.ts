import { z } from 'zod';
import type { Transaction } from '../../_platform/database.port';
import { getOrNull } from './db-helpers';
import type { UseCaseContext } from './use-case-context';

/** A client-made id for one intended change; a retry or double tap sends the same id. */
export const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号无效');

/** `request_log/{scope}:{openid}:{requestId}`: the document id is the unique key. */
export const REQUEST_LOG = 'request_log';

interface RequestLogRecord {
  scope: string;
  _openid: string;
  requestId: string;
  result: unknown;
  createdAt: Date;
}

/**
 * Runs `work` at most once per (scope, caller, requestId): the log entry is written in the same
 * transaction as the work, so either both land or neither does, and a repeat returns the first result.
 */
export async function runOnce<R>(
  ctx: UseCaseContext,
  scope: string,
  requestId: string,
  work: (tx: Transaction, now: Date) => Promise<R>,
): Promise<R> {
  const openid = ctx.caller.openid;
  const key = `${scope}:${openid}:${requestId}`;
  return ctx.db.runTransaction(async (tx) => {
    const log = tx.collection<RequestLogRecord>(REQUEST_LOG).doc(key);
    const prior = await getOrNull<RequestLogRecord>(log);
    if (prior) return prior.result as R;
    const now = ctx.clock.now();
    const result = await work(tx, now);
    const entry: RequestLogRecord = { scope, _openid: openid, requestId, result, createdAt: now };
    await log.set({ data: { ...entry } });
    return result;
  });
}
