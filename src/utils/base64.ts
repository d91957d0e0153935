const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * ASCII text -> base64. weapp has no btoa, and a base64 package costs more than these lines. Used for SVG
 * data URIs (QR codes, icons): some WeChat clients do not show percent-encoded SVG data URIs.
 */
export function asciiToBase64(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i) & 0xff;
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) & 0xff : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) & 0xff : -1;
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)];
    out += b < 0 ? '=' : ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)];
    out += c < 0 ? '=' : ALPHABET[c & 63];
  }
  return out;
}

/** An ASCII SVG document as a data URI that an <Image> shows on weapp and H5 alike. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${asciiToBase64(svg)}`;
}
