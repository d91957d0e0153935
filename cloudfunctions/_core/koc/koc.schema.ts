import { z } from 'zod';
import { RequestId } from '../shared/idempotency';
import { ManualCode } from '../member/member-code.schema';
import { AuthorView } from '../community/community.schema';
import { TopicCode } from '../community/community-config.schema';

/** The consent text's version a member accepts when applying (what the application holds and why). */
export const KOC_CONSENT_VERSION = '2026-11-koc';

export const KocRoleInput = z.enum(['moderator', 'campaign_host', 'ambassador', 'co_creator'], { message: '请选择角色' });
const Reason = z.string().trim().min(2, '请写明理由（至少 2 个字）').max(200, '理由最多 200 个字');
export const ApplicationId = z.string().regex(/^a[A-Za-z0-9_-]{10,30}$/, '申请编号无效');
export const EventId = z.string().regex(/^e[a-f0-9]{12}$/, '活动编号无效');

/* ---------------------------------------------------------------- inputs */

export const ApplyInput = z.object({
  city: z.string().trim().min(2, '请填写所在城市').max(20, '城市最多 20 个字'),
  plan: z.string().trim().min(10, '请写写你想做什么（至少 10 个字）').max(300, '最多 300 个字'),
  links: z
    .array(z.string().trim().max(200, '链接最多 200 个字符').regex(/^https:\/\/[^\s]+$/, '链接须以 https:// 开头'))
    .max(3, '最多 3 个链接')
    .default([]),
  wanted: z.array(KocRoleInput).min(1, '请至少选择一个想承担的角色').max(3),
  consent: z.object({ accepted: z.literal(true, { message: '请先同意申请信息的使用说明' }), version: z.literal(KOC_CONSENT_VERSION, { message: '说明已更新，请重新阅读' }) }),
});
export type ApplyInput = z.output<typeof ApplyInput>;

export const ApplicationsInput = z.object({ status: z.enum(['pending', 'approved', 'rejected']).default('pending'), limit: z.number().int().min(1).max(50).default(20) });
export type ApplicationsInput = z.output<typeof ApplicationsInput>;

export const ReviewApplicationInput = z
  .object({
    applicationId: ApplicationId,
    decision: z.enum(['approve', 'reject']),
    roles: z.array(KocRoleInput).max(3).default([]),
    reason: Reason,
  })
  .refine((i) => i.decision === 'reject' || i.roles.length > 0, { message: '批准时请至少授予一个角色', path: ['roles'] });
export type ReviewApplicationInput = z.output<typeof ReviewApplicationInput>;

export const RevokeRoleInput = z.object({ applicationId: ApplicationId, role: KocRoleInput, reason: Reason });
export type RevokeRoleInput = z.output<typeof RevokeRoleInput>;

const When = z.iso.datetime({ offset: true, message: '时间格式无效' }).transform((s) => new Date(s));

export const ProposeEventInput = z.object({
  requestId: RequestId,
  title: z.string().trim().min(2, '请填写活动名称').max(20, '活动名称最多 20 个字'),
  description: z.string().trim().min(10, '请介绍一下活动（至少 10 个字）').max(500, '活动介绍最多 500 个字'),
  city: z.string().trim().min(2, '请填写城市').max(20, '城市最多 20 个字'),
  venue: z.string().trim().min(2, '请填写地点').max(60, '地点最多 60 个字'),
  startsAt: When,
  endsAt: When,
  capacity: z.number().int('人数须为整数').min(2, '至少 2 人').max(200, '最多 200 人'),
  materials: z.string().trim().max(200, '物料需求最多 200 个字').default(''),
});
export type ProposeEventInput = z.output<typeof ProposeEventInput>;

export const ReviewEventInput = z
  .object({
    eventId: EventId,
    decision: z.enum(['approve', 'reject']),
    reason: Reason,
    materialsNote: z.string().trim().max(200, '物料说明最多 200 个字').default(''),
  });
export type ReviewEventInput = z.output<typeof ReviewEventInput>;

export const EventInput = z.object({ eventId: EventId });
export type EventInput = z.output<typeof EventInput>;

export const EventsInput = z.object({ scope: z.enum(['upcoming', 'mine', 'hosting', 'review']).default('upcoming') });
export type EventsInput = z.output<typeof EventsInput>;

export const ScanAttendanceInput = z
  .object({ eventId: EventId, code: z.string().trim().min(1).max(512).optional(), manual: ManualCode.optional() })
  .refine((v) => (v.code === undefined) !== (v.manual === undefined), { message: '请扫码，或输入会员号和动态码', path: ['code'] });
export type ScanAttendanceInput = z.output<typeof ScanAttendanceInput>;

const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

export const HostCampaignInput = z.object({
  requestId: RequestId,
  title: z.string().trim().min(2, '请填写活动名称').max(30, '活动名称最多 30 个字'),
  description: z.string().trim().max(500, '活动说明最多 500 个字').default(''),
  topic: TopicCode,
  days: z.number().int('天数须为整数').min(1, '打卡天数至少为 1').max(60, '打卡天数最多 60 天'),
  from: Day,
  to: Day,
  capacity: z.number().int('名额须为整数').min(2, '名额至少 2 人').max(500, '名额最多 500 人'),
});
export type HostCampaignInput = z.output<typeof HostCampaignInput>;
export const HostCampaignView = z.object({ campaignId: z.string(), repeated: z.boolean() });

export const ResolveInviteInput = z.object({ scene: z.string().min(1).max(100, '邀请码无效') });
export type ResolveInviteInput = z.output<typeof ResolveInviteInput>;

/* ---------------------------------------------------------------- views */

export const RoleView = z.object({ role: KocRoleInput, name: z.string() });

export const MyKocView = z.object({
  joined: z.boolean(),
  roles: z.array(RoleView),
  application: z
    .object({
      status: z.enum(['pending', 'approved', 'rejected']),
      city: z.string(),
      plan: z.string(),
      wanted: z.array(RoleView),
      reason: z.string().nullable(),
      createdAt: z.string(),
      reviewedAt: z.string().nullable(),
    })
    .nullable(),
  /** Whether the caller may apply now (not when pending or already approved). */
  canApply: z.boolean(),
  consentVersion: z.string(),
});
export type MyKocView = z.output<typeof MyKocView>;

export const ApplyView = z.object({ applicationId: z.string(), status: z.literal('pending') });

export const ApplicationView = z.object({
  applicationId: z.string(),
  nickname: z.string(),
  city: z.string(),
  plan: z.string(),
  links: z.array(z.string()),
  wanted: z.array(RoleView),
  status: z.enum(['pending', 'approved', 'rejected']),
  /** Roles held now (after revocations). */
  roles: z.array(RoleView),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type ApplicationView = z.output<typeof ApplicationView>;
export const ApplicationsView = z.object({ items: z.array(ApplicationView) });
export type ApplicationsView = z.output<typeof ApplicationsView>;

export const ReviewApplicationView = z.object({ application: ApplicationView, repeated: z.boolean() });
export const RevokeRoleView = z.object({ application: ApplicationView, revoked: z.boolean() });

export const EventView = z.object({
  eventId: z.string(),
  title: z.string(),
  description: z.string(),
  city: z.string(),
  venue: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  signedUp: z.number().int(),
  attended: z.number().int(),
  host: AuthorView,
  materials: z.string(),
  status: z.enum(['proposed', 'approved', 'rejected']),
  phase: z.enum(['proposed', 'rejected', 'open', 'full', 'started', 'ended']),
  review: z.object({ reason: z.string(), materialsNote: z.string() }).nullable(),
  topic: z.object({ code: z.string(), name: z.string() }),
  mine: z.object({ signedUp: z.boolean(), attended: z.boolean(), hosting: z.boolean() }),
  /** Whether the caller may scan attendance now (the host, still an ambassador, within the window). */
  canScan: z.boolean(),
});
export type EventView = z.output<typeof EventView>;
export const EventsView = z.object({ items: z.array(EventView), canPropose: z.boolean() });
export type EventsView = z.output<typeof EventsView>;

export const ProposeEventView = z.object({ event: EventView, repeated: z.boolean() });
export const ReviewEventView = z.object({ event: EventView, repeated: z.boolean() });
export const SignUpView = z.object({ event: EventView, repeated: z.boolean() });
export const ScanAttendanceView = z.object({
  nickname: z.string(),
  memberNoTail: z.string(),
  repeated: z.boolean(),
  attended: z.number().int(),
});

export const InviteCardView = z.object({
  inviter: AuthorView,
  /** The mini-program code's image (a temporary URL). */
  codeUrl: z.string(),
  scene: z.string(),
});
export type InviteCardView = z.output<typeof InviteCardView>;
export const ResolveInviteView = z.object({ inviter: AuthorView.nullable() });
export type ResolveInviteView = z.output<typeof ResolveInviteView>;
