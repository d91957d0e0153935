import type { BirthdayConfig } from '../birthday/birthday-config.schema';
import type { BadgeConfig, CampaignConfig, TopicConfig } from '../community/community-config.schema';
import type { CouponTemplateConfig } from '../coupons/coupon.schema';
import type { FlashSaleConfig, GroupDealConfig } from '../groupbuy/deal-config.schema';
import type { LayerMessageConfig } from '../messaging/layer-message.schema';
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
  ...set.many<CampaignConfig>('community_campaigns').flatMap(({ id, value }) =>
    tierReferences(set, { address: documentAddress('community_campaigns', id), path: ['audience', 'tiers'] }, value.audience.tiers ?? []),
  ),
  ...set.many<LayerMessageConfig>('layer_messages').flatMap(({ id, value }) =>
    tierReferences(set, { address: documentAddress('layer_messages', id), path: ['audience', 'tiers'] }, value.audience.tiers ?? []),
  ),
];

/** A layer message's template must be one members can subscribe to (`message_templates.operatorNotices`). */
const layerMessageTemplates: CrossCheck = (set) => {
  // `app_config/message_templates` (its schema lives with a config reader, which rules may not import).
  const templates = set.single<{ operatorNotices: string[] }>('message_templates');
  const notices = new Set(templates?.operatorNotices ?? []);
  return set.many<LayerMessageConfig>('layer_messages').flatMap(({ id, value }) =>
    notices.has(value.templateId)
      ? []
      : [
          {
            address: documentAddress('layer_messages', id),
            path: ['templateId'],
            message: `模板 ${value.templateId} 不在 app_config/message_templates 的 operatorNotices 里：会员无法订阅，消息都会因未订阅而跳过`,
          },
        ],
  );
};

const storesNamed: CrossCheck = (set) => [
  ...set.many<RoleConfig>('roles').flatMap(({ id, value }) => storeReference(set, { address: documentAddress('roles', id), path: ['storeId'] }, value.storeId)),
  ...set.many<CouponTemplateConfig>('coupon_templates').flatMap(({ id, value }) =>
    value.stores.flatMap((s, i) => storeReference(set, { address: documentAddress('coupon_templates', id), path: ['stores', i] }, s)),
  ),
  ...set.many<MallItemConfig>('mall_items').flatMap(({ id, value }) =>
    value.stores.flatMap((s, i) => storeReference(set, { address: documentAddress('mall_items', id), path: ['stores', i] }, s, true)),
  ),
];

/** Whole days from `from` to `to`, both included (YYYY-MM-DD; calendar days, no time zone involved). */
const daysSpanned = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * A campaign names its topic (posts with it check in) and the badge it awards: both must exist and be usable,
 * and the days asked must fit in the campaign's window.
 */
const campaignReferences: CrossCheck = (set) =>
  set.many<CampaignConfig>('community_campaigns').flatMap(({ id, value }) => {
    const address = documentAddress('community_campaigns', id);
    const out: Problem[] = [];
    const topic = set.lookup('community_topics', value.topic);
    if (topic === 'missing') out.push({ address, path: ['topic'], message: `话题 ${value.topic} 不存在：会员发帖选不到它，打卡不会计入` });
    else if (topic === 'broken') out.push({ address, path: ['topic'], message: `话题 ${value.topic} 有错误，暂时不可用（见该话题的检查结果）` });
    else {
      const status = set.many<TopicConfig>('community_topics').find((t) => t.id === value.topic)!.value.status;
      if (status !== 'active') out.push({ address, path: ['topic'], message: `话题 ${value.topic} 未开放（status 为 ${status}）：会员发帖选不到它，打卡不会计入` });
    }
    if (value.badge !== null) {
      const badge = set.lookup('community_badges', value.badge);
      if (badge === 'missing') out.push({ address, path: ['badge'], message: `徽章 ${value.badge} 不存在：完成活动时不会颁发` });
      else if (badge === 'broken') out.push({ address, path: ['badge'], message: `徽章 ${value.badge} 有错误，完成活动时不会颁发（见该徽章的检查结果）` });
      else {
        const b = set.many<BadgeConfig>('community_badges').find((x) => x.id === value.badge)!.value;
        if (!b.active) out.push({ address, path: ['badge'], message: `徽章 ${value.badge} 已停用：完成活动时不会颁发` });
        else if (b.rule.kind !== 'campaign_finished') {
          out.push({ address, path: ['badge'], message: `徽章 ${value.badge} 的获得方式是 ${b.rule.kind}，会员不完成活动也会得到它；活动徽章请用 campaign_finished` });
        }
      }
    }
    const span = daysSpanned(value.from, value.to);
    if (value.days > span) out.push({ address, path: ['days'], message: `打卡天数 ${value.days} 多于活动期间的 ${span} 天，没有人能完成` });
    return out;
  });

/** Every check across documents; features add theirs here. */
export const CROSS_CHECKS: readonly CrossCheck[] = [mallItemCoupons, dealLeaderCoupons, birthdayBenefits, audienceTiers, storesNamed, campaignReferences, layerMessageTemplates];
