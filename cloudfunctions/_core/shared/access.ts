import type { Access } from '../contracts/define';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { hasKocRole } from '../koc/koc-roles';
import { ROLES, type RoleRecord } from '../staff/role.record';
import { getOrNull } from './db-helpers';
import { AppError } from './errors';
import type { UseCaseContext } from './use-case-context';

export type MemberContext = UseCaseContext & { member: MemberRecord };
export type StaffContext = UseCaseContext & { staff: RoleRecord };
/** A visitor-accessible read that adapts to the caller: `member` is null for a visitor (not registered). */
export type ViewerContext = UseCaseContext & { member: MemberRecord | null };
/** The review queue's actor: an operator's role, or a KOC moderator acting under their own openid. */
export type ModeratorActor = Omit<RoleRecord, 'role'> & { role: RoleRecord['role'] | 'moderator' };
export type ModeratorContext = UseCaseContext & { staff: ModeratorActor };

export type ContextFor<A extends Access> = A extends 'member'
  ? MemberContext
  : A extends 'staff' | 'operator'
    ? StaffContext
    : A extends 'moderator'
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
  if (access === 'moderator') return { ...ctx, staff: await moderatorOf(ctx, role) } as ContextFor<A>;
  const allowed =
    role?.active === true && (access === 'operator' ? role.role === 'operator' : STAFF_ROLES.has(role.role));
  if (!role || !allowed) throw new AppError('FORBIDDEN', access === 'operator' ? '此功能仅限品牌运营人员使用' : '此页面仅限门店店员使用');
  return { ...ctx, staff: role } as ContextFor<A>;
}

/**
 * The review queue's actor: an operator, or a member holding the KOC `moderator` role (read here on every call,
 * so a revoked role stops working at once). A KOC moderator acts under their own openid with role `moderator`.
 */
async function moderatorOf(ctx: UseCaseContext, role: RoleRecord | null): Promise<ModeratorActor> {
  if (role?.active === true && role.role === 'operator') return role;
  const openid = ctx.caller.openid;
  const [member, moderator] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)),
    hasKocRole(ctx.db, openid, 'moderator'),
  ]);
  if (!member || !moderator) throw new AppError('FORBIDDEN', '此功能仅限社区管理员使用');
  return { _id: openid, role: 'moderator', storeId: null, name: member.nickname, active: true };
}
