/**
 * Renders docs/api.md from the contracts: every function, action, input, output and error code.
 * `npm run docs:api` writes it; the test suite fails when the checked-in file differs.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { contracts } from '../cloudfunctions/_core/contracts';
import type { ActionContract } from '../cloudfunctions/_core/contracts/define';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: unknown;
};

/** zod's int() adds the safe-integer bounds; they say nothing to a reader. */
const bound = (n?: number) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);
const range = (rawMin?: number, rawMax?: number) => {
  const [min, max] = [bound(rawMin), bound(rawMax)];
  return min === undefined && max === undefined ? '' : `(${min ?? ''}..${max ?? ''})`;
};

/** JSON Schema to a compact TypeScript-like notation with the constraints that matter to a caller. */
export function renderSchema(s: Schema, indent = ''): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.map((a) => renderSchema(a, indent)).join(' | ');
  const type = Array.isArray(s.type) ? s.type.join(' | ') : s.type;
  switch (type) {
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) return '{}';
      const inner = indent + '  ';
      const lines = props.map(
        ([k, v]) => `${inner}${k}${s.required?.includes(k) ? '' : '?'}: ${renderSchema(v, inner)};`,
      );
      return `{\n${lines.join('\n')}\n${indent}}`;
    }
    case 'array':
      return `Array<${renderSchema(s.items ?? {}, indent)}>${range(s.minItems, s.maxItems)}`;
    case 'string':
      return `string${range(s.minLength, s.maxLength)}${s.pattern ? ` /${s.pattern}/` : ''}`;
    case 'integer':
    case 'number':
      return `${type}${range(s.minimum, s.maximum)}`;
    default:
      return type ?? 'unknown';
  }
}

const schemaOf = (t: z.ZodType, io: 'input' | 'output') =>
  renderSchema(z.toJSONSchema(t, { io, unrepresentable: 'any' }) as Schema);

export function renderApiDoc(): string {
  const out: string[] = [
    '# Cloud function API',
    '',
    'Generated from `cloudfunctions/_core/contracts` by `npm run docs:api`; the tests fail when this file is stale.',
    '',
    'Every call is `{ action, input }` (weapp: `wx.cloud.callFunction({ name, data: { action, input } })`; local H5:',
    '`POST /api/<function>`). Every answer is `{ ok: true, data }` or `{ ok: false, error: { code, message, field? } }`.',
    'The caller is the platform identity (`getWXContext().OPENID`), never a field of the input.',
    'Access: `visitor` any WeChat user, `member` a registered member, `staff` an active clerk or manager, `operator` an operator role, `moderator` / `cocreator` an operator or a member holding the KOC role `moderator` / `co_creator` (read on every call).',
    '',
  ];
  for (const c of Object.values(contracts)) {
    out.push(`## \`${c.name}\``, '', c.summary, '');
    for (const [name, a] of Object.entries(c.actions) as [string, ActionContract][]) {
      out.push(`### \`${c.name}.${name}\``, '', a.summary, '', `- access: \`${a.access}\``);
      if (a.idempotency) out.push(`- idempotency: ${a.idempotency}`);
      out.push(`- errors: ${a.errors.length ? a.errors.map((e) => `\`${e}\``).join(', ') : 'none beyond the common ones'}`, '');
      out.push('Input:', '```ts', schemaOf(a.input, 'input'), '```', 'Output:', '```ts', schemaOf(a.output, 'output'), '```', '');
    }
    if (c.timers) {
      out.push('Timer triggers (cron in `config.json`):', '');
      for (const [t, spec] of Object.entries(c.timers)) out.push(`- \`${t}\`: ${spec.summary}`);
      out.push('');
    }
  }
  out.push(
    '## Common error codes',
    '',
    '`INVALID_INPUT` (with `field`), `UNKNOWN_ACTION`, `UNAUTHENTICATED`, `FORBIDDEN`, `NOT_REGISTERED`, `BUSY` (retry later), `INTERNAL`.',
    '',
  );
  return out.join('\n');
}

export const API_DOC_PATH = join(resolve(__dirname, '..'), 'docs', 'api.md');

if (require.main === module) {
  writeFileSync(API_DOC_PATH, renderApiDoc());
  console.log(`wrote ${API_DOC_PATH}`);
}
