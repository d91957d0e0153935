import { privacyJob } from '../privacy/privacy.service';
import type { JobContext } from '../shared/use-case-context';
import { housekeepingJob, type HousekeepingResult } from './housekeeping.job';

/**
 * The admin function's nightly trigger (WeChat allows one timer per function): housekeeping, then the
 * members' data-rights work (large exports, erasures past their grace period) in what is left of one budget.
 */
export async function adminDailyJob(ctx: JobContext): Promise<HousekeepingResult & { privacy: { exports: number; erased: number; done: boolean } }> {
  const t0 = Date.now();
  const housekeeping = await housekeepingJob(ctx);
  const privacy = await privacyJob(ctx, { elapsedMs: () => Date.now() - t0 });
  return { ...housekeeping, privacy, done: housekeeping.done && privacy.done };
}
