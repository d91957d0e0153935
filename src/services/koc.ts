/** KOC programme calls (城市体验官, 社区管理员, 线下活动, 邀请卡) and their view types. */
import { callCloud, type CloudInput, type CloudOutput } from './cloud';
import type { TillCode } from './staff';

export type MyKoc = CloudOutput<'koc', 'mine'>;
export type KocRole = CloudInput<'koc', 'apply'>['wanted'][number];
export type ApplyInput = CloudInput<'koc', 'apply'>;
export type Application = CloudOutput<'koc', 'applications'>['items'][number];
export type KocEvent = CloudOutput<'koc', 'event'>;
export type EventsScope = NonNullable<CloudInput<'koc', 'events'>['scope']>;
export type ProposeEventInput = CloudInput<'koc', 'proposeEvent'>;
export type HostCampaignInput = CloudInput<'koc', 'hostCampaign'>;
export type InviteCard = CloudOutput<'koc', 'inviteCard'>;

export const kocService = {
  mine: () => callCloud('koc', 'mine'),
  apply: (input: ApplyInput) => callCloud('koc', 'apply', input),
  applications: (status: 'pending' | 'approved' | 'rejected') => callCloud('koc', 'applications', { status }),
  review: (applicationId: string, decision: 'approve' | 'reject', roles: KocRole[], reason: string) => callCloud('koc', 'review', { applicationId, decision, roles, reason }),
  revoke: (applicationId: string, role: KocRole, reason: string) => callCloud('koc', 'revoke', { applicationId, role, reason }),
  events: (scope: EventsScope) => callCloud('koc', 'events', { scope }),
  event: (eventId: string) => callCloud('koc', 'event', { eventId }),
  /** The same request id is the same event: reuse it when retrying one tap. */
  proposeEvent: (input: ProposeEventInput) => callCloud('koc', 'proposeEvent', input),
  reviewEvent: (eventId: string, decision: 'approve' | 'reject', reason: string, materialsNote: string) => callCloud('koc', 'reviewEvent', { eventId, decision, reason, materialsNote }),
  signUp: (eventId: string) => callCloud('koc', 'signUp', { eventId }),
  scanAttendance: (eventId: string, code: TillCode) => callCloud('koc', 'scanAttendance', { eventId, ...code }),
  hostCampaign: (input: HostCampaignInput) => callCloud('koc', 'hostCampaign', input),
  inviteCard: () => callCloud('koc', 'inviteCard'),
  resolveInvite: (scene: string) => callCloud('koc', 'resolveInvite', { scene }),
};

export const ROLE_OPTIONS: { role: KocRole; name: string; text: string }[] = [
  { role: 'ambassador', name: '城市体验官', text: '在你的城市发起线下品鉴会、交流会' },
  { role: 'moderator', name: '社区管理员', text: '处理举报与待审内容，维护社区氛围' },
  { role: 'campaign_host', name: '打卡活动主理人', text: '发起打卡活动，带大家一起坚持' },
  { role: 'co_creator', name: '共创发起人', text: '发起共创投票和新品测试，让会员参与产品决定' },
];
