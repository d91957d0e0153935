import type { JobContext } from '../shared/use-case-context';
import type { ImageUrls } from './post-views';

/**
 * Temporary URLs for images (one platform call for a whole page). Until the storage port is merged the
 * file id is its own address.
 */
export async function imageUrls(_ctx: Pick<JobContext, 'db'>, fileIds: string[]): Promise<ImageUrls> {
  void _ctx;
  return Object.fromEntries(fileIds.map((f) => [f, f]));
}
