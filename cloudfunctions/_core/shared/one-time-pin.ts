import { createHmac, timingSafeEqual } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import type { SecretsPort } from '../../_platform/secrets.port';
import { AppError } from './errors';
import {
  CLERK_FAILURES_PER_HOUR,
  MEMBER_FAILURES_PER_WINDOW,
  acceptedSteps,
  attemptKeys,
  pinExpiry,
  pinMessage,
  secondsToNextStep,
  stepOf,
  truncateToPin,
  type PinPurpose,
} from './one-time-pin.rules';
import { requireSecret } from './signed-token';

/** `pin_attempts/{key}`: submissions of typed codes in a window (see one-time-pin.rules.ts). Purged once expired. */
export const PIN_ATTEMPTS = 'pin_attempts';

export interface PinAttemptRecord {
  _id: string;
  n: number;
  expiresAt: Date;
}

const pinSecret = (secrets: SecretsPort) => requireSecret(secrets, 'MEMBER_CODE_SECRET', 'member, staff, coupons and mall');

export function pinAt(secrets: SecretsPort, purpose: PinPurpose, subject: string, step: number): string {
  return truncateToPin(createHmac('sha256', pinSecret(secrets)).update(pinMessage(purpose, subject, step), 'utf8').digest());
}

/** The code to show now, when it stops being accepted, and when the app should ask for the next one. */
export function issuePin(secrets: SecretsPort, purpose: PinPurpose, subject: string, now: Date): { pin: string; expiresAt: string; refreshSeconds: number } {
  const step = stepOf(now);
  return { pin: pinAt(secrets, purpose, subject, step), expiresAt: pinExpiry(step).toISOString(), refreshSeconds: secondsToNextStep(now) };
}

/** The step whose code `pin` is for `subject` now, or null. Constant-time comparison of the digits. */
export function matchPin(secrets: SecretsPort, purpose: PinPurpose, subject: string, pin: string, now: Date): number | null {
  const given = Buffer.from(pin, 'ascii');
  for (const step of acceptedSteps(now)) {
    const expected = Buffer.from(pinAt(secrets, purpose, subject, step), 'ascii');
    if (expected.length === given.length && timingSafeEqual(expected, given)) return step;
  }
  return null;
}

/**
 * Takes a slot in a counter by conditional update (never read-modify-write): the first submission of a window
 * creates the counter, later ones increment it while it is under `limit`. False when the window is full.
 */
async function takeSlot(db: Database, id: string, limit: number, expiresAt: Date): Promise<boolean> {
  const _ = db.command;
  const col = db.collection<PinAttemptRecord>(PIN_ATTEMPTS);
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await col.where({ _id: id, n: _.lt(limit) }).update({ data: { n: _.inc(1) } });
    if (r.stats.updated === 1) return true;
    try {
      await col.add({ data: { _id: id, n: 1, expiresAt } });
      return true;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
      // It exists: either full, or another submission created it a moment ago (try the update once more).
    }
  }
  return false;
}

async function giveBack(db: Database, id: string): Promise<void> {
  const _ = db.command;
  await db.collection<PinAttemptRecord>(PIN_ATTEMPTS).where({ _id: id, n: _.gt(0) }).update({ data: { n: _.inc(-1) } });
}

/**
 * Runs `check` (which looks a typed code up and returns null when it matches nothing) under the attempt
 * limits: a member number or a clerk over its limit is refused before any code is checked; a match gives
 * the slots back, so only failures count.
 */
export async function underPinLimits<T>(
  ctx: { db: Database; clock: { now(): Date } },
  memberNo: string,
  clerk: string,
  check: () => Promise<T | null>,
): Promise<T | null> {
  const keys = attemptKeys(memberNo, clerk, ctx.clock.now());
  if (!(await takeSlot(ctx.db, keys.clerk, CLERK_FAILURES_PER_HOUR, keys.clerkExpires))) {
    throw new AppError('CODE_LOCKED', '输错次数过多，请改为扫码，或一小时后再手动输入');
  }
  if (!(await takeSlot(ctx.db, keys.member, MEMBER_FAILURES_PER_WINDOW, keys.memberExpires))) {
    await giveBack(ctx.db, keys.clerk);
    throw new AppError('CODE_LOCKED', '这个会员号输错次数过多，请改为扫码，或 10 分钟后再试');
  }
  const found = await check();
  if (found !== null) {
    await Promise.all([giveBack(ctx.db, keys.member), giveBack(ctx.db, keys.clerk)]);
  }
  return found;
}
