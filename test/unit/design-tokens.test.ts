/**
 * The design tokens keep their promises: text colours reach WCAG AA on the surfaces they are used on, the card
 * is readable on every tier colour (the defaults and the token palette), the TS mirror of the colours agrees
 * with the SCSS, and the tab bar's PNGs exist and match their SVG source.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DEFAULT_TIERS } from '../../cloudfunctions/_core/config/defaults';
import { COLORS } from '../../src/ui/theme/colors';
import { AA_TEXT, contrast, INK_DARK, INK_LIGHT, tierTheme, toHex } from '../../src/ui/theme/contrast';
import { TAB_BAR, TAB_ICON_DIR } from '../../src/tab-bar';
import { ICON_NAMES, ICONS } from '../../src/ui/Icon/icons';

const ROOT = join(__dirname, '..', '..');
const scss = readFileSync(join(ROOT, 'src/styles/_tokens.scss'), 'utf8');

/** `$name: #hex;` declarations of the token file. */
function tokens(): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of scss.matchAll(/^\$([a-z0-9-]+):\s*(#[0-9a-f]{3,6})\s*;/gim)) out.set(m[1], m[2].toLowerCase());
  return out;
}
const T = tokens();
const tok = (name: string) => {
  const v = T.get(name);
  if (!v) throw new Error(`no token $${name}`);
  return v;
};

describe('text colours reach WCAG AA (4.5:1) where they are used', () => {
  const pairs: [string, string][] = [
    ['color-text', 'color-bg'],
    ['color-text', 'color-surface'],
    ['color-text', 'color-surface-sunken'],
    ['color-text-secondary', 'color-bg'],
    ['color-text-secondary', 'color-surface'],
    ['color-text-secondary', 'color-surface-sunken'],
    ['color-text-inverse', 'color-primary'],
    ['color-text-inverse', 'color-danger'],
    ['color-primary-dark', 'color-bg'],
    ['color-primary-dark', 'color-surface'],
    ['color-primary-dark', 'color-primary-soft'],
    ['color-primary-dark', 'color-primary-faint'],
    ['color-danger', 'color-surface'],
    ['color-danger', 'color-danger-soft'],
    ['color-success', 'color-surface'],
    ['color-success', 'color-success-soft'],
    ['color-warning', 'color-warning-soft'],
    ['color-info', 'color-info-soft'],
  ];
  it.each(pairs)('$%s on $%s', (fg, bg) => {
    expect(contrast(tok(fg), tok(bg))).toBeGreaterThanOrEqual(AA_TEXT);
  });
});

describe('the member card on every tier colour', () => {
  const tierColours = [...new Set([tok('tier-silver'), tok('tier-gold'), tok('tier-black'), ...DEFAULT_TIERS.tiers.map((t) => t.color.toLowerCase())])];

  it.each(tierColours)('ink and soft ink reach AA on both gradient stops of %s', (colour) => {
    const t = tierTheme(colour);
    for (const stop of [t.from, t.to]) {
      expect(contrast(t.ink, stop)).toBeGreaterThanOrEqual(AA_TEXT);
      expect(contrast(t.inkSoft, stop)).toBeGreaterThanOrEqual(AA_TEXT);
    }
  });

  it('the inks are the tokens', () => {
    expect([INK_DARK, INK_LIGHT]).toEqual([tok('tier-ink-dark'), tok('tier-ink-light')]);
  });

  it('any colour an operator may choose gets an ink of at least AA on the colour itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
        const colour = toHex({ r, g, b });
        const t = tierTheme(colour);
        // Mid-greys are the worst case: the better of the two inks still reaches AA on the base colour.
        expect(contrast(t.ink, t.from)).toBeGreaterThanOrEqual(AA_TEXT);
        expect(contrast(t.ink, t.to)).toBeGreaterThanOrEqual(contrast(t.ink, t.from) - 1e-9);
      }),
      { numRuns: 500 },
    );
  });
});

describe('the TS colour mirror agrees with the SCSS tokens', () => {
  const names: Record<keyof typeof COLORS, string> = {
    primary: 'color-primary',
    primaryDark: 'color-primary-dark',
    text: 'color-text',
    textSecondary: 'color-text-secondary',
    textMuted: 'color-text-muted',
    inverse: 'color-text-inverse',
    danger: 'color-danger',
    success: 'color-success',
    warning: 'color-warning',
    info: 'color-info',
    accent: 'color-accent',
  };
  it.each(Object.entries(names))('%s = $%s', (key, token) => {
    expect(COLORS[key as keyof typeof COLORS]).toBe(tok(token));
  });
  it('the tab bar uses the secondary text and primary colours', () => {
    expect([TAB_BAR.color, TAB_BAR.selectedColor]).toEqual([tok('color-text-secondary'), tok('color-primary')]);
  });
});

describe('icons', () => {
  it('every icon is an SVG body of the 24-unit grid with nothing but shapes', () => {
    for (const name of ICON_NAMES) {
      const body = ICONS[name];
      expect(body).toMatch(/^<(path|circle|rect)\b/);
      expect(body).not.toMatch(/<(script|image|use|text)\b|href=|style=/);
    }
  });

  it('the tab bar PNGs are 81 x 81, under WeChat’s 40 KB, and match a fresh rendering of their SVG', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { tabIconFiles } = require('../../scripts/make-icons') as typeof import('../../scripts/make-icons');
    for (const { file, png } of tabIconFiles()) {
      const committed = readFileSync(join(ROOT, 'src', TAB_ICON_DIR, file));
      expect(committed.readUInt32BE(16)).toBe(81);
      expect(committed.readUInt32BE(20)).toBe(81);
      expect(committed.length).toBeLessThan(40 * 1024);
      expect(committed.equals(png)).toBe(true);
    }
  });
});
