/**
 * The collection spec is the one list of collections: every collection the code names is in it, nothing in it
 * is unused, and its permissions are explicit.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COLLECTIONS, COLLECTION_NAMES, INDEXES } from '../../cloudfunctions/_core/collections';
import { SERVER_ONLY } from '../../cloudfunctions/_platform/database.port';
import { LOCAL_ONLY_COLLECTIONS } from '../../cloudfunctions/_platform/local/local-cloud';

const ROOT = join(__dirname, '../..');
const SOURCES = join(ROOT, 'cloudfunctions');
/** The local database implements `collection(name)` itself. */
const IMPLEMENTATION = join(SOURCES, '_platform/local/database');
/** Helpers whose caller names the collection, as a `collection: NAME` property the scan reads instead. */
const NAMED_BY_CALLER = new Set([
  'cloudfunctions/_core/payments/payment-state.service.ts',
  // Reads and saves operator documents of the collections the registry names (`collection: 'app_config',` in
  // _core/config/documents/*.document.ts, which this scan reads).
  'cloudfunctions/_core/admin/operator-documents.service.ts',
  // Exports and erases a member's documents in the collections privacy/personal-data.map.ts names.
  'cloudfunctions/_core/privacy/personal-data.service.ts',
  'cloudfunctions/_core/config/operator-collection.ts',
  'cloudfunctions/_core/shared/counter.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === IMPLEMENTATION) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `collection(...)` argument in the sources, with string constants (`export const X = 'name'`) resolved. */
function collectionsNamedInCode(): { used: Map<string, string[]>; unresolved: string[] } {
  const files = sourceFiles(SOURCES).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
  const constants = new Map<string, string>();
  for (const { text } of files) {
    for (const m of text.matchAll(/export const ([A-Z][A-Z0-9_]*) = '([a-z_][a-z0-9_]*)';/g)) constants.set(m[1], m[2]);
  }
  const used = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const { path, text } of files) {
    const where = relative(ROOT, path);
    const calls = [...text.matchAll(/\.collection(?:<[^>()]*>)?\(\s*([^)]*?)\s*\)/g)].map((m) => m[1]);
    // A collection handed to a helper: `{ collection: MALL_ORDERS, ... }`.
    const properties = [...text.matchAll(/\bcollection: ([A-Z][A-Z0-9_]*|'[a-z_]+'),/g)].map((m) => m[1]);
    for (const arg of [...calls, ...properties]) {
      const name = /^'([^']+)'$/.exec(arg)?.[1] ?? constants.get(arg);
      if (!name) {
        if (!NAMED_BY_CALLER.has(where)) unresolved.push(`${where}: collection(${arg})`);
        continue;
      }
      used.set(name, [...(used.get(name) ?? []), where]);
    }
  }
  return { used, unresolved };
}

describe('collection spec', () => {
  const { used, unresolved } = collectionsNamedInCode();

  it('declares every collection the code names (WeChat refuses undeclared ones with -502005)', () => {
    const declared = new Set([...COLLECTION_NAMES, ...LOCAL_ONLY_COLLECTIONS]);
    const missing = [...used.entries()].filter(([name]) => !declared.has(name)).map(([name, where]) => `${name} (${where.join(', ')})`);
    expect(missing).toEqual([]);
    // The scan must see what it checks: a collection chosen at run time would escape it.
    expect(unresolved).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(COLLECTIONS.length);
  });

  it('declares nothing the code never uses', () => {
    expect(COLLECTION_NAMES.filter((name) => !used.has(name))).toEqual([]);
  });

  it('keeps the local cloud’s own stand-ins out of the deployed spec', () => {
    for (const name of LOCAL_ONLY_COLLECTIONS) {
      expect(COLLECTION_NAMES).not.toContain(name);
      expect(used.get(name)?.every((where) => where.startsWith('cloudfunctions/_platform/local/'))).toBe(true);
    }
  });

  it('names each collection once, each index once per collection, with WeChat-legal names', () => {
    expect(new Set(COLLECTION_NAMES).size).toBe(COLLECTION_NAMES.length);
    for (const name of COLLECTION_NAMES) expect(name).toMatch(/^[a-z][a-z0-9_]{0,63}$/);
    const indexKeys = INDEXES.map((i) => `${i.collection}.${i.name}`);
    expect(new Set(indexKeys).size).toBe(indexKeys.length);
    for (const i of INDEXES) {
      expect(Object.keys(i.keys).length).toBeGreaterThan(0);
      expect(i.why.length).toBeGreaterThan(10);
    }
  });

  it('gives every collection an explicit permission: server only, or another one with its reason', () => {
    for (const c of COLLECTIONS) {
      expect(c.permission).toBeDefined();
      expect(c.holds.length).toBeGreaterThan(10);
      if (JSON.stringify(c.permission) !== JSON.stringify(SERVER_ONLY)) expect(c.permissionReason?.trim().length ?? 0).toBeGreaterThan(10);
    }
    // Today the app reaches no collection directly, so all of them are server only.
    expect(COLLECTIONS.filter((c) => c.permission !== SERVER_ONLY).map((c) => c.name)).toEqual([]);
  });
});
