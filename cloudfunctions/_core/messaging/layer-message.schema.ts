import { z } from 'zod';
import { Audience } from '../scoring/audience.schema';

/** A layer message's code, also its document id (and part of every queued message's key). */
export const LayerMessageId = z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, '消息编号为 2-40 位字母、数字、-或_');

/** 'YYYY-MM-DD HH:mm', Beijing. */
const SendMinute = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d$/, '发送时间格式应为 YYYY-MM-DD HH:mm（北京时间）');

/*
 * Keyword values as WeChat's subscribe messages take them: `thing` at most 20 characters, `phrase` 5, `name` 10,
 * dates and times as the template shows them. A value WeChat refuses makes the send fail for every member.
 */
const KEYWORD = /^(thing|phrase|name|date|time|number|amount|character_string|letter|symbol)\d{1,2}$/;
const KEYWORD_MAX: Record<string, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, letter: 32, symbol: 5, number: 32, amount: 32, date: 32, time: 32 };

const TemplateData = z
  .record(z.string().regex(KEYWORD, '关键词应为模板里的名称，如 thing1、time2、phrase3'), z.string().trim().min(1, '关键词内容不能为空'))
  .superRefine((data, ctx) => {
    if (Object.keys(data).length === 0) ctx.addIssue({ code: 'custom', message: '至少填写一个关键词' });
    for (const [key, value] of Object.entries(data)) {
      const max = KEYWORD_MAX[key.replace(/\d+$/, '')];
      if (max !== undefined && [...value].length > max) ctx.addIssue({ code: 'custom', path: [key], message: `${key} 最多 ${max} 个字（微信的限制）` });
    }
  });

/**
 * `layer_messages/{messageId}`: one operator document per message to a layer (运营消息). At `sendAt` (Beijing) the
 * `messages` timer pages the members of `audience.layers` (the `member_layers` index), keeps those the whole
 * audience admits (`judgeAudience`), and queues one subscribe message each through the outbox, where the
 * member's own subscription and the promotion caps decide whether it is sent. Progress: `layer_message_runs`.
 */
export const LayerMessageConfig = z
  .object({
    active: z.boolean().default(true),
    /** For operators only (never sent). */
    title: z.string().trim().min(1, '请填写消息名称').max(30, '消息名称最多 30 个字'),
    /** Who receives it: `layers` is required (the timer pages members by it); tiers and the rest narrow it further. */
    audience: Audience.refine((a) => a.layers !== undefined, { message: '请在 audience.layers 写明发给哪些会员分层', path: ['layers'] }),
    /** One of `app_config/message_templates.operatorNotices` (members subscribe to those). */
    templateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订阅消息模板编号无效'),
    data: TemplateData,
    /** The page the message opens (no leading slash). */
    page: z
      .string()
      .regex(/^(pages|packages)\/[A-Za-z0-9_/-]+$/, '页面路径应为 pages/… 或 packages/…，不带开头的 /')
      .default('pages/index/index'),
    sendAt: SendMinute,
  })
  .strict();
export type LayerMessageConfig = z.output<typeof LayerMessageConfig>;
export type LayerMessage = LayerMessageConfig & { messageId: string };
