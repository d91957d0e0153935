/** `layer_messages/{messageId}`: operator documents (layer-message.schema.ts). */
export const LAYER_MESSAGES = 'layer_messages';
/** `layer_message_runs/{messageId}`: how far the queuing of one layer message went, and its counts. */
export const LAYER_MESSAGE_RUNS = 'layer_message_runs';

export interface LayerMessageRunRecord {
  _id: string;
  /** `queuing` until every member of the layers was seen; then `done` (a done message is never queued again). */
  status: 'queuing' | 'done';
  /** The last `member_layers` id handled (members are paged by `_id`). */
  after: string | null;
  /** Members of the layers seen. */
  members: number;
  /** Messages queued in the outbox (one per member the whole audience admits). */
  queued: number;
  /** Members of the layers the rest of the audience (tiers, new members, member numbers) leaves out. */
  outsideAudience: number;
  /** Members of the layers with no member document (closed accounts). */
  noMember: number;
  startedAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}
