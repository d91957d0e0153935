/**
 * The demo brand's images: original illustrations drawn here as SVG (flat shapes in the app's warm palette, no
 * text, no third-party art) and rasterised with resvg to PNG. The demo seed uploads them to (local) cloud
 * storage and names the fileIDs in its operator documents, as a brand would after uploading in the console.
 *
 *   npm run demo-assets    (writes cloudfunctions/_platform/local/demo-assets/*.png; a test checks they match)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const DEMO_ASSET_DIR = join(__dirname, '..', 'cloudfunctions', '_platform', 'local', 'demo-assets');
const W = 640;
const H = 400;

const frame = (from: string, to: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
  `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
  `<rect width="${W}" height="${H}" fill="url(#bg)"/>` +
  // Soft circles behind the object, the house style of every demo picture.
  `<circle cx="520" cy="70" r="120" fill="#ffffff" opacity="0.18"/><circle cx="90" cy="360" r="90" fill="#ffffff" opacity="0.14"/>${body}</svg>`;

/** Each picture: file name -> SVG. */
export const DEMO_ASSETS: Record<string, string> = {
  // 品牌马克杯: a mug with steam.
  'mall-mug.png': frame(
    '#f2d3b6',
    '#e9b98f',
    `<ellipse cx="320" cy="318" rx="120" ry="16" fill="#8c4416" opacity="0.18"/>
     <rect x="230" y="150" width="170" height="165" rx="26" fill="#fffaf4"/>
     <rect x="230" y="150" width="170" height="34" rx="17" fill="#a8521c"/>
     <path d="M400 190 h26 a34 34 0 0 1 0 68 h-26" fill="none" stroke="#fffaf4" stroke-width="18"/>
     <circle cx="315" cy="245" r="24" fill="#d99a2b"/>
     <path d="M280 120 q-14 -22 0 -44 M320 120 q-14 -22 0 -44 M360 120 q-14 -22 0 -44" fill="none" stroke="#fffaf4" stroke-width="8" stroke-linecap="round" opacity="0.9"/>`,
  ),
  // 设计师手稿鉴赏会: a sketchbook, a pencil and a drawn curve.
  'mall-sketch.png': frame(
    '#dfe7ef',
    '#b9c9da',
    `<rect x="170" y="90" width="300" height="220" rx="14" fill="#ffffff" transform="rotate(-4 320 200)"/>
     <path d="M210 250 C250 150, 320 150, 350 210 S430 250, 440 160" fill="none" stroke="#2f5d8a" stroke-width="7" stroke-linecap="round" transform="rotate(-4 320 200)"/>
     <path d="M215 140 h90 M215 165 h60" stroke="#b9c9da" stroke-width="8" stroke-linecap="round" transform="rotate(-4 320 200)"/>
     <g transform="rotate(35 450 250)"><rect x="400" y="240" width="150" height="22" rx="6" fill="#d99a2b"/><path d="M550 240 l30 11 -30 11z" fill="#f2d3b6"/><path d="M572 248 l8 3 -8 3z" fill="#2b2521"/><rect x="400" y="240" width="22" height="22" rx="4" fill="#a8521c"/></g>`,
  ),
  // 20 元无门槛券 (mall): a ticket with a coin.
  'mall-coupon20.png': frame(
    '#f8e6d6',
    '#f2c9a5',
    `<path d="M150 120 h340 a16 16 0 0 1 16 16 v40 a24 24 0 0 0 0 48 v40 a16 16 0 0 1 -16 16 h-340 a16 16 0 0 1 -16 -16 v-40 a24 24 0 0 0 0 -48 v-40 a16 16 0 0 1 16 -16z" fill="#a8521c"/>
     <path d="M400 135 v130" stroke="#f8e6d6" stroke-width="6" stroke-dasharray="10 10"/>
     <circle cx="270" cy="200" r="52" fill="#d99a2b"/><circle cx="270" cy="200" r="36" fill="none" stroke="#fffaf4" stroke-width="8"/>
     <circle cx="455" cy="200" r="14" fill="#fffaf4"/>`,
  ),
  // 满199减30 (welcome): an open gift box.
  'coupon-welcome.png': frame(
    '#f6e3e0',
    '#e8b4ac',
    `<rect x="220" y="190" width="200" height="130" rx="10" fill="#b3261e"/>
     <rect x="205" y="160" width="230" height="44" rx="10" fill="#d9473f"/>
     <rect x="305" y="160" width="30" height="160" fill="#d99a2b"/>
     <path d="M320 160 c-30 -60 -90 -50 -70 -10 c10 20 50 14 70 10z M320 160 c30 -60 90 -50 70 -10 c-10 20 -50 14 -70 10z" fill="#d99a2b"/>`,
  ),
  // 咖啡 85 折: a cup of coffee on a saucer.
  'coupon-coffee.png': frame(
    '#efe1d1',
    '#c9a27e',
    `<ellipse cx="320" cy="300" rx="150" ry="24" fill="#fffaf4"/>
     <path d="M220 170 h200 v60 a100 80 0 0 1 -200 0z" fill="#6b4226"/>
     <ellipse cx="320" cy="170" rx="100" ry="20" fill="#8c5a36"/>
     <path d="M420 190 h18 a28 28 0 0 1 0 56 h-22" fill="none" stroke="#6b4226" stroke-width="14"/>
     <path d="M300 150 c10 -20 -10 -30 0 -55 M340 150 c10 -20 -10 -30 0 -55" fill="none" stroke="#fffaf4" stroke-width="7" stroke-linecap="round"/>`,
  ),
  // 20 元无门槛券 (coupon template): coins.
  'coupon-cash.png': frame(
    '#f7ecd3',
    '#e6c77c',
    `<ellipse cx="320" cy="300" rx="130" ry="20" fill="#8a5a00" opacity="0.18"/>
     <ellipse cx="320" cy="270" rx="110" ry="30" fill="#b07a12"/><rect x="210" y="230" width="220" height="40" fill="#b07a12"/><ellipse cx="320" cy="230" rx="110" ry="30" fill="#d99a2b"/>
     <ellipse cx="320" cy="190" rx="110" ry="30" fill="#b07a12"/><rect x="210" y="150" width="220" height="40" fill="#b07a12"/><ellipse cx="320" cy="150" rx="110" ry="30" fill="#f0c05a"/>
     <ellipse cx="320" cy="150" rx="60" ry="14" fill="none" stroke="#fffaf4" stroke-width="6"/>`,
  ),
  // 新品试用装: a small bottle and a leaf.
  'coupon-trial.png': frame(
    '#e3efe6',
    '#a9cdb4',
    `<rect x="285" y="110" width="70" height="40" rx="8" fill="#276b43"/>
     <rect x="250" y="145" width="140" height="180" rx="30" fill="#fffaf4"/>
     <rect x="270" y="205" width="100" height="60" rx="10" fill="#e6f4ec"/>
     <path d="M430 270 c40 -60 100 -40 100 -40 c0 0 -10 70 -100 40z" fill="#276b43"/><path d="M430 270 l60 -30" stroke="#e3efe6" stroke-width="5"/>`,
  ),
  // 七日晨跑打卡 (campaign cover): a sunrise over a running track.
  'campaign-run.png': frame(
    '#fce8d5',
    '#f3c29a',
    `<circle cx="320" cy="250" r="92" fill="#f29b4b"/>
     <rect y="250" width="640" height="150" fill="#c0652b"/>
     <path d="M0 310 Q320 262 640 310" stroke="#fffaf4" stroke-width="7" fill="none"/>
     <path d="M0 356 Q320 306 640 356" stroke="#fffaf4" stroke-width="7" fill="none"/>
     <path d="M250 150 l-22 -22 M320 128 v-32 M390 150 l22 -22" stroke="#d99a2b" stroke-width="8" stroke-linecap="round"/>`,
  ),
  // 手冲咖啡豆 (group-buy): a bag of beans with beans spilled beside it.
  'deal-beans.png': frame(
    '#f4e9dc',
    '#dcbc9a',
    `<ellipse cx="320" cy="330" rx="150" ry="18" fill="#6b4226" opacity="0.18"/>
     <path d="M240 110 h160 l22 215 h-204z" fill="#8c5a3c"/>
     <path d="M240 110 h160 l-8 34 h-144z" fill="#6e4329"/>
     <rect x="272" y="180" width="96" height="80" rx="12" fill="#fffaf4"/>
     <ellipse cx="320" cy="220" rx="22" ry="30" fill="#8c5a3c"/><path d="M320 192 c-10 18 10 38 0 56" stroke="#fffaf4" stroke-width="5" fill="none"/>
     <g fill="#6b4226"><ellipse cx="470" cy="305" rx="16" ry="22" transform="rotate(30 470 305)"/><ellipse cx="505" cy="318" rx="16" ry="22" transform="rotate(-20 505 318)"/><ellipse cx="180" cy="312" rx="16" ry="22" transform="rotate(-35 180 312)"/></g>`,
  ),
  // 青瓷茶具 (group-buy): a celadon teapot and two cups.
  'deal-tea.png': frame(
    '#e4efe9',
    '#b5d3c4',
    `<ellipse cx="320" cy="330" rx="200" ry="18" fill="#276b43" opacity="0.16"/>
     <ellipse cx="300" cy="240" rx="110" ry="85" fill="#8fc1a9"/>
     <rect x="270" y="140" width="60" height="22" rx="10" fill="#5f9c80"/><circle cx="300" cy="136" r="12" fill="#5f9c80"/>
     <path d="M190 220 c-50 -10 -60 -50 -70 -60" stroke="#8fc1a9" stroke-width="18" fill="none" stroke-linecap="round"/>
     <path d="M405 200 a45 45 0 0 1 0 90" stroke="#5f9c80" stroke-width="14" fill="none"/>
     <path d="M440 280 h70 l-10 45 h-50z" fill="#fffaf4"/><path d="M120 280 h70 l-10 45 h-50z" fill="#fffaf4"/>`,
  ),
  // 社区帆布袋 (new-member group): a canvas tote with a heart.
  'deal-tote.png': frame(
    '#f3ece1',
    '#d9c7a8',
    `<ellipse cx="320" cy="340" rx="140" ry="16" fill="#5e4026" opacity="0.16"/>
     <path d="M270 150 c0 -70 100 -70 100 0" stroke="#a8521c" stroke-width="14" fill="none"/>
     <path d="M220 150 h200 l15 185 h-230z" fill="#fffaf4"/>
     <path d="M320 290 c-60 -36 -50 -86 -20 -86 c12 0 20 10 20 18 c0 -8 8 -18 20 -18 c30 0 40 50 -20 86z" fill="#d9473f"/>`,
  ),
  // 新品尝鲜礼盒 (super users' group deal): a gift box with a ribbon and a small star.
  'deal-box.png': frame(
    '#efe6f4',
    '#c9b3dc',
    `<ellipse cx="320" cy="336" rx="150" ry="16" fill="#4b2a66" opacity="0.16"/>
     <rect x="210" y="200" width="220" height="130" rx="14" fill="#fffaf4"/>
     <rect x="196" y="164" width="248" height="48" rx="12" fill="#7a4f9a"/>
     <rect x="302" y="164" width="36" height="166" fill="#d99a2b"/>
     <path d="M320 164 c-40 -50 -90 -30 -60 -4 c14 12 40 6 60 4z" fill="#d99a2b"/><path d="M320 164 c40 -50 90 -30 60 -4 c-14 12 -40 6 -60 4z" fill="#d99a2b"/>
     <path d="M480 96 l10 22 l24 3 l-18 16 l5 24 l-21 -12 l-21 12 l5 -24 l-18 -16 l24 -3z" fill="#fffaf4"/>`,
  ),
  // 晚8点爆款 (flash sale): a mug under a clock.
  'flash-mug.png': frame(
    '#f6e0d3',
    '#e8a98a',
    `<circle cx="470" cy="120" r="62" fill="#fffaf4"/><path d="M470 82 v38 l26 18" stroke="#b3261e" stroke-width="10" fill="none" stroke-linecap="round"/>
     <ellipse cx="290" cy="330" rx="120" ry="16" fill="#8c4416" opacity="0.18"/>
     <rect x="200" y="160" width="170" height="165" rx="26" fill="#fffaf4"/>
     <rect x="200" y="160" width="170" height="34" rx="17" fill="#b3261e"/>
     <path d="M370 200 h26 a34 34 0 0 1 0 68 h-26" fill="none" stroke="#fffaf4" stroke-width="18"/>
     <path d="M265 220 l-25 50 h30 l-15 40 l45 -60 h-30 l20 -30z" fill="#d99a2b"/>`,
  ),
};

export function renderDemoAsset(svg: string): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: W } }).render().asPng();
}

if (require.main === module) {
  mkdirSync(DEMO_ASSET_DIR, { recursive: true });
  for (const [name, svg] of Object.entries(DEMO_ASSETS)) {
    const png = renderDemoAsset(svg);
    writeFileSync(join(DEMO_ASSET_DIR, name), png);
    console.log(`${name}  ${png.length} bytes`);
  }
}
