import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretName, SecretsPort } from '../../_platform/secrets.port';
import { SIGNATURE_BYTES } from '../member/member-code.rules';

/** HMAC helpers for short-lived signed codes: the member code, the coupon till code, the pickup code. */
const MIN_SECRET_LENGTH = 32;

export function signPayload(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload, 'utf8').digest().subarray(0, SIGNATURE_BYTES).toString('base64url');
}

/** Constant-time comparison of the exact characters sent. */
export function signatureChecker(secret: string): (payload: string, signature: string) => boolean {
  return (payload, signature) => {
    const expected = Buffer.from(signPayload(secret, payload), 'ascii');
    const given = Buffer.from(signature, 'ascii');
    return expected.length === given.length && timingSafeEqual(expected, given);
  };
}

/** A plain Error: logged in full, the app gets INTERNAL rather than the configuration detail. */
export function requireSecret(secrets: SecretsPort, name: SecretName, functions: string): string {
  const secret = secrets.get(name);
  if (!secret) throw new Error(`${name} is not set: add it to the function environment variables (${functions})`);
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`${name} is too short: use at least ${MIN_SECRET_LENGTH} random characters`);
  return secret;
}
