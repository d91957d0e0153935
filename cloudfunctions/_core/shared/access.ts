import type { Access } from '../contracts/define';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { hasKocRole } from '../koc/koc-roles';
import type { KocRole } from '../koc/koc.record';
import { ROLES, type RoleRecord } from '../staff/role.record';
import { getOrNull } from './db-helpers';
import { AppError } from './errors';
import type { UseCaseContext } from './use-case-context';

export type MemberContext = UseCaseContext & { member: MemberRecord };
export type StaffContext = UseCaseContext & { staff: RoleRecord };
/** A visitor-accessible read that adapts to the caller: `member` is null for a visitor (not registered). */
export type ViewerContext = UseCaseContext & { member: MemberRecord | null };
/**
 * An operator's role, or a member acting under their own openid with a KOC role: the review queue's actor
 * (`moderator`), the host of a co-creation poll or panel (`co_creator`).
 */
export type KocActor = Omit<RoleRecord, 'role'> & { role: RoleRecord['role'] | KocRole };
export type ModeratorActor = KocActor;
export type ModeratorContext = UseCaseContext & { staff: KocActor };
export type CocreatorContext = ModeratorContext;

export type ContextFor<A extends Access> = A extends 'member'
  ? MemberContext
  : A extends 'staff' | 'operator'
    ? StaffContext
    : A extends 'moderator' | 'cocreator'
      ? ModeratorContext
      : UseCaseContext;

const STAFF_ROLES: ReadonlySet<string> = new Set(['clerk', 'manager']);

const loadMember = (ctx: UseCaseContext) => getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(ctx.caller.openid));

/** The caller as a member, or null for a visitor (one read); for `access: 'visitor'` actions that show more to members. */
export async function withViewer(ctx: UseCaseContext): Promise<ViewerContext> {
  return { ...ctx, member: await loadMember(ctx) };
}

/** Enforces an action's access level and loads what the use case then needs (one read at most). */
export async function resolveAccess<A extends Access>(ctx: UseCaseContext, access: A): Promise<ContextFor<A>> {
  const openid = ctx.caller.openid;
  if (access === 'visitor') return ctx as ContextFor<A>;
  if (access === 'member') {
    const member = await loadMember(ctx);
    if (!member) throw new AppError('NOT_REGISTERED', '加入会员后即可使用');
    return { ...ctx, member } as ContextFor<A>;
  }
  const role = await getOrNull<RoleRecord>(ctx.db.collection<RoleRecord>(ROLES).doc(openid));
  if (access === 'moderator') return { ...ctx, staff: await kocActorOf(ctx, role, 'moderator', '此功能仅限社区管理员使用') } as ContextFor<A>;
  if (access === 'cocreator') return { ...ctx, staff: await kocActorOf(ctx, role, 'co_creator', '此功能仅限品牌运营或共创发起人使用') } as ContextFor<A>;
  const allowed =
    role?.active === true && (access === 'operator' ? role.role === 'operator' : STAFF_ROLES.has(role.role));
  if (!role || !allowed) throw new AppError('FORBIDDEN', access === 'operator' ? '此功能仅限品牌运营人员使用' : '此页面仅限门店店员使用');
  return { ...ctx, staff: role } as ContextFor<A>;
}

/**
 * An operator, or a member holding the KOC role `kocRole` (read here on every call, so a revoked role stops
 * working at once); the member acts under their own openid with that role.
 */
async function kocActorOf(ctx: UseCaseContext, role: RoleRecord | null, kocRole: KocRole, refusal: string): Promise<KocActor> {
  if (role?.active === true && role.role === 'operator') return role;
  const openid = ctx.caller.openid;
  const [member, holds] = await Promise.all([getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)), hasKocRole(ctx.db, openid, kocRole)]);
  if (!member || !holds) throw new AppError('FORBIDDEN', refusal);
  return { _id: openid, role: kocRole, storeId: null, name: member.nickname, active: true };
}
