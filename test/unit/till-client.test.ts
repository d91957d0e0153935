/** Client-side helpers of the card and the till: amounts in fen, request ids, the QR image. */
import fc from 'fast-check';
import QRCode from 'qrcode';
import { qrDataUri } from '../../src/components/MemberQrCode/qr-image';
import { asciiToBase64 } from '../../src/utils/base64';
import { fenToYuan, MAX_FEN, yuanToFen } from '../../src/utils/money';
import { newRequestId } from '../../src/utils/request-id';
import { shortOrderNo } from '../../src/services/mall';
import { RequestId } from '../../cloudfunctions/_core/shared/idempotency';

describe('yuan to fen', () => {
  it.each([
    ['128.00', 12800],
    ['128', 12800],
    ['128.', 12800],
    ['0.29', 29],
    ['0.1', 10],
    ['.5', 50],
    [' 19.99 ', 1999],
    ['1000000', 100_000_000],
  ])('%j is %d fen', (text, fen) => expect(yuanToFen(text)).toBe(fen));

  it.each(['', '.', '0', '0.00', '-1', '+1', '1.234', '1,000', '1e3', '１２', 'abc', '1000000.01', '12.3.4'])('%j is refused', (text) =>
    expect(yuanToFen(text)).toBeNull(),
  );

  it('is exact for every amount in fen (no float rounding)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: MAX_FEN }), (fen) => yuanToFen(fenToYuan(fen)) === fen));
  });

  it('formats fen back to yuan', () => {
    expect(fenToYuan(12800)).toBe('128.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-1999)).toBe('-19.99');
  });
});

describe('request ids', () => {
  it('pass the server schema and differ each time', () => {
    const ids = new Set(Array.from({ length: 500 }, newRequestId));
    expect(ids.size).toBe(500);
    for (const id of ids) expect(RequestId.safeParse(id).success).toBe(true);
  });
});

describe('the QR image', () => {
  const token = '1.802345678901.t5xk4g.AbCdEfGhIjKlMn01.' + 'x'.repeat(32);

  it('base64 matches Node for any ASCII text', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }), (s) => asciiToBase64(s) === Buffer.from(s, 'latin1').toString('base64')));
  });

  it('is an SVG data URI carrying the token as one byte segment', async () => {
    const uri = await qrDataUri(token);
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const qr = QRCode.create([{ mode: 'byte', data: Buffer.from(token, 'ascii') }], { errorCorrectionLevel: 'M' });
    expect(Buffer.from((qr.segments[0] as unknown as { data: Uint8Array }).data).toString('ascii')).toBe(token);
    expect(qr.version).toBeLessThanOrEqual(5); // small enough for any phone camera at arm's length
  });

  it('refuses non-ASCII text rather than encoding it wrongly', async () => {
    await expect(qrDataUri('会员')).rejects.toThrow();
  });
});

describe('short order numbers', () => {
  it('shows 8 digits, never letters that read as English', () => {
    expect(shortOrderNo('MALL00000000000000000000000add0bad')).toBe('82258605'); // 0x0add0bad = 182258605
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const hex = n.toString(16).padStart(32, '0');
        expect(shortOrderNo(`MALL${hex}`)).toMatch(/^\d{8}$/);
      }),
    );
    expect(shortOrderNo('MALL0000000000000000000000000000ff')).toBe('00000255');
  });
});
