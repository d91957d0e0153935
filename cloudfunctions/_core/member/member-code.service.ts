import { randomBytes } from 'node:crypto';
import type { SecretsPort } from '../../_platform/secrets.port';
import type { MemberContext } from '../shared/access';
import { issuePin } from '../shared/one-time-pin';
import type { PinPurpose } from '../shared/one-time-pin.rules';
import { requireSecret, signPayload, signatureChecker } from '../shared/signed-token';
import { claimsFor, encodePayload, expiryOf, joinToken, judgeToken, type CodeVerdict } from './member-code.rules';
import type { MemberCodeView } from './member-code.schema';

const codeSecret = (secrets: SecretsPort) => requireSecret(secrets, 'MEMBER_CODE_SECRET', 'member, staff and coupons');

/** `member.code`: a fresh code for the card. */
export const memberCode = (ctx: MemberContext) => issueMemberCode(ctx, 'member');

/** A fresh code (QR token and digits): signed, valid 60 s, accepted once. Writes nothing (consumed on scan). */
export async function issueMemberCode(ctx: MemberContext, purpose: PinPurpose): Promise<MemberCodeView> {
  const secret = codeSecret(ctx.secrets);
  const now = ctx.clock.now();
  const claims = claimsFor(ctx.member.memberNo, randomBytes(12).toString('base64url'), now);
  const payload = encodePayload(claims);
  const pin = issuePin(ctx.secrets, purpose, ctx.member.memberNo, now);
  return {
    token: joinToken(payload, signPayload(secret, payload)),
    expiresAt: expiryOf(claims).toISOString(),
    refreshSeconds: pin.refreshSeconds,
    memberNo: ctx.member.memberNo,
    pin: pin.pin,
  };
}

/** Checks a scanned token's signature (constant time) and expiry against `now`. */
export function verifyMemberCode(secrets: SecretsPort, token: string, now: Date): CodeVerdict {
  return judgeToken(token, now, signatureChecker(codeSecret(secrets)));
}
