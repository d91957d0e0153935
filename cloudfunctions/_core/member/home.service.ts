import { storesConfig, tierConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { CHECKIN_STREAKS, type StreakRecord } from '../points/check-in.service';
import { loadPointsNow } from '../points/points-ledger.service';
import { addDays, businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { UseCaseContext } from '../shared/use-case-context';
import { ROLES, type RoleRecord } from '../staff/role.record';
import { storeNameOf } from '../stores/stores-config.schema';
import { standingOf } from '../tier/tier.rules';
import { vipStatus } from '../vip/vip.rules';
import type { HomeView } from './home.schema';
import { MEMBERS, type MemberRecord } from './member.record';

/** The home page's view of the caller (any WeChat user); reads at most five documents. */
export async function getHome(ctx: UseCaseContext): Promise<HomeView> {
  const openid = ctx.caller.openid;
  const [member, role] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)),
    getOrNull<RoleRecord>(ctx.db.collection<RoleRecord>(ROLES).doc(openid)),
  ]);
  const now = ctx.clock.now();
  const today = businessDay(now);
  let memberView: HomeView['member'] = null;
  if (member) {
    const [{ tiers }, points, streak] = await Promise.all([
      loadConfig(ctx, tierConfig),
      loadPointsNow(ctx.db, openid, now),
      getOrNull<StreakRecord>(ctx.db.collection<StreakRecord>(CHECKIN_STREAKS).doc(openid)),
    ]);
    const tier = standingOf(tiers, member.tierCode, member.growth).current;
    const alive = streak && (streak.lastDay === today || streak.lastDay === addDays(today, -1));
    memberView = {
      nickname: member.nickname,
      avatarUrl: member.avatarUrl,
      tier: { code: tier.code, name: tier.name, color: tier.color },
      vip: vipStatus(member, now),
      balance: points.balance,
      pending: points.pending,
      checkedInToday: streak?.lastDay === today,
      streak: alive ? streak.streak : 0,
    };
  }
  let roleView: HomeView['role'] = null;
  if (role?.active) {
    const stores = role.storeId === null ? null : await loadConfig(ctx, storesConfig);
    roleView = { role: role.role, name: role.name, storeName: stores ? storeNameOf(stores, role.storeId) : null };
  }
  return { member: memberView, role: roleView };
}
