import { addDays } from '../shared/business-time.rules';
import type { Campaign } from './community-config.schema';

export interface Progress {
  days: string[];
  count: number;
  /** Consecutive days ending at the last counted day. */
  streak: number;
  bestStreak: number;
}

/** Progress from the set of counted days (order of arrival doesn't matter: a held post may count later). */
export function progressOf(days: readonly string[]): Progress {
  const sorted = [...new Set(days)].sort();
  let streak = 0;
  let best = 0;
  let prev: string | null = null;
  for (const d of sorted) {
    streak = prev !== null && addDays(prev, 1) === d ? streak + 1 : 1;
    best = Math.max(best, streak);
    prev = d;
  }
  return { days: sorted, count: sorted.length, streak, bestStreak: best };
}

export const inWindow = (c: Pick<Campaign, 'from' | 'to'>, day: string) => day >= c.from && day <= c.to;

/** Finished: `days` counted days, or with `streak`, `days` consecutive ones. */
export function isFinished(c: Pick<Campaign, 'days' | 'streak'>, p: Progress): boolean {
  return c.streak ? p.bestStreak >= c.days : p.count >= c.days;
}

export type JoinVerdict = { ok: true } | { ok: false; code: 'CAMPAIGN_CLOSED'; reason: string };

export function judgeJoin(c: Campaign, today: string): JoinVerdict {
  if (!c.active) return { ok: false, code: 'CAMPAIGN_CLOSED', reason: '活动已下线' };
  if (today > c.to) return { ok: false, code: 'CAMPAIGN_CLOSED', reason: '活动已结束' };
  // Joining late is allowed while the remaining days can still finish it.
  const left = daysBetween(today < c.from ? c.from : today, c.to) + 1;
  if (left < c.days) return { ok: false, code: 'CAMPAIGN_CLOSED', reason: `剩余天数不足 ${c.days} 天，已无法完成` };
  return { ok: true };
}

export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Leaderboard order: counted days, then likes from others; `~openid` makes the key unique. */
export const rankKey = (count: number, likes: number, openid: string) =>
  `${String(count).padStart(4, '0')}${String(Math.max(0, likes)).padStart(8, '0')}~${openid}`;
