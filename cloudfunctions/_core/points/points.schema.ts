import { z } from 'zod';
import { LineItem } from './earn-rules.schema';

export const PointsSummaryView = z.object({
  balance: z.number().int(),
  pending: z.number().int(),
  owed: z.number().int(),
  /** The soonest-expiring points, e.g. "120 积分将于 2027-12-31 过期". */
  expiring: z.object({ points: z.number().int(), on: z.string() }).nullable(),
});

export const HistoryInput = z.object({
  /** The `seq` of the last entry already shown; omitted for the newest page. */
  beforeSeq: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

export const EntryView = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.enum(['earn', 'spend', 'release', 'expire', 'reverse']),
  status: z.enum(['pending', 'active', 'spent', 'expired', 'reversed']),
  delta: z.number().int(),
  pendingDelta: z.number().int(),
  reason: z.string(),
  lineItems: z.array(LineItem),
  day: z.string(),
  createdAt: z.string(),
});

export const HistoryView = z.object({ entries: z.array(EntryView), nextBeforeSeq: z.number().int().nullable() });

export const CheckInView = z.object({
  day: z.string(),
  streak: z.number().int(),
  /** True when this call found today's check-in already done (a retry or a second tap). */
  repeated: z.boolean(),
  award: z.object({ total: z.number().int(), lineItems: z.array(LineItem) }),
  balance: z.number().int(),
});

export const CheckInStatusView = z.object({
  today: z.string(),
  checkedInToday: z.boolean(),
  /** The current streak (0 if broken: yesterday was missed). */
  streak: z.number().int(),
  /** Rewards for streak days 1..N (the last repeats). */
  rewards: z.array(z.number().int()),
  /** What the next check-in earns before bonuses. */
  nextReward: z.number().int(),
  memberDayToday: z.boolean(),
  /** The last 7 business days, oldest first, with whether the member checked in. */
  week: z.array(z.object({ day: z.string(), checkedIn: z.boolean() })),
});

export type PointsSummaryView = z.output<typeof PointsSummaryView>;
export type HistoryInput = z.output<typeof HistoryInput>;
export type EntryView = z.output<typeof EntryView>;
export type HistoryView = z.output<typeof HistoryView>;
export type CheckInView = z.output<typeof CheckInView>;
export type CheckInStatusView = z.output<typeof CheckInStatusView>;
