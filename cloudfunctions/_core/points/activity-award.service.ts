import { earnRulesConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import { businessDay, businessMonthDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { standingOf } from '../tier/tier.rules';
import { evaluateEarn, expiresOnFor, type Award } from './earn-engine.rules';
import { planEarn } from './points-ledger.rules';
import { postInTx } from './points-ledger.service';

/** `activity_counts/{openid}:{kind}:{day}`: how many posts or shares earned points that Beijing day. */
interface ActivityCountRecord {
  _id: string;
  _openid: string;
  kind: 'post' | 'share';
  day: string;
  count: number;
}
export const ACTIVITY_COUNTS = 'activity_counts';

/**
 * Points for contributing (a post, a share), capped per member per day by the earn rules. The community
 * feature calls this with the post's or share's id: the same id never earns twice, and the day's count
 * changes in the same transaction as the ledger, so concurrent posts cannot exceed the cap.
 */
export async function awardActivity(
  ctx: MemberContext,
  activity: { kind: 'post' | 'share'; sourceId: string; title?: string },
): Promise<{ award: Award; repeated: boolean }> {
  const [rules, { tiers }] = await Promise.all([loadConfig(ctx, earnRulesConfig), loadConfig(ctx, tierConfig)]);
  const openid = ctx.member._id;
  const now = ctx.clock.now();
  const day = businessDay(now);
  const tier = standingOf(tiers, ctx.member.tierCode, ctx.member.growth).current;
  return ctx.db.runTransaction(async (tx) => {
    const counter = tx.collection<ActivityCountRecord>(ACTIVITY_COUNTS).doc(`${openid}:${activity.kind}:${day}`);
    const seen = await getOrNull<ActivityCountRecord>(counter);
    const award = evaluateEarn(
      { kind: activity.kind, alreadyToday: seen?.count ?? 0 },
      { rules, tierMultiplierPercent: tier.pointsMultiplierPercent, tierName: tier.name, dayOfMonth: businessMonthDay(now).day },
    );
    const posted = await postInTx(
      tx,
      openid,
      {
        key: `${activity.kind}:${activity.sourceId}`,
        kind: 'earn',
        reason: activity.title ?? (activity.kind === 'post' ? '发布内容' : '分享'),
        source: activity.kind,
        sourceId: activity.sourceId,
        lineItems: award.lineItems,
        plan: (state) => planEarn(state, { amount: award.total, expiresOn: expiresOnFor(rules.expiry, day) }),
      },
      now,
    );
    if (posted.repeated) {
      const items = posted.entry.lineItems;
      return { award: { lineItems: items, total: items.reduce((s, i) => s + i.points, 0) }, repeated: true };
    }
    if (award.total > 0) {
      await counter.set({ data: { _openid: openid, kind: activity.kind, day, count: (seen?.count ?? 0) + 1 } });
    }
    return { award, repeated: false };
  });
}
