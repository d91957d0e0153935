import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SecretsPort } from '../../_platform/secrets.port';
import type { MemberContext } from '../shared/access';
import {
  CODE_REFRESH_SECONDS,
  SIGNATURE_BYTES,
  claimsFor,
  encodePayload,
  expiryOf,
  joinToken,
  judgeToken,
  type CodeVerdict,
} from './member-code.rules';
import type { MemberCodeView } from './member-code.schema';

/** Shorter keys make the HMAC guessable; the local cloud generates 64 hex characters. */
const MIN_SECRET_LENGTH = 32;

/** A fresh code for the card: signed, valid 60 s, accepted once. Writes nothing (consumed on scan). */
export async function issueMemberCode(ctx: MemberContext): Promise<MemberCodeView> {
  const secret = codeSecret(ctx.secrets);
  const claims = claimsFor(ctx.member.memberNo, randomBytes(12).toString('base64url'), ctx.clock.now());
  const payload = encodePayload(claims);
  return {
    token: joinToken(payload, sign(secret, payload)),
    expiresAt: expiryOf(claims).toISOString(),
    refreshSeconds: CODE_REFRESH_SECONDS,
  };
}

/** Checks a scanned token's signature (constant time) and expiry against `now`. */
export function verifyMemberCode(secrets: SecretsPort, token: string, now: Date): CodeVerdict {
  const secret = codeSecret(secrets);
  return judgeToken(token, now, (payload, signature) => {
    const expected = Buffer.from(sign(secret, payload), 'ascii');
    const given = Buffer.from(signature, 'ascii');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest().subarray(0, SIGNATURE_BYTES).toString('base64url');
}

/** A plain Error: the runtime logs it in full (call.failed) and the app gets INTERNAL, not the config detail. */
function codeSecret(secrets: SecretsPort): string {
  const secret = secrets.get('MEMBER_CODE_SECRET');
  if (!secret) {
    throw new Error('MEMBER_CODE_SECRET is not set: add it to the function environment variables (member and staff)');
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`MEMBER_CODE_SECRET is too short: use at least ${MIN_SECRET_LENGTH} random characters`);
  }
  return secret;
}
