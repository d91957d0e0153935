import { createHash } from 'node:crypto';
import { isDatabaseError } from '../../_platform/database.port';
import type { MemberContext, StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { kocRolesOf, roleViews } from './koc-roles';
import { KOC_APPLICATIONS, KOC_ROLES, KOC_ROLES_COLLECTION, type ApplicationRecord, type KocRole, type KocRoleRecord } from './koc.record';
import {
  KOC_CONSENT_VERSION,
  type ApplicationsInput,
  type ApplicationsView,
  type ApplicationView,
  type ApplyInput,
  type MyKocView,
  type ReviewApplicationInput,
  type RevokeRoleInput,
} from './koc.schema';

/** One application per member: the id derives from the openid (not reversible), so applying twice finds it. */
export const applicationIdOf = (openid: string) => `a${createHash('sha256').update(`koc:${openid}`).digest().subarray(0, 12).toString('base64url')}`;

const ordered = (roles: readonly KocRole[]) => KOC_ROLES.filter((r) => roles.includes(r));

function toApplicationView(a: ApplicationRecord, roles: readonly KocRole[]): ApplicationView {
  return {
    applicationId: a._id,
    nickname: a.nickname,
    city: a.city,
    plan: a.plan,
    links: a.links,
    wanted: roleViews(a.wanted),
    status: a.status,
    roles: roleViews(roles),
    reason: a.reason,
    createdAt: a.createdAt.toISOString(),
  };
}

/** The caller's application and roles (the 体验官 page). Visitors see that they must join first. */
export async function myKoc(ctx: UseCaseContext): Promise<MyKocView> {
  const openid = ctx.caller.openid;
  const [member, app, roles] = await Promise.all([
    getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid)),
    getOrNull<ApplicationRecord>(ctx.db.collection<ApplicationRecord>(KOC_APPLICATIONS).doc(applicationIdOf(openid))),
    kocRolesOf(ctx.db, openid),
  ]);
  return {
    joined: member !== null,
    roles: roleViews(roles),
    application: app
      ? {
          status: app.status,
          city: app.city,
          plan: app.plan,
          wanted: roleViews(app.wanted),
          reason: app.reason,
          createdAt: app.createdAt.toISOString(),
          reviewedAt: app.reviewedAt ? app.reviewedAt.toISOString() : null,
        }
      : null,
    canApply: member !== null && (!app || app.status === 'rejected'),
    consentVersion: KOC_CONSENT_VERSION,
  };
}

/**
 * A member applies. A first application is an insert under the member's application id (a concurrent second
 * one hits the duplicate key); after a rejection the member may apply again, by a conditional update of the
 * rejected document. Pending or approved: KOC_ALREADY_APPLIED, nothing written.
 */
export async function apply(ctx: MemberContext, input: ApplyInput): Promise<{ applicationId: string; status: 'pending' }> {
  const openid = ctx.member._id;
  const id = applicationIdOf(openid);
  const now = ctx.clock.now();
  const fields = {
    nickname: ctx.member.nickname,
    city: input.city,
    plan: input.plan,
    links: input.links,
    wanted: ordered(input.wanted),
    consent: { version: input.consent.version, acceptedAt: now },
    status: 'pending' as const,
    granted: [] as KocRole[],
    reason: null,
    reviewedBy: null,
    reviewedAt: null,
    updatedAt: now,
  };
  const apps = ctx.db.collection<ApplicationRecord>(KOC_APPLICATIONS);
  const prior = await getOrNull<ApplicationRecord>(apps.doc(id));
  const already = () => new AppError('KOC_ALREADY_APPLIED', prior?.status === 'approved' ? '你已经是体验官了，无需再次申请' : '你已经提交过申请，请等待审核结果');
  if (prior && prior.status !== 'rejected') throw already();
  if (prior) {
    const r = await apps.where({ _id: id, status: 'rejected', round: prior.round }).update({ data: { ...fields, round: prior.round + 1 } });
    if (r.stats.updated !== 1) throw already();
    return { applicationId: id, status: 'pending' };
  }
  try {
    await apps.add({ data: { _id: id, _openid: openid, ...fields, round: 1, createdAt: now } });
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) throw already();
    throw e;
  }
  return { applicationId: id, status: 'pending' };
}

/** Operators: applications by status, oldest first (the pending ones are the review queue). */
export async function listApplications(ctx: StaffContext, input: ApplicationsInput): Promise<ApplicationsView> {
  const { data } = await ctx.db
    .collection<ApplicationRecord>(KOC_APPLICATIONS)
    .where({ status: input.status })
    .orderBy('updatedAt', input.status === 'pending' ? 'asc' : 'desc')
    .limit(input.limit)
    .get();
  const _ = ctx.db.command;
  const roles = data.length
    ? (await ctx.db.collection<KocRoleRecord>(KOC_ROLES_COLLECTION).where({ _id: _.in(data.map((a) => a._openid)) }).limit(data.length).get()).data
    : [];
  return { items: data.map((a) => toApplicationView(a, roles.find((r) => r._id === a._openid)?.roles ?? [])) };
}

async function loadApplication(ctx: UseCaseContext, id: string): Promise<ApplicationRecord> {
  const app = await getOrNull<ApplicationRecord>(ctx.db.collection<ApplicationRecord>(KOC_APPLICATIONS).doc(id));
  if (!app) throw new AppError('KOC_APPLICATION_NOT_FOUND', '没有找到这份申请');
  return app;
}

/**
 * An operator approves (granting roles) or rejects, always with a reason the member sees. The decision, the
 * roles and the audit entry commit together; only a pending application can be decided (the same decision
 * again answers `repeated`, a different one KOC_ALREADY_REVIEWED).
 */
export async function reviewApplication(ctx: StaffContext, input: ReviewApplicationInput) {
  const app = await loadApplication(ctx, input.applicationId);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  if (app.status !== 'pending') {
    if (app.status === status && app.reason === input.reason) return { application: toApplicationView(app, await kocRolesOf(ctx.db, app._openid)), repeated: true };
    throw new AppError('KOC_ALREADY_REVIEWED', '这份申请已经审核过了');
  }
  const now = ctx.clock.now();
  const granted = status === 'approved' ? ordered(input.roles) : [];
  await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<ApplicationRecord>(KOC_APPLICATIONS).doc(app._id);
    const current = await getOrNull<ApplicationRecord>(ref);
    if (!current || current.status !== 'pending' || current.round !== app.round) throw new AppError('KOC_ALREADY_REVIEWED', '这份申请已经审核过了');
    await ref.update({ data: { status, granted, reason: input.reason, reviewedBy: ctx.staff._id, reviewedAt: now, updatedAt: now } });
    if (granted.length) {
      const role: Omit<KocRoleRecord, '_id'> = { roles: granted, city: app.city, applicationId: app._id, updatedAt: now };
      await tx.collection(KOC_ROLES_COLLECTION).doc(app._openid).set({ data: role });
    }
    await appendAudit(tx, ctx.staff, { action: `koc.${input.decision}`, target: app._openid, detail: { applicationId: app._id, roles: granted, reason: input.reason } }, now);
  });
  const after = await loadApplication(ctx, app._id);
  return { application: toApplicationView(after, await kocRolesOf(ctx.db, app._openid)), repeated: false };
}

/**
 * An operator takes one role back, with a reason; it applies at the member's next call (roles are read per
 * request). Revoking a role the member does not hold changes nothing (`revoked: false`).
 */
export async function revokeRole(ctx: StaffContext, input: RevokeRoleInput) {
  const app = await loadApplication(ctx, input.applicationId);
  const now = ctx.clock.now();
  let revoked = false;
  await ctx.db.runTransaction(async (tx) => {
    revoked = false;
    const ref = tx.collection<KocRoleRecord>(KOC_ROLES_COLLECTION).doc(app._openid);
    const held = await getOrNull<KocRoleRecord>(ref);
    if (!held || !held.roles.includes(input.role)) return;
    await ref.update({ data: { roles: held.roles.filter((r) => r !== input.role), updatedAt: now } });
    await appendAudit(tx, ctx.staff, { action: 'koc.revoke', target: app._openid, detail: { applicationId: app._id, role: input.role, reason: input.reason } }, now);
    revoked = true;
  });
  return { application: toApplicationView(app, await kocRolesOf(ctx.db, app._openid)), revoked };
}
