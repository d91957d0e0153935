/**
 * WeChat draws a toast with an icon (success / error / loading) at most 7 Chinese characters wide and cuts the
 * rest; a toast without an icon shows up to two lines. A confirmation longer than that must drop the icon or the
 * member reads half a sentence. Latin letters and digits count as half a character.
 */
export const ICON_TOAST_MAX_WIDTH = 7;

export function toastWidth(title: string): number {
  let width = 0;
  for (const ch of title) width += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return width;
}

export function successToastIcon(title: string): 'success' | 'none' {
  return toastWidth(title) <= ICON_TOAST_MAX_WIDTH ? 'success' : 'none';
}
