import { randomBytes } from 'node:crypto';
import type { SecretsPort } from '../../_platform/secrets.port';
import type { MemberContext } from '../shared/access';
import { requireSecret, signPayload, signatureChecker } from '../shared/signed-token';
import { CODE_REFRESH_SECONDS, claimsFor, encodePayload, expiryOf, joinToken, judgeToken, type CodeVerdict } from './member-code.rules';
import type { MemberCodeView } from './member-code.schema';

const codeSecret = (secrets: SecretsPort) => requireSecret(secrets, 'MEMBER_CODE_SECRET', 'member, staff and coupons');

/** A fresh code for the card: signed, valid 60 s, accepted once. Writes nothing (consumed on scan). */
export async function issueMemberCode(ctx: MemberContext): Promise<MemberCodeView> {
  const secret = codeSecret(ctx.secrets);
  const claims = claimsFor(ctx.member.memberNo, randomBytes(12).toString('base64url'), ctx.clock.now());
  const payload = encodePayload(claims);
  return {
    token: joinToken(payload, signPayload(secret, payload)),
    expiresAt: expiryOf(claims).toISOString(),
    refreshSeconds: CODE_REFRESH_SECONDS,
  };
}

/** Checks a scanned token's signature (constant time) and expiry against `now`. */
export function verifyMemberCode(secrets: SecretsPort, token: string, now: Date): CodeVerdict {
  return judgeToken(token, now, signatureChecker(codeSecret(secrets)));
}
