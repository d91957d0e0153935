import { CommunityConfig } from '../../community/community-config.schema';
import { defineDocument } from '../operator-document.schema';

export const communityDocument = defineDocument({
  key: 'community',
  title: '社区规则',
  collection: 'app_config',
  id: { kind: 'single', id: 'community' },
  schema: CommunityConfig,
  summary: '社区的举报隐藏阈值、举报权重、发帖与评论频率上限和禁言时长。所有部分都有默认值，可只写要改的部分。',
  fields: {
    flags: '举报：按举报人的身份加权，累计达到阈值的内容立即隐藏，等待审核',
    'flags.hideThreshold': '隐藏阈值：举报权重累计到多少时立即隐藏，至少 1',
    'flags.weights': '不同身份举报人的权重',
    'flags.weights.newcomer': '新会员（注册不满 newMemberDays 天）的举报权重',
    'flags.weights.member': '普通会员的举报权重',
    'flags.weights.trusted': '资深会员（发帖与获赞达到下面两个数）的举报权重',
    'flags.weights.moderator': '管理员的举报权重（通常一人举报即隐藏）',
    'flags.newMemberDays': '注册多少天以内算新会员',
    'flags.trustedMinPosts': '资深会员至少发过多少篇可见帖子',
    'flags.trustedMinLikes': '资深会员至少获得多少个他人点赞',
    rateLimits: '频率上限：每位会员每小时最多发多少',
    'rateLimits.postsPerHour': '每小时发帖上限',
    'rateLimits.commentsPerHour': '每小时评论上限',
    'rateLimits.newMemberHours': '注册多少小时以内使用更严格的上限',
    'rateLimits.newMemberPostsPerHour': '新注册会员每小时发帖上限',
    'rateLimits.newMemberCommentsPerHour': '新注册会员每小时评论上限',
    muteHoursOptions: '管理员禁言时可选的时长（小时），1–6 项',
  },
  example: {
    _id: 'community',
    flags: { hideThreshold: 6, weights: { newcomer: 1, member: 2, trusted: 3, moderator: 6 }, newMemberDays: 7, trustedMinPosts: 10, trustedMinLikes: 50 },
    rateLimits: { postsPerHour: 6, commentsPerHour: 30, newMemberHours: 24, newMemberPostsPerHour: 2, newMemberCommentsPerHour: 10 },
    muteHoursOptions: [24, 72, 168],
  },
  mistakes: [
    '只写了 flags 的一部分（如只写 hideThreshold）：flags 要整段写全，否则整份文档无效、沿用默认值。',
    '隐藏阈值小于管理员权重之外的单人权重（如阈值 1）：任何一位会员举报都会立即隐藏内容。',
  ],
});
