/**
 * The dynamic member code: what it carries, how it is written and read, and when it is good.
 *
 * Token = `1.<memberNo>.<exp>.<jti>.<sig>` (about 71 characters, URL-safe, so the QR code stays small):
 * - `1` the format version;
 * - `memberNo` the member number (already printed on the card face; the openid never leaves the server);
 * - `exp` expiry in Unix seconds, base 36 lowercase;
 * - `jti` 16 random base64url characters, consumed once on scan (`used_codes/<jti>`);
 * - `sig` the first 24 bytes of HMAC-SHA256(secret, everything before the last dot), base64url.
 *
 * The HMAC itself is computed by the service (node:crypto); these rules only take a predicate that says
 * whether a signature matches, so every decision here stays pure. Signatures are compared as the exact
 * characters sent (24 bytes = 32 characters, no padding bits), so two spellings never decode to one value.
 */

export const MEMBER_CODE_VERSION = '1';
/** A code is accepted this long after it was issued (a screenshot goes stale quickly). */
export const CODE_TTL_SECONDS = 60;
/** The app asks for a new code this often, so the code on screen always has time left. */
export const CODE_REFRESH_SECONDS = 30;
/** 12 random bytes in base64url. */
export const JTI_LENGTH = 16;
/** Signature bytes kept (192 bits) and their base64url length. */
export const SIGNATURE_BYTES = 24;
export const SIGNATURE_LENGTH = 32;

export interface MemberCodeClaims {
  memberNo: string;
  jti: string;
  /** Expiry, Unix seconds. */
  exp: number;
}

export type CodeVerdict = { ok: true; claims: MemberCodeClaims } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks `payload` against `signature` (constant time, in the service). */
export type SignatureCheck = (payload: string, signature: string) => boolean;

const TOKEN = /^1\.(\d{6,20})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{32})$/;
const JTI = /^[A-Za-z0-9_-]{16}$/;
const MEMBER_NO = /^\d{6,20}$/;

/** The claims of a code issued at `now` for `memberNo`. */
export function claimsFor(memberNo: string, jti: string, now: Date): MemberCodeClaims {
  if (!MEMBER_NO.test(memberNo)) throw new RangeError('member number must be 6-20 digits');
  if (!JTI.test(jti)) throw new RangeError(`jti must be ${JTI_LENGTH} base64url characters`);
  return { memberNo, jti, exp: Math.floor(now.getTime() / 1000) + CODE_TTL_SECONDS };
}

/** The signed part of the token. */
export function encodePayload(claims: MemberCodeClaims): string {
  return [MEMBER_CODE_VERSION, claims.memberNo, claims.exp.toString(36), claims.jti].join('.');
}

export function joinToken(payload: string, signature: string): string {
  return `${payload}.${signature}`;
}

export function expiryOf(claims: MemberCodeClaims): Date {
  return new Date(claims.exp * 1000);
}

/** Splits a token into its signed part, its signature and the claims; null when it is not a token at all. */
export function readToken(token: string): { payload: string; signature: string; claims: MemberCodeClaims } | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const [, memberNo, exp36, jti, signature] = m;
  const exp = parseInt(exp36, 36);
  // Only the canonical spelling (no leading zeros): the signature covers the text, not the number.
  if (!Number.isSafeInteger(exp) || exp.toString(36) !== exp36) return null;
  const payload = token.slice(0, token.length - signature.length - 1);
  return { payload, signature, claims: { memberNo, jti, exp } };
}

/** Shaped like a member code (signature unchecked): to tell a clerk which desk a code belongs to. */
export function looksLikeMemberCode(token: string): boolean {
  return TOKEN.test(token.trim());
}

/** Expired from the expiry second on. */
export function isExpired(claims: MemberCodeClaims, now: Date): boolean {
  return now.getTime() >= claims.exp * 1000;
}

/** Signature first (a forged code learns nothing about expiry), then expiry. */
export function judgeToken(token: string, now: Date, signatureMatches: SignatureCheck): CodeVerdict {
  const read = readToken(token);
  if (!read || !signatureMatches(read.payload, read.signature)) return { ok: false, reason: 'invalid' };
  if (isExpired(read.claims, now)) return { ok: false, reason: 'expired' };
  return { ok: true, claims: read.claims };
}
