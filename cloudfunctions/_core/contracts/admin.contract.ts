import { z } from 'zod';
import { defineFunction } from './define';
import { ConfigReportView } from '../admin/admin.schema';

export const adminContract = defineFunction({
  name: 'admin',
  summary: 'Operator tools and housekeeping jobs.',
  actions: {
    configReport: {
      summary: 'Checks every operator configuration document and explains each mistake in Chinese.',
      access: 'operator',
      input: z.object({}),
      output: ConfigReportView,
      errors: ['FORBIDDEN'],
    },
  },
  timers: {
    daily: { summary: 'Removes request ids older than 30 days, used member codes, till visits, message caps and typed-code attempt counters past expiry.' },
  },
});
