/**
 * The tab bar's icons as PNG files (WeChat's tabBar takes image files only, no SVG): each tab's icon from the
 * project's SVG set (src/ui/Icon/icons.ts), in the tab bar's colour and selected colour, 81 x 81 px as WeChat
 * recommends. Rasterised with resvg. Run after changing an icon or the tab bar colours:
 *
 *   npm run icons        (writes src/assets/tabbar/*.png; a test checks they match)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { iconSvg } from '../src/ui/Icon/svg';
import { TAB_BAR, TAB_ICON_DIR } from '../src/tab-bar';

const SIZE = 81;

export function tabIconPng(icon: Parameters<typeof iconSvg>[0], color: string): Buffer {
  // 24-unit icon inside an 81 px square with a little air around it.
  const svg = iconSvg(icon, color, 24).replace('width="24" height="24"', `width="${SIZE}" height="${SIZE}"`).replace('viewBox="0 0 24 24"', 'viewBox="-1.5 -1.5 27 27"');
  return new Resvg(svg, { fitTo: { mode: 'width', value: SIZE } }).render().asPng();
}

export function tabIconFiles(): { file: string; png: Buffer }[] {
  return TAB_BAR.list.flatMap((tab) => [
    { file: `${tab.key}.png`, png: tabIconPng(tab.icon, TAB_BAR.color) },
    { file: `${tab.key}-active.png`, png: tabIconPng(tab.icon, TAB_BAR.selectedColor) },
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'src', TAB_ICON_DIR);
  mkdirSync(dir, { recursive: true });
  for (const { file, png } of tabIconFiles()) {
    writeFileSync(join(dir, file), png);
    console.log(`${join('src', TAB_ICON_DIR, file)}  ${png.length} bytes`);
  }
}
