/**
 * Who hosts a co-creation poll or panel: an operator (the brand) or a member holding the KOC role
 * `co_creator` (共创发起人). The role is read on every request (koc-roles.ts), so a revoked role stops at once.
 */
import type { Database } from '../../_platform/database.port';
import { isOfficial } from '../community/community-members.service';
import { hasKocRole } from '../koc/koc-roles';
import type { KocActor, ModeratorContext } from '../shared/access';
import { checkText } from '../community/content-check.service';
import type { HostFields } from './cocreate.record';

/** The caller may open polls and panels. */
export async function canHost(db: Database, openid: string): Promise<boolean> {
  const [official, koc] = await Promise.all([isOfficial(db, openid), hasKocRole(db, openid, 'co_creator')]);
  return official || koc;
}

export const isKocHost = (actor: KocActor) => actor.role === 'co_creator';

/** What a new poll or panel records about its host. */
export const hostFields = (actor: KocActor): HostFields => (isKocHost(actor) ? { hostOpenid: actor._id, hostName: actor.name } : { hostOpenid: null, hostName: null });

/** How members see the host (records made before hosts existed are the brand's). */
export function hostView(r: Partial<HostFields>): { name: string; official: boolean } {
  if (!r.hostOpenid) return { name: '品牌官方', official: true };
  return { name: r.hostName ?? '已注销的会员', official: false };
}

/** A member host's words pass the same content check as a post (an operator's are the brand's own). */
export async function checkHostText(ctx: ModeratorContext, text: string): Promise<void> {
  if (isKocHost(ctx.staff)) await checkText(ctx, ctx.staff._id, text, 'post');
}
