import { z } from 'zod';
import { RequestId } from '../shared/idempotency';

/** What becomes of the member's posts and comments: deleted (the default), or kept with the author shown as 已注销用户. */
export const ContentChoice = z.enum(['delete', 'keep_anonymous'], '请选择帖子与评论的处理方式');
export type ContentChoice = z.output<typeof ContentChoice>;

export const ExportDataInput = z.object({ requestId: RequestId });
export type ExportDataInput = z.output<typeof ExportDataInput>;

export const ExportView = z.object({
  requestId: z.string(),
  /** ready: `url` downloads the JSON file; pending: the privacy job prepares it (large accounts). */
  status: z.enum(['pending', 'ready']),
  url: z.string().nullable(),
  documents: z.number().int(),
  createdAt: z.string(),
});
export type ExportView = z.output<typeof ExportView>;

export const PrivacyStatusView = z.object({
  exports: z.array(ExportView),
  /** The account-closing request in force (null when none, or cancelled). */
  closing: z.object({ status: z.enum(['scheduled', 'erasing']), eraseAfter: z.string(), canUndo: z.boolean(), content: ContentChoice }).nullable(),
  /** Message subscriptions the member has given and not yet used: 0 = nothing can be sent to them. */
  activeSubscriptions: z.number().int(),
  /** What is held about the member, by kind, in Chinese (what the export contains). */
  heldData: z.array(z.string()),
});
export type PrivacyStatusView = z.output<typeof PrivacyStatusView>;

export const CloseAccountInput = z.object({ confirm: z.literal(true, '请确认注销'), content: ContentChoice.default('delete') });
export type CloseAccountInput = z.output<typeof CloseAccountInput>;

export const CloseAccountView = z.object({ eraseAfter: z.string(), graceDays: z.number().int(), content: ContentChoice });
export type CloseAccountView = z.output<typeof CloseAccountView>;

export const WithdrawConsentView = z.object({ subscriptionsRemoved: z.number().int(), messagesCancelled: z.number().int() });
export type WithdrawConsentView = z.output<typeof WithdrawConsentView>;

export const PrivacyJobResult = z.object({ exports: z.number().int(), erased: z.number().int(), done: z.boolean() });
