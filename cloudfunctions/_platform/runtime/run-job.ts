import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FunctionContract } from '../../_core/contracts/define';
import { appendConsoleAudit } from '../../_core/shared/audit';
import type { ErrorBody, Result } from '../../_core/shared/errors';
import type { JobContext } from '../../_core/shared/use-case-context';
import type { Platform } from '../platform';
import { toErrorBody } from './error-mapping';

export type TimerJob = (ctx: JobContext) => Promise<unknown>;
export type TimerJobs = Partial<Record<string, TimerJob>>;

/** What WeChat delivers to a function when its timer trigger fires (the trigger's name is config.json's). */
const TimerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string().min(1).max(64), Time: z.string().max(64).optional() });

/**
 * An operator's manual run, typed into the cloud console's test panel:
 *   { "Type": "ManualRun", "TriggerName": "daily", "operator": "小周", "secret": "<JOB_RUN_SECRET>" }
 * The console gives no caller identity, so the function's own secret (an environment variable set in the
 * console, never committed) stands for the operator's role, and the operator names themself for the audit.
 */
const ManualRunEvent = z.object({
  Type: z.literal('ManualRun'),
  TriggerName: z.string().min(1).max(64),
  operator: z.string().trim().min(1).max(32),
  secret: z.string().max(256),
});

/** A manual run needs a real secret: shorter ones are treated as not configured. */
export const MIN_JOB_SECRET_LENGTH = 32;

export const isJobEvent = (event: { Type?: unknown }) => event.Type === 'Timer' || event.Type === 'ManualRun';

const FORBIDDEN: ErrorBody = { code: 'FORBIDDEN', message: '没有权限' };

/**
 * Runs a timer job when the platform says so (a timer trigger), or an operator's audited manual run from the
 * console. Anything a mini-program client sends, whatever its shape or secret, is refused: the source comes
 * from the platform (getWXContext().SOURCE), never from the event.
 */
export async function runJobEvent(
  platform: Platform,
  contract: FunctionContract,
  jobs: TimerJobs,
  event: unknown,
  ctx: JobContext,
  callId: string,
): Promise<Result<unknown>> {
  const source = platform.identity.source();
  const timer = TimerEvent.safeParse(event);
  if (timer.success) {
    if (source !== 'trigger') {
      ctx.log.warn('timer.refused', { fn: contract.name, trigger: timer.data.TriggerName, source, callId });
      return { ok: false, error: FORBIDDEN };
    }
    return execute(contract, jobs, timer.data.TriggerName, ctx, callId, { scheduledAt: timer.data.Time });
  }

  // A client never runs a job, even one that somehow learned the secret.
  if (source === 'client' || source === 'trigger' || source === 'payment') {
    ctx.log.warn('job.manual_refused', { fn: contract.name, source, callId });
    return { ok: false, error: FORBIDDEN };
  }
  const manual = ManualRunEvent.safeParse(event);
  if (!manual.success) return { ok: false, error: { code: 'INVALID_INPUT', message: '手动运行需要 TriggerName、operator 和 secret' } };
  const { TriggerName: trigger, operator, secret } = manual.data;
  const target = `${contract.name}/${trigger}`;
  const configured = platform.secrets.get('JOB_RUN_SECRET') ?? '';
  const audit = (action: string, detail: Record<string, unknown>) =>
    appendConsoleAudit(ctx.db, operator, { action, target, detail: { source, callId, ...detail } }, ctx.clock.now());
  if (configured.length < MIN_JOB_SECRET_LENGTH || !sameSecret(secret, configured)) {
    await audit('job.manualRun.refused', { reason: configured.length < MIN_JOB_SECRET_LENGTH ? 'secret_not_configured' : 'wrong_secret' });
    return { ok: false, error: FORBIDDEN };
  }
  if (!jobs[trigger]) {
    await audit('job.manualRun.refused', { reason: 'unknown_trigger' });
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `没有定时任务 ${trigger}` } };
  }
  // Written before the job starts, so a run killed at the time limit is still on record.
  await audit('job.manualRun', {});
  const result = await execute(contract, jobs, trigger, ctx, callId, { manualBy: operator });
  await audit('job.manualRun.result', result.ok ? { ok: true, data: result.data } : { ok: false, code: result.error.code });
  return result;
}

async function execute(
  contract: FunctionContract,
  jobs: TimerJobs,
  trigger: string,
  ctx: JobContext,
  callId: string,
  fields: Record<string, unknown>,
): Promise<Result<unknown>> {
  const job = jobs[trigger];
  if (!job) {
    // The trigger in config.json names no job of this function: a deploy mistake, worth an error line.
    ctx.log.error('timer.unknown_trigger', { fn: contract.name, trigger, callId });
    return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `没有定时任务 ${trigger}` } };
  }
  const started = Date.now();
  try {
    const data = await job(ctx);
    ctx.log.info('timer', { fn: contract.name, trigger, callId, ok: true, ms: Date.now() - started, data, ...fields });
    return { ok: true, data };
  } catch (e) {
    ctx.log.error('timer.failed', { fn: contract.name, trigger, callId, err: describeError(e), ...fields });
    return { ok: false, error: toErrorBody(e) };
  }
}

function sameSecret(given: string, configured: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(configured);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const describeError = (e: unknown) => (e instanceof Error ? { name: e.name, message: e.message, stack: e.stack } : String(e));
