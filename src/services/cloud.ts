/**
 * The one gateway to the backend. Typed by the contracts: the function, the action, its input and its output
 * all come from cloudfunctions/_core/contracts (types only: no zod in the app bundle).
 */
import type {
  ActionContract,
  ActionName,
  Contracts,
  ErrorBody,
  ErrorCode,
  FunctionName,
  InputOf,
  OutputOf,
} from '../../cloudfunctions/_core/contracts';
import { ERROR_MESSAGES, NETWORK_MESSAGE } from './error-messages';
import { initTransport, send } from './transport';

type ActionOf<F extends FunctionName, A extends ActionName<F>> =
  Contracts[F]['actions'][A] extends infer C extends ActionContract ? C : never;

export type CloudInput<F extends FunctionName, A extends ActionName<F>> = InputOf<ActionOf<F, A>>;
export type CloudOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<ActionOf<F, A>>;

/** An action whose input has no required field may be called without one. */
type InputArgs<I> = Record<never, never> extends I ? [input?: I] : [input: I];

/** NETWORK: the call produced no Result at all (offline, platform failure, malformed answer). */
export type ClientErrorCode = ErrorCode | 'NETWORK';

export class CloudError extends Error {
  readonly code: ClientErrorCode;
  /** For INVALID_INPUT: the offending field's path, e.g. "nickname" or "birthday.day". */
  readonly field?: string;

  constructor(code: ClientErrorCode, message: string, field?: string) {
    super(message);
    // Targets compiled to ES5 lose the subclass prototype when extending Error.
    Object.setPrototypeOf(this, CloudError.prototype);
    this.name = 'CloudError';
    this.code = code;
    this.field = field;
  }
}

export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError || (typeof e === 'object' && e !== null && (e as Error).name === 'CloudError');
}

/** Failures whose server text is generic or technical: the app's own words (error-messages.ts) are better. */
const GENERIC_CODES: ReadonlySet<ClientErrorCode> = new Set(['UNKNOWN_ACTION', 'UNAUTHENTICATED', 'BUSY', 'INTERNAL', 'NETWORK']);
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * The words a person sees for a failure: the server's own Chinese message wherever it is specific (it knows
 * which code was shown at which desk, what the threshold was, when to try again); the code's message from
 * error-messages.ts for generic failures and for anything without Chinese text.
 */
export function messageFor(error: ErrorBody): string {
  if (!GENERIC_CODES.has(error.code) && typeof error.message === 'string' && HAS_CHINESE.test(error.message)) return error.message;
  return ERROR_MESSAGES[error.code] ?? ERROR_MESSAGES.INTERNAL;
}

/** A readable message for anything a call may throw. */
export function describeError(e: unknown): string {
  if (isCloudError(e)) return e.message;
  return NETWORK_MESSAGE;
}

export function initCloud(): void {
  initTransport();
}

function isResult(value: unknown): value is { ok: true; data: unknown } | { ok: false; error: ErrorBody } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  return v.ok === true || (v.ok === false && typeof v.error === 'object' && v.error !== null);
}

export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  ...args: InputArgs<CloudInput<F, A>>
): Promise<CloudOutput<F, A>> {
  const input = args[0] ?? {};
  let raw: unknown;
  try {
    raw = await send(fn, { action, input });
  } catch (e) {
    console.error(`[cloud] ${fn}.${action} failed to send`, e);
    throw new CloudError('NETWORK', NETWORK_MESSAGE);
  }
  if (!isResult(raw)) {
    console.error(`[cloud] ${fn}.${action} returned no Result`, raw);
    throw new CloudError('NETWORK', NETWORK_MESSAGE);
  }
  if (!raw.ok) throw new CloudError(raw.error.code, messageFor(raw.error), raw.error.field);
  return raw.data as CloudOutput<F, A>;
}
