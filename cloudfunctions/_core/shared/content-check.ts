import type { ContentScene, ContentSuggest } from '../../_platform/openapi.port';
import { describeError } from './batch-job';
import { AppError } from './errors';
import type { UseCaseContext } from './use-case-context';

/**
 * Member text WeChat must have checked (security.msgSecCheck v2) before we store or show it, and what each
 * use does with WeChat's verdict. `risky` is always refused. `review` ("a human should look") depends on
 * where the text goes: a nickname is shown to staff and members at once with no moderator in between, and
 * a false refusal costs one retype, so it is refused too. (Posts in a moderated feed would rather be held
 * for an operator: add a use with `review: 'hold'` and handle it in that use case.)
 */
export type ContentUse = 'nickname';

interface ContentPolicy {
  scene: ContentScene;
  /** The input field the refusal names. */
  field: string;
  review: 'refuse' | 'hold';
  messages: Record<Exclude<ContentSuggest, 'pass'>, string>;
}

export const CONTENT_USES: Record<ContentUse, ContentPolicy> = {
  nickname: {
    scene: 'profile',
    field: 'nickname',
    review: 'refuse',
    messages: {
      risky: '昵称含有不适宜的内容，请换一个',
      review: '这个昵称需要人工审核，暂时不能使用，请换一个',
    },
  },
};

/** What the use case should do with the text: store it, or (for `hold` uses) keep it for an operator. */
export type ContentDecision = 'accept' | 'hold';

/**
 * Checks a member's own text as its author (WeChat needs the author's openid). Refuses with
 * CONTENT_REJECTED and the field; when WeChat cannot be asked, answers BUSY rather than storing unchecked text.
 */
export async function checkMemberText(
  ctx: Pick<UseCaseContext, 'openapi' | 'log' | 'caller'>,
  use: ContentUse,
  content: string,
): Promise<ContentDecision> {
  const policy = CONTENT_USES[use];
  let verdict;
  try {
    verdict = await ctx.openapi.checkText({ openid: ctx.caller.openid, content, scene: policy.scene });
  } catch (e) {
    ctx.log.error('content_check.failed', { use, err: describeError(e) });
    throw new AppError('BUSY', '内容安全检查暂时不可用，请稍后再试');
  }
  if (verdict.suggest === 'pass') return 'accept';
  ctx.log.warn('content_check.flagged', { use, suggest: verdict.suggest, label: verdict.label });
  if (verdict.suggest === 'review' && policy.review === 'hold') return 'hold';
  throw new AppError('CONTENT_REJECTED', policy.messages[verdict.suggest], policy.field);
}
