import { earnRulesConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { standingOf } from '../tier/tier.rules';
import type { MemberContext } from '../shared/access';
import { addDays, businessDay, businessMonthDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { evaluateEarn, expiresOnFor, isMemberDay, streakReward } from './earn-engine.rules';
import { planEarn } from './points-ledger.rules';
import { pointsNow, postInTx } from './points-ledger.service';
import type { CheckInStatusView, CheckInView } from './points.schema';

/** `checkin_streaks/{openid}`: the streak, and the recent days for the calendar strip. */
export interface StreakRecord {
  _id: string;
  _openid: string;
  lastDay: string;
  streak: number;
  best: number;
  recentDays: string[];
}
export const CHECKIN_STREAKS = 'checkin_streaks';
const RECENT_DAYS = 31;

/** The streak still alive on `today`: checked in today or yesterday (Beijing days), else broken. */
function liveStreak(rec: StreakRecord | null, today: string): number {
  if (!rec) return 0;
  return rec.lastDay === today || rec.lastDay === addDays(today, -1) ? rec.streak : 0;
}

/**
 * One check-in per member per Beijing day: the ledger entry's id is `checkin:<openid>:<day>`, so concurrent
 * taps and retries award once; the streak document changes in the same transaction.
 */
export async function checkIn(ctx: MemberContext): Promise<CheckInView> {
  const [rules, { tiers }] = await Promise.all([loadConfig(ctx, earnRulesConfig), loadConfig(ctx, tierConfig)]);
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const today = businessDay(now);
  const tier = standingOf(tiers, ctx.member.tierCode, ctx.member.growth).current;

  return ctx.db.runTransaction(async (tx) => {
    const streaks = tx.collection<StreakRecord>(CHECKIN_STREAKS);
    const rec = await getOrNull<StreakRecord>(streaks.doc(openid));
    const alreadyToday = rec?.lastDay === today;
    const streak = alreadyToday ? rec!.streak : liveStreak(rec, today) + 1;
    const award = evaluateEarn(
      { kind: 'checkin', streakDay: streak },
      { rules, tierMultiplierPercent: tier.pointsMultiplierPercent, tierName: tier.name, dayOfMonth: businessMonthDay(now).day },
    );
    const posted = await postInTx(
      tx,
      openid,
      {
        key: `checkin:${openid}:${today}`,
        kind: 'earn',
        reason: '每日签到',
        source: 'checkin',
        sourceId: today,
        lineItems: award.lineItems,
        plan: (state) => planEarn(state, { amount: award.total, expiresOn: expiresOnFor(rules.expiry, today) }),
      },
      now,
    );
    if (posted.repeated) {
      const { lineItems } = posted.entry;
      return {
        day: today,
        streak: rec?.streak ?? streak,
        repeated: true,
        award: { total: lineItems.reduce((s, i) => s + i.points, 0), lineItems },
        balance: pointsNow(posted.account, now).balance,
      };
    }
    const recentDays = [...(rec?.recentDays ?? []).filter((d) => d >= addDays(today, -RECENT_DAYS)), today];
    const next: Omit<StreakRecord, '_id'> = { _openid: openid, lastDay: today, streak, best: Math.max(rec?.best ?? 0, streak), recentDays };
    await streaks.doc(openid).set({ data: next });
    return { day: today, streak, repeated: false, award, balance: pointsNow(posted.account, now).balance };
  });
}

export async function getCheckInStatus(ctx: MemberContext): Promise<CheckInStatusView> {
  const openid = ctx.member._id;
  const [rules, rec] = await Promise.all([
    loadConfig(ctx, earnRulesConfig),
    getOrNull<StreakRecord>(ctx.db.collection<StreakRecord>(CHECKIN_STREAKS).doc(openid)),
  ]);
  const now = ctx.clock.now();
  const today = businessDay(now);
  const streak = liveStreak(rec, today);
  const checkedInToday = rec?.lastDay === today;
  const done = new Set(rec?.recentDays ?? []);
  return {
    today,
    checkedInToday,
    streak,
    rewards: rules.checkin.streakRewards,
    // Checked in today: tomorrow continues the streak; not yet: today does.
    nextReward: streakReward(rules.checkin.streakRewards, streak + 1),
    memberDayToday: isMemberDay(rules, businessMonthDay(now).day, 'checkin'),
    week: Array.from({ length: 7 }, (_, i) => addDays(today, i - 6)).map((day) => ({ day, checkedIn: done.has(day) })),
  };
}

