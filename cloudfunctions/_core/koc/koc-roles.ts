import type { Database } from '../../_platform/database.port';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { KOC_ROLES_COLLECTION, type KocRole, type KocRoleRecord } from './koc.record';
import { ROLE_NAMES } from './koc.rules';

/** The KOC roles a member holds now: one read per request, never cached, so a revocation applies at once. */
export async function kocRolesOf(db: Database, openid: string): Promise<KocRole[]> {
  const r = await getOrNull<KocRoleRecord>(db.collection<KocRoleRecord>(KOC_ROLES_COLLECTION).doc(openid));
  return r?.roles ?? [];
}

export async function hasKocRole(db: Database, openid: string, role: KocRole): Promise<boolean> {
  return (await kocRolesOf(db, openid)).includes(role);
}

export async function requireKocRole(db: Database, openid: string, role: KocRole): Promise<void> {
  if (!(await hasKocRole(db, openid, role))) throw new AppError('KOC_ROLE_REQUIRED', `此功能仅限${ROLE_NAMES[role]}使用`);
}

export const roleViews = (roles: readonly KocRole[]) => roles.map((role) => ({ role, name: ROLE_NAMES[role] }));
