/**
 * Bundles every deployable function (cloudfunctions/<fn>, not the _-prefixed shared folders) with its
 * shared code into dist/cloudfunctions/<fn>/index.js, beside its package.json and config.json.
 * wx-server-sdk stays external: WeChat installs it from package.json.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
    const kb = (statSync(join(dir, 'index.js')).size / 1024).toFixed(1);
    console.log(`built ${fn.padEnd(10)} ${kb} KB`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
