import type { z } from 'zod';
import { chineseMessage, formatPath } from '../shared/config-problems.rules';
import { documentAddress, type OperatorDocumentSpec } from './operator-document.schema';
import { documentJsonSchema, unknownFields, type JsonSchemaNode } from './operator-json-schema.rules';

/** A document as stored (console export, a file in git, or the live database). */
export interface RawDocument {
  collection: string;
  _id: string;
  body: Record<string, unknown>;
  /** Where it came from, for people (`coupon_templates.json 第 3 行`). */
  source?: string;
}

export interface Problem {
  /** `app_config/tiers`, `coupon_templates/WELCOME30`. */
  address: string;
  path: readonly PropertyKey[];
  message: string;
}

/** One line an operator can act on: `tiers[1].threshold：等级门槛必须按从低到高严格递增`. */
export const problemLine = (p: Problem): string => `${formatPath(p.path)}：${p.message}`;

/** What the checks know about one valid document, for the cross-document checks. */
export interface ParsedDocument {
  id: string;
  value: unknown;
}

/**
 * The documents of one check, parsed: cross-document checks ask it for what other documents say.
 */
export interface DocumentSet {
  /** The valid value of an `app_config` document, or its default when missing or broken (as the product reads it). */
  single<T>(key: string): T | null;
  /** Valid documents of a kind. */
  many<T>(key: string): { id: string; value: T }[];
  /** Whether a document of a kind exists, valid or not (`broken` when it fails its schema). */
  lookup(key: string, id: string): 'valid' | 'broken' | 'missing';
}

export type CrossCheck = (set: DocumentSet) => Problem[];

export interface CheckOutcome {
  spec: OperatorDocumentSpec;
  doc: RawDocument;
  address: string;
  /** The document's own mistakes: the product skips it (or uses the default). */
  invalid: Problem[];
  /** References to other documents that do not hold: the document is used, but something will fail. */
  warnings: Problem[];
}

const jsonSchemas = new WeakMap<OperatorDocumentSpec, JsonSchemaNode>();
function jsonSchemaOf(spec: OperatorDocumentSpec): JsonSchemaNode {
  let js = jsonSchemas.get(spec);
  if (!js) jsonSchemas.set(spec, (js = documentJsonSchema(spec)));
  return js;
}

/** Which registered kind a stored document is, or null (a collection or `app_config` id nobody reads). */
export function specFor(specs: readonly OperatorDocumentSpec[], collection: string, id: string): OperatorDocumentSpec | null {
  return (
    specs.find((s) => s.collection === collection && (s.id.kind === 'many' || s.id.id === id)) ?? null
  );
}

/** Fields the product adds to a document it writes itself (change-log version and hash); never the operator's. */
const isSystemField = (key: string) => key.startsWith('_');

/**
 * One document against its own schema: its mistakes (the product skips the document), fields the schema does
 * not know (the product ignores them: a warning, usually a misspelt name), and the parsed value when valid.
 */
export function checkOne(spec: OperatorDocumentSpec, doc: RawDocument): { problems: Problem[]; unknown: Problem[]; value?: unknown } {
  const address = documentAddress(doc.collection, doc._id);
  const problems: Problem[] = [];
  if (spec.id.kind === 'many' && !spec.id.pattern.test(doc._id)) {
    problems.push({ address, path: ['_id'], message: `文档 ID 应为${spec.id.meaning}` });
  }
  const body = Object.fromEntries(Object.entries(doc.body).filter(([k]) => !isSystemField(k)));
  const parsed = spec.schema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues as z.core.$ZodIssue[]) problems.push({ address, path: issue.path, message: chineseMessage(issue) });
  }
  const unknown = unknownFields(jsonSchemaOf(spec), body).map((path) => ({
    address,
    path,
    message: '不认识的字段，不会生效（是否拼错了字段名？）',
  }));
  return problems.length || !parsed.success ? { problems, unknown } : { problems, unknown, value: parsed.data };
}

/**
 * Checks a set of documents: each against its schema (with unknown fields), then every cross-document
 * check over the valid ones. `fallbacks` are the built-in defaults of `app_config` documents (by key).
 * Pure: `config:check` runs it on files, `admin.configReport` on the live database.
 */
export function checkDocuments(
  specs: readonly OperatorDocumentSpec[],
  docs: readonly RawDocument[],
  crossChecks: readonly CrossCheck[],
  fallbacks: Readonly<Record<string, unknown>>,
): { outcomes: CheckOutcome[]; unknown: RawDocument[] } {
  const outcomes: CheckOutcome[] = [];
  const unknown: RawDocument[] = [];
  const valid = new Map<string, Map<string, unknown>>();
  const broken = new Map<string, Set<string>>();
  for (const doc of docs) {
    const spec = specFor(specs, doc.collection, doc._id);
    if (!spec) {
      unknown.push(doc);
      continue;
    }
    const { problems, unknown: unknownFieldProblems, value } = checkOne(spec, doc);
    outcomes.push({ spec, doc, address: documentAddress(doc.collection, doc._id), invalid: problems, warnings: unknownFieldProblems });
    if (problems.length === 0) {
      if (!valid.has(spec.key)) valid.set(spec.key, new Map());
      valid.get(spec.key)!.set(doc._id, value);
    } else {
      if (!broken.has(spec.key)) broken.set(spec.key, new Set());
      broken.get(spec.key)!.add(doc._id);
    }
  }
  const set: DocumentSet = {
    single<T>(key: string) {
      const spec = specs.find((s) => s.key === key);
      if (!spec || spec.id.kind !== 'single') throw new Error(`not a single document: ${key}`);
      const id = spec.id.id;
      if (valid.get(key)?.has(id)) return valid.get(key)!.get(id) as T;
      // Missing or broken: the product reads the built-in default, so references are checked against it.
      return (fallbacks[key] ?? null) as T | null;
    },
    many<T>(key: string) {
      return [...(valid.get(key) ?? new Map<string, unknown>())].map(([id, value]) => ({ id, value: value as T }));
    },
    lookup(key, id) {
      if (valid.get(key)?.has(id)) return 'valid';
      return broken.get(key)?.has(id) ? 'broken' : 'missing';
    },
  };
  const byAddress = new Map(outcomes.map((o) => [o.address, o]));
  for (const check of crossChecks) {
    for (const p of check(set)) byAddress.get(p.address)?.warnings.push(p);
  }
  return { outcomes, unknown };
}
