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

/** Every operator document, for the config report and the demo seed. */
export const ALL_CONFIGS: readonly ConfigDefinition<z.ZodType>[] = [
  tierConfig,
  earnRulesConfig,
  privacyConfig,
  vipCardConfig,
  messageTemplatesConfig,
  storesConfig,
  distributionConfig,
  giftPackConfig,
  birthdayConfig,
];
