import QRCode from 'qrcode';
import { svgDataUri } from '../../utils/base64';

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
  return svgDataUri(svg);
}
