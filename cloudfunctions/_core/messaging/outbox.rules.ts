/**
 * Frequency caps (DESIGN principle 8: respect the member). Pure: callers pass the business day.
 * Promotions: at most 1 a day and 2 a week; service messages (reminders about what the member owns): 3 a day.
 * Weeks start on Monday (Beijing).
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { MessageKind } from './outbox.record';

dayjs.extend(utc);

export interface CapLimit {
  period: 'day' | 'week';
  max: number;
}

export const FREQUENCY_CAPS: Record<MessageKind, readonly CapLimit[]> = {
  promotion: [
    { period: 'day', max: 1 },
    { period: 'week', max: 2 },
  ],
  service: [{ period: 'day', max: 3 }],
};

/** A queued message not sent within this many days is dropped: a stale reminder is noise. */
export const OUTBOX_STALE_DAYS = 3;
/** Send attempts before a message is given up. */
export const MAX_SEND_ATTEMPTS = 3;
/**
 * A message still `sending` this long after its dispatcher touched it belongs to a run that was killed: a
 * cloud function lives at most 60 s (PLATFORM_FACTS.md), so 5 minutes never catches a live one.
 */
export const SENDING_LEASE_MS = 5 * 60_000;

/** The Monday of `day`'s week ('YYYY-MM-DD'). */
export function weekOf(day: string): string {
  const d = dayjs.utc(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** The cap counter's document id for a member, kind and period containing `day`. */
export function capKey(openid: string, kind: MessageKind, cap: CapLimit, day: string): string {
  return `${openid}:${kind}:${cap.period === 'day' ? `d${day}` : `w${weekOf(day)}`}`;
}
