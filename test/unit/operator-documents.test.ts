/**
 * The registry of operator documents: every example is valid, every field has a Chinese meaning, the JSON
 * Schemas and the operator guide in docs/ are what the registry generates, and each JSON Schema round-trips
 * through zod (`z.fromJSONSchema`) to itself.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ALL_CONFIGS, OPERATOR_DOCUMENTS } from '../../cloudfunctions/_core/config/config-registry';
import { checkOne } from '../../cloudfunctions/_core/config/config-check.rules';
import { documentJsonSchema, fieldPaths, unknownFields, type JsonSchemaNode } from '../../cloudfunctions/_core/config/operator-json-schema.rules';
import { OPERATOR_GUIDE_PATH, OPERATOR_SCHEMA_DIR, renderOperatorGuide, renderOperatorSchemas } from '../../scripts/operator-docs';

const hasChinese = (s: string) => /[\u4e00-\u9fa5]/.test(s);

/** `additionalProperties: {}` (any extra key) and no keyword mean the same in JSON Schema; zod's import writes the first.
 * So do `properties: {}` and no keyword (a record's schema comes back with an empty `properties`). */
function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k, v]) => !((k === 'additionalProperties' || k === 'properties') && typeof v === 'object' && v !== null && Object.keys(v).length === 0))
      .map(([k, v]) => [k, normalise(v)]),
  );
}

describe.each(OPERATOR_DOCUMENTS.map((d) => [d.key, d] as const))('operator document %s', (_key, spec) => {
  const schema = documentJsonSchema(spec);

  it('has an example that passes its schema with no unknown field', () => {
    const { _id, ...body } = spec.example;
    expect(checkOne(spec, { collection: spec.collection, _id, body })).toEqual({ problems: [], unknown: [], value: expect.anything() });
    expect(spec.id.kind === 'single' ? _id === spec.id.id : spec.id.pattern.test(_id)).toBe(true);
  });

  it('explains every field in Chinese, and only fields that exist', () => {
    const paths = fieldPaths(schema);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !spec.fields[p])).toEqual([]);
    expect(Object.keys(spec.fields).filter((p) => !paths.includes(p))).toEqual([]);
    for (const text of [spec.title, spec.summary, ...Object.values(spec.fields), ...spec.mistakes]) expect(hasChinese(text)).toBe(true);
    expect(spec.mistakes.length).toBeGreaterThan(0);
  });

  it('round-trips through JSON Schema: zod → JSON Schema → zod → the same JSON Schema, accepting the example', () => {
    const committed = JSON.parse(readFileSync(join(OPERATOR_SCHEMA_DIR, `${spec.key}.schema.json`), 'utf8')) as JsonSchemaNode;
    const { $schema, title, description, examples, ...body } = committed;
    void $schema;
    void title;
    void description;
    const back = z.fromJSONSchema(body as Parameters<typeof z.fromJSONSchema>[0]);
    const again = z.toJSONSchema(back, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
    delete again.$schema;
    expect(normalise(again)).toEqual(normalise(body));
    expect(back.safeParse((examples as unknown[])[0]).success).toBe(true);
    // The rebuilt schema still constrains: an empty document lacks what is required.
    if (Array.isArray(body.required) && body.required.length) expect(back.safeParse({}).success).toBe(false);
  });

  it('finds a misspelt field name at its path', () => {
    const { _id, ...body } = spec.example;
    void _id;
    expect(unknownFields(schema, { ...body, titel: 'x' })).toEqual([['titel']]);
  });
});

describe('the registry', () => {
  it('has one entry per kind of document and matches the run-time app_config definitions', () => {
    expect(new Set(OPERATOR_DOCUMENTS.map((d) => d.key)).size).toBe(OPERATOR_DOCUMENTS.length);
    const singles = OPERATOR_DOCUMENTS.filter((d) => d.id.kind === 'single');
    expect(singles.map((d) => d.collection)).toEqual(singles.map(() => 'app_config'));
    expect(singles.map((d) => [d.id.kind === 'single' && d.id.id, d.title, d.schema]).sort()).toEqual(ALL_CONFIGS.map((c) => [c.id, c.title, c.schema]).sort());
  });

  it('has every fallback pass its schema', () => {
    for (const c of ALL_CONFIGS) expect(c.schema.safeParse(c.fallback).success).toBe(true);
  });
});

describe('generated documentation (run `npm run docs:operators` after changing the registry)', () => {
  it('docs/operator-schemas/ holds exactly the generated JSON Schemas', () => {
    const expected = renderOperatorSchemas();
    expect(existsSync(OPERATOR_SCHEMA_DIR)).toBe(true);
    expect(readdirSync(OPERATOR_SCHEMA_DIR).sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(readFileSync(join(OPERATOR_SCHEMA_DIR, file), 'utf8')).toBe(text);
  });

  it('docs/operators.md is the generated guide, with every document, field and example', () => {
    const guide = renderOperatorGuide();
    expect(readFileSync(OPERATOR_GUIDE_PATH, 'utf8')).toBe(guide);
    for (const d of OPERATOR_DOCUMENTS) {
      expect(guide).toContain(`## ${d.title}（\`${d.key}\`）`);
      for (const path of Object.keys(d.fields)) expect(guide).toContain(`| \`${path}\` |`);
      expect(guide).toContain(JSON.stringify(d.example, null, 2));
    }
  });
});
