import { PrivacyPolicyConfig } from '../../member/member.schema';
import { defineDocument } from '../operator-document.schema';

export const privacyDocument = defineDocument({
  key: 'privacy',
  title: '隐私政策',
  collection: 'app_config',
  id: { kind: 'single', id: 'privacy' },
  schema: PrivacyPolicyConfig,
  summary: '注册时会员阅读并同意的隐私政策。会员同意的是某个版本；发布新版本后，会员下次使用时会被请求重新同意。',
  fields: {
    version: '版本号（例如日期 2026-11-01）；内容有变化时必须改版本号',
    title: '标题',
    summary: '注册页显示的摘要',
    body: '全文，每段一行',
  },
  example: {
    _id: 'privacy',
    version: '2026-11-01',
    title: '会员隐私政策',
    summary: '我们仅在你同意后保存你的昵称、头像、生日（仅月日）和手机号（可选），用于提供会员服务。',
    body: '一、我们收集的信息：昵称、头像、生日（仅月和日）、手机号（可选）。\n二、使用目的：识别会员身份、计算积分与等级。',
  },
  mistakes: ['修改了正文却没有改 version：已同意旧版本的会员不会被请求重新同意。', '把 body 写成数组：应为一段文字，段落之间换行。'],
});
