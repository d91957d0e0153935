import { communityMetricsJob } from '../metrics/community-metrics.job';
import { privacyJob } from '../privacy/privacy.service';
import type { JobContext } from '../shared/use-case-context';
import { housekeepingJob, type HousekeepingResult } from './housekeeping.job';

/**
 * The admin function's nightly trigger (WeChat allows one timer per function): housekeeping, then the
 * members' data-rights work (large exports, erasures past their grace period), then yesterday's community
 * metrics, in what is left of one budget (each part resumes on the next run of the night).
 */
export async function adminDailyJob(
  ctx: JobContext,
): Promise<HousekeepingResult & { privacy: { exports: number; erased: number; done: boolean }; metrics: { day: string; stages: number; done: boolean } }> {
  const t0 = Date.now();
  const elapsedMs = () => Date.now() - t0;
  const housekeeping = await housekeepingJob(ctx);
  const privacy = await privacyJob(ctx, { elapsedMs });
  const metrics = await communityMetricsJob(ctx, { elapsedMs });
  return { ...housekeeping, privacy, metrics, done: housekeeping.done && privacy.done && metrics.done };
}
