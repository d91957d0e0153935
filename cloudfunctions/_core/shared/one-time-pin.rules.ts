/**
 * Short one-time digit codes a clerk can type (the manual path beside the QR codes), like a bank token:
 * 6 digits derived from HMAC(secret, purpose:subject:step) for 30-second steps (RFC 4226's dynamic
 * truncation). The member's screen shows the current step's code; the server accepts the current and the
 * previous step (so a code is good for 30-60 s), and each (purpose, subject, step) once.
 *
 * Brute force (README "Manual codes"): only active staff can submit codes. Every submission first takes a
 * slot in two counters: per member number (MEMBER_FAILURES_PER_WINDOW in a 10-minute window) and per clerk
 * (CLERK_FAILURES_PER_HOUR); a matched code gives its slot back. With 2 accepted steps a guess succeeds with
 * probability 2/10^6, so one member number can be guessed at most 720 times a day (P <= 0.15% a day), and
 * one clerk account can try at most 480 guesses a day over all members (P <= 0.1% a day).
 */

export const PIN_DIGITS = 6;
export const PIN_STEP_SECONDS = 30;
/** The current step and the one before it. */
export const PIN_ACCEPTED_STEPS = 2;
export const MEMBER_WINDOW_MINUTES = 10;
export const MEMBER_FAILURES_PER_WINDOW = 5;
export const CLERK_FAILURES_PER_HOUR = 20;

export type PinPurpose = 'member' | 'coupon' | 'pickup';

export function stepOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / PIN_STEP_SECONDS);
}

/** Steps whose codes are accepted at `now`, newest first. */
export function acceptedSteps(now: Date): number[] {
  const s = stepOf(now);
  return Array.from({ length: PIN_ACCEPTED_STEPS }, (_, i) => s - i);
}

/** The message the HMAC covers: the purpose keeps a coupon's code from opening a member visit. */
export function pinMessage(purpose: PinPurpose, subject: string, step: number): string {
  return `pin.1:${purpose}:${subject}:${step}`;
}

/** RFC 4226 dynamic truncation of an HMAC digest to `PIN_DIGITS` digits. */
export function truncateToPin(digest: Uint8Array): string {
  if (digest.length < 20) throw new RangeError('digest too short');
  const offset = digest[digest.length - 1] & 0x0f;
  const bin = ((digest[offset] & 0x7f) << 24) | (digest[offset + 1] << 16) | (digest[offset + 2] << 8) | digest[offset + 3];
  return String(bin % 10 ** PIN_DIGITS).padStart(PIN_DIGITS, '0');
}

/** When the code of `step` stops being accepted. */
export function pinExpiry(step: number): Date {
  return new Date((step + PIN_ACCEPTED_STEPS) * PIN_STEP_SECONDS * 1000);
}

/** Seconds until the next step starts: the app refreshes then, so the code on screen is always the newest. */
export function secondsToNextStep(now: Date): number {
  const ms = (stepOf(now) + 1) * PIN_STEP_SECONDS * 1000 - now.getTime();
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The attempt windows a submission counts in. */
export function attemptKeys(memberNo: string, clerk: string, now: Date): { member: string; clerk: string; memberExpires: Date; clerkExpires: Date } {
  const memberWindowMs = MEMBER_WINDOW_MINUTES * 60_000;
  const m = Math.floor(now.getTime() / memberWindowMs);
  const h = Math.floor(now.getTime() / 3_600_000);
  return {
    member: `m:${memberNo}:${m}`,
    clerk: `c:${clerk}:${h}`,
    memberExpires: new Date((m + 1) * memberWindowMs),
    clerkExpires: new Date((h + 1) * 3_600_000),
  };
}

/** The id under which a matched code is consumed (`used_codes`). */
export function pinUseId(purpose: PinPurpose, subject: string, step: number): string {
  return `pin.${purpose}.${subject}.${step}`;
}
