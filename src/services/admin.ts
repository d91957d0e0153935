/** Operator calls (the ops dashboard). */
import { callCloud, type CloudOutput } from './cloud';

export type ConfigReport = CloudOutput<'admin', 'configReport'>;

export const adminService = {
  /** Every operator document checked; each mistake explained in Chinese. Operators only. */
  configReport: () => callCloud('admin', 'configReport'),
};
