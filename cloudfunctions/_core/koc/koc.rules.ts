/** Pure decisions of the KOC programme: event times, sign-up and attendance windows, the invitation scene. */
import type { EventRecord, KocRole } from './koc.record';

export const ROLE_NAMES: Record<KocRole, string> = { moderator: '社区管理员', campaign_host: '打卡活动主理人', ambassador: '城市体验官', co_creator: '共创发起人' };

const HOUR = 60 * 60 * 1000;
/** The host may scan from 3 hours before the start until 3 hours after the end (arrivals, late stragglers). */
export const ATTENDANCE_MARGIN_MS = 3 * HOUR;
export const MAX_EVENT_MS = 12 * HOUR;
/** An event is proposed at least a day ahead (the brand ships materials) and at most 90 days ahead. */
export const MIN_LEAD_MS = 24 * HOUR;
export const MAX_LEAD_MS = 90 * 24 * HOUR;

export type Verdict = { ok: true } | { ok: false; field: string; reason: string };

export function judgeEventTimes(startsAt: Date, endsAt: Date, now: Date): Verdict {
  const lead = startsAt.getTime() - now.getTime();
  if (lead < MIN_LEAD_MS) return { ok: false, field: 'startsAt', reason: '活动至少要提前 1 天申请，方便品牌准备物料' };
  if (lead > MAX_LEAD_MS) return { ok: false, field: 'startsAt', reason: '只能申请 90 天以内的活动' };
  const length = endsAt.getTime() - startsAt.getTime();
  if (length <= 0) return { ok: false, field: 'endsAt', reason: '结束时间要晚于开始时间' };
  if (length > MAX_EVENT_MS) return { ok: false, field: 'endsAt', reason: '一场活动最长 12 小时' };
  return { ok: true };
}

export type EventPhase = 'proposed' | 'rejected' | 'open' | 'full' | 'started' | 'ended';

/** Where an event stands for members: sign-up closes when it starts; attendance runs within the margin. */
export function phaseOf(e: Pick<EventRecord, 'status' | 'startsAt' | 'endsAt' | 'capacity' | 'signedUp'>, now: Date): EventPhase {
  if (e.status !== 'approved') return e.status;
  const t = now.getTime();
  if (t >= e.endsAt.getTime()) return 'ended';
  if (t >= e.startsAt.getTime()) return 'started';
  return e.signedUp >= e.capacity ? 'full' : 'open';
}

export function attendanceOpen(e: Pick<EventRecord, 'status' | 'startsAt' | 'endsAt'>, now: Date): boolean {
  const t = now.getTime();
  return e.status === 'approved' && t >= e.startsAt.getTime() - ATTENDANCE_MARGIN_MS && t <= e.endsAt.getTime() + ATTENDANCE_MARGIN_MS;
}

/**
 * The invitation's mini-program code carries `i=<public id>` as its scene: at most 32 characters of
 * wxacode.getUnlimited's alphabet, and no openid (the public id is not reversible).
 */
export const INVITE_PREFIX = 'i=';
export const SCENE_MAX = 32;

export function inviteScene(publicId: string): string {
  const scene = `${INVITE_PREFIX}${publicId}`;
  if (scene.length > SCENE_MAX || !/^[A-Za-z0-9_=-]+$/.test(scene)) throw new Error(`scene out of bounds: ${scene.length} characters`);
  return scene;
}

/** The public id in a scene as WeChat hands it to the page (percent-encoded or not); null when it is not ours. */
export function parseInviteScene(raw: string): string | null {
  let scene = raw;
  try {
    scene = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (!scene.startsWith(INVITE_PREFIX) || scene.length > SCENE_MAX) return null;
  const id = scene.slice(INVITE_PREFIX.length);
  return /^u[A-Za-z0-9_-]{16}$/.test(id) ? id : null;
}

/** A campaign a host runs: starts today or later, within 30 days, and its window can hold its days. */
export function judgeHostedCampaign(c: { from: string; to: string; days: number }, today: string, daysBetween: (a: string, b: string) => number): Verdict {
  if (c.from < today) return { ok: false, field: 'from', reason: '开始日期不能早于今天' };
  if (daysBetween(today, c.from) > 30) return { ok: false, field: 'from', reason: '只能发起 30 天内开始的活动' };
  if (c.to < c.from) return { ok: false, field: 'to', reason: '结束日期不能早于开始日期' };
  if (daysBetween(c.from, c.to) + 1 < c.days) return { ok: false, field: 'days', reason: '活动天数放不下要求的打卡天数' };
  if (daysBetween(c.from, c.to) + 1 > 90) return { ok: false, field: 'to', reason: '活动最长 90 天' };
  return { ok: true };
}
