import type { Database } from '../../_platform/database.port';
import { getOrNull } from '../shared/db-helpers';
import type { MemberLayer } from './scoring-config.schema';
import { MEMBER_LAYERS, type MemberLayersRecord } from './scoring.record';

/**
 * A member's layers as audience tags (the last nightly run's): what coupon templates check today, and what
 * deals, campaigns and messages will check (an `audience.layers` list, any one of them admits).
 */
export async function layersOf(db: Database, openid: string): Promise<MemberLayer[]> {
  const doc = await getOrNull<MemberLayersRecord>(db.collection<MemberLayersRecord>(MEMBER_LAYERS).doc(openid));
  return doc?.layers ?? [];
}
