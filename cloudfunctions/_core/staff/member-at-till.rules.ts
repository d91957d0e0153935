import { maskName } from '../member/member.rules';
import type { MemberRecord } from '../member/member.record';
import type { PointsSummaryView } from '../points/points.schema';
import type { TierDefinition } from '../tier/tier-config.schema';
import { standingOf } from '../tier/tier.rules';
import { isVip } from '../vip/vip.rules';
import type { MemberAtTillView } from './staff-till.schema';


/** "802345678901" -> "8901": enough for the clerk to confirm with the member, not to look them up. */
export function memberNoTail(memberNo: string): string {
  return memberNo.slice(-4);
}

/** What the clerk sees: the masked name, the tier and its benefits, points, VIP; never the openid. */
export function toMemberAtTillView(args: {
  visitId: string;
  expiresAt: Date;
  member: MemberRecord;
  /** The member's points now (`pointsNow`), not the cached account fields. */
  points: Pick<PointsSummaryView, 'balance' | 'pending'>;
  tiers: readonly TierDefinition[];
  now: Date;
}): MemberAtTillView {
  const { member, points, tiers, now } = args;
  const tier = standingOf(tiers, member.tierCode, member.growth).current;
  return {
    visitId: args.visitId,
    expiresAt: args.expiresAt.toISOString(),
    member: {
      maskedName: maskName(member.nickname),
      memberNoTail: memberNoTail(member.memberNo),
      tier: { code: tier.code, name: tier.name, color: tier.color },
      vip: isVip(member, now),
      benefits: tier.benefits.map((b) => ({ code: b.code, title: b.title, description: b.description })),
      balance: points.balance,
      pending: points.pending,
    },
  };
}
