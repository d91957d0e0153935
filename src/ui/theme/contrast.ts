/**
 * WCAG 2.x contrast, and the ink (text colour) that reads on a colour an operator chose (a tier's colour).
 * Pure functions: the card uses them at run time, test/unit/design-tokens.test.ts checks every token pair.
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** '#abc' or '#aabbcc' -> {r,g,b} 0..255; null for anything else. */
export function parseHex(hex: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? m[1].replace(/./g, (c) => c + c) : m[1];
  return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16) };
}

export function toHex({ r, g, b }: Rgb): string {
  return `#${[r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG relative luminance (sRGB). */
export function luminance({ r, g, b }: Rgb): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Contrast ratio 1..21 between two colours. */
export function contrast(a: string | Rgb, b: string | Rgb): number {
  const ca = typeof a === 'string' ? parseHex(a) : a;
  const cb = typeof b === 'string' ? parseHex(b) : b;
  if (!ca || !cb) throw new RangeError(`not a colour: ${String(a)} / ${String(b)}`);
  const [hi, lo] = [luminance(ca), luminance(cb)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` mixed with `b` (0 = all a, 1 = all b). */
export function mix(a: string, b: string, amount: number): string {
  const ca = parseHex(a)!;
  const cb = parseHex(b)!;
  return toHex({ r: ca.r + (cb.r - ca.r) * amount, g: ca.g + (cb.g - ca.g) * amount, b: ca.b + (cb.b - ca.b) * amount });
}

/** AA for normal text. */
export const AA_TEXT = 4.5;

/** Inks the card may use (the same values as $tier-ink-dark / $tier-ink-light in _tokens.scss). */
export const INK_DARK = '#1f1a17';
export const INK_LIGHT = '#ffffff';

export interface TierTheme {
  /** The gradient's two stops: the operator's colour, then a shade that only raises the ink's contrast. */
  from: string;
  to: string;
  /** Text on the card. */
  ink: string;
  /** Secondary text on the card: a softened ink that still reaches AA on both stops. */
  inkSoft: string;
  /** Whether the ink is the light one (the card is dark). */
  dark: boolean;
}

/**
 * The card's colours for a tier colour: the ink with the higher contrast; the gradient moves away from the
 * ink (lighter under dark ink, darker under light ink), so no point of the card reads worse than the
 * operator's colour itself. An unreadable operator colour falls back to the brand's dark card.
 */
export function tierTheme(color: string): TierTheme {
  const chosen = parseHex(color) ? color : '#2b2b2b';
  const dark = contrast(chosen, INK_LIGHT) >= contrast(chosen, INK_DARK);
  const ink = dark ? INK_LIGHT : INK_DARK;
  const away = dark ? '#000000' : '#ffffff';
  // A mid-tone where neither ink reaches AA is nudged away from the ink just enough (its hue stays).
  let base = chosen;
  for (let t = 0.04; contrast(base, ink) < AA_TEXT && t <= 1; t += 0.04) base = mix(chosen, away, t);
  const to = mix(base, away, 0.22);
  // Soften the ink toward the card as far as AA allows on the weaker stop (the base colour).
  let inkSoft = ink;
  for (const t of [0.3, 0.25, 0.2, 0.15, 0.1, 0.05]) {
    const candidate = mix(ink, base, t);
    if (contrast(candidate, base) >= AA_TEXT && contrast(candidate, to) >= AA_TEXT) {
      inkSoft = candidate;
      break;
    }
  }
  return { from: base, to, ink, inkSoft, dark };
}
