import { GiftPackConfig } from '../../distribution/distribution-config.schema';
import { defineDocument } from '../operator-document.schema';

export const giftPackDocument = defineDocument({
  key: 'gift_pack',
  title: '推广礼包',
  collection: 'app_config',
  id: { kind: 'single', id: 'gift_pack' },
  schema: GiftPackConfig,
  summary: '会员付费购买的礼包；分销文档开启礼包途径时，买了礼包的会员成为推广员。和付费会员一样走微信支付。',
  fields: {
    enabled: '是否在售；同时需要分销文档的 eligibility.giftPack.enabled',
    title: '礼包名称，最多 20 个字',
    priceFen: '价格（分）',
    description: '礼包说明，最多 120 个字',
    benefits: '礼包包含的内容，最多 12 项',
    'benefits[].code': '内容代码（小写字母、数字、下划线）',
    'benefits[].title': '标题，最多 20 个字',
    'benefits[].description': '说明，最多 80 个字',
  },
  example: {
    _id: 'gift_pack',
    enabled: true,
    title: '推广礼包',
    priceFen: 29900,
    description: '品牌新品礼盒一份，并获得推广员资格',
    benefits: [
      { code: 'gift_box', title: '新品礼盒', description: '到店领取当季新品礼盒一份' },
      { code: 'distributor', title: '推广员资格', description: '分享给朋友，好友消费可得佣金' },
    ],
  },
  mistakes: ['价格写成元（299）：应写分 29900。', '开启了礼包，却没有开启分销文档的礼包途径：买了礼包也不会成为推广员。'],
});
