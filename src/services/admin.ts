/** Operator calls (the ops dashboard). */
import { callCloud, type CloudOutput } from './cloud';

export type ConfigReport = CloudOutput<'admin', 'configReport'>;
export type CommunityMetrics = CloudOutput<'admin', 'communityMetrics'>;

export const adminService = {
  /** Every operator document checked; each mistake explained in Chinese. Operators only. */
  configReport: () => callCloud('admin', 'configReport'),
  /** The community-health history of the last 30 days (the dashboard; also the JSON an operator copies). */
  communityMetrics: () => callCloud('admin', 'communityMetrics', { days: 30 }),
};
