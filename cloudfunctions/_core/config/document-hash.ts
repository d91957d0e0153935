import { createHash } from 'node:crypto';

/** The operator's content of a stored document: without `_id` and the fields the product keeps (`_rev`...). */
export function operatorContent(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !k.startsWith('_')));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** A hash of a document's operator content that ignores key order (the console may reorder keys). */
export const documentHash = (body: Record<string, unknown>): string =>
  createHash('sha256').update(JSON.stringify(canonical(operatorContent(body)))).digest('hex').slice(0, 32);
