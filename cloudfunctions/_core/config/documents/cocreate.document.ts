import { CocreateConfig } from '../../cocreate/cocreate-config.schema';
import { defineDocument } from '../operator-document.schema';

export const cocreateDocument = defineDocument({
  key: 'cocreate',
  title: '共创规则',
  collection: 'app_config',
  id: { kind: 'single', id: 'cocreate' },
  schema: CocreateConfig,
  summary: '共创投票里每位会员有几票（按会员等级和会员分层），以及社区公约提议的法定票数、通过比例和表决天数。两部分都有默认值，可只写要改的部分。',
  fields: {
    polls: '共创投票',
    'polls.votes': '每位会员在一个投票里的票数：取基础票数、所在等级票数、所属分层票数中最大的一个，且不超过选项数（每个选项最多投一票）',
    'polls.votes.base': '基础票数：每位会员至少有几票，1–20',
    'polls.votes.tiers': '按会员等级的票数，每项一个等级',
    'polls.votes.tiers[].code': '等级编号（如 gold），与「会员等级」文档里的 code 一致',
    'polls.votes.tiers[].votes': '这个等级的会员有几票',
    'polls.votes.layers': '按会员分层的票数（会员属于多个分层时取最大）',
    'polls.votes.layers.super': '超级用户的票数',
    'polls.votes.layers.high_value': '高净值会员的票数',
    'polls.votes.layers.potential': '潜力会员的票数',
    'polls.votes.layers.dormant': '沉睡会员的票数',
    'polls.votes.layers.newcomer': '新人的票数',
    rules: '社区公约（规则共建）的表决规则；提议时的规则随提议保存，之后修改不影响正在表决的提议',
    'rules.quorum': '法定票数：支持与反对合计至少多少票，提议才可能通过',
    'rules.majorityPercent': '通过比例：支持票占已投票数的百分比至少多少（51–100）',
    'rules.windowDays': '表决天数：提议后多少天内达到法定票数和通过比例才算通过，否则过期',
  },
  example: {
    _id: 'cocreate',
    polls: { votes: { base: 1, tiers: [{ code: 'gold', votes: 2 }, { code: 'black', votes: 3 }], layers: { super: 3 } } },
    rules: { quorum: 10, majorityPercent: 60, windowDays: 7 },
  },
  mistakes: [
    'tiers 里的 code 写了等级名称（如「金卡」）而不是等级编号（如 gold）：这个等级的会员只有基础票数。',
    'layers 里写了中文分层名（如「超级用户」）：分层要写 super、high_value 等编号，否则整份文档无效、沿用默认值。',
    '通过比例写成小数（如 0.6）：要写整数百分比 60。',
  ],
});
