import { REQUEST_LOG } from '../shared/idempotency';
import type { JobContext } from '../shared/use-case-context';

/** Request ids only guard retries; after 30 days nobody retries, so their log can go. */
export const REQUEST_LOG_RETENTION_DAYS = 30;

export async function purgeRequestLog(ctx: JobContext): Promise<{ removed: number }> {
  const cutoff = new Date(ctx.clock.now().getTime() - REQUEST_LOG_RETENTION_DAYS * 86_400_000);
  const { stats } = await ctx.db
    .collection(REQUEST_LOG)
    .where({ createdAt: ctx.db.command.lt(cutoff) })
    .remove();
  return { removed: stats.removed };
}
