import { TierConfig } from '../../tier/tier-config.schema';
import { defineDocument } from '../operator-document.schema';

export const tiersDocument = defineDocument({
  key: 'tiers',
  title: '会员等级',
  collection: 'app_config',
  id: { kind: 'single', id: 'tiers' },
  schema: TierConfig,
  summary: '会员等级由成长值决定：成长值只来自消费，按滚动窗口累计。达到门槛立即升级；每日复核降级，保级有缓冲。',
  fields: {
    tiers: '等级列表，按门槛从低到高排列，最多 10 个',
    'tiers[].code': '等级代码（小写字母、数字、下划线），其他文档用它指代等级，上线后不要改',
    'tiers[].name': '等级名称，会员看到的名字，最多 10 个字',
    'tiers[].threshold': '达到此等级所需的成长值（整数）；第一个等级必须是 0',
    'tiers[].pointsMultiplierPercent': '消费积分倍率，整数百分比：100 为 1 倍，150 为 1.5 倍（100-1000）',
    'tiers[].color': '会员卡颜色，#RRGGBB',
    'tiers[].benefits': '等级权益列表，显示在会员中心，最多 12 项',
    'tiers[].benefits[].code': '权益代码（小写字母、数字、下划线）',
    'tiers[].benefits[].title': '权益标题，最多 20 个字',
    'tiers[].benefits[].description': '权益说明，最多 80 个字',
    windowMonths: '成长值统计的月数（含本月，北京时间），默认 12',
    keepPercent: '保级缓冲：滚动成长值不低于门槛的这个百分比就保留等级，默认 90',
  },
  example: {
    _id: 'tiers',
    windowMonths: 12,
    keepPercent: 90,
    tiers: [
      { code: 'silver', name: '银卡会员', threshold: 0, pointsMultiplierPercent: 100, color: '#8A97A8', benefits: [{ code: 'points', title: '消费积分', description: '每消费 1 元得 1 积分' }] },
      { code: 'gold', name: '金卡会员', threshold: 1000, pointsMultiplierPercent: 120, color: '#C9A227', benefits: [{ code: 'new_product_trial', title: '新品试用', description: '新品上市前优先报名试用' }] },
      { code: 'black', name: '黑金会员', threshold: 5000, pointsMultiplierPercent: 150, color: '#2B2B2B', benefits: [{ code: 'co_creation', title: '共创邀请', description: '受邀参与新品共创与品鉴会' }] },
    ],
  },
  mistakes: [
    '第一个等级的门槛不是 0：新会员将没有等级。',
    '门槛没有严格递增（例如两个等级都是 1000）。',
    '倍率写成小数（1.2）：应写整数百分比 120。',
    '改了已有等级的 code：会员、券和商品里记录的旧代码将找不到等级；改名字请改 name。',
    '颜色少写了 #，或写成 3 位简写（#fff）。',
  ],
});
