import type { z } from 'zod';
import type { ErrorCode } from '../shared/errors';

/**
 * Who may call an action. The handler enforces it from platform identity and role documents:
 * visitor = any WeChat user; member = registered member; staff = active clerk or manager role;
 * operator = operator role; moderator = operator role or a member holding the KOC moderator role (`koc_roles`).
 */
/** `moderator` / `cocreator`: an operator, or a member holding that KOC role (read per request). */
export type Access = 'visitor' | 'member' | 'staff' | 'operator' | 'moderator' | 'cocreator';

export interface ActionContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  access: Access;
  input: I;
  output: O;
  /** For a mutating action, what makes a retry harmless (a request id, a natural key...). */
  idempotency?: string;
  errors: readonly ErrorCode[];
}

export interface FunctionContract<A extends Record<string, ActionContract> = Record<string, ActionContract>> {
  name: string;
  summary: string;
  actions: A;
  /** Jobs started by this function's timer trigger, keyed by trigger name; the cron lives in config.json. */
  timers?: Record<string, { summary: string }>;
}

export const defineFunction = <A extends Record<string, ActionContract>>(c: FunctionContract<A>) => c;

export type InputOf<C extends ActionContract> = z.input<C['input']>;
export type OutputOf<C extends ActionContract> = z.output<C['output']>;
