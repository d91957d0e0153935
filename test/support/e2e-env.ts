import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { seedDemoBrand } from '../../cloudfunctions/_platform/local/demo-seed';
import { startGateway } from '../../cloudfunctions/_platform/local/gateway';
import { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { ROOT } from './test-cloud';

export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What `npm start` runs (built functions, built H5 app, demo brand), on a throwaway data folder. */
export async function startProduct() {
  for (const p of ['dist/h5/index.html', 'dist/cloudfunctions/member/index.js']) {
    if (!existsSync(join(ROOT, p))) throw new Error(`${p} is missing: run \`npm run build\` (npm test does)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (.ci/run does)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-e2e-'));
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(ROOT, 'dist/cloudfunctions') });
  await seedDemoBrand(cloud);
  const gateway = await startGateway({ cloud, staticDir: join(ROOT, 'dist/h5') });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    cloud,
    url: gateway.url,
    browser,
    /** A phone-sized page acting as `openid` (the persona the H5 app sends to the gateway). */
    async pageAs(openid: string): Promise<Page> {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      await context.addInitScript((id) => window.localStorage.setItem('dev-openid', id), openid);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('[page error]', e.message));
      return page;
    },
    async stop() {
      await browser.close();
      await gateway.close();
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Taro H5 slides pages in: wait until `locator` stops moving and sits on screen before a screenshot. */
export async function settled(locator: Locator): Promise<void> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const box = await locator.boundingBox();
    const now = box ? `${Math.round(box.x)},${Math.round(box.y)}` : '';
    if (box && box.x >= 0 && now === last) return;
    last = now;
    await locator.page().waitForTimeout(100);
  }
  throw new Error('the page never settled');
}
