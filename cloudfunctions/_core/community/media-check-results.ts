import type { MediaCheckResult } from '../../_platform/openapi.port';
import { onHostedImageChecked } from '../cocreate/cocreate-images.service';
import type { JobContext } from '../shared/use-case-context';
import type { MediaTarget } from './community.record';
import { answerMediaCheck, onPostImageChecked } from './media-check.service';

/**
 * The message-push event with one image's verdict (security.mediaCheckAsync), for whatever the image belongs
 * to: a post, or a poll or panel a KOC co-creator hosts. Unknown or already answered trace ids change nothing.
 */
export async function onMediaCheckResult(ctx: JobContext, r: MediaCheckResult): Promise<{ target: MediaTarget | null; targetId: string | null; status: string }> {
  const check = await answerMediaCheck(ctx, r);
  if (!check) return { target: null, targetId: null, status: 'unknown' };
  const { target, targetId } = check;
  if (!check.fresh) return { target, targetId, status: 'repeated' };
  const status = target === 'post' ? await onPostImageChecked(ctx, targetId, check.fileId, r) : await onHostedImageChecked(ctx, target, targetId, check.fileId, r);
  return { target, targetId, status };
}
