import { BirthdayConfig } from '../../birthday/birthday-config.schema';
import { DEFAULT_BIRTHDAY } from '../defaults';
import { defineDocument } from '../operator-document.schema';

export const birthdayDocument = defineDocument({
  key: 'birthday',
  title: '生日礼遇',
  collection: 'app_config',
  id: { kind: 'single', id: 'birthday' },
  schema: BirthdayConfig,
  summary: '会员生日的礼遇：每年一次，在生日当天、当周或当月开放；按等级发券、送积分，窗口内消费积分加倍，并发送生日祝福。2 月 29 日出生的会员在平年的 2 月 28 日过生日。',
  fields: {
    enabled: '是否开启生日礼遇',
    window: '礼遇窗口：day 生日当天、week 生日所在的一周、month 生日所在的月份',
    greeting: '生日祝福（会员页面和订阅消息）',
    'greeting.title': '祝福标题',
    'greeting.text': '祝福正文',
    tiers: '各等级的礼遇；没有列出的等级只收到祝福',
    'tiers[].tierCode': '等级代码（见 app_config/tiers）',
    'tiers[].couponTemplateIds': '发放的券模板编号（最多 3 张），券的 channels 须包含 birthday',
    'tiers[].bonusPoints': '赠送的积分（整数），0 为不送',
    'tiers[].pointsMultiplierPercent': '窗口内消费积分倍率，整数百分比：100 为不加倍，200 为双倍',
  },
  example: { _id: 'birthday', ...DEFAULT_BIRTHDAY },
  mistakes: [
    '券模板的 channels 没有 birthday：生日券发不出去。',
    'tierCode 写了等级名称或不存在的等级。',
    '倍率写成 2：应写整数百分比 200。',
  ],
});
