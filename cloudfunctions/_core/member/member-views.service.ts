import { privacyConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import type { MemberContext } from '../shared/access';
import type { UseCaseContext } from '../shared/use-case-context';
import { loadPointsNow } from '../points/points-ledger.service';
import { toMemberCardView, toMemberCenterView } from './member.rules';
import type { MemberCardView, MemberCenterView, PrivacyPolicyView } from './member.schema';

export async function getMemberCenter(ctx: MemberContext): Promise<MemberCenterView> {
  const [{ tiers }, points] = await Promise.all([
    loadConfig(ctx, tierConfig),
    loadPointsNow(ctx.db, ctx.member._id, ctx.clock.now()),
  ]);
  return toMemberCenterView(ctx.member, points, tiers, ctx.clock.now());
}

export async function getMemberCard(ctx: MemberContext): Promise<MemberCardView> {
  const { tiers } = await loadConfig(ctx, tierConfig);
  return toMemberCardView(ctx.member, tiers, ctx.clock.now());
}

export async function getPrivacyPolicy(ctx: UseCaseContext): Promise<PrivacyPolicyView> {
  return loadConfig(ctx, privacyConfig);
}
