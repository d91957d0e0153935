/**
 * Bundles every deployable function (cloudfunctions/<fn>, not the _-prefixed shared folders) with its
 * shared code into dist/cloudfunctions/<fn>/index.js, beside its package.json and config.json.
 * wx-server-sdk stays external: WeChat installs it from package.json.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const src = join(root, 'cloudfunctions');
const out = join(root, 'dist', 'cloudfunctions');

export function deployableFunctions(): string[] {
  return readdirSync(src)
    .filter((name) => !name.startsWith('_') && existsSync(join(src, name, 'index.ts')))
    .sort();
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  const fns = deployableFunctions();
  for (const fn of fns) {
    const dir = join(out, fn);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(src, fn, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      // Smaller bundles load faster on a cold start; names are kept for readable stack traces in logs.
      minify: true,
      keepNames: true,
      logLevel: 'warning',
    });
    for (const f of ['package.json', 'config.json']) copyFileSync(join(src, fn, f), join(dir, f));
    copyAssets(fn, dir);
    const kb = (statSync(join(dir, 'index.js')).size / 1024).toFixed(1);
    console.log(`built ${fn.padEnd(10)} ${kb} KB`);
  }
}

interface AssetList {
  copy: { from: string; to: string; match?: string }[];
}

/** Run-time files a function reads beside its bundle (fonts, wasm), listed in its `assets.json`. */
function copyAssets(fn: string, dir: string): void {
  const list = join(src, fn, 'assets.json');
  if (!existsSync(list)) return;
  const { copy } = JSON.parse(readFileSync(list, 'utf8')) as AssetList;
  for (const a of copy) {
    const from = join(root, a.from);
    const to = join(dir, 'assets', a.to);
    if (statSync(from).isDirectory()) {
      mkdirSync(to, { recursive: true });
      const pattern = a.match ? new RegExp(a.match) : null;
      for (const f of readdirSync(from)) if (!pattern || pattern.test(f)) copyFileSync(join(from, f), join(to, f));
    } else {
      mkdirSync(join(to, '..'), { recursive: true });
      copyFileSync(from, to);
    }
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
