import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { renderPng } from '../../cloudfunctions/_core/community/certificate-image';
import { seedDemoBrand } from '../../cloudfunctions/_platform/local/demo-seed';
import { startGateway } from '../../cloudfunctions/_platform/local/gateway';
import { LocalCloud } from '../../cloudfunctions/_platform/local/local-cloud';
import { ROOT } from './test-cloud';

export const ARTIFACTS = join(ROOT, 'test-artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** An original picture a journey uploads (drawn as SVG, rendered to PNG), written under test-artifacts/; its path. */
export async function pictureFile(name: string, svg: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `e2e-${name}.png`);
  writeFileSync(path, await renderPng(svg));
  return path;
}

/** What `npm start` runs (built functions, built H5 app, demo brand), on a throwaway data folder. */
export async function startProduct() {
  for (const p of ['dist/h5/index.html', 'dist/cloudfunctions/member/index.js']) {
    if (!existsSync(join(ROOT, p))) throw new Error(`${p} is missing: run \`npm run build\` (npm test does)`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (.ci/run does)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'suc-e2e-'));
  const cloud = await LocalCloud.start({ dataDir, functionsDir: join(ROOT, 'dist/cloudfunctions') });
  cloud.payments.transferBehaviour = 'wait_confirm'; // as npm start: the member confirms receipt (确认收款)
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

/** What a member's screen shows under a live code: the member number and the 6 digits (read like a clerk would). */
export async function readShownCode(page: Page): Promise<{ memberNo: string; pin: string }> {
  const no = page.locator('.member-qr-no:visible').first();
  const pin = page.locator('.member-qr-pin:visible').first();
  await pin.waitFor();
  return { memberNo: (await no.innerText()).replace(/\D/g, ''), pin: (await pin.innerText()).replace(/\D/g, '') };
}

/** Types a code at a desk's manual form (`prefix` as given to the CodeReader) and submits it. */
export async function typeCode(page: Page, prefix: string, code: { memberNo: string; pin: string }): Promise<void> {
  await page.locator(`.${prefix}-member-no:visible input`).fill(code.memberNo);
  await page.locator(`.${prefix}-pin:visible input`).fill(code.pin);
  await page.locator(`.${prefix}-submit:visible`).click();
}

/**
 * Ids a person must never see: store ids, mall order ids, openids, and random tokens (visit ids, code jtis,
 * tickets: 16+ characters mixing lower case, upper case and digits). Receipt numbers a clerk typed may show.
 */
const RAW_ID = /\bS\d{3}\b|MALL[0-9a-f]{8,}|\bdev-[a-z]+|\bo-[a-z]+\b|(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}/;
/** English words in the UI (three letters or more). */
const ENGLISH = /[A-Za-z]{3,}/;

/** Titles and short labels that must not end a line with a lone character (ui/NoOrphan). */
const ORPHAN_CHECKED = [
  '.ui-card__title',
  '.ui-section__title',
  '.ui-cell__title',
  '.ui-cell__desc',
  '.ui-state__title',
  '.ui-state__text',
  '.ui-notice__text',
  '.ui-field__hint',
  '.ui-field__error',
  '.ui-dialog__title',
  '.ui-dialog__message',
  '.ui-sheet__title',
  '.ui-confirm__note',
].join(', ');

/**
 * The screenshot review set: waits for `settle` to stop moving, checks what a reviewer would flag (a raw id,
 * English UI text, a page wider than the phone), then saves `<name>.png` into test-artifacts/.
 */
export async function review(page: Page, name: string, settle: Locator): Promise<void> {
  await settled(settle);
  const found = await page.evaluate((ORPHAN_CHECKED) => {
    const shown = Array.from(document.querySelectorAll('.taro_page'))
      .filter((el) => (el as HTMLElement).offsetParent !== null && getComputedStyle(el).display !== 'none')
      .pop() as HTMLElement | undefined;
    const root = shown ?? document.body;
    const clone = root.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('.persona-switcher').forEach((n) => n.remove());
    const bar = document.querySelector('#taro-navigation-bar') as HTMLElement | null;
    // The dev persona chip must sit inside the title bar, clear of its title and buttons.
    const chip = document.querySelector('.persona-switcher__chip')?.getBoundingClientRect();
    const barBox = bar?.getBoundingClientRect();
    const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const barParts = Array.from(bar?.querySelectorAll('.taro-navigation-bar-title, .taro-navigation-bar-back, .taro-navigation-bar-home') ?? [])
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0);
    const chipOnTop = chip && document.elementFromPoint((chip.left + chip.right) / 2, (chip.top + chip.bottom) / 2)?.closest('.persona-switcher__chip');
    const chipPlace = !chip
      ? 'none'
      : !chipOnTop
        ? 'hidden under something'
      : !barBox || chip.top < barBox.top || chip.bottom > barBox.bottom
        ? 'outside the title bar'
        : barParts.some((r) => overlaps(r, chip))
          ? 'over the title or a button'
          : 'in the title bar';
    // A title or short label whose last line holds a single character (an orphan).
    const orphans = Array.from(root.querySelectorAll(ORPHAN_CHECKED))
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .flatMap((el) => {
        const chars: { node: Text; at: number }[] = [];
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          for (let i = 0; i < n.data.length; i++) if (n.data[i].trim()) chars.push({ node: n, at: i });
        }
        if (chars.length < 3) return [];
        const top = ({ node, at }: { node: Text; at: number }) => {
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          return range.getBoundingClientRect().top;
        };
        const [before, last] = chars.slice(-2);
        return top(last) - top(before) > 4 ? [(el as HTMLElement).innerText] : [];
      });
    return {
      orphans,
      chipPlace,
      text: `${bar?.innerText ?? ''}\n${root.innerText.replace(document.querySelector('.persona-switcher')?.textContent ?? '\u0000', '')}`,
      scrollWidth: Math.max(document.documentElement.scrollWidth, root.scrollWidth),
      width: window.innerWidth,
    };
  }, ORPHAN_CHECKED);
  // Short order numbers (订单尾号 + the last 8 hex digits, upper case) are numbers a person reads, not English.
  const text = found.text.replace(/切换身份[^\n]*/g, '').replace(/尾号\s*[0-9A-F]{8}\b/g, '尾号');
  expect({ name, rawId: RAW_ID.exec(text)?.[0] ?? null }).toEqual({ name, rawId: null });
  expect({ name, english: ENGLISH.exec(text)?.[0] ?? null }).toEqual({ name, english: null });
  expect({ name, overflow: found.scrollWidth > found.width }).toEqual({ name, overflow: false });
  expect({ name, personaChip: found.chipPlace }).toEqual({ name, personaChip: 'in the title bar' });
  expect({ name, orphans: found.orphans }).toEqual({ name, orphans: [] });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Waits for a toast (Taro H5 draws it in <body>, its text in a <p>; the wrapper itself has no box) saying `text`. */
export async function toastSays(page: Page, text: string): Promise<void> {
  await page.locator('.taro__toast p:visible', { hasText: text }).waitFor();
}
