import { createHash } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import { COMMUNITY_TOPICS } from '../community/community.record';
import type { TopicConfig } from '../community/community-config.schema';
import { ensureProfile, isOfficial, snapshotOf } from '../community/community-members.service';
import { checkText } from '../community/content-check.service';
import { authorView } from '../community/post-views';
import { addActivityInTx } from '../scoring/activity.service';
import { changesOf } from '../scoring/activity-events.rules';
import type { MemberContext, StaffContext } from '../shared/access';
import { appendAudit } from '../shared/audit';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import { readMemberCode } from '../staff/scan-member.service';
import { hasKocRole, requireKocRole } from './koc-roles';
import { EVENT_SIGNUPS, KOC_EVENTS, type EventRecord, type SignupRecord } from './koc.record';
import { attendanceOpen, judgeEventTimes, phaseOf } from './koc.rules';
import type { EventInput, EventsInput, EventsView, EventView, ProposeEventInput, ReviewEventInput, ScanAttendanceInput } from './koc.schema';

const eventIdOf = (openid: string, requestId: string) => `e${createHash('sha256').update(`event:${openid}:${requestId}`).digest('hex').slice(0, 12)}`;
const signupIdOf = (eventId: string, openid: string) => `${eventId}:${openid}`;

function toEventView(e: EventRecord, now: Date, mine: { signup: SignupRecord | null; hosting: boolean; canScan: boolean }): EventView {
  return {
    eventId: e._id,
    title: e.title,
    description: e.description,
    city: e.city,
    venue: e.venue,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    capacity: e.capacity,
    signedUp: Math.max(0, e.signedUp),
    attended: Math.max(0, e.attended),
    host: authorView(e.host),
    materials: e.materials,
    status: e.status,
    phase: phaseOf(e, now),
    review: e.review ? { reason: e.review.reason, materialsNote: e.review.materialsNote } : null,
    topic: { code: e.topic, name: e.title },
    mine: { signedUp: mine.signup?.status === 'signed', attended: mine.signup?.attendedAt != null, hosting: mine.hosting },
    canScan: mine.canScan,
  };
}

/** Views of events for one caller: their sign-ups in one query, their ambassador role in one read. */
async function viewsFor(ctx: UseCaseContext, events: EventRecord[]): Promise<EventView[]> {
  const openid = ctx.caller.openid;
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const [signups, ambassador] = await Promise.all([
    events.length
      ? ctx.db.collection<SignupRecord>(EVENT_SIGNUPS).where({ _id: _.in(events.map((e) => signupIdOf(e._id, openid))) }).limit(events.length).get()
      : Promise.resolve({ data: [] as SignupRecord[] }),
    events.some((e) => e.hostOpenid === openid) ? hasKocRole(ctx.db, openid, 'ambassador') : Promise.resolve(false),
  ]);
  return events.map((e) => {
    const hosting = e.hostOpenid === openid;
    return toEventView(e, now, {
      signup: signups.data.find((s) => s.eventId === e._id) ?? null,
      hosting,
      canScan: hosting && ambassador && attendanceOpen(e, now),
    });
  });
}

async function loadEvent(db: Database, eventId: string): Promise<EventRecord> {
  const e = await getOrNull<EventRecord>(db.collection<EventRecord>(KOC_EVENTS).doc(eventId));
  if (!e) throw new AppError('EVENT_NOT_FOUND', '没有找到这场活动');
  return e;
}

/** An approved event, or one the caller hosts, or any for an operator. */
async function visibleEvent(ctx: UseCaseContext, eventId: string): Promise<EventRecord> {
  const e = await loadEvent(ctx.db, eventId);
  if (e.status === 'approved' || e.hostOpenid === ctx.caller.openid || (await isOfficial(ctx.db, ctx.caller.openid))) return e;
  throw new AppError('EVENT_NOT_FOUND', '没有找到这场活动');
}

/**
 * A city ambassador proposes an offline event (品鉴会). The id derives from the host and the request id, so a
 * retry finds the same event. Checked like community text, then waits for an operator.
 */
export async function proposeEvent(ctx: MemberContext, input: ProposeEventInput): Promise<{ event: EventView; repeated: boolean }> {
  const openid = ctx.member._id;
  await requireKocRole(ctx.db, openid, 'ambassador');
  const id = eventIdOf(openid, input.requestId);
  const prior = await getOrNull<EventRecord>(ctx.db.collection<EventRecord>(KOC_EVENTS).doc(id));
  if (prior) return { event: (await viewsFor(ctx, [prior]))[0], repeated: true };
  const now = ctx.clock.now();
  const times = judgeEventTimes(input.startsAt, input.endsAt, now);
  if (!times.ok) throw new AppError('INVALID_INPUT', times.reason, times.field);
  await checkText(ctx, openid, [input.title, input.description, input.venue, input.materials].join('\n'), 'post');
  const profile = await ensureProfile(ctx.db, ctx.member, now);
  const event: Omit<EventRecord, '_id'> = {
    hostOpenid: openid,
    host: snapshotOf(ctx.member, profile, false),
    title: input.title,
    description: input.description,
    city: input.city,
    venue: input.venue,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    materials: input.materials,
    status: 'proposed',
    review: null,
    topic: `ev-${id}`,
    signedUp: 0,
    attended: 0,
    createdAt: now,
  };
  try {
    await ctx.db.collection(KOC_EVENTS).add({ data: { _id: id, ...event } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  return { event: (await viewsFor(ctx, [await loadEvent(ctx.db, id)]))[0], repeated: false };
}

/**
 * An operator approves (noting the materials the brand sends) or rejects, with a reason. Approval also opens
 * the event's topic in the community (its album), in the same transaction; audited.
 */
export async function reviewEvent(ctx: StaffContext, input: ReviewEventInput): Promise<{ event: EventView; repeated: boolean }> {
  const event = await loadEvent(ctx.db, input.eventId);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  if (event.status !== 'proposed') {
    if (event.status === status && event.review?.reason === input.reason) return { event: (await viewsFor(ctx, [event]))[0], repeated: true };
    throw new AppError('EVENT_ALREADY_REVIEWED', '这场活动已经审核过了');
  }
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<EventRecord>(KOC_EVENTS).doc(event._id);
    const current = await getOrNull<EventRecord>(ref);
    if (!current || current.status !== 'proposed') throw new AppError('EVENT_ALREADY_REVIEWED', '这场活动已经审核过了');
    await ref.update({ data: { status, review: _.set({ by: ctx.staff._id, at: now, reason: input.reason, materialsNote: input.materialsNote }) } });
    if (status === 'approved') {
      const topic: TopicConfig = { name: event.title, description: `线下活动「${event.title}」的相册`, status: 'active', origin: 'member', proposedBy: event.hostOpenid, sort: 100 };
      await tx.collection(COMMUNITY_TOPICS).doc(event.topic).set({ data: topic });
    }
    await appendAudit(tx, ctx.staff, { action: `koc.event.${input.decision}`, target: event.hostOpenid, detail: { eventId: event._id, reason: input.reason, materialsNote: input.materialsNote } }, now);
  });
  ctx.cache.invalidate(COMMUNITY_TOPICS);
  return { event: (await viewsFor(ctx, [await loadEvent(ctx.db, event._id)]))[0], repeated: false };
}

/** Upcoming approved events (members and visitors), the caller's sign-ups, or the events the caller hosts. */
export async function listEvents(ctx: UseCaseContext, input: EventsInput): Promise<EventsView> {
  const openid = ctx.caller.openid;
  const _ = ctx.db.command;
  const events = ctx.db.collection<EventRecord>(KOC_EVENTS);
  let items: EventRecord[];
  if (input.scope === 'hosting') {
    items = (await events.where({ hostOpenid: openid }).orderBy('startsAt', 'desc').limit(50).get()).data;
  } else if (input.scope === 'mine') {
    const signups = (await ctx.db.collection<SignupRecord>(EVENT_SIGNUPS).where({ _openid: openid, status: 'signed' }).orderBy('createdAt', 'desc').limit(50).get()).data;
    items = signups.length ? (await events.where({ _id: _.in(signups.map((s) => s.eventId)) }).limit(50).get()).data : [];
    items.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  } else if (input.scope === 'review') {
    if (!(await isOfficial(ctx.db, openid))) throw new AppError('FORBIDDEN', '此功能仅限品牌运营人员使用');
    items = (await events.where({ status: 'proposed' }).orderBy('startsAt', 'asc').limit(50).get()).data;
  } else {
    const since = new Date(ctx.clock.now().getTime() - 24 * 60 * 60 * 1000);
    items = (await events.where({ status: 'approved', startsAt: _.gte(since) }).orderBy('startsAt', 'asc').limit(50).get()).data;
  }
  const [views, canPropose] = await Promise.all([viewsFor(ctx, items), hasKocRole(ctx.db, openid, 'ambassador')]);
  return { items: views, canPropose };
}

export async function eventDetail(ctx: UseCaseContext, input: EventInput): Promise<EventView> {
  return (await viewsFor(ctx, [await visibleEvent(ctx, input.eventId)]))[0];
}

/**
 * A member signs up. The member's document first (its id makes a second sign-up a no-op), then
 * `signedUp < capacity` by a conditional update of the event; a full event removes the member's document again.
 * So capacity holds exactly under any number of concurrent sign-ups.
 */
export async function signUp(ctx: MemberContext, input: EventInput): Promise<{ event: EventView; repeated: boolean }> {
  const openid = ctx.member._id;
  const event = await visibleEvent(ctx, input.eventId);
  const id = signupIdOf(event._id, openid);
  const signups = ctx.db.collection<SignupRecord>(EVENT_SIGNUPS);
  const prior = await getOrNull<SignupRecord>(signups.doc(id));
  if (prior?.status === 'signed') return { event: (await viewsFor(ctx, [event]))[0], repeated: true };
  const now = ctx.clock.now();
  const phase = phaseOf(event, now);
  if (phase === 'full') throw new AppError('EVENT_FULL', '活动名额已满');
  if (phase !== 'open') throw new AppError('EVENT_CLOSED', '活动已开始或已结束，不能再报名');
  if (event.hostOpenid === openid) throw new AppError('EVENT_CLOSED', '你是本场活动的主理人，无需报名');
  try {
    await signups.add({ data: { _id: id, _openid: openid, eventId: event._id, status: 'joining', attendedAt: null, createdAt: now } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    throw new AppError('BUSY', '正在报名中，请稍后刷新');
  }
  try {
    const _ = ctx.db.command;
    const r = await ctx.db
      .collection<EventRecord>(KOC_EVENTS)
      .where({ _id: event._id, status: 'approved', signedUp: _.lt(event.capacity) })
      .update({ data: { signedUp: _.inc(1) } });
    if (r.stats.updated !== 1) throw new AppError('EVENT_FULL', '活动名额已满');
    await signups.where({ _id: id, status: 'joining' }).update({ data: { status: 'signed' } });
  } catch (e) {
    await signups.where({ _id: id, status: 'joining' }).remove();
    throw e;
  }
  return { event: (await viewsFor(ctx, [await loadEvent(ctx.db, event._id)]))[0], repeated: false };
}

/**
 * The host scans a member's code (read as the till reads it: the signed QR, or member number and the card's
 * digits) to record attendance. The
 * attendance, the event's count and the member's interaction bucket commit in one transaction; a second scan
 * of the same member changes nothing (`repeated`). Only the event's host, still holding the ambassador role,
 * within the event's hours.
 */
export async function scanAttendance(ctx: MemberContext, input: ScanAttendanceInput) {
  const host = ctx.member._id;
  const event = await loadEvent(ctx.db, input.eventId);
  if (event.hostOpenid !== host) throw new AppError('EVENT_NOT_HOST', '只有本场活动的主理人可以扫码签到');
  await requireKocRole(ctx.db, host, 'ambassador');
  const now = ctx.clock.now();
  if (!attendanceOpen(event, now)) throw new AppError('EVENT_CLOSED', '不在活动签到时间内（开始前 3 小时至结束后 3 小时）');
  const { member } = await readMemberCode(ctx, input, now);
  const id = signupIdOf(event._id, member._id);
  const day = businessDay(now);
  const _ = ctx.db.command;
  const repeated = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<SignupRecord>(EVENT_SIGNUPS).doc(id);
    const signup = await getOrNull<SignupRecord>(ref);
    if (!signup || signup.status !== 'signed') throw new AppError('EVENT_NOT_SIGNED_UP', '这位会员没有报名本场活动');
    if (signup.attendedAt) return true;
    await ref.update({ data: { attendedAt: now } });
    await tx.collection(KOC_EVENTS).doc(event._id).update({ data: { attended: _.inc(1) } });
    for (const c of changesOf({ kind: 'event_attended', member: member._id, day })) await addActivityInTx(tx, _, { openid: c.member, day: c.day, delta: c.delta }, now);
    return false;
  });
  const after = await loadEvent(ctx.db, event._id);
  return { nickname: member.nickname, memberNoTail: member.memberNo.slice(-4), repeated, attended: Math.max(0, after.attended) };
}

