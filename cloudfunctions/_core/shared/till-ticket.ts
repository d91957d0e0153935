import type { SecretsPort } from '../../_platform/secrets.port';
import { requireSecret, signPayload, signatureChecker } from './signed-token';

/**
 * A till ticket: what `inspect` hands the clerk's screen after checking a coupon or pickup code, so the
 * confirm step that follows does not depend on the member's 60-second code still being alive. Signed, bound
 * to the clerk who inspected and to one coupon or order, valid 5 minutes. Format `k1.<kind>.<subject>.<exp>.<sig>`.
 */
export const TICKET_TTL_SECONDS = 5 * 60;

export type TicketKind = 'coupon' | 'pickup';

const TICKET = /^k1\.(coupon|pickup)\.([A-Za-z0-9_-]{4,64})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{32})$/;

const secretOf = (secrets: SecretsPort) => requireSecret(secrets, 'MEMBER_CODE_SECRET', 'coupons and mall');

/** The clerk's openid is covered by the signature but not carried: another clerk's ticket does not verify. */
const signed = (clerk: string, payload: string) => `ticket:${clerk}:${payload}`;

export function issueTicket(secrets: SecretsPort, kind: TicketKind, subject: string, clerk: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + TICKET_TTL_SECONDS;
  const payload = `k1.${kind}.${subject}.${exp.toString(36)}`;
  return `${payload}.${signPayload(secretOf(secrets), signed(clerk, payload))}`;
}

export type TicketVerdict = { ok: true; subject: string } | { ok: false; reason: 'invalid' | 'expired' };

export function readTicket(secrets: SecretsPort, kind: TicketKind, ticket: string, clerk: string, now: Date): TicketVerdict {
  const m = TICKET.exec(ticket);
  if (!m || m[1] !== kind) return { ok: false, reason: 'invalid' };
  const payload = ticket.slice(0, ticket.length - m[4].length - 1);
  if (!signatureChecker(secretOf(secrets))(signed(clerk, payload), m[4])) return { ok: false, reason: 'invalid' };
  const exp = parseInt(m[3], 36);
  if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, subject: m[2] };
}
