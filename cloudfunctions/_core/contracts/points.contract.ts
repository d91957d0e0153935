import { z } from 'zod';
import { defineFunction } from './define';
import { CheckInStatusView, CheckInView, HistoryInput, HistoryView, PointsSummaryView } from '../points/points.schema';

export const pointsContract = defineFunction({
  name: 'points',
  summary: 'The points ledger: balance, history, daily check-in; the nightly release and expiry job.',
  actions: {
    summary: {
      summary: 'Balance, pending and owed points, and the soonest expiry.',
      access: 'member',
      input: z.object({}),
      output: PointsSummaryView,
      errors: ['NOT_REGISTERED'],
    },
    history: {
      summary: 'Ledger entries, newest first, each with its reason and line items.',
      access: 'member',
      input: HistoryInput,
      output: HistoryView,
      errors: ['NOT_REGISTERED', 'INVALID_INPUT'],
    },
    checkInStatus: {
      summary: "Today's check-in state, the streak, the reward table and the last 7 days.",
      access: 'member',
      input: z.object({}),
      output: CheckInStatusView,
      errors: ['NOT_REGISTERED'],
    },
    checkIn: {
      summary: 'Daily check-in (签到): one per member per Beijing day; a missed day resets the streak.',
      access: 'member',
      input: z.object({}),
      output: CheckInView,
      idempotency: 'natural key: member + business day (point_entries/checkin:<openid>:<day>); a repeat returns the first result',
      errors: ['NOT_REGISTERED', 'BUSY'],
    },
  },
  timers: {
    daily: { summary: 'Releases pending purchase points and expires lots, page by page within the time limit.' },
  },
});
