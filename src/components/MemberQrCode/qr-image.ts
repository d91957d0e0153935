import QRCode from 'qrcode';

/**
 * The token as a QR code in an SVG data URI: an <Image> shows it on weapp and H5 alike, with no canvas
 * (canvas differs per platform and needs a node ref on weapp). Base64, because some WeChat clients do not
 * show percent-encoded SVG data URIs.
 */
export async function qrDataUri(token: string): Promise<string> {
  // One byte segment from the char codes: for a string the library calls TextEncoder, which the
  // mini-program's JS engine lacks. Tokens are ASCII (the server makes them), so char code = byte.
  if (!/^[\x20-\x7e]+$/.test(token)) throw new Error('member code token must be printable ASCII');
  const bytes = Uint8Array.from(token, (ch) => ch.charCodeAt(0));
  const svg = await QRCode.toString([{ mode: 'byte', data: bytes }], {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 256,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return `data:image/svg+xml;base64,${asciiToBase64(svg)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The SVG the library writes is ASCII; weapp has no btoa, and pulling in a base64 package costs more. */
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
