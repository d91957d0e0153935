import { z } from 'zod';

export const BirthdayCardView = z.object({
  /** The caller's birthday window is open today. */
  active: z.boolean(),
  title: z.string(),
  text: z.string(),
  /** Window, Beijing days ('YYYY-MM-DD'); null when not active. */
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  /** What this year's benefit gave (zeros and [] before it is given). */
  points: z.number().int(),
  multiplierPercent: z.number().int(),
  coupons: z.array(z.object({ id: z.string(), title: z.string(), validTo: z.string() })),
  /** The window is open but the benefit is still on its way (the job runs at 00:10). */
  preparing: z.boolean(),
});
export type BirthdayCardView = z.output<typeof BirthdayCardView>;
