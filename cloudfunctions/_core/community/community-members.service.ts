import { createHash } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { getOrNull } from '../shared/db-helpers';
import { hasKocRole } from '../koc/koc-roles';
import { ROLES, type RoleRecord } from '../staff/role.record';
import { displayBadge } from './badge.rules';
import { COMMUNITY_MEMBERS, type AuthorSnapshot, type CommunityMemberRecord } from './community.record';

/** What other members see instead of an openid: stable, not reversible. */
export const publicIdOf = (openid: string) => `u${createHash('sha256').update(`member:${openid}`).digest().subarray(0, 12).toString('base64url')}`;

/** A deterministic document id for one intended change (a retry with the same request id finds the same document). */
export const idFor = (prefix: 'p' | 'c' | 't' | 'v' | 'r' | 'n' | 'w', openid: string, requestId: string) =>
  `${prefix}${createHash('sha256').update(`${prefix}:${openid}:${requestId}`).digest().subarray(0, 12).toString('base64url')}`;

/** Official posts come from operators (and a future brand role): a role document, never the client. */
export async function isOfficial(db: Database, openid: string): Promise<boolean> {
  const role = await getOrNull<RoleRecord>(db.collection<RoleRecord>(ROLES).doc(openid));
  return role?.active === true && (role.role as string) === 'operator';
}

/** Who sees held posts and the review queue, and whose flag weighs as a moderator's: operators and KOC moderators. */
export async function isModerator(db: Database, openid: string): Promise<boolean> {
  const [official, koc] = await Promise.all([isOfficial(db, openid), hasKocRole(db, openid, 'moderator')]);
  return official || koc;
}

export async function loadProfile(db: Database, openid: string): Promise<CommunityMemberRecord | null> {
  return getOrNull<CommunityMemberRecord>(db.collection<CommunityMemberRecord>(COMMUNITY_MEMBERS).doc(openid));
}

/** The member's community profile, created on first use (a concurrent creation is harmless). */
export async function ensureProfile(db: Database, member: MemberRecord, now: Date): Promise<CommunityMemberRecord> {
  const existing = await loadProfile(db, member._id);
  if (existing) return existing;
  const fresh: Omit<CommunityMemberRecord, '_id'> = {
    _openid: member._id,
    publicId: publicIdOf(member._id),
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    registeredAt: member.createdAt,
    posts: 0,
    likesReceived: 0,
    badges: [],
    badgeCodes: [],
    nextLikeBadgeAt: null,
    mutedUntil: null,
    suspended: false,
    restrictionNote: null,
    updatedAt: now,
  };
  try {
    await db.collection(COMMUNITY_MEMBERS).add({ data: { _id: member._id, ...fresh } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    return (await loadProfile(db, member._id))!;
  }
  return { _id: member._id, ...fresh };
}

export async function loadMember(db: Database, openid: string): Promise<MemberRecord | null> {
  return getOrNull<MemberRecord>(db.collection<MemberRecord>(MEMBERS).doc(openid));
}

export function snapshotOf(member: Pick<MemberRecord, '_id' | 'nickname' | 'avatarUrl'>, profile: CommunityMemberRecord | null, official: boolean): AuthorSnapshot {
  const badge = profile ? displayBadge(profile.badges) : null;
  return {
    id: publicIdOf(member._id),
    nickname: member.nickname,
    avatarUrl: member.avatarUrl,
    official,
    badge: badge ? { code: badge.code, name: badge.name, color: badge.color } : null,
  };
}

/** Profiles by public id (a leaderboard page, a profile): one query. */
export async function profilesByPublicId(db: Database, ids: string[]): Promise<Map<string, CommunityMemberRecord>> {
  if (ids.length === 0) return new Map();
  const { data } = await db
    .collection<CommunityMemberRecord>(COMMUNITY_MEMBERS)
    .where({ publicId: db.command.in([...new Set(ids)]) })
    .limit(1000)
    .get();
  return new Map(data.map((p) => [p.publicId, p]));
}
