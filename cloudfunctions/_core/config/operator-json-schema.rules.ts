import { z } from 'zod';
import type { OperatorDocumentSpec } from './operator-document.schema';

/** The subset of JSON Schema that zod's export produces for operator documents. */
export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
  allOf?: JsonSchemaNode[];
  additionalProperties?: boolean | JsonSchemaNode;
  description?: string;
  [keyword: string]: unknown;
}

type Visit = (node: JsonSchemaNode, path: string, viaProperty: boolean) => void;

/** Visits every node with its field path (`a.b[].c`); union branches share their parent's path. */
function walk(node: JsonSchemaNode, path: string, visit: Visit, viaProperty = false): void {
  visit(node, path, viaProperty);
  for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, path ? `${path}.${key}` : key, visit, true);
  if (node.items) walk(node.items, `${path}[]`, visit);
  for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) walk(branch, path, visit);
}

/** Every field path a schema has (object properties only: array items and union branches are not fields). */
export function fieldPaths(schema: JsonSchemaNode): string[] {
  const out = new Set<string>();
  walk(schema, '', (_node, path, viaProperty) => {
    if (viaProperty) out.add(path);
  });
  return [...out];
}

/**
 * The JSON Schema of a document's body (without `_id`), from zod 4's own export of the input side (what an
 * operator writes: fields with defaults may be left out), with the Chinese meaning of every field, a title,
 * a summary and the example.
 */
export function documentJsonSchema(spec: OperatorDocumentSpec): JsonSchemaNode {
  const schema = z.toJSONSchema(spec.schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaNode;
  walk(schema, '', (node, path, viaProperty) => {
    const meaning = spec.fields[path];
    if (viaProperty && meaning !== undefined) node.description = meaning;
  });
  const { _id, ...example } = spec.example;
  const where = spec.id.kind === 'single' ? `${spec.collection}/${spec.id.id}` : `${spec.collection}/{${spec.id.meaning}}`;
  return {
    $schema: schema.$schema,
    title: `${spec.title}（${where}）`,
    description: spec.summary,
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
    examples: [example],
  } as JsonSchemaNode;
  void _id;
}

const objectBranches = (node: JsonSchemaNode): JsonSchemaNode[] =>
  [node, ...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].filter((n) => n.properties !== undefined);

/**
 * Fields a document has that its schema does not know (usually a misspelt name, which zod would silently
 * drop): their paths as zod reports paths. Objects that allow any key are not checked.
 */
export function unknownFields(schema: JsonSchemaNode, value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    const items = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].find((n) => n.items)?.items;
    return items ? value.flatMap((v, i) => unknownFields(items, v, [...path, i])) : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const branches = objectBranches(schema);
  if (branches.length === 0 || branches.some((b) => b.additionalProperties !== undefined && b.additionalProperties !== false)) return [];
  const out: (string | number)[][] = [];
  for (const [key, child] of Object.entries(value)) {
    const known = branches.map((b) => b.properties?.[key]).filter((n): n is JsonSchemaNode => n !== undefined);
    if (known.length === 0) out.push([...path, key]);
    else out.push(...unknownFields(known.length === 1 ? known[0] : { anyOf: known }, child, [...path, key]));
  }
  return out;
}
