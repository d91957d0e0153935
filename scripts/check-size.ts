/**
 * Weapp package sizes from the production build (dist/weapp). The main package is everything not under a
 * subpackage root listed in app.json. WeChat's hard limit is 2 MB per package; we hold the main package to
 * 600 KB so the first open stays fast and there is room for the subpackages' shared code.
 *
 *   NODE_ENV=production npx taro build --type weapp && npx tsx scripts/check-size.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const MAIN_LIMIT = 600 * 1024;
const SUB_LIMIT = 2 * 1024 * 1024;

const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'dist', 'weapp'));
const appJsonPath = path.join(distDir, 'app.json');

if (!fs.existsSync(appJsonPath)) {
  console.error(`No weapp build at ${distDir}: run "NODE_ENV=production npx taro build --type weapp" first.`);
  process.exit(2);
}

interface AppJson {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
}
const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson;
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/^\/+|\/+$/g, ''));

// Project settings are not part of the uploaded code; everything else counts (stricter than the IDE).
const IGNORED = [/^project\.config\.json$/, /^project\.private\.config\.json$/];

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const sizes = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])]);
for (const file of walk(distDir)) {
  const rel = path.relative(distDir, file).split(path.sep).join('/');
  if (IGNORED.some((re) => re.test(rel))) continue;
  const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main';
  sizes.set(root, (sizes.get(root) ?? 0) + fs.statSync(file).size);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const main = sizes.get('main') ?? 0;
console.log(`weapp main package: ${fmt(main)} bytes (limit ${MAIN_LIMIT / 1024} KB)`);
let failed = main > MAIN_LIMIT;
for (const root of roots) {
  const size = sizes.get(root) ?? 0;
  console.log(`weapp subpackage ${root}: ${fmt(size)} bytes (limit ${SUB_LIMIT / 1024 / 1024} MB)`);
  if (size > SUB_LIMIT) failed = true;
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0);
console.log(`weapp total: ${fmt(total)} bytes`);

if (failed) {
  console.error('weapp package size over the limit');
  process.exit(1);
}
