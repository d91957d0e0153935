import type { BirthdayConfig } from '../birthday/birthday-config.schema';
import type { CouponTemplateConfig } from '../coupons/coupon.schema';
import type { FlashSaleConfig, GroupDealConfig } from '../groupbuy/deal-config.schema';
import type { MallItemConfig } from '../mall/mall-item.schema';
import type { RoleConfig } from '../staff/role.schema';
import type { StoresConfig } from '../stores/stores-config.schema';
import type { TierConfig } from '../tier/tier-config.schema';
import type { CrossCheck, DocumentSet, Problem } from './config-check.rules';
import { documentAddress } from './operator-document.schema';

/**
 * A document that names a coupon template to issue from a channel (a mall item, a group-buy deal, the
 * birthday benefits): the template must exist, be valid and be open for that channel, or issuing fails.
 */
export function couponReference(
  set: DocumentSet,
  at: Omit<Problem, 'message'>,
  templateId: string,
  channel: CouponTemplateConfig['channels'][number],
): Problem[] {
  const state = set.lookup('coupon_templates', templateId);
  if (state === 'missing') return [{ ...at, message: `券模板 ${templateId} 不存在` }];
  if (state === 'broken') return [{ ...at, message: `券模板 ${templateId} 有错误，暂时无法发放（见该券模板的检查结果）` }];
  const template = set.many<CouponTemplateConfig>('coupon_templates').find((t) => t.id === templateId)!.value;
  return template.channels.includes(channel) ? [] : [{ ...at, message: `券模板 ${templateId} 的发放渠道（channels）没有 ${channel}，无法从这里发放` }];
}

/** Tier codes named in an audience must be tiers of `app_config/tiers`. */
export function tierReferences(set: DocumentSet, at: Omit<Problem, 'message'>, codes: readonly string[]): Problem[] {
  const tiers = set.single<TierConfig>('tiers');
  if (!tiers) return [];
  const known = new Set(tiers.tiers.map((t) => t.code));
  return codes.flatMap((code, i) =>
    known.has(code) ? [] : [{ ...at, path: [...at.path, i], message: `等级代码 ${code} 不存在（现有：${[...known].join('、')}）` }],
  );
}

/** A store id must be a store of `app_config/stores` (and, where members pick up, a pickup store). */
export function storeReference(set: DocumentSet, at: Omit<Problem, 'message'>, id: string | null, needPickup = false): Problem[] {
  const stores = set.single<StoresConfig>('stores');
  if (!stores || id === null) return [];
  const store = stores.stores.find((s) => s.id === id);
  if (!store) return [{ ...at, message: `门店编号 ${id} 不存在（见门店文档 app_config/stores）` }];
  if (needPickup && !store.pickup) return [{ ...at, message: `门店 ${store.name}（${id}）不可自提` }];
  return [];
}

const mallItemCoupons: CrossCheck = (set) =>
  set.many<MallItemConfig>('mall_items').flatMap(({ id, value }) =>
    value.kind === 'coupon' && value.couponTemplateId
      ? couponReference(set, { address: documentAddress('mall_items', id), path: ['couponTemplateId'] }, value.couponTemplateId, 'points_exchange')
      : [],
  );

const dealLeaderCoupons: CrossCheck = (set) =>
  set.many<GroupDealConfig>('group_deals').flatMap(({ id, value }) =>
    value.leaderReward?.kind === 'coupon'
      ? couponReference(set, { address: documentAddress('group_deals', id), path: ['leaderReward', 'couponTemplateId'] }, value.leaderReward.couponTemplateId, 'group_buy')
      : [],
  );

const birthdayBenefits: CrossCheck = (set) => {
  const birthday = set.single<BirthdayConfig>('birthday');
  if (!birthday) return [];
  const at = documentAddress('app_config', 'birthday');
  return birthday.tiers.flatMap((t, i) => [
    ...tierReferences(set, { address: at, path: ['tiers', i, 'tierCode'] }, [t.tierCode]).map((p) => ({ ...p, path: ['tiers', i, 'tierCode'] })),
    ...t.couponTemplateIds.flatMap((id, k) => couponReference(set, { address: at, path: ['tiers', i, 'couponTemplateIds', k] }, id, 'birthday')),
  ]);
};

const audienceTiers: CrossCheck = (set) => [
  ...set.many<CouponTemplateConfig>('coupon_templates').flatMap(({ id, value }) =>
    tierReferences(set, { address: documentAddress('coupon_templates', id), path: ['audience', 'tiers'] }, value.audience.tiers ?? []),
  ),
  ...set.many<MallItemConfig>('mall_items').flatMap(({ id, value }) => tierReferences(set, { address: documentAddress('mall_items', id), path: ['tiers'] }, value.tiers)),
  ...set.many<GroupDealConfig>('group_deals').flatMap(({ id, value }) => tierReferences(set, { address: documentAddress('group_deals', id), path: ['tiers'] }, value.tiers)),
  ...set.many<FlashSaleConfig>('flash_sales').flatMap(({ id, value }) => tierReferences(set, { address: documentAddress('flash_sales', id), path: ['tiers'] }, value.tiers)),
];

const storesNamed: CrossCheck = (set) => [
  ...set.many<RoleConfig>('roles').flatMap(({ id, value }) => storeReference(set, { address: documentAddress('roles', id), path: ['storeId'] }, value.storeId)),
  ...set.many<CouponTemplateConfig>('coupon_templates').flatMap(({ id, value }) =>
    value.stores.flatMap((s, i) => storeReference(set, { address: documentAddress('coupon_templates', id), path: ['stores', i] }, s)),
  ),
  ...set.many<MallItemConfig>('mall_items').flatMap(({ id, value }) =>
    value.stores.flatMap((s, i) => storeReference(set, { address: documentAddress('mall_items', id), path: ['stores', i] }, s, true)),
  ),
];

/** Every check across documents; features add theirs here. */
export const CROSS_CHECKS: readonly CrossCheck[] = [mallItemCoupons, dealLeaderCoupons, birthdayBenefits, audienceTiers, storesNamed];
