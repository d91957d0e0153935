import { tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { maskName } from '../member/member.rules';
import { loadPointsNow } from '../points/points-ledger.service';
import type { StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { AppError } from '../shared/errors';
import { memberNoTail } from '../staff/member-at-till.rules';
import { standingOf } from '../tier/tier.rules';
import type { MemberLookupInput, MemberLookupView } from './admin.schema';

/** An operator reads one member's data: every read is audited (`operator.readMember`, who, when, whom). */
export async function memberLookup(ctx: StaffContext, input: MemberLookupInput): Promise<MemberLookupView> {
  const { data } = await ctx.db.collection<MemberRecord>(MEMBERS).where({ memberNo: input.memberNo }).limit(1).get();
  const member = data[0];
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '没有这个会员号');
  const now = ctx.clock.now();
  await appendAudit(ctx.db, ctx.staff, { action: 'operator.readMember', target: member._id, detail: { fields: ['nickname', 'tier', 'points', 'joinedAt'] } }, now);
  const [{ tiers }, points] = await Promise.all([loadConfig(ctx, tierConfig), loadPointsNow(ctx.db, member._id, now)]);
  return {
    maskedName: maskName(member.nickname),
    memberNoTail: memberNoTail(member.memberNo),
    tierName: standingOf(tiers, member.tierCode, member.growth).current.name,
    balance: points.balance,
    joinedAt: new Date(member.createdAt).toISOString(),
  };
}
