import type { ContentCheckResult, ContentScene, ContentSuggest, OpenApiPort } from '../openapi.port';
import type { WxCloud, WxMsgSecCheckAnswer } from './wx-sdk.types';

/** msgSecCheck v2's numeric scenes. */
export const CONTENT_SCENES: Record<ContentScene, 1 | 2 | 3 | 4> = { profile: 1, comment: 2, forum: 3, social: 4 };

/**
 * The v2 answer → our verdict. An answer without a known `suggest` is treated as `review`: the use case then
 * applies its own rule for doubtful text, rather than letting unknown text through as `pass`.
 */
export function toContentCheckResult(res: WxMsgSecCheckAnswer): ContentCheckResult {
  const raw = res.result?.suggest;
  const suggest: ContentSuggest = raw === 'pass' || raw === 'risky' || raw === 'review' ? raw : 'review';
  return { suggest, pass: suggest === 'pass', label: res.result?.label ?? 0 };
}

export function wxOpenApi(cloud: WxCloud): OpenApiPort {
  return {
    async sendSubscribeMessage(msg) {
      await cloud.openapi.subscribeMessage.send({ ...msg, miniprogramState: 'formal' });
    },
    async getUnlimitedCode({ scene, page, width }) {
      const res = await cloud.openapi.wxacode.getUnlimited({ scene, page, width: width ?? 430, checkPath: false });
      return res.buffer;
    },
    async checkText({ openid, content, scene }) {
      const res = await cloud.openapi.security.msgSecCheck({ openid, scene: CONTENT_SCENES[scene], version: 2, content });
      return toContentCheckResult(res);
    },
    async mediaCheckAsync({ openid, mediaUrl, scene }) {
      // media_type 2 = image; the verdict arrives as the `wxa_media_check` message-push event.
      const res = await cloud.openapi.security.mediaCheckAsync({ openid, mediaUrl, mediaType: 2, version: 2, scene: CONTENT_SCENES[scene] });
      const traceId = res.trace_id ?? res.traceId;
      if (!traceId) throw new Error('mediaCheckAsync answered without a trace_id');
      return { traceId };
    },
  };
}
