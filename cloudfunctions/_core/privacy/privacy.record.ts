/**
 * `privacy_requests`: a member's data export (`export:{openid}:{requestId}`) or account closing
 * (`close:{openid}`), with its state; the admin nightly job (`privacyJob`) finishes what is due.
 */
export const PRIVACY_REQUESTS = 'privacy_requests';

/** Days between asking to close the account and the erasure; the member can undo within them. */
export const CLOSE_GRACE_DAYS = 15;

/** A member with more documents than this gets the export from the timer job instead of at once. */
export const EXPORT_INLINE_MAX_DOCS = 2000;

export interface ExportRequestRecord {
  _id: string;
  _openid: string;
  kind: 'export';
  requestId: string;
  status: 'pending' | 'ready';
  fileId: string | null;
  documents: number;
  createdAt: Date;
  readyAt: Date | null;
}

export interface CloseRequestRecord {
  _id: string;
  _openid: string;
  kind: 'close';
  /** scheduled (undo possible) → erasing (the job has started; resumable) ; or cancelled by the member. */
  status: 'scheduled' | 'cancelled' | 'erasing';
  requestedAt: Date;
  eraseAfter: Date;
  /** The id that replaces the openid in the records kept for accounting; drawn once, so a resumed erasure uses the same. */
  anonId: string;
  /** Posts and comments: deleted, or kept as 已注销用户 (the member's choice; absent in older requests = delete). */
  content?: 'delete' | 'keep_anonymous';
}

export const exportRequestId = (openid: string, requestId: string) => `export:${openid}:${requestId}`;
export const closeRequestId = (openid: string) => `close:${openid}`;
