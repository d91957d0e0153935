import { USED_CODES } from '../member/member-code.record';
import { MESSAGE_CAPS } from '../messaging/outbox.record';
import { REQUEST_LOG } from '../shared/idempotency';
import type { JobContext } from '../shared/use-case-context';
import { STAFF_VISITS } from '../staff/staff-visit.record';
import { PIN_ATTEMPTS } from '../shared/one-time-pin';

/** Request ids only guard retries; after 30 days nobody retries, so their log can go. */
export const REQUEST_LOG_RETENTION_DAYS = 30;

/**
 * Removes records whose only job was short-lived: old request ids, used member codes past their expiry
 * (an expired code is refused before `used_codes` is read), expired till visits, message-cap counters and typed-code attempt counters.
 */
export async function housekeepingJob(ctx: JobContext): Promise<{ requests: number; usedCodes: number; visits: number; messageCaps: number; pinAttempts: number }> {
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - REQUEST_LOG_RETENTION_DAYS * 86_400_000);
  const requests = await ctx.db.collection(REQUEST_LOG).where({ createdAt: _.lt(cutoff) }).remove();
  const usedCodes = await ctx.db.collection(USED_CODES).where({ expiresAt: _.lt(now) }).remove();
  const visits = await ctx.db.collection(STAFF_VISITS).where({ expiresAt: _.lt(now) }).remove();
  const caps = await ctx.db.collection(MESSAGE_CAPS).where({ expiresAt: _.lt(now) }).remove();
  const pins = await ctx.db.collection(PIN_ATTEMPTS).where({ expiresAt: _.lt(now) }).remove();
  return {
    requests: requests.stats.removed,
    usedCodes: usedCodes.stats.removed,
    visits: visits.stats.removed,
    messageCaps: caps.stats.removed,
    pinAttempts: pins.stats.removed,
  };
}
