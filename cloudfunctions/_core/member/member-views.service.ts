import { privacyConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import type { UseCaseContext } from '../shared/use-case-context';
import { POINT_ACCOUNTS, type PointAccountRecord } from '../points/points.record';
import { toMemberCardView, toMemberCenterView } from './member.rules';
import type { MemberCardView, MemberCenterView, PrivacyPolicyView } from './member.schema';

export async function getMemberCenter(ctx: MemberContext): Promise<MemberCenterView> {
  const [{ tiers }, account] = await Promise.all([
    loadConfig(ctx.db, ctx.log, tierConfig),
    getOrNull<PointAccountRecord>(ctx.db.collection<PointAccountRecord>(POINT_ACCOUNTS).doc(ctx.member._id)),
  ]);
  return toMemberCenterView(ctx.member, account, tiers);
}

export async function getMemberCard(ctx: MemberContext): Promise<MemberCardView> {
  const { tiers } = await loadConfig(ctx.db, ctx.log, tierConfig);
  return toMemberCardView(ctx.member, tiers);
}

export async function getPrivacyPolicy(ctx: UseCaseContext): Promise<PrivacyPolicyView> {
  return loadConfig(ctx.db, ctx.log, privacyConfig);
}
