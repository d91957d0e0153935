/**
 * Product panels (新品测试官): an operator (or a member holding the KOC role co_creator, credited as host, with the
 * same validation) opens a panel with seats; an operator invites super users first (an
 * invitation holds a seat); members apply for the seats left. Seats are exact under any concurrency: a seat
 * is taken only by the conditional update `open > 0` on the panel. Panelists see early previews (only they
 * do) and send structured feedback once.
 */
import type { Database } from '../../_platform/database.port';
import { isDatabaseError } from '../../_platform/database.port';
import { idFor, isOfficial } from '../community/community-members.service';
import { canHost, checkHostText, hostFields, hostView, isKocHost } from './cocreate-host';
import { checkMemberImages, rejectHeld, startHeldChecks } from './cocreate-images.service';
import { HOLD_NOTES, holdAsOf, imageVisible, initialHold } from './cocreate-images.rules';
import { appendAudit } from '../shared/audit';
import { MEMBER_LAYERS, type MemberLayersRecord } from '../scoring/scoring.record';
import type { CocreatorContext, MemberContext, StaffContext } from '../shared/access';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import type { UseCaseContext } from '../shared/use-case-context';
import {
  PANEL_FEEDBACK,
  PANEL_MEMBERS,
  PANEL_PREVIEWS,
  PANELS,
  type PanelFeedbackRecord,
  type PanelMemberRecord,
  type PanelPreviewRecord,
  type PanelRecord,
} from './cocreate.record';
import type { ApplyView, FeedbackInput, InviteInput, InviteView, OpenPanelInput, PanelInput, PanelReportView, PanelsView, PanelView, PreviewInput } from './cocreate.schema';
import { checkFeedback, summarise } from './panel.rules';

const memberId = (panelId: string, openid: string) => `${panelId}:${openid}`;
/** Acceptances of one panel all write its document: under a burst they conflict and re-run. */
const ACCEPT_RETRIES = 12;
const CLOSE_RETRIES = 12;

async function loadPanel(db: Database, panelId: string): Promise<PanelRecord> {
  const panel = await getOrNull<PanelRecord>(db.collection<PanelRecord>(PANELS).doc(panelId));
  if (!panel) throw new AppError('PANEL_NOT_FOUND', '没有找到这个新品测试');
  return panel;
}

/** Published (not held for its image), not closed by an operator, before its deadline. */
const isOpen = (p: PanelRecord, now: Date) => !p.hold && !p.closedAt && now.getTime() < p.applyUntil.getTime();

/** A held panel is seen by its host and operators only; to anyone else it does not exist. */
async function visibleTo(ctx: UseCaseContext, panel: PanelRecord): Promise<void> {
  if (!panel.hold || panel.hostOpenid === ctx.caller.openid) return;
  if (!(await isOfficial(ctx.db, ctx.caller.openid))) throw new AppError('PANEL_NOT_FOUND', '没有找到这个新品测试');
}

/**
 * Managing a panel (inviting, previews, the report): operators any panel, a KOC co-creator only the panels they
 * host (the role is read per request, so a revoked host stops at once).
 */
function assertManages(ctx: CocreatorContext, panel: PanelRecord): void {
  if (isKocHost(ctx.staff) && panel.hostOpenid !== ctx.staff._id) throw new AppError('FORBIDDEN', '只有这个新品测试的发起人或品牌运营可以管理它');
}

const underReview = () => new AppError('COCREATE_UNDER_REVIEW', '这个新品测试还在审核中，通过后才能报名');

async function views(ctx: UseCaseContext, panels: PanelRecord[]): Promise<PanelView[]> {
  const openid = ctx.caller.openid;
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  const ids = panels.map((p) => p._id);
  const [mine, official] = await Promise.all([
    ids.length ? ctx.db.collection<PanelMemberRecord>(PANEL_MEMBERS).where({ _id: _.in(ids.map((id) => memberId(id, openid))) }).limit(1000).get() : Promise.resolve({ data: [] as PanelMemberRecord[] }),
    isOfficial(ctx.db, openid),
  ]);
  // Previews: panelists, the panel's host and operators.
  const seatedIn = ids.filter((id) => official || panels.some((p) => p._id === id && p.hostOpenid === openid) || mine.data.some((m) => m.panelId === id && m.status === 'seated'));
  const previews = seatedIn.length
    ? (await ctx.db.collection<PanelPreviewRecord>(PANEL_PREVIEWS).where({ panelId: _.in(seatedIn) }).orderBy('createdAt', 'desc').limit(100).get()).data
    : [];
  const urls = await imageUrls(ctx.storage, [...panels.map((p) => p.image), ...previews.flatMap((v) => v.images)]);
  return panels.map((p) => {
    const m = mine.data.find((x) => x.panelId === p._id) ?? null;
    const isHost = !!p.hostOpenid && p.hostOpenid === openid;
    return {
      panelId: p._id,
      title: p.title,
      productName: p.productName,
      description: p.description,
      image: p.image && imageVisible(p.imageCheck, isHost) ? (urls[p.image] ?? null) : null,
      host: hostView(p),
      manage: official,
      seats: p.seats,
      open: p.open,
      seated: p.seated,
      applyUntil: p.applyUntil.toISOString(),
      state: p.hold ? 'held' : isOpen(p, now) ? 'open' : 'closed',
      held: holdAsOf(p.hold, 'panel', p.applyUntil, now),
      hosting: isHost,
      mine: m && m.status !== 'applying' ? m.status : null,
      feedbackSent: m?.feedbackAt != null,
      questions: p.questions.map((q) => ({ id: q.id, kind: q.kind, label: q.label, options: q.options })),
      previews: previews
        .filter((v) => v.panelId === p._id)
        .map((v) => ({ previewId: v._id, title: v.title, body: v.body, images: v.images.map((i) => urls[i]).filter((u): u is string => !!u), createdAt: v.createdAt.toISOString() })),
    };
  });
}

export async function panelDetail(ctx: UseCaseContext, input: PanelInput): Promise<PanelView> {
  const panel = await loadPanel(ctx.db, input.panelId);
  await visibleTo(ctx, panel);
  return (await views(ctx, [panel]))[0];
}

/** The latest 20 panels; a held one only for its host and operators. */
export async function listPanels(ctx: UseCaseContext): Promise<PanelsView> {
  const [{ data }, canOpen, official] = await Promise.all([
    ctx.db.collection<PanelRecord>(PANELS).orderBy('createdAt', 'desc').limit(20).get(),
    canHost(ctx.db, ctx.caller.openid),
    isOfficial(ctx.db, ctx.caller.openid),
  ]);
  return { panels: await views(ctx, data.filter((p) => !p.hold || official || p.hostOpenid === ctx.caller.openid)), canOpen };
}

export async function openPanel(ctx: CocreatorContext, input: OpenPanelInput): Promise<PanelView> {
  const now = ctx.clock.now();
  if (input.applyUntil.getTime() <= now.getTime()) throw new AppError('INVALID_INPUT', '报名截止时间要晚于现在', 'applyUntil');
  const id = idFor('n', ctx.caller.openid, input.requestId);
  if (await getOrNull(ctx.db.collection(PANELS).doc(id))) return panelDetail(ctx, { panelId: id });
  const memberHost = isKocHost(ctx.staff);
  if (memberHost) await checkMemberImages(ctx, [input.image], () => 'image');
  await checkHostText(ctx, [input.title, input.productName, input.description, ...input.questions.flatMap((q) => [q.label, ...q.options])].join('\n'));
  // A member host's image waits for the media check; the panel is held until it passes (cocreate-images.service.ts).
  const hold = initialHold(memberHost, input.image ? 1 : 0);
  const record: Omit<PanelRecord, '_id'> = {
    title: input.title,
    productName: input.productName,
    description: input.description,
    image: input.image,
    ...(hold ? { imageCheck: 'pending' as const } : {}),
    hold,
    seats: input.seats,
    open: input.seats,
    invited: 0,
    seated: 0,
    applyUntil: input.applyUntil,
    questions: input.questions,
    createdBy: ctx.caller.openid,
    ...hostFields(ctx.staff),
    closedAt: null,
    createdAt: now,
  };
  try {
    await ctx.db.collection(PANELS).add({ data: { _id: id, ...record } });
    if (hold && input.image) await startHeldChecks(ctx, 'panel', id, ctx.staff._id, [input.image]);
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  return panelDetail(ctx, { panelId: id });
}

/** Takes one open seat of a panel not closed by an operator (booked as invited or seated): the only way a seat is taken. */
async function takeSeat(db: Database, panelId: string, as: 'invited' | 'seated'): Promise<boolean> {
  const _ = db.command;
  const r = await db.collection(PANELS).where({ _id: panelId, open: _.gt(0), closedAt: null }).update({ data: { open: _.inc(-1), [as]: _.inc(1) } });
  return r.stats.updated === 1;
}

async function giveBackSeat(db: Database, panelId: string, as: 'invited' | 'seated'): Promise<void> {
  const _ = db.command;
  await db.collection(PANELS).doc(panelId).update({ data: { open: _.inc(1), [as]: _.inc(-1) } });
}

/**
 * Invites up to `count` super users (highest score first) who are not on the panel yet; each invitation holds
 * a seat until the application deadline, so invited super users get theirs however many others apply.
 */
export async function invitePanel(ctx: CocreatorContext, input: InviteInput): Promise<InviteView> {
  const panel = await loadPanel(ctx.db, input.panelId);
  assertManages(ctx, panel);
  const now = ctx.clock.now();
  if (panel.hold) throw underReview();
  if (!isOpen(panel, now)) throw new AppError('PANEL_CLOSED', '报名已经截止，不能再邀请');
  const { data } = await ctx.db.collection<MemberLayersRecord>(MEMBER_LAYERS).where({ layers: 'super' }).limit(1000).get();
  const candidates = [...data].sort((a, b) => b.total - a.total || (a._id < b._id ? -1 : 1));
  let invited = 0;
  for (const c of candidates) {
    if (invited >= input.count) break;
    const ref = ctx.db.collection<PanelMemberRecord>(PANEL_MEMBERS).doc(memberId(panel._id, c._id));
    if (await getOrNull(ref)) continue;
    if (!(await takeSeat(ctx.db, panel._id, 'invited'))) break;
    const row: Omit<PanelMemberRecord, '_id'> = { _openid: c._id, panelId: panel._id, status: 'invited', via: 'invite', invitedAt: now, seatedAt: null, feedbackAt: null };
    try {
      await ctx.db.collection(PANEL_MEMBERS).add({ data: { _id: memberId(panel._id, c._id), ...row } });
      invited += 1;
    } catch (e) {
      await giveBackSeat(ctx.db, panel._id, 'invited');
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  ctx.log.info('panel.invited', { panelId: panel._id, invited });
  return { invited, panel: await panelDetail(ctx, input) };
}

/**
 * A member applies (or accepts an invitation). An invited member's seat is already held: accepting turns it
 * into theirs. Others take an open seat by the conditional update; a full panel removes their application
 * again. Applying twice is refused and writes nothing.
 */
export async function applyPanel(ctx: MemberContext, input: PanelInput): Promise<ApplyView> {
  const openid = ctx.member._id;
  const panel = await loadPanel(ctx.db, input.panelId);
  const now = ctx.clock.now();
  if (panel.hold) throw underReview();
  if (!isOpen(panel, now)) throw new AppError('PANEL_CLOSED', '测试官报名已经截止');
  const id = memberId(panel._id, openid);
  const members = ctx.db.collection<PanelMemberRecord>(PANEL_MEMBERS);
  const prior = await getOrNull<PanelMemberRecord>(members.doc(id));
  if (prior?.status === 'invited') {
    // Accepting re-reads the panel inside its transaction and moves the panel's counters there: a close that
    // committed first is seen (PANEL_CLOSED), one that commits during it conflicts on the panel and one of the
    // two re-runs, so no seat is taken after the close.
    const accepted = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<PanelMemberRecord>(PANEL_MEMBERS).doc(id);
      const seat = await getOrNull<PanelMemberRecord>(ref);
      if (seat?.status !== 'invited') return false;
      const panelRef = tx.collection<PanelRecord>(PANELS).doc(panel._id);
      const current = await getOrNull<PanelRecord>(panelRef);
      if (!current || !isOpen(current, now)) throw new AppError('PANEL_CLOSED', '测试官报名已经截止');
      await ref.update({ data: { status: 'seated', seatedAt: now } });
      await panelRef.update({ data: { invited: current.invited - 1, seated: current.seated + 1 } });
      return true;
    }, ACCEPT_RETRIES);
    if (accepted) return { panel: await panelDetail(ctx, input), via: 'invite' };
  }
  if (prior) throw new AppError('PANEL_ALREADY_JOINED', '你已经是这个新品测试的测试官');
  const row: Omit<PanelMemberRecord, '_id'> = { _openid: openid, panelId: panel._id, status: 'applying', via: 'apply', invitedAt: null, seatedAt: null, feedbackAt: null };
  try {
    await ctx.db.collection(PANEL_MEMBERS).add({ data: { _id: id, ...row } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    throw new AppError('PANEL_ALREADY_JOINED', '你已经报名过这个新品测试');
  }
  let seated = false;
  try {
    seated = await takeSeat(ctx.db, panel._id, 'seated');
  } finally {
    if (seated) await members.where({ _id: id, status: 'applying' }).update({ data: { status: 'seated', seatedAt: now } });
    else await members.where({ _id: id, status: 'applying' }).remove();
  }
  if (!seated && (await loadPanel(ctx.db, panel._id)).closedAt) throw new AppError('PANEL_CLOSED', '测试官报名已经截止');
  if (!seated) throw new AppError('PANEL_FULL', '测试官名额已满，下次早点来');
  return { panel: await panelDetail(ctx, input), via: 'apply' };
}

/** An operator or the panel's KOC host posts an early look that only its panelists (its host, operators) see. */
export async function postPreview(ctx: CocreatorContext, input: PreviewInput): Promise<PanelView> {
  const panel = await loadPanel(ctx.db, input.panelId);
  assertManages(ctx, panel);
  if (isKocHost(ctx.staff)) {
    if (panel.hold) throw underReview();
    // A member's previews are text: pictures would need the held flow of polls, and panelists see previews at once.
    if (input.images.length) throw new AppError('INVALID_INPUT', '发起人发布的抢先看暂不支持图片', 'images');
    await checkHostText(ctx, `${input.title}\n${input.body}`);
  }
  const id = idFor('w', ctx.caller.openid, input.requestId);
  const row: Omit<PanelPreviewRecord, '_id'> = { panelId: panel._id, title: input.title, body: input.body, images: input.images, createdAt: ctx.clock.now() };
  try {
    await ctx.db.collection(PANEL_PREVIEWS).add({ data: { _id: id, ...row } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
  }
  return panelDetail(ctx, input);
}

/** A panelist's structured feedback, checked against the panel's questions; once per panelist. */
export async function sendFeedback(ctx: MemberContext, input: FeedbackInput): Promise<PanelView> {
  const openid = ctx.member._id;
  const panel = await loadPanel(ctx.db, input.panelId);
  const seat = await getOrNull<PanelMemberRecord>(ctx.db.collection<PanelMemberRecord>(PANEL_MEMBERS).doc(memberId(panel._id, openid)));
  if (seat?.status !== 'seated') throw new AppError('NOT_PANELIST', '只有入选的测试官可以提交反馈');
  const verdict = checkFeedback(panel.questions, input.answers);
  if (!verdict.ok) throw new AppError('INVALID_INPUT', verdict.reason, verdict.field);
  const now = ctx.clock.now();
  const id = memberId(panel._id, openid);
  try {
    await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<PanelFeedbackRecord>(PANEL_FEEDBACK).doc(id);
      if (await getOrNull(ref)) throw new AppError('FEEDBACK_ALREADY_SENT', '你已经提交过反馈，谢谢！');
      await ref.set({ data: { _openid: openid, panelId: panel._id, answers: verdict.answers, createdAt: now } });
      await tx.collection(PANEL_MEMBERS).doc(id).update({ data: { feedbackAt: now } });
    });
  } catch (e) {
    if (isDatabaseError(e, 'duplicate-key')) throw new AppError('FEEDBACK_ALREADY_SENT', '你已经提交过反馈，谢谢！');
    throw e;
  }
  return panelDetail(ctx, input);
}

/** The summary of a panel's feedback for operators and its KOC host: average ratings, choice counts, the written answers. */
export async function panelReport(ctx: CocreatorContext, input: PanelInput): Promise<PanelReportView> {
  const panel = await loadPanel(ctx.db, input.panelId);
  assertManages(ctx, panel);
  const { data } = await ctx.db.collection<PanelFeedbackRecord>(PANEL_FEEDBACK).where({ panelId: panel._id }).orderBy('createdAt', 'asc').limit(1000).get();
  return { panel: (await views(ctx, [panel]))[0], responses: data.length, questions: summarise(panel.questions, data.map((f) => f.answers)) };
}

/**
 * An operator closes a panel's applications now (withdraws it), a KOC-hosted one included: nobody applies or
 * accepts an invitation any more; seats taken stay. Idempotent; closing a member's panel is audited.
 */
export async function closePanel(ctx: StaffContext, input: PanelInput): Promise<PanelView> {
  const panel = await loadPanel(ctx.db, input.panelId);
  const now = ctx.clock.now();
  // A held panel was never published: it stays unpublished, with the reason for its host.
  if (panel.hold) await rejectHeld(ctx.db, 'panel', panel._id, HOLD_NOTES.withdrawn('panel'));
  // One transaction on the panel, as acceptances are (applyPanel): whatever it counts as seated is final.
  const seated = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<PanelRecord>(PANELS).doc(panel._id);
    const current = await getOrNull<PanelRecord>(ref);
    if (!current || current.closedAt) return null;
    await ref.update({ data: { closedAt: now, seatedAtClose: current.seated } });
    return current.seated;
  }, CLOSE_RETRIES);
  if (seated !== null && panel.hostOpenid) await appendAudit(ctx.db, ctx.staff, { action: 'panel.close', target: panel.hostOpenid, detail: { panelId: panel._id, title: panel.title, seated } }, now);
  return panelDetail(ctx, input);
}
