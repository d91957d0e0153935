import { LayerMessageConfig } from '../../messaging/layer-message.schema';
import { defineDocument } from '../operator-document.schema';

export const layerMessagesDocument = defineDocument({
  key: 'layer_messages',
  title: '运营消息',
  collection: 'layer_messages',
  id: { kind: 'many', pattern: /^[A-Za-z0-9_-]{2,40}$/, meaning: '消息编号（2-40 位字母、数字、-或_）；每位会员每个编号最多收到一次' },
  schema: LayerMessageConfig,
  summary:
    '一条发给会员分层的订阅消息一个文档（如给全部沉睡会员的回归提醒、给超级用户的新品试用邀请）。到了发送时间，系统每 10 分钟（北京时间 9:00–20:50）按分层逐页找出会员，每人排入一条消息；只有订阅过该模板的会员会收到，且受营销消息频率限制（每天 1 条、每周 2 条）。进度和人数见 layer_message_runs 里同编号的记录，或运营接口 messages.report。排完后再改这个文档不会重发：要再发一次，请新建一个编号。',
  fields: {
    active: '是否发送；false 为停用（已排入的消息照常发出，未排的不再排）',
    title: '消息名称，仅运营自己看，最多 30 个字',
    audience: '发给谁：layers 必填，其余各项写了须同时满足',
    'audience.layers': '发给这些会员分层（有其一即可）：super 超级用户、high_value 高净值、potential 潜力、dormant 沉睡、newcomer 新人（以发送时最近一次每晚评分为准）',
    'audience.tiers': '再限定等级代码（见会员等级）；不写为不限',
    'audience.newMembersWithinDays': '再限定入会多少天内的新会员（入会当天算第 1 天）；不写为不限',
    'audience.memberNos': '再限定这些会员号；不写为不限',
    templateId: '订阅消息模板编号，须写在 app_config/message_templates 的 operatorNotices 里（会员才能订阅）',
    data: '模板关键词与内容，如 {"thing1": "新品试用招募", "time2": "2026-12-05 19:00"}；thing 最多 20 个字、phrase 最多 5 个字、name 最多 10 个字',
    page: '点开消息进入的小程序页面，不带开头的 /，如 pages/index/index（默认）',
    sendAt: '发送时间：YYYY-MM-DD HH:mm（北京时间）；9:00 前或 21:00 后的时间会在之后最近的 9:00–20:50 之间发出',
  },
  example: {
    _id: 'super-trial-dec',
    active: true,
    title: '12 月新品试用招募（超级用户）',
    audience: { layers: ['super'] },
    templateId: 'Notice-AbCdEf_0123456789',
    data: { thing1: '新品试用招募：冬季限定拼配', time2: '2026-12-05 19:00', thing3: '名额有限，点开报名' },
    page: 'packages/cocreate/panels/index',
    sendAt: '2026-12-01 10:00',
  },
  mistakes: [
    'audience.layers 写了中文名（超级用户）而不是分层代码（super），或没写 layers：文档无效，消息不会发送。',
    '模板编号没有写进 app_config/message_templates 的 operatorNotices：会员无法订阅，消息全部因未订阅而跳过。',
    '关键词与模板不一致，或 thing 超过 20 个字：微信会拒绝，消息发送失败。',
    '排完后改了内容想再发一次：同一编号不会重发，请新建编号。',
    '发送时间写成 UTC：请写北京时间。',
  ],
});
