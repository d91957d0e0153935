import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import {
  CODE_TTL_SECONDS,
  SIGNATURE_BYTES,
  claimsFor,
  encodePayload,
  expiryOf,
  isExpired,
  joinToken,
  judgeToken,
  readToken,
  type SignatureCheck,
} from '../../cloudfunctions/_core/member/member-code.rules';
import { memberNoTail } from '../../cloudfunctions/_core/staff/member-at-till.rules';
import { isVip } from '../../cloudfunctions/_core/vip/vip.rules';
import { visitExpiry, visitUsable } from '../../cloudfunctions/_core/staff/staff-visit.rules';

// The HMAC lives in the service; the tests sign the way it does.
const SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(payload).digest().subarray(0, SIGNATURE_BYTES).toString('base64url');
const checkWith =
  (secret: string): SignatureCheck =>
  (payload, signature) => {
    const a = Buffer.from(sign(secret, payload));
    const b = Buffer.from(signature);
    return a.length === b.length && timingSafeEqual(a, b);
  };
const check = checkWith(SECRET);

const issuedAt = new Date('2026-11-23T03:00:00.400Z');
const jti = () => randomBytes(12).toString('base64url');
function issue(memberNo = '812345678901', at = issuedAt, id = jti(), secret = SECRET) {
  const payload = encodePayload(claimsFor(memberNo, id, at));
  return joinToken(payload, sign(secret, payload));
}

describe('the token', () => {
  it('is short and URL-safe, and does not carry the openid', () => {
    const token = issue();
    expect(token.length).toBeLessThan(120);
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(token.startsWith('1.812345678901.')).toBe(true);
  });

  it('reads back what was written', () => {
    const id = jti();
    const claims = claimsFor('812345678901', id, issuedAt);
    const token = joinToken(encodePayload(claims), 'x'.repeat(32));
    expect(readToken(token)?.claims).toEqual(claims);
    expect(readToken(token)?.payload).toBe(encodePayload(claims));
  });

  it('expires 60 s after issue (to the second)', () => {
    const claims = claimsFor('812345678901', jti(), issuedAt);
    expect(expiryOf(claims)).toEqual(new Date('2026-11-23T03:01:00Z'));
    expect(CODE_TTL_SECONDS).toBe(60);
  });

  it('refuses bad claims when issuing', () => {
    expect(() => claimsFor('12', jti(), issuedAt)).toThrow(RangeError);
    expect(() => claimsFor('812345678901', 'short', issuedAt)).toThrow(RangeError);
  });

  it.each(['', 'hello', '1.812345678901', '2.812345678901.t5xk4g.AAAAAAAAAAAAAAAA.' + 'A'.repeat(32), ' ' + issue(), issue() + '\n'])(
    'is not read from %j',
    (text) => expect(readToken(text)).toBeNull(),
  );

  it('refuses a non-canonical expiry spelling (leading zero)', () => {
    const t = issue();
    const parts = t.split('.');
    parts[2] = '0' + parts[2];
    expect(readToken(parts.join('.'))).toBeNull();
  });
});

describe('the verdict', () => {
  it('accepts a fresh code signed with the secret', () => {
    const token = issue();
    const verdict = judgeToken(token, new Date(issuedAt.getTime() + 1000), check);
    expect(verdict).toEqual({ ok: true, claims: readToken(token)?.claims });
  });

  it('expires: accepted until the expiry second, refused from it on', () => {
    const token = issue();
    expect(judgeToken(token, new Date('2026-11-23T03:00:59.999Z'), check).ok).toBe(true);
    expect(judgeToken(token, new Date('2026-11-23T03:01:00.000Z'), check)).toEqual({ ok: false, reason: 'expired' });
    expect(isExpired(readToken(token)!.claims, new Date('2026-11-23T03:05:00Z'))).toBe(true);
  });

  it('checks the signature before expiry: a forged old code is invalid, not expired', () => {
    const token = issue('812345678901', issuedAt, jti(), 'another-secret-0123456789abcdef012345');
    expect(judgeToken(token, issuedAt, check)).toEqual({ ok: false, reason: 'invalid' });
    expect(judgeToken(token, new Date('2027-01-01T00:00:00Z'), check)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code for another member number with the signature of the first', () => {
    const token = issue('812345678901');
    expect(judgeToken(token.replace('812345678901', '812345678902'), issuedAt, check)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses any single-character change of a token', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ 中';
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom(...Array.from(alphabet)),
        (jtiBytes, at, replacement) => {
          const token = issue('812345678901', issuedAt, Buffer.from(jtiBytes).toString('base64url'));
          const i = at % token.length;
          fc.pre(token[i] !== replacement);
          const changed = token.slice(0, i) + replacement + token.slice(i + 1);
          return judgeToken(changed, issuedAt, check).ok === false;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a dropped or an added character', () => {
    const token = issue();
    for (let i = 0; i < token.length; i++) {
      expect(judgeToken(token.slice(0, i) + token.slice(i + 1), issuedAt, check).ok).toBe(false);
      expect(judgeToken(token.slice(0, i) + 'A' + token.slice(i), issuedAt, check).ok).toBe(false);
    }
  });
});

describe('visits and the till view', () => {
  const opened = new Date('2026-11-23T03:00:00Z');
  const visit = { clerk: 'o-clerk', expiresAt: visitExpiry(opened) };

  it('serve the clerk who opened them for ten minutes', () => {
    expect(visit.expiresAt).toEqual(new Date('2026-11-23T03:10:00Z'));
    expect(visitUsable(visit, 'o-clerk', new Date('2026-11-23T03:09:59Z'))).toBe(true);
    expect(visitUsable(visit, 'o-clerk', new Date('2026-11-23T03:10:00Z'))).toBe(false);
    expect(visitUsable(visit, 'o-other', opened)).toBe(false);
    expect(visitUsable(null, 'o-clerk', opened)).toBe(false);
  });

  it('shows the member number tail and VIP only while it lasts', () => {
    expect(memberNoTail('812345678901')).toBe('8901');
    expect(isVip({ vipUntil: null }, opened)).toBe(false);
    expect(isVip({} as { vipUntil: Date | null }, opened)).toBe(false);
    expect(isVip({ vipUntil: new Date('2026-12-01T00:00:00Z') }, opened)).toBe(true);
    expect(isVip({ vipUntil: opened }, opened)).toBe(false);
  });
});
