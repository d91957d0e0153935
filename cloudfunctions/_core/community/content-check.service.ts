import type { ContentScene, ContentSuggest } from '../../_platform/openapi.port';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';

/** The msgSecCheck v2 scene of each kind of community text. */
export const TEXT_SCENE: Record<'post' | 'comment' | 'topic', ContentScene> = { post: 'forum', comment: 'comment', topic: 'forum' };

/**
 * The one place the community asks WeChat's text check (security.msgSecCheck v2): `risky` is refused here,
 * before anything is written; `pass` and `review` go back to the caller (review holds the content).
 */
export async function checkText(ctx: Pick<UseCaseContext, 'openapi'>, openid: string, content: string, kind: keyof typeof TEXT_SCENE): Promise<Exclude<ContentSuggest, 'risky'>> {
  if (!content.trim()) return 'pass';
  const r = await ctx.openapi.checkText({ openid, content, scene: TEXT_SCENE[kind] });
  if (r.suggest === 'risky') throw new AppError('CONTENT_REJECTED', '内容含有不适宜发布的信息，请修改后再发布');
  return r.suggest;
}

/** security.mediaCheckAsync's scene for images in a post. */
export const MEDIA_SCENE: ContentScene = 'forum';
