import { MessageTemplatesConfig } from '../../messaging/message-templates.config';
import { defineDocument } from '../operator-document.schema';

export const messageTemplatesDocument = defineDocument({
  key: 'message_templates',
  title: '订阅消息模板',
  collection: 'app_config',
  id: { kind: 'single', id: 'message_templates' },
  schema: MessageTemplatesConfig,
  summary: '小程序发送的订阅消息模板编号（公众平台 → 订阅消息）。填 null 表示未开通，这类消息不会发送。',
  fields: {
    couponExpiry: '优惠券到期提醒的模板编号；模板关键词应为 thing1（券名称）、date2（到期日期）、thing3（温馨提示）',
    birthdayGreeting: '生日祝福的模板编号；模板关键词应为 thing1（祝福标题）、thing2（生日礼内容）、date3（礼遇截止日期）；null 为不发送',
    operatorNotices: '运营消息（发给会员分层的消息，见 layer_messages）可用的模板编号，最多 10 个；会员在小程序里订阅这些模板后才会收到；不用则写 []',
  },
  example: { _id: 'message_templates', couponExpiry: 'AbCdEf-1234567890_xyz', birthdayGreeting: null, operatorNotices: ['Notice-AbCdEf_0123456789'] },
  mistakes: ['填了模板标题而不是模板编号。', '模板关键词与要求不一致：消息会被微信拒绝。', '运营消息用的模板没有写进 operatorNotices：会员无法订阅它，消息全部因未订阅而跳过。'],
});
