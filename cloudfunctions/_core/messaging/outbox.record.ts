/** `message_outbox/{dedupeKey}`: every message the product wants to send, queued; the dispatcher decides. */
export const MESSAGE_OUTBOX = 'message_outbox';
/** `message_subscriptions/{openid}:{template}`: one-time subscriptions the member accepted and we haven't used. */
export const MESSAGE_SUBSCRIPTIONS = 'message_subscriptions';
/** `message_caps/{openid}:{kind}:{period}`: messages sent to a member in a day or week (conditional increments). */
export const MESSAGE_CAPS = 'message_caps';

export type MessageKind = 'service' | 'promotion';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'skipped' | 'failed';
export type SkipReason = 'no_subscription' | 'cap_day' | 'cap_week' | 'stale' | 'send_failed';

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
