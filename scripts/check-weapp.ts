/**
 * miniprogram-ci's offline checks on the weapp build (dist/weapp), the ones WeChat DevTools runs before an
 * upload: project.config.json and every app/page JSON against WeChat's schemas, the code-quality checks
 * (minification, lazy code loading, unused files, main-package rules) and package sizes against WeChat's limits.
 * Nothing is uploaded and no key is needed; exits 1 on any failure.
 *
 *   NODE_ENV=production npx taro build --type weapp && npm run check:weapp [projectDir]
 *
 * miniprogram-ci leaves a file watcher running, so the process must end with process.exit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The mini-program project: the folder with project.config.json (default: the repository). */
const ROOT = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const MB = 1024 * 1024;
/** WeChat's limits: 2 MB per package, 20 MB in all (the stricter service-provider figure; 30 MB otherwise). */
const PACKAGE_LIMIT = 2 * MB;
const TOTAL_LIMIT = 20 * MB;

interface CheckItem {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}
interface AnalysedFile {
  path: string;
  size: number;
  subPackage: string | null;
}
interface MiniprogramCi {
  Project: new (opts: Record<string, unknown>) => unknown;
  checkCodeQuality(project: unknown): Promise<CheckItem[]>;
  analyseCode(project: unknown, opts?: { silent: boolean }): Promise<{ files: AnalysedFile[] } | undefined>;
}
type SchemaName = 'app' | 'page' | 'projectconfig' | 'sitemap';
type SchemaValidate = (
  name: SchemaName,
  json: unknown,
) => { warning: string; error: { errorType: string; errorProperty: string; correctType?: unknown; requireProperty?: unknown }[] };

const readJson = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<number> {
  const started = Date.now();
  const projectConfig = readJson(path.join(ROOT, 'project.config.json')) as { miniprogramRoot: string; appid: string };
  const distDir = path.join(ROOT, projectConfig.miniprogramRoot);
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error(`No weapp build at ${distDir}: run "NODE_ENV=production npx taro build --type weapp" first.`);
    return 2;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as MiniprogramCi;
  // The schema check DevTools runs on every JSON file (not re-exported at the package's top level).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { schemaValidate } = require('miniprogram-ci/dist/modules/corecompiler/original/validate/schemaValidate') as { schemaValidate: SchemaValidate };

  const failures: string[] = [];
  const warnings: string[] = [];

  // 1. JSON schemas: project.config.json, app.json, each page's JSON, sitemap.json.
  const appJson = readJson(path.join(distDir, 'app.json')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
  const pages = [...appJson.pages, ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
  const targets: [SchemaName, string][] = [
    ['projectconfig', path.join(ROOT, 'project.config.json')],
    ['app', path.join(distDir, 'app.json')],
    ...pages.map((p): [SchemaName, string] => ['page', path.join(distDir, `${p}.json`)]),
  ];
  if (fs.existsSync(path.join(distDir, 'sitemap.json'))) targets.push(['sitemap', path.join(distDir, 'sitemap.json')]);
  for (const [schema, file] of targets) {
    const rel = path.relative(ROOT, file);
    if (!fs.existsSync(file)) {
      failures.push(`${rel}: missing`);
      continue;
    }
    const { error, warning } = schemaValidate(schema, readJson(file));
    for (const e of error) failures.push(`${rel}: ${e.errorProperty || '(root)'} ${e.errorType} ${JSON.stringify(e.correctType ?? e.requireProperty ?? '')}`);
    if (warning) warnings.push(`${rel}: unknown fields ${warning}`);
  }
  console.log(`schema: ${targets.length} JSON files checked`);

  // 2. Code quality, as DevTools' 代码质量 panel.
  const project = new ci.Project({
    appid: projectConfig.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    // Required by the constructor, used only by upload/preview, which this script never calls.
    privateKey: 'offline-checks-upload-nothing',
    ignores: ['node_modules/**/*', 'src/**/*', 'cloudfunctions/**/*', 'test/**/*', 'dist/h5/**/*', 'dist/cloudfunctions/**/*', '.data/**/*'],
  });
  const quality = await ci.checkCodeQuality(project);
  for (const item of quality) {
    console.log(`quality: ${item.success ? 'ok  ' : 'FAIL'} ${item.name}`);
    if (!item.success) failures.push(`code quality ${item.name}: ${item.text}`);
  }

  // 3. Package sizes from miniprogram-ci's own analysis of the build.
  const analysis = await ci.analyseCode(project, { silent: true });
  const sizes = new Map<string, number>();
  for (const f of analysis?.files ?? []) sizes.set(f.subPackage ?? '(main)', (sizes.get(f.subPackage ?? '(main)') ?? 0) + f.size);
  let total = 0;
  for (const [pkg, size] of [...sizes].sort((a, b) => b[1] - a[1])) {
    total += size;
    console.log(`size: ${pkg.padEnd(20)} ${kb(size)}`);
    if (size > PACKAGE_LIMIT) failures.push(`package ${pkg} is ${kb(size)}, over WeChat's 2 MB`);
  }
  console.log(`size: ${'(total)'.padEnd(20)} ${kb(total)}`);
  if (total > TOTAL_LIMIT) failures.push(`all packages are ${kb(total)}, over 20 MB`);
  if (sizes.size === 0) failures.push('miniprogram-ci found no files in the build');

  for (const w of warnings) console.warn(`warning: ${w}`);
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(`check:weapp ${failures.length ? 'failed' : 'passed'} in ${Date.now() - started} ms`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
