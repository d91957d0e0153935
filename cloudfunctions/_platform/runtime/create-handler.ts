import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ActionContract, FunctionContract } from '../../_core/contracts/define';
import { resolveAccess, type ContextFor } from '../../_core/shared/access';
import { AppError, type ErrorBody, type Result } from '../../_core/shared/errors';
import type { UseCaseContext } from '../../_core/shared/use-case-context';
import { installedPlatform, type Platform } from '../platform';
import { toErrorBody, validationError } from './error-mapping';
import { jobContextOf } from './job-context';
import { describeError, isJobEvent, runJobEvent, type TimerJob } from './run-job';

export type UseCaseFor<C extends ActionContract> = (
  ctx: ContextFor<C['access']>,
  input: z.output<C['input']>,
) => Promise<z.input<C['output']>>;

export type UseCasesOf<F extends FunctionContract> = { [K in keyof F['actions']]: UseCaseFor<F['actions'][K]> };

export type { TimerJob } from './run-job';

interface CallEvent {
  action?: unknown;
  input?: unknown;
  /** WeChat's timer trigger event ('Timer'), or an operator's manual run from the console ('ManualRun'). */
  Type?: unknown;
}

let wxPlatform: Platform | undefined;

/** The local cloud installs its platform; on WeChat Cloud nothing is installed and the SDK is used. */
export function currentPlatform(): Platform {
  const local = installedPlatform();
  if (local) return local;
  if (!wxPlatform) {
    // Loaded lazily so that requiring a bundle never touches wx-server-sdk outside WeChat Cloud.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createWxPlatform } = require('../wx/wx-platform') as typeof import('../wx/wx-platform');
    wxPlatform = createWxPlatform();
  }
  return wxPlatform;
}

/**
 * The one entry every cloud function uses: routes `event.action` to a use case, validates input with the
 * contract, takes identity from the platform only, enforces access, and turns failures into stable codes.
 */
export function createHandler<F extends FunctionContract>(
  contract: F,
  useCases: UseCasesOf<F>,
  timers: Partial<Record<keyof NonNullable<F['timers']> & string, TimerJob>> = {},
) {
  return async function main(rawEvent: unknown): Promise<Result<unknown>> {
    const platform = currentPlatform();
    const event = (typeof rawEvent === 'object' && rawEvent !== null ? rawEvent : {}) as CallEvent;
    const callId = randomUUID();
    const started = Date.now();
    const base = jobContextOf(platform, platform.instanceCache(contract.name));
    const log = base.log;

    if (isJobEvent(event)) return runJobEvent(platform, contract, timers, rawEvent, base, callId);

    const action = typeof event.action === 'string' ? event.action : '';
    const spec = Object.prototype.hasOwnProperty.call(contract.actions, action)
      ? (contract.actions[action] as ActionContract)
      : undefined;
    let outcome: Result<unknown>;
    let caller: string | undefined;
    try {
      if (!spec) throw new AppError('UNKNOWN_ACTION', `未知操作：${action || '(空)'}`);
      const identity = platform.identity.current();
      if (!identity) throw new AppError('UNAUTHENTICATED', '无法识别调用者');
      caller = identity.openid;
      const parsed = spec.input.safeParse(event.input ?? {});
      if (!parsed.success) throw validationError(parsed.error.issues);
      const ctx: UseCaseContext = { ...base, caller: identity };
      const scoped = await resolveAccess(ctx, spec.access);
      const useCase = useCases[action as keyof F['actions']] as unknown as (c: unknown, i: unknown) => Promise<unknown>;
      const data = spec.output.parse(await useCase(scoped, parsed.data));
      outcome = { ok: true, data };
    } catch (e) {
      outcome = { ok: false, error: toErrorBody(e) };
      if (outcome.error.code === 'INTERNAL') {
        log.error('call.failed', { fn: contract.name, action, callId, err: describeError(e) });
      }
    }
    log.info('call', {
      fn: contract.name,
      action,
      callId,
      caller: caller && redact(caller),
      ok: outcome.ok,
      code: outcome.ok ? undefined : (outcome.error as ErrorBody).code,
      ms: Date.now() - started,
    });
    return outcome;
  };
}

/** Logs keep enough of an openid to correlate, not to identify. */
const redact = (openid: string) => (openid.length > 8 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : '…');
