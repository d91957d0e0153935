import { z } from 'zod';
import { ConfigChangeView } from './operator-documents.schema';

export const ConfigCheckView = z.discriminatedUnion('status', [
  z.object({ id: z.string(), title: z.string(), status: z.literal('ok') }),
  z.object({ id: z.string(), title: z.string(), status: z.literal('missing') }),
  z.object({ id: z.string(), title: z.string(), status: z.literal('invalid'), problems: z.array(z.string()) }),
  /** Valid by itself, but it names other documents that do not hold (a missing coupon template, store or tier). */
  z.object({ id: z.string(), title: z.string(), status: z.literal('warning'), problems: z.array(z.string()) }),
]);

export const ConfigReportView = z.object({
  configs: z.array(ConfigCheckView),
  /** The latest changes of operator documents, newest first: saved through the product or found from the console. */
  recentChanges: z.array(ConfigChangeView),
});
export type ConfigReportView = z.output<typeof ConfigReportView>;
