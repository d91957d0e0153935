import { z } from 'zod';
import { RequestId } from '../shared/idempotency';

export const SaveDocumentInput = z.object({
  collection: z.string().regex(/^[a-z_]{2,40}$/, '集合名称无效'),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '文档 ID 无效'),
  /** The operator's content, without `_id`. */
  document: z.record(z.string(), z.unknown()),
  /** The `rev` the operator's edit started from (from `documentHistory`); null = do not check. */
  expectedRev: z.number().int().min(0).nullable(),
  requestId: RequestId,
});
export type SaveDocumentInput = z.output<typeof SaveDocumentInput>;

export const SaveDocumentOutput = z.object({
  address: z.string(),
  rev: z.number().int(),
  /** References to other documents that do not hold (saved anyway), in Chinese. */
  warnings: z.array(z.string()),
});
export type SaveDocumentOutput = z.output<typeof SaveDocumentOutput>;

export const ConfigChangeView = z.object({
  address: z.string(),
  source: z.enum(['operator', 'console']),
  kind: z.enum(['created', 'edited', 'deleted']),
  actorName: z.string().nullable(),
  at: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type ConfigChangeView = z.output<typeof ConfigChangeView>;

export const DocumentHistoryInput = z.object({ collection: SaveDocumentInput.shape.collection, id: SaveDocumentInput.shape.id });
export type DocumentHistoryInput = z.output<typeof DocumentHistoryInput>;

export const DocumentHistoryView = z.object({
  /** The document's current revision: every change the product recorded, saved through it or found from the console. */
  rev: z.number().int(),
  changes: z.array(ConfigChangeView),
});
export type DocumentHistoryView = z.output<typeof DocumentHistoryView>;
