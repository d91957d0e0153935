import type { ContentSuggest, MediaCheckResult } from '../openapi.port';
import type { JobContext } from '../../_core/shared/use-case-context';
import type { Result } from '../../_core/shared/errors';
import { currentPlatform } from './create-handler';
import { jobContextOf } from './job-context';

/** The fields of WeChat's `wxa_media_check` message-push event that we read. */
interface MediaCheckEvent {
  MsgType?: unknown;
  Event?: unknown;
  trace_id?: unknown;
  result?: { suggest?: unknown; label?: unknown };
}

const SUGGESTS: readonly ContentSuggest[] = ['pass', 'review', 'risky'];

export function isMediaCheckPush(event: unknown): boolean {
  const e = event as MediaCheckEvent | null;
  return typeof e === 'object' && e !== null && e.MsgType === 'event' && e.Event === 'wxa_media_check';
}

/**
 * Wraps a function's action handler so the same function also receives the media check results that WeChat's
 * message push (消息推送, configured to this function) delivers. Anyone could send an event of this shape with
 * callFunction, so the result is trusted only through its trace id: a secret the server got from
 * mediaCheckAsync and never shows a client (the use case ignores unknown ids). Always answers `success`, as
 * the push expects; a failure is logged and the check stays pending for the review queue.
 */
export function withMediaCheckPush(
  actions: (event: unknown) => Promise<Result<unknown>>,
  onResult: (ctx: JobContext, result: MediaCheckResult) => Promise<unknown>,
) {
  return async function main(event: unknown): Promise<unknown> {
    if (!isMediaCheckPush(event)) return actions(event);
    const platform = currentPlatform();
    const e = event as MediaCheckEvent;
    const traceId = typeof e.trace_id === 'string' ? e.trace_id : '';
    const raw = e.result?.suggest;
    const suggest: ContentSuggest = SUGGESTS.includes(raw as ContentSuggest) ? (raw as ContentSuggest) : 'review';
    const label = typeof e.result?.label === 'number' ? e.result.label : 0;
    const ctx = jobContextOf(platform, platform.instanceCache('community'));
    if (!/^[A-Za-z0-9_-]{8,128}$/.test(traceId)) return 'success';
    try {
      const data = await onResult(ctx, { traceId, suggest, label });
      platform.logger.info('media_check.result', { traceId, suggest, data });
    } catch (err) {
      platform.logger.error('media_check.failed', { traceId, err: err instanceof Error ? err.message : String(err) });
    }
    return 'success';
  };
}
