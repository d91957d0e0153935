import { z } from 'zod';
import { defineConfig } from '../config/operator-config';

const TemplateIdValue = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '订阅消息模板编号无效');

/**
 * `app_config/message_templates`: the WeChat subscribe-message template ids (公众平台 → 订阅消息) the product
 * sends. null = not set up: nothing of that kind is queued. Coupon expiry expects a template whose keywords
 * are thing1 (券名称), date2 (到期日期), thing3 (温馨提示). The birthday greeting expects thing1 (祝福), thing2 (礼遇),
 * date3 (有效期至).
 */
export const MessageTemplatesConfig = z.object({
  couponExpiry: TemplateIdValue.nullable(),
  birthdayGreeting: TemplateIdValue.nullable().default(null),
  /** Templates operators may send to a layer (`layer_messages`): members are asked to subscribe to these too. */
  operatorNotices: z.array(TemplateIdValue).max(10, '运营消息模板最多 10 个').default([]),
});
export type MessageTemplatesConfig = z.output<typeof MessageTemplatesConfig>;

export const messageTemplatesConfig = defineConfig({
  id: 'message_templates',
  title: '订阅消息模板',
  schema: MessageTemplatesConfig,
  fallback: { couponExpiry: null, birthdayGreeting: null, operatorNotices: [] },
});

/** Every template id the app may ask a member to subscribe to. */
export const subscribableTemplates = (c: MessageTemplatesConfig): string[] =>
  [...new Set([c.couponExpiry, c.birthdayGreeting, ...c.operatorNotices].filter((t): t is string => t !== null))];
