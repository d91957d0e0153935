/**
 * The token colours that code needs as values (icon tints, the card's inks). They mirror
 * src/styles/_tokens.scss; test/unit/design-tokens.test.ts fails when the two disagree.
 */
export const COLORS = {
  primary: '#a8521c',
  primaryDark: '#8c4416',
  text: '#2b2521',
  textSecondary: '#6b6058',
  textMuted: '#a39990',
  inverse: '#ffffff',
  danger: '#b3261e',
  success: '#276b43',
  warning: '#8a5a00',
  info: '#2f5d8a',
  accent: '#d99a2b',
} as const;

export type ColorName = keyof typeof COLORS;
