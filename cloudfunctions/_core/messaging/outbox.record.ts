/** `message_outbox/{dedupeKey}`: every message the product wants to send, queued; the dispatcher decides. */
export const MESSAGE_OUTBOX = 'message_outbox';
/** `message_subscriptions/{openid}:{template}`: one-time subscriptions the member accepted and we haven't used. */
export const MESSAGE_SUBSCRIPTIONS = 'message_subscriptions';
/** `message_caps/{openid}:{kind}:{period}`: messages sent to a member in a day or week (conditional increments). */
export const MESSAGE_CAPS = 'message_caps';

export type MessageKind = 'service' | 'promotion';
/**
 * pending → sending (locked by one dispatcher) → sent | skipped | failed | pending (retry). A dispatcher killed
 * at the time limit leaves `sending`; the next run recovers it by its send record (`sendingAt`): without one
 * it was never sent and goes back to pending; with one WeChat may have it, so it becomes `unconfirmed` and is
 * never sent again (at most once for the member).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed' | 'unconfirmed';
export type SkipReason = 'no_subscription' | 'cap_day' | 'cap_week' | 'stale' | 'send_failed' | 'interrupted' | 'consent_withdrawn';

export interface OutboxRecord {
  _id: string;
  _openid: string;
  kind: MessageKind;
  /** WeChat subscribe-message template id. */
  template: string;
  data: Record<string, string>;
  page: string;
  status: OutboxStatus;
  reason: SkipReason | null;
  attempts: number;
  /** The send record: written just before the API call of the current attempt (null until then). */
  sendingAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

export interface SubscriptionRecord {
  _id: string;
  _openid: string;
  template: string;
  /** Unused one-time subscriptions; each send takes one. */
  count: number;
  updatedAt: Date;
}

export interface CapRecord {
  _id: string;
  count: number;
  /** The end of the period counted: the counter can be purged from then on. */
  expiresAt: Date;
}
