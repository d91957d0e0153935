import { VipCardConfig } from '../../vip/vip-config.schema';
import { defineDocument } from '../operator-document.schema';

export const vipCardDocument = defineDocument({
  key: 'vip_card',
  title: '付费会员卡',
  collection: 'app_config',
  id: { kind: 'single', id: 'vip_card' },
  schema: VipCardConfig,
  summary: '会员用微信支付购买的付费会员卡（需要商户号）。金额单位为分，时长单位为天。',
  fields: {
    enabled: '是否开售（需先开通微信支付商户号）',
    title: '会员卡名称，最多 20 个字',
    priceFen: '价格，单位分：19900 即 ¥199.00',
    days: '每次购买增加的天数（续费从当前到期日往后加）',
    benefits: '权益列表，最多 12 项',
    'benefits[].code': '权益代码（小写字母、数字、下划线），不能重复',
    'benefits[].title': '权益标题，最多 20 个字',
    'benefits[].description': '权益说明，最多 80 个字',
    pointsBonusPercent: '有效期内消费积分的百分比：110 即多得 10%（100 为不加赠）',
  },
  example: {
    _id: 'vip_card',
    enabled: true,
    title: '超级会员卡',
    priceFen: 19900,
    days: 365,
    pointsBonusPercent: 110,
    benefits: [{ code: 'points_bonus', title: '积分加赠 10%', description: '有效期内门店消费积分额外加赠 10%' }],
  },
  mistakes: ['价格按元填写（199）：会员只需支付 ¥1.99。价格单位是分。', '没有商户号就开启 enabled：会员会在支付时失败。'],
});
