import { randomBytes } from 'node:crypto';
import { releaseCommunityContent } from '../community/closed-account.service';
import { eraseUnpublishedOf } from '../cocreate/cocreate-images.service';
import { withdrawDisputesOf } from '../cocreate/community-rules.service';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { MESSAGE_OUTBOX, MESSAGE_SUBSCRIPTIONS } from '../messaging/outbox.record';
import type { MemberContext } from '../shared/access';
import { startBudget, type BatchOptions } from '../shared/batch-job';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { JobContext, UseCaseContext } from '../shared/use-case-context';
import { CLOUD_FILE_ID } from '../../_platform/storage.port';
import { countMemberDocuments, eraseCollection, memberDocuments, PERSONAL_ENTRIES } from './personal-data.service';
import {
  CLOSE_GRACE_DAYS,
  closeRequestId,
  EXPORT_INLINE_MAX_DOCS,
  exportRequestId,
  PRIVACY_REQUESTS,
  type CloseRequestRecord,
  type ExportRequestRecord,
} from './privacy.record';
import type { CloseAccountInput, CloseAccountView, ExportDataInput, ExportView, PrivacyStatusView, WithdrawConsentView } from './privacy.schema';

const DAY_MS = 86_400_000;

type Ctx = Pick<UseCaseContext, 'db' | 'storage' | 'clock'>;

/** Everything held about the member, as one JSON file in cloud storage; returns its fileID and size. */
async function writeExport(ctx: Ctx, openid: string, requestId: string): Promise<{ fileId: string; documents: number }> {
  const sections: Record<string, { 内容: string; documents: unknown[] }> = {};
  let documents = 0;
  for (const entry of PERSONAL_ENTRIES) {
    const docs = await memberDocuments(ctx.db, entry, openid);
    documents += docs.length;
    sections[entry.collection] = { 内容: entry.what, documents: docs };
  }
  const file = {
    说明: '这是我们保存的与你有关的全部数据（个人信息保护法第四十五条）。金额单位为分，时间为 UTC。',
    exportedAt: ctx.clock.now().toISOString(),
    collections: sections,
  };
  const { fileId } = await ctx.storage.upload({
    cloudPath: `privacy-exports/${openid}/${requestId}.json`,
    content: Buffer.from(JSON.stringify(file, null, 2)),
  });
  return { fileId, documents };
}

async function exportView(ctx: Ctx, r: ExportRequestRecord): Promise<ExportView> {
  const urls = r.fileId ? await ctx.storage.tempUrls([r.fileId]) : {};
  return { requestId: r.requestId, status: r.status, url: r.fileId ? (urls[r.fileId] ?? null) : null, documents: r.documents, createdAt: r.createdAt.toISOString() };
}

/**
 * A member asks for their data. A small account's file is prepared at once; a large one's by the privacy job
 * (status `pending` until then). The request id makes a double tap one export.
 */
export async function exportData(ctx: MemberContext, input: ExportDataInput): Promise<ExportView> {
  const openid = ctx.caller.openid;
  const ref = ctx.db.collection<ExportRequestRecord>(PRIVACY_REQUESTS).doc(exportRequestId(openid, input.requestId));
  const prior = await getOrNull<ExportRequestRecord>(ref);
  if (prior) return exportView(ctx, prior);
  const now = ctx.clock.now();
  const record: Omit<ExportRequestRecord, '_id'> = { _openid: openid, kind: 'export', requestId: input.requestId, status: 'pending', fileId: null, documents: 0, createdAt: now, readyAt: null };
  await ref.set({ data: { ...record } });
  if ((await countMemberDocuments(ctx.db, openid)) <= EXPORT_INLINE_MAX_DOCS) {
    const { fileId, documents } = await writeExport(ctx, openid, input.requestId);
    await ref.update({ data: { status: 'ready', fileId, documents, readyAt: ctx.clock.now() } });
    return exportView(ctx, { ...record, _id: exportRequestId(openid, input.requestId), status: 'ready', fileId, documents, readyAt: now });
  }
  return exportView(ctx, { ...record, _id: exportRequestId(openid, input.requestId) });
}

/**
 * Consent withdrawal: every unused message subscription is removed and every queued message cancelled, at
 * once; nothing more is sent until the member subscribes again (in the app, one consent per message).
 */
export async function withdrawMessageConsent(ctx: Pick<UseCaseContext, 'db' | 'clock'>, openid: string): Promise<WithdrawConsentView> {
  const _ = ctx.db.command;
  const subs = await ctx.db.collection(MESSAGE_SUBSCRIPTIONS).where({ _openid: openid }).remove();
  const queued = await ctx.db
    .collection(MESSAGE_OUTBOX)
    .where({ _openid: openid, status: _.in(['pending']) })
    .update({ data: { status: 'skipped', reason: 'consent_withdrawn', updatedAt: ctx.clock.now() } });
  return { subscriptionsRemoved: subs.stats.removed, messagesCancelled: queued.stats.updated };
}

export const withdrawConsent = (ctx: MemberContext): Promise<WithdrawConsentView> => withdrawMessageConsent(ctx, ctx.caller.openid);

/**
 * A member closes their account: erased after CLOSE_GRACE_DAYS (undo possible until then), and messages stop
 * at once. Asking again keeps the first date.
 */
export async function closeAccount(ctx: MemberContext, input: CloseAccountInput): Promise<CloseAccountView> {
  const openid = ctx.caller.openid;
  const now = ctx.clock.now();
  const closing = await ctx.db.runTransaction(async (tx) => {
    const tref = tx.collection<CloseRequestRecord>(PRIVACY_REQUESTS).doc(closeRequestId(openid));
    const prior = await getOrNull<CloseRequestRecord>(tref);
    if (prior && prior.status !== 'cancelled') {
      // Within the grace period the member may change their mind about their posts; once erasing, it is settled.
      const content = prior.status === 'scheduled' ? input.content : (prior.content ?? 'delete');
      if (content !== (prior.content ?? 'delete')) await tref.update({ data: { content } });
      return { eraseAfter: prior.eraseAfter, content };
    }
    const record: Omit<CloseRequestRecord, '_id'> = {
      _openid: openid,
      kind: 'close',
      status: 'scheduled',
      requestedAt: now,
      eraseAfter: new Date(now.getTime() + CLOSE_GRACE_DAYS * DAY_MS),
      anonId: `anon-${randomBytes(12).toString('hex')}`,
      content: input.content,
    };
    await tref.set({ data: { ...record } });
    return { eraseAfter: record.eraseAfter, content: input.content };
  });
  await withdrawMessageConsent(ctx, openid);
  return { eraseAfter: new Date(closing.eraseAfter).toISOString(), graceDays: CLOSE_GRACE_DAYS, content: closing.content };
}

/** Undoes a closing within the grace period (one conditional update: the job may be starting the erasure). */
export async function cancelClose(ctx: MemberContext): Promise<PrivacyStatusView> {
  const res = await ctx.db
    .collection(PRIVACY_REQUESTS)
    .where({ _id: closeRequestId(ctx.caller.openid), status: 'scheduled' })
    .update({ data: { status: 'cancelled' } });
  if (res.stats.updated !== 1) throw new AppError('CLOSE_NOT_UNDOABLE', '没有可以撤销的注销申请（可能已经开始注销）');
  return privacyStatus(ctx);
}

export async function privacyStatus(ctx: MemberContext): Promise<PrivacyStatusView> {
  const openid = ctx.caller.openid;
  const [exports, closing, subs] = await Promise.all([
    ctx.db.collection<ExportRequestRecord>(PRIVACY_REQUESTS).where({ _openid: openid, kind: 'export' }).orderBy('createdAt', 'desc').limit(5).get(),
    getOrNull<CloseRequestRecord>(ctx.db.collection<CloseRequestRecord>(PRIVACY_REQUESTS).doc(closeRequestId(openid))),
    ctx.db.collection(MESSAGE_SUBSCRIPTIONS).where({ _openid: openid }).count(),
  ]);
  const now = ctx.clock.now();
  return {
    exports: await Promise.all(exports.data.map((r) => exportView(ctx, r))),
    closing:
      closing && closing.status !== 'cancelled'
        ? {
            status: closing.status,
            eraseAfter: new Date(closing.eraseAfter).toISOString(),
            canUndo: closing.status === 'scheduled' && now < new Date(closing.eraseAfter),
            content: closing.content ?? 'delete',
          }
        : null,
    activeSubscriptions: subs.total,
    heldData: PERSONAL_ENTRIES.map((e) => e.what),
  };
}

/** Erases one member (resumable: every step is idempotent; the member document and the request go last). */
export async function eraseMember(ctx: JobContext, req: CloseRequestRecord): Promise<void> {
  const openid = req._openid;
  const member = await getOrNull<MemberRecord>(ctx.db.collection<MemberRecord>(MEMBERS).doc(openid));
  if (member && CLOUD_FILE_ID.test(member.avatarUrl)) await ctx.storage.remove([member.avatarUrl]);
  const last = new Set([MEMBERS, PRIVACY_REQUESTS]);
  // Posts and comments first: other members' records naming the member are rewritten, and kept content moves away.
  await releaseCommunityContent(ctx.db, openid, req.anonId, req.content === 'keep_anonymous');
  // Polls and panels they hosted that were never published: never will be, and their images go.
  await eraseUnpublishedOf(ctx, openid);
  // Their rule disputes leave with their counts (the generic erasure below would leave the counters behind).
  await withdrawDisputesOf(ctx.db, openid);
  for (const entry of PERSONAL_ENTRIES.filter((e) => !last.has(e.collection))) await eraseCollection(ctx.db, entry, openid, req.anonId);
  const exports = await ctx.db.collection<ExportRequestRecord>(PRIVACY_REQUESTS).where({ _openid: openid, kind: 'export' }).limit(1000).get();
  const files = exports.data.map((e) => e.fileId).filter((f): f is string => f !== null);
  if (files.length) await ctx.storage.remove(files);
  for (const entry of PERSONAL_ENTRIES.filter((e) => last.has(e.collection))) await eraseCollection(ctx.db, entry, openid, req.anonId);
  ctx.log.info('privacy.erased', { anonId: req.anonId });
}

/** Run by the admin nightly trigger: prepares pending exports and erases accounts whose grace period has passed. */
export async function privacyJob(ctx: JobContext, opts: BatchOptions = {}): Promise<{ exports: number; erased: number; done: boolean }> {
  const budget = startBudget(opts);
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  let exports = 0;
  let erased = 0;
  const pending = await ctx.db.collection<ExportRequestRecord>(PRIVACY_REQUESTS).where({ kind: 'export', status: 'pending' }).limit(100).get();
  for (const r of pending.data) {
    if (budget.spent()) return { exports, erased, done: false };
    const { fileId, documents } = await writeExport(ctx, r._openid, r.requestId);
    await ctx.db.collection(PRIVACY_REQUESTS).doc(r._id).update({ data: { status: 'ready', fileId, documents, readyAt: ctx.clock.now() } });
    exports++;
  }
  const due = await ctx.db
    .collection<CloseRequestRecord>(PRIVACY_REQUESTS)
    .where({ kind: 'close', status: _.in(['scheduled', 'erasing']), eraseAfter: _.lte(now) })
    .limit(100)
    .get();
  for (const r of due.data) {
    if (budget.spent()) return { exports, erased, done: false };
    // Only a request still scheduled (not cancelled at this moment) moves to erasing; erasing ones resume.
    if (r.status === 'scheduled') {
      const moved = await ctx.db.collection(PRIVACY_REQUESTS).where({ _id: r._id, status: 'scheduled' }).update({ data: { status: 'erasing' } });
      if (moved.stats.updated !== 1) continue;
    }
    await eraseMember(ctx, r);
    erased++;
  }
  return { exports, erased, done: pending.data.length < 100 && due.data.length < 100 };
}
