import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import opentype from 'opentype.js';
import type { StoragePort } from '../../_platform/storage.port';
import { CERT_HEIGHT, CERT_WIDTH, certificateFrame, certificateRuns, type TextRun } from './certificate.rules';
import type { CertificateRecord } from './community.record';

/**
 * Renders a certificate to PNG on the server: the layout (certificate.rules.ts) as SVG, every text run drawn
 * as glyph outlines from Noto Sans SC (opentype.js reads the WOFF subsets; only those holding the text's
 * characters are loaded), rendered by resvg (WebAssembly: no native module, no system fonts needed).
 *
 * The font subsets and the wasm file ship beside the bundle in `assets/` (scripts/build-functions.ts copies
 * them for the community function); running from source they come from node_modules.
 */

const ROOT_CANDIDATES = [join(__dirname, 'assets'), join(__dirname, '../../../node_modules')];

function asset(bundled: string, fromModules: string): string {
  const inBundle = join(ROOT_CANDIDATES[0], bundled);
  if (existsSync(inBundle)) return inBundle;
  return join(ROOT_CANDIDATES[1], fromModules);
}

export const FONT_DIR = '@fontsource/noto-sans-sc';
const fontFile = (name: string) => asset(join('fonts', name), join(FONT_DIR, 'files', name));
const cssFile = () => asset(join('fonts', '400.css'), join(FONT_DIR, '400.css'));
const wasmFile = () => asset('resvg.wasm', '@resvg/resvg-wasm/index_bg.wasm');

interface Subset {
  file: string;
  ranges: [number, number][];
}

let subsets: Subset[] | null = null;
const fonts = new Map<string, opentype.Font>();
let wasmReady: Promise<void> | null = null;

/** The subsets of the regular weight and the code points each covers (from the package's CSS). */
function loadSubsets(): Subset[] {
  if (subsets) return subsets;
  const css = readFileSync(cssFile(), 'utf8');
  const out: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff)\)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(a, 16), parseInt(b ?? a, 16)];
    });
    out.push({ file, ranges });
  }
  subsets = out;
  return out;
}

function fontFor(cp: number): opentype.Font | null {
  const subset = loadSubsets().find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
  if (!subset) return null;
  let font = fonts.get(subset.file);
  if (!font) {
    const buf = readFileSync(fontFile(subset.file));
    font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    fonts.set(subset.file, font);
  }
  return font;
}

/** One run as SVG path data, laid out left to right; characters no subset covers are left out. */
function runPath(run: TextRun): string {
  const glyphs = [...run.text].map((ch) => {
    const font = fontFor(ch.codePointAt(0)!);
    if (!font) return null;
    const glyph = font.charToGlyph(ch);
    return { font, glyph, advance: ((glyph.advanceWidth ?? font.unitsPerEm) * run.size) / font.unitsPerEm };
  });
  const spacing = run.letterSpacing ?? 0;
  const width = glyphs.reduce((s, g) => s + (g ? g.advance + spacing : 0), 0) - spacing;
  let x = run.anchor === 'middle' ? run.x - width / 2 : run.anchor === 'end' ? run.x - width : run.x;
  const parts: string[] = [];
  for (const g of glyphs) {
    if (!g) continue;
    parts.push(g.glyph.getPath(x, run.y, run.size).toPathData(2));
    x += g.advance + spacing;
  }
  const stroke = run.weight ? ` stroke="${run.color}" stroke-width="${run.weight}" stroke-linejoin="round"` : '';
  return `<path d="${parts.join('')}" fill="${run.color}"${stroke}/>`;
}

export function certificateSvg(cert: Pick<CertificateRecord, 'nickname' | 'campaignTitle' | 'days' | 'issuer' | 'issuedOn' | 'serial'>): string {
  const body = certificateRuns(cert).map(runPath).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CERT_WIDTH}" height="${CERT_HEIGHT}" viewBox="0 0 ${CERT_WIDTH} ${CERT_HEIGHT}">${certificateFrame()}${body}</svg>`;
}

export async function renderPng(svg: string): Promise<Buffer> {
  wasmReady ??= initWasm(readFileSync(wasmFile())).catch((e: unknown) => {
    // initWasm refuses a second call; anything else is a real failure to retry next time.
    if (!String(e).includes('Already initialized')) {
      wasmReady = null;
      throw e;
    }
  });
  await wasmReady;
  const resvg = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  const image = resvg.render();
  const png = Buffer.from(image.asPng());
  image.free();
  resvg.free();
  return png;
}

/** Generates the member's certificate image and stores it; returns its fileID. */
export async function renderCertificate(storage: StoragePort, cert: CertificateRecord): Promise<string> {
  const png = await renderPng(certificateSvg(cert));
  const name = createHash('sha256').update(`certificate:${cert._id}`).digest('hex').slice(0, 24);
  const { fileId } = await storage.upload({ cloudPath: `certificates/${cert.campaignId}/${name}.png`, content: png });
  return fileId;
}
