import { z } from 'zod';

const Iso = z.string();

/** One layer message as operators follow it: when, to whom, how far the queuing went and what the outbox did. */
export const LayerMessageStatusView = z.object({
  messageId: z.string(),
  title: z.string(),
  /** Layer names (超级用户…). */
  layers: z.array(z.string()),
  sendAt: Iso,
  /** 未到时间 / 排队中 / 已排完 / 已停用. */
  state: z.enum(['scheduled', 'queuing', 'done', 'inactive']),
  stateText: z.string(),
  members: z.number().int(),
  queued: z.number().int(),
  outsideAudience: z.number().int(),
  noMember: z.number().int(),
  /** The queued messages by outbox outcome. */
  delivery: z.object({
    pending: z.number().int(),
    sent: z.number().int(),
    /** Not sent: no subscription (the member never agreed to this template), over the promotion caps, stale, consent withdrawn. */
    skipped: z.number().int(),
    failed: z.number().int(),
  }),
  finishedAt: Iso.nullable(),
});
export type LayerMessageStatusView = z.output<typeof LayerMessageStatusView>;

/** Latest send time first. */
export const LayerMessagesReportView = z.object({ messages: z.array(LayerMessageStatusView) });
export type LayerMessagesReportView = z.output<typeof LayerMessagesReportView>;
