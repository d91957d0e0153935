import { svgDataUri } from '../../utils/base64';
import { ICONS, type IconName } from './icons';

/** The icon as a standalone SVG document in `color` (any CSS colour in hex). */
export function iconSvg(name: IconName, color: string, size = 24): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 24 24" fill="none" ` +
    `stroke="${color}" color="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${ICONS[name]}</svg>`
  );
}

const cache = new Map<string, string>();

/** Data URIs are made once per icon and colour (a list of fifty cells reuses one string). */
export function iconUri(name: IconName, color: string): string {
  const key = `${name}|${color}`;
  let uri = cache.get(key);
  if (!uri) {
    uri = svgDataUri(iconSvg(name, color));
    cache.set(key, uri);
  }
  return uri;
}
