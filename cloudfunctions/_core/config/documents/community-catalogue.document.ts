import { BadgeConfig, CampaignConfig, TopicConfig } from '../../community/community-config.schema';
import { COMMUNITY_BADGES, COMMUNITY_CAMPAIGNS, COMMUNITY_TOPICS } from '../../community/community.record';
import { defineDocument } from '../operator-document.schema';

/** The community's catalogues: one document per topic, badge and check-in campaign (ids as in community-config.schema). */

export const topicsDocument = defineDocument({
  key: 'community_topics',
  title: '社区话题',
  collection: COMMUNITY_TOPICS,
  id: { kind: 'many', pattern: /^[a-z0-9][a-z0-9_-]{1,31}$/, meaning: '话题编号（2-32 位小写字母、数字、-或_），帖子和打卡活动用它指代话题' },
  schema: TopicConfig,
  summary:
    '社区的一个话题一个文档。运营在控制台创建的话题 status 为 active 即出现在发帖页和动态的话题栏；会员提议的话题（origin 为 member）由审核队列通过或拒绝，不要在控制台改它们。',
  fields: {
    name: '话题名称（会员看到的，如「晨跑打卡」），最多 20 个字',
    description: '话题说明，最多 200 个字',
    status: 'active 开放；proposed 会员提议、待审核；rejected 已拒绝；retired 停用（旧帖仍在，不能再选）',
    origin: 'operator 运营创建；member 会员提议',
    proposedBy: '提议的会员（系统填写）；运营创建的话题为 null',
    sort: '排序，小的在前',
  },
  example: { _id: 'morning-run', name: '晨跑打卡', description: '早起跑一跑，记录每天的状态', status: 'active', origin: 'operator', proposedBy: null, sort: 0 },
  mistakes: [
    '文档 ID 用了中文或大写字母：话题编号只能是小写字母、数字、-或_，名称写在 name 里。',
    '打卡活动的 topic 写了话题名称而不是编号，或该话题不是 active：会员发帖选不到它，打卡不会计入。',
    '停用话题时删除了文档：旧帖上的话题会显示为已下线；请把 status 改为 retired。',
  ],
  writtenByProduct: (body) => body.origin === 'member',
});

export const badgesDocument = defineDocument({
  key: 'community_badges',
  title: '社区徽章',
  collection: COMMUNITY_BADGES,
  id: { kind: 'many', pattern: /^[a-z0-9][a-z0-9_-]{1,31}$/, meaning: '徽章编号（2-32 位小写字母、数字、-或_），打卡活动用它指定完成后颁发的徽章' },
  schema: BadgeConfig,
  summary: '社区的一枚徽章一个文档：名称、颜色和获得方式。已颁发的徽章不会因为修改或停用而收回；停用后不再颁发。',
  fields: {
    name: '徽章名称，最多 12 个字',
    description: '徽章说明（如何获得），最多 100 个字',
    color: '徽章颜色，#RRGGBB',
    rule: '获得方式',
    'rule.kind': 'first_post 发布第一条内容；likes_received 累计获赞达到 count；campaign_finished 完成指定了这枚徽章的打卡活动；monthly_share_king 每月分享王',
    'rule.count': '获赞数（仅 likes_received），至少 1',
    active: '是否颁发；false 为停用',
    sort: '排序，小的在前',
  },
  example: { _id: 'run-7', name: '晨跑七日', description: '完成七日晨跑打卡', color: '#2E6FB7', rule: { kind: 'campaign_finished' }, active: true, sort: 0 },
  mistakes: [
    '颜色写成 red 或 #FFF：请写六位的 #RRGGBB。',
    'likes_received 忘了写 count。',
    '打卡活动的徽章用了 first_post 等其他获得方式：会员发第一条帖子就会得到它；活动徽章请用 campaign_finished。',
  ],
});

export const campaignsDocument = defineDocument({
  key: 'community_campaigns',
  title: '打卡活动',
  collection: COMMUNITY_CAMPAIGNS,
  id: { kind: 'many', pattern: /^[A-Za-z0-9_-]{2,40}$/, meaning: '活动编号（2-40 位字母、数字、-或_）' },
  schema: CampaignConfig,
  summary:
    '一个打卡活动一个文档：会员报名后，在活动期间每天发一条带活动话题的帖子算一天，累计（或连续）打满天数即完成，获得电子证书和活动徽章。名额只增不减地计数，活动开始后不要调低。',
  fields: {
    title: '活动名称，最多 30 个字',
    description: '活动说明，最多 500 个字',
    topic: '活动话题的编号（社区话题文档的 ID，须为 active）：带这个话题的帖子才算打卡',
    audience: '谁可以报名；不写为所有会员，写了多项须同时满足',
    'audience.tiers': '限定等级代码（见会员等级）',
    'audience.newMembersWithinDays': '仅限入会多少天内的新会员（入会当天算第 1 天）',
    'audience.memberNos': '仅限这些会员号',
    'audience.layers': '仅限这些会员分层：super 超级用户、high_value 高净值、potential 潜力、dormant 沉睡、newcomer 新人（每晚评分后更新）',
    days: '完成需要的打卡天数，1–366',
    streak: 'true：须连续打卡 days 天；false：累计即可',
    from: '开始日期（北京时间，含当天），YYYY-MM-DD',
    to: '结束日期（北京时间，含当天），YYYY-MM-DD，不能早于开始日期',
    capacity: '名额（最多多少人报名）',
    badge: '完成后颁发的徽章编号（社区徽章文档的 ID，获得方式应为 campaign_finished）；null 为不颁发',
    image: '封面图片：云存储文件 ID（cloud://…）或 https 链接；null 为无图',
    issuer: '证书落款，最多 20 个字',
    active: '是否上线；false 为下线（已报名的进度保留）',
    sort: '排序，小的在前',
  },
  example: {
    _id: 'run7',
    title: '七日晨跑打卡',
    description: '连续一周，每天发一条带 #晨跑打卡 话题的内容。完成即可获得电子证书与「晨跑七日」徽章。',
    topic: 'morning-run',
    days: 7,
    streak: false,
    from: '2026-12-01',
    to: '2026-12-31',
    capacity: 200,
    badge: 'run-7',
    image: null,
    issuer: '超级用户社区',
    active: true,
    sort: 0,
  },
  mistakes: [
    'topic 写了话题名称（晨跑打卡）而不是编号（morning-run），或该话题不存在、未开放：会员的帖子不会计入打卡。',
    'badge 写了不存在或已停用的徽章：完成活动时不会颁发。',
    '结束日期早于开始日期，或日期写成 2026/12/1：请用 YYYY-MM-DD。',
    'days 大于活动期间的天数：没有人能完成。',
  ],
});
