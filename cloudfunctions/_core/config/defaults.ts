import type { BirthdayConfig } from '../birthday/birthday-config.schema';
import type { DistributionConfig, GiftPackConfig } from '../distribution/distribution-config.schema';
import type { StoresConfig } from '../stores/stores-config.schema';
import type { EarnRulesConfig } from '../points/earn-rules.schema';
import type { TierConfig } from '../tier/tier-config.schema';
import type { VipCardConfig } from '../vip/vip-config.schema';

/** The three tiers a new brand starts with; operators edit `app_config/tiers` to change them. */
export const DEFAULT_TIERS: TierConfig = {
  windowMonths: 12,
  keepPercent: 90,
  tiers: [
    {
      code: 'silver',
      name: '银卡会员',
      threshold: 0,
      pointsMultiplierPercent: 100,
      color: '#8A97A8',
      benefits: [
        { code: 'points', title: '消费积分', description: '每消费 1 元得 1 积分' },
        { code: 'birthday_gift', title: '生日礼', description: '生日当月领取一份小礼物' },
      ],
    },
    {
      code: 'gold',
      name: '金卡会员',
      threshold: 1000,
      pointsMultiplierPercent: 120,
      color: '#C9A227',
      benefits: [
        { code: 'points', title: '1.2 倍积分', description: '消费积分加成 20%' },
        { code: 'birthday_gift', title: '生日礼升级', description: '生日当月领取升级版礼物' },
        { code: 'new_product_trial', title: '新品试用', description: '新品上市前优先报名试用' },
      ],
    },
    {
      code: 'black',
      name: '黑金会员',
      threshold: 5000,
      pointsMultiplierPercent: 150,
      color: '#2B2B2B',
      benefits: [
        { code: 'points', title: '1.5 倍积分', description: '消费积分加成 50%' },
        { code: 'birthday_gift', title: '专属生日礼', description: '生日当月由门店为你准备' },
        { code: 'co_creation', title: '共创邀请', description: '受邀参与新品共创与品鉴会' },
        { code: 'dedicated_service', title: '专属客服', description: '一对一专属顾问' },
      ],
    },
  ],
};

export const DEFAULT_PRIVACY_POLICY = {
  version: '2026-11-01',
  title: '会员隐私政策',
  summary:
    '我们仅在你同意后保存你的昵称、头像、生日（仅月日）和手机号（可选），用于提供会员服务、积分与生日礼遇。你可以随时联系门店查询或删除你的信息。',
  body: [
    '一、我们收集的信息：昵称、头像、生日（仅月和日）、手机号（可选），以及你在门店和小程序中的消费与积分记录。',
    '二、使用目的：识别会员身份、计算积分与等级、发放生日等会员权益。我们不会向第三方出售你的信息。',
    '三、消息提醒：只有在你订阅后才会向你发送服务通知，并严格控制频率。',
    '四、你的权利：你可以查看、更正你的信息，或联系门店注销会员并删除个人信息。',
    '五、政策更新：政策更新后，我们会请你重新阅读并同意。',
  ].join('\n'),
};

/** How members earn points, until an operator writes `app_config/earn_rules`. */
export const DEFAULT_EARN_RULES: EarnRulesConfig = {
  purchase: { pointsPerYuan: 1, growthPerYuan: 1, pendingDays: 7 },
  checkin: { streakRewards: [5, 5, 10, 10, 15, 15, 30] },
  memberDay: { enabled: true, dayOfMonth: 8, multiplierPercent: 200, appliesTo: ['purchase', 'checkin'] },
  post: { points: 5, dailyCap: 3 },
  share: { points: 2, dailyCap: 5 },
  expiry: { mode: 'endOfNextYear' },
  expiryNoticeDays: 30,
};

/**
 * The paid VIP card (`app_config/vip_card`). Off by default: selling it needs a WeChat Pay merchant account
 * and the operator's own price and benefits.
 */
export const DEFAULT_VIP_CARD: VipCardConfig = {
  enabled: false,
  title: '超级会员卡',
  priceFen: 19900,
  days: 365,
  pointsBonusPercent: 110,
  benefits: [
    { code: 'points_bonus', title: '积分加赠 10%', description: '有效期内门店消费积分额外加赠 10%' },
    { code: 'new_product_first', title: '新品优先', description: '新品上市前优先试用与购买' },
    { code: 'vip_events', title: '会员专场', description: '受邀参加品牌会员专场活动' },
  ],
};

/** A brand starts with one store until an operator writes `app_config/stores`. */
export const DEFAULT_STORES: StoresConfig = { stores: [{ id: 'S001', name: '旗舰店', address: '', pickup: true }] };

/**
 * The distribution programme (`app_config/distribution`). Off by default: paying commission needs a merchant
 * account for payouts and the operator's own rates; the demo turns it on.
 */
export const DEFAULT_DISTRIBUTION: DistributionConfig = {
  enabled: false,
  eligibility: {
    koc: { enabled: true, memberNos: [] },
    task: { enabled: true, windowDays: 30, checkinDays: 7, spendFen: 100_000 },
    giftPack: { enabled: true },
  },
  binding: { mode: 'permanent' },
  grades: [
    { code: 'starter', name: '推广员', minActiveFans: 0, rates: { default: { directBp: 500, indirectBp: 200 } } },
    { code: 'leader', name: '推广达人', minActiveFans: 10, rates: { default: { directBp: 800, indirectBp: 300 }, gift_pack: { directBp: 1000, indirectBp: 300 } } },
    { code: 'star', name: '推广之星', minActiveFans: 50, rates: { default: { directBp: 1000, indirectBp: 400 }, gift_pack: { directBp: 1200, indirectBp: 400 } } },
  ],
  activeFanMonths: 3,
  settleAfterDays: 7,
  withdrawal: { minFen: 100, dailyCapFen: 500_000, dailyCount: 3, approvalAboveFen: 50_000 },
  antiFraud: { maxBindingsPerDay: 50, refundsToFlag: 3, monthlyCapFen: 2_000_000, flagSelfPaid: true },
};

/** The member gift pack (`app_config/gift_pack`): off until the operator sells one. */
export const DEFAULT_GIFT_PACK: GiftPackConfig = {
  enabled: false,
  title: '推广礼包',
  priceFen: 29_900,
  description: '品牌新品礼盒一份，并获得推广员资格',
  benefits: [
    { code: 'gift_box', title: '新品礼盒', description: '到店领取当季新品礼盒一份' },
    { code: 'distributor', title: '推广员资格', description: '分享给朋友，好友消费可得佣金' },
  ],
};

/** Birthday benefits (`app_config/birthday`): the birthday month, a coupon and points by tier. */
export const DEFAULT_BIRTHDAY: BirthdayConfig = {
  enabled: true,
  window: 'month',
  greeting: { title: '生日快乐', text: '感谢一路同行，愿你新的一岁闪闪发光。生日礼已放入你的账户。' },
  tiers: [
    { tierCode: 'silver', couponTemplateIds: [], bonusPoints: 50, pointsMultiplierPercent: 150 },
    { tierCode: 'gold', couponTemplateIds: [], bonusPoints: 100, pointsMultiplierPercent: 200 },
    { tierCode: 'black', couponTemplateIds: [], bonusPoints: 200, pointsMultiplierPercent: 200 },
  ],
};
