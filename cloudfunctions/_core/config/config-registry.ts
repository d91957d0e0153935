import { StoresConfig } from '../stores/stores-config.schema';
import { messageTemplatesConfig } from '../messaging/message-templates.config';
import { PrivacyPolicyConfig } from '../member/member.schema';
import { TierConfig } from '../tier/tier-config.schema';
import type { z } from 'zod';
import { defineConfig, type ConfigDefinition } from './operator-config';
import { EarnRulesConfig } from '../points/earn-rules.schema';
import { DEFAULT_EARN_RULES, DEFAULT_PRIVACY_POLICY, DEFAULT_TIERS } from './defaults';
import { VipCardConfig } from '../vip/vip-config.schema';
import { DEFAULT_STORES, DEFAULT_VIP_CARD } from './defaults';
import { DEFAULT_BIRTHDAY, DEFAULT_DISTRIBUTION, DEFAULT_GIFT_PACK } from './defaults';
import { DistributionConfig, GiftPackConfig } from '../distribution/distribution-config.schema';
import { BirthdayConfig } from '../birthday/birthday-config.schema';
import type { OperatorDocumentSpec } from './operator-document.schema';
import { couponTemplatesDocument } from './documents/coupon-templates.document';
import { earnRulesDocument } from './documents/earn-rules.document';
import { mallItemsDocument } from './documents/mall-items.document';
import { messageTemplatesDocument } from './documents/message-templates.document';
import { privacyDocument } from './documents/privacy.document';
import { rolesDocument } from './documents/roles.document';
import { storesDocument } from './documents/stores.document';
import { tiersDocument } from './documents/tiers.document';
import { vipCardDocument } from './documents/vip-card.document';
import { scoringDocument } from './documents/scoring.document';
import { badgesDocument, campaignsDocument, topicsDocument } from './documents/community-catalogue.document';
import { communityDocument } from './documents/community.document';
import { birthdayDocument } from './documents/birthday.document';
import { distributionDocument } from './documents/distribution.document';
import { giftPackDocument } from './documents/gift-pack.document';
import { flashSalesDocument } from './documents/flash-sales.document';
import { groupDealsDocument } from './documents/group-deals.document';
import { layerMessagesDocument } from './documents/layer-messages.document';
import { DEFAULT_SCORING, ScoringConfig } from '../scoring/scoring-config.schema';
import { CommunityConfig } from '../community/community-config.schema';
import { CocreateConfig } from '../cocreate/cocreate-config.schema';
import { cocreateDocument } from './documents/cocreate.document';

export const tierConfig = defineConfig({ id: 'tiers', title: '会员等级', schema: TierConfig, fallback: DEFAULT_TIERS });

export const privacyConfig = defineConfig({
  id: 'privacy',
  title: '隐私政策',
  schema: PrivacyPolicyConfig,
  fallback: DEFAULT_PRIVACY_POLICY,
});

export const earnRulesConfig = defineConfig({
  id: 'earn_rules',
  title: '积分规则',
  schema: EarnRulesConfig,
  fallback: DEFAULT_EARN_RULES,
});

export const storesConfig = defineConfig({
  id: 'stores',
  title: '门店',
  schema: StoresConfig,
  fallback: DEFAULT_STORES,
});

export const vipCardConfig = defineConfig({
  id: 'vip_card',
  title: '付费会员卡',
  schema: VipCardConfig,
  fallback: DEFAULT_VIP_CARD,
});

export const distributionConfig = defineConfig({
  id: 'distribution',
  title: '分销推广',
  schema: DistributionConfig,
  fallback: DEFAULT_DISTRIBUTION,
});

export const giftPackConfig = defineConfig({
  id: 'gift_pack',
  title: '推广礼包',
  schema: GiftPackConfig,
  fallback: DEFAULT_GIFT_PACK,
});

export const birthdayConfig = defineConfig({
  id: 'birthday',
  title: '生日礼遇',
  schema: BirthdayConfig,
  fallback: DEFAULT_BIRTHDAY,
});

export const scoringConfig = defineConfig({
  id: 'scoring',
  title: '超级用户评分',
  schema: ScoringConfig,
  fallback: DEFAULT_SCORING,
});

/** Moderation thresholds and rate limits of the community (defaults in the schema). */
export const communityConfig = defineConfig({
  id: 'community',
  title: '社区规则',
  schema: CommunityConfig,
  fallback: CommunityConfig.parse({}),
});

/** Co-creation: vote budgets per tier and layer, the quorum, majority and window of rule proposals. */
export const cocreateConfig = defineConfig({
  id: 'cocreate',
  title: '共创规则',
  schema: CocreateConfig,
  fallback: CocreateConfig.parse({}),
});

/** Every `app_config` document with its built-in default: what the product reads at run time. */
export const ALL_CONFIGS: readonly ConfigDefinition<z.ZodType>[] = [
  tierConfig,
  earnRulesConfig,
  privacyConfig,
  vipCardConfig,
  messageTemplatesConfig,
  storesConfig,
  scoringConfig,
  communityConfig,
  distributionConfig,
  giftPackConfig,
  birthdayConfig,
  cocreateConfig,
];

/**
 * The registry of every operator document: schema, collection and id, field meanings in Chinese, a valid
 * example and common mistakes (see `OperatorDocumentSpec`). `config:check`, `admin.configReport`, the JSON
 * Schemas in docs/operator-schemas/ and docs/operators.md all come from this list. Each `app_config` entry
 * matches one definition in ALL_CONFIGS (same id, title and schema; checked by a test).
 */
export const OPERATOR_DOCUMENTS: readonly OperatorDocumentSpec[] = [
  tiersDocument,
  earnRulesDocument,
  storesDocument,
  privacyDocument,
  vipCardDocument,
  messageTemplatesDocument,
  couponTemplatesDocument,
  mallItemsDocument,
  groupDealsDocument,
  flashSalesDocument,
  layerMessagesDocument,
  rolesDocument,
  scoringDocument,
  communityDocument,
  distributionDocument,
  giftPackDocument,
  birthdayDocument,
  topicsDocument,
  badgesDocument,
  campaignsDocument,
  cocreateDocument,
];
