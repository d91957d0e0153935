/**
 * The certificate (电子证书) as a drawing: pure layout, no fonts or I/O. certificate-image.ts turns each text
 * run into glyph outlines and renders the whole to PNG.
 */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  size: number;
  color: string;
  anchor: 'start' | 'middle' | 'end';
  /** Outline stroke width, for a heavier weight from the one regular face. */
  weight?: number;
  letterSpacing?: number;
}

export interface CertificateFacts {
  nickname: string;
  campaignTitle: string;
  days: number;
  issuer: string;
  issuedOn: string;
  serial: string;
}

export const CERT_WIDTH = 900;
export const CERT_HEIGHT = 1200;
const GOLD = '#B8892B';
const INK = '#2B2B2B';

/** '2026-11-29' → '2026 年 11 月 29 日'. */
export function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}

/** Long names are cut with an ellipsis so they never run off the paper. */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

export function certificateRuns(c: CertificateFacts): TextRun[] {
  const mid = CERT_WIDTH / 2;
  return [
    { text: '荣誉证书', x: mid, y: 250, size: 88, color: GOLD, anchor: 'middle', weight: 2.4, letterSpacing: 24 },
    { text: 'CERTIFICATE OF COMPLETION', x: mid, y: 310, size: 22, color: GOLD, anchor: 'middle', letterSpacing: 6 },
    { text: '兹证明', x: 150, y: 440, size: 34, color: INK, anchor: 'start' },
    { text: fit(c.nickname, 12), x: mid, y: 560, size: 64, color: INK, anchor: 'middle', weight: 1.6 },
    { text: `完成打卡活动「${fit(c.campaignTitle, 16)}」`, x: mid, y: 680, size: 36, color: INK, anchor: 'middle' },
    { text: `累计打卡 ${c.days} 天，坚持不懈，值得嘉许。`, x: mid, y: 745, size: 32, color: INK, anchor: 'middle' },
    { text: '特发此证，以资鼓励。', x: mid, y: 810, size: 32, color: INK, anchor: 'middle' },
    { text: fit(c.issuer, 14), x: CERT_WIDTH - 150, y: 960, size: 32, color: INK, anchor: 'end' },
    { text: chineseDate(c.issuedOn), x: CERT_WIDTH - 150, y: 1010, size: 28, color: INK, anchor: 'end' },
    { text: `证书编号 ${c.serial}`, x: mid, y: 1110, size: 22, color: '#8A7B5C', anchor: 'middle' },
  ];
}

/** The frame and ornaments, as SVG. */
export function certificateFrame(): string {
  const w = CERT_WIDTH;
  const h = CERT_HEIGHT;
  return [
    `<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#FFFBF0"/><stop offset="1" stop-color="#F6EAD0"/></linearGradient></defs>`,
    `<rect width="${w}" height="${h}" fill="url(#bg)"/>`,
    `<rect x="36" y="36" width="${w - 72}" height="${h - 72}" fill="none" stroke="${GOLD}" stroke-width="6"/>`,
    `<rect x="56" y="56" width="${w - 112}" height="${h - 112}" fill="none" stroke="${GOLD}" stroke-width="1.5"/>`,
    `<path d="M ${w / 2 - 180} 350 H ${w / 2 + 180}" stroke="${GOLD}" stroke-width="2"/>`,
    `<path d="M 220 600 H ${w - 220}" stroke="${GOLD}" stroke-width="1.5" stroke-dasharray="6 6"/>`,
    // The seal.
    `<g transform="translate(240 975)"><circle r="88" fill="none" stroke="#C0392B" stroke-width="6"/><circle r="74" fill="none" stroke="#C0392B" stroke-width="2"/>`,
    `<path d="M 0 -40 L 11.8 -16.2 L 38 -12.4 L 19 6.2 L 23.5 32.4 L 0 20 L -23.5 32.4 L -19 6.2 L -38 -12.4 L -11.8 -16.2 Z" fill="#C0392B"/></g>`,
  ].join('');
}
