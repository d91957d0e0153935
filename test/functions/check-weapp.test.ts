/**
 * `npm run check:weapp` (miniprogram-ci's offline checks) fails where DevTools would: a build copy without
 * lazyCodeLoading and with JS minification off is refused, with the check named.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/test-cloud';

const WEAPP = join(ROOT, 'dist', 'weapp');

describe('check:weapp', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suc-check-weapp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a build without lazy code loading and with minification off', () => {
    if (!existsSync(join(WEAPP, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` (npm test does)');
    cpSync(WEAPP, join(dir, 'dist', 'weapp'), { recursive: true });
    const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8'));
    project.setting.minified = false;
    writeFileSync(join(dir, 'project.config.json'), JSON.stringify(project));
    const app = JSON.parse(readFileSync(join(dir, 'dist', 'weapp', 'app.json'), 'utf8'));
    delete app.lazyCodeLoading;
    app.pages.push(42); // not a page path: the app.json schema refuses it
    writeFileSync(join(dir, 'dist', 'weapp', 'app.json'), JSON.stringify(app));

    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'scripts', 'check-weapp.ts'), dir], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stdout: string; stderr: string };
      status = err.status;
      output = err.stdout + err.stderr;
    }
    expect(status).toBe(1);
    expect(output).toContain('FAIL code quality LAZYCODE_LOADING_OPEN');
    expect(output).toContain('FAIL code quality JS_COMPRESS_OPEN');
    expect(output).toMatch(/FAIL dist\/weapp\/app\.json: pages\[\d+\] type/);
  }, 180_000);
});
