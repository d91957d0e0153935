import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { Clock } from '../clock.port';
import type { Database } from '../database.port';
import type { ContentCheckResult, ContentSuggest, MediaCheckResult, OpenApiPort, SubscribeMessage } from '../openapi.port';

/** Everything the fakes "send" lands here, for the developer (GET /api/_dev/outbox) and for tests. */
export const DEV_OUTBOX = '_dev_outbox';

/** wxacode.getUnlimited's documented scene alphabet, at most 32 characters. */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** Stand-in for msgSecCheck: short keyword lists, enough to exercise the risky and review paths. */
export const BLOCKED_WORDS = ['违禁词', '赌博', '代开发票'];
/** Text the fake answers `review` for (WeChat's label 10001: advertising). */
export const REVIEW_WORDS = ['加微信', '私聊领券'];
const SCENES = new Set(['profile', 'comment', 'forum', 'social']);
/** The image check's fake verdict comes from the file name: `...risky...` or `...review...`, else pass. */
const mediaVerdict = (url: string): ContentSuggest => (/risky/i.test(url) ? 'risky' : /review/i.test(url) ? 'review' : 'pass');

/** The event WeChat pushes with a media check's result; the local cloud delivers it to the function. */
export type MediaCheckDelivery = MediaCheckResult & { openid: string };

export interface LocalOpenApiOptions {
  /** Where an asynchronous media check's result goes (the local cloud pushes it to a function). */
  deliverMediaCheck?: (result: MediaCheckDelivery) => Promise<unknown>;
  /** How long the fake "takes" before answering (ms). */
  mediaCheckDelayMs?: number;
}

export interface LocalOpenApi extends OpenApiPort {
  /** Resolves once every media check started so far has been answered (tests, the e2e journey). */
  settleMediaChecks(): Promise<void>;
}

export class OpenApiError extends Error {
  constructor(
    readonly errCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'OpenApiError';
  }
}

export function createLocalOpenApi(db: Database, clock: Clock, opts: LocalOpenApiOptions = {}): LocalOpenApi {
  const inFlight = new Set<Promise<unknown>>();
  return {
    async settleMediaChecks() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async mediaCheckAsync({ openid, mediaUrl, mediaType, scene }) {
      if (!openid || !mediaUrl || mediaType !== 'image') throw new OpenApiError(47001, 'argument invalid: openid/media_url/media_type');
      if (!SCENES.has(scene)) throw new OpenApiError(40097, 'invalid scene');
      const traceId = `local-${randomBytes(12).toString('hex')}`;
      const suggest = mediaVerdict(mediaUrl);
      await db.collection(DEV_OUTBOX).add({ data: { kind: 'mediaCheckAsync', traceId, mediaUrl, suggest, at: clock.now() } });
      const deliver = opts.deliverMediaCheck;
      if (deliver) {
        // The answer arrives later, on its own, through the same path as WeChat's message push.
        const p = new Promise((r) => setTimeout(r, opts.mediaCheckDelayMs ?? 20))
          .then(() => deliver({ traceId, suggest, label: suggest === 'pass' ? 100 : 20002, openid }))
          .catch(() => undefined)
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      return { traceId };
    },
    async sendSubscribeMessage(msg: SubscribeMessage) {
      if (!msg.touser || !msg.templateId) throw new OpenApiError(47003, 'argument invalid: touser/templateId');
      await db.collection(DEV_OUTBOX).add({ data: { kind: 'subscribeMessage', ...msg, at: clock.now() } });
    },
    async getUnlimitedCode({ scene, page, width }) {
      if (!SCENE.test(scene)) throw new OpenApiError(40169, 'invalid scene: 1-32 chars of [A-Za-z0-9!#$&\'()*+,/:;=?@-._~]');
      if (page.includes('?') || page.startsWith('/')) throw new OpenApiError(41030, 'invalid page: no leading slash, no query');
      await db.collection(DEV_OUTBOX).add({ data: { kind: 'wxacode', scene, page, at: clock.now() } });
      return QRCode.toBuffer(`${page}?scene=${encodeURIComponent(scene)}`, { type: 'png', width: width ?? 430, margin: 2 });
    },
    async checkText({ openid, content, scene }): Promise<ContentCheckResult> {
      if (!openid) throw new OpenApiError(40003, 'invalid openid: msgSecCheck v2 needs the author');
      if (!SCENES.has(scene)) throw new OpenApiError(40097, 'invalid scene');
      if (content.length > 2500) throw new OpenApiError(87014, 'content too long (max 2500)');
      if (BLOCKED_WORDS.some((w) => content.includes(w))) return { suggest: 'risky', pass: false, label: 20006 };
      if (REVIEW_WORDS.some((w) => content.includes(w))) return { suggest: 'review', pass: false, label: 10001 };
      return { suggest: 'pass', pass: true, label: 100 };
    },
  };
}
