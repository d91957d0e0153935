import { ALL_CONFIGS, tierConfig, vipCardConfig } from '../../_core/config/config-registry';
import { CONFIG_COLLECTION } from '../../_core/config/operator-config';
import { MEMBERS } from '../../_core/member/member.record';
import { ROLES, type RoleRecord } from '../../_core/staff/role.record';
import { tierForGrowth } from '../../_core/tier/tier.rules';
import { getOrNull } from '../../_core/shared/db-helpers';
import type { LocalCloud } from './local-cloud';
import { PERSONAS } from './demo-personas';

const SAMPLE_NAMES = ['阿青', '小鹿', '木木', '橙子', '大雄', '七七', '安然', '小北', '果果', '一一', '北辰', '星野'];

/**
 * A demo brand for a fresh data folder: the operator documents, staff roles, and members registered
 * through the real `member` function (so demo data obeys the same rules as real data).
 * Growth is set directly because earning it belongs to the points ledger (a later feature).
 */
export async function seedDemoBrand(cloud: LocalCloud): Promise<{ seeded: boolean; members: number }> {
  const { db } = cloud;
  if (await getOrNull(db.collection(CONFIG_COLLECTION).doc('tiers'))) return { seeded: false, members: 0 };

  for (const def of ALL_CONFIGS) {
    await db.collection(CONFIG_COLLECTION).doc(def.id).set({ data: { ...(def.fallback as object) } });
  }
  // The demo brand sells the paid card (a real brand turns it on once its merchant account is set up).
  await db.collection(CONFIG_COLLECTION).doc(vipCardConfig.id).update({ data: { enabled: true } });
  const roleOf = { clerk: 'clerk', operator: 'operator' } as const;
  for (const p of PERSONAS) {
    if (p.role !== 'clerk' && p.role !== 'operator') continue;
    const role: Omit<RoleRecord, '_id'> = {
      role: roleOf[p.role],
      storeId: p.role === 'clerk' ? 'S001' : null,
      name: p.name,
      active: true,
    };
    await db.collection(ROLES).doc(p.openid).set({ data: role });
  }

  const policy = (await cloud.call<{ version: string }>('member', { action: 'privacyPolicy', input: {} }, 'seed'));
  if (!policy.ok) throw new Error(`seed: privacy policy unavailable: ${policy.error.message}`);
  const consent = { policyVersion: policy.data.version, accepted: true };

  const members: { openid: string; nickname: string; growth: number; birthday?: { month: number; day: number } }[] = [
    { openid: 'dev-member-lin', nickname: '林小满', growth: 1800, birthday: { month: 11, day: 28 } },
    ...SAMPLE_NAMES.map((nickname, i) => ({
      openid: `demo-sample-${String(i + 1).padStart(2, '0')}`,
      nickname,
      // A long tail: most members are new, a few are the brand's super users.
      growth: [0, 30, 120, 260, 480, 800, 1100, 1500, 2600, 4200, 5600, 9800][i],
      birthday: { month: (i % 12) + 1, day: ((i * 7) % 28) + 1 },
    })),
  ];
  for (const [i, m] of members.entries()) {
    const res = await cloud.call(
      'member',
      { action: 'register', input: { consent, nickname: m.nickname, avatarUrl: `preset:${(i % 8) + 1}`, birthday: m.birthday } },
      m.openid,
    );
    if (!res.ok) throw new Error(`seed: register ${m.openid}: ${res.error.code} ${res.error.message}`);
  }
  const { tiers } = tierConfig.fallback;
  for (const m of members) {
    await db.collection(MEMBERS).doc(m.openid).update({ data: { growth: m.growth, tierCode: tierForGrowth(tiers, m.growth).code } });
  }
  return { seeded: true, members: members.length };
}
