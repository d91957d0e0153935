/**
 * Images in polls and panels a KOC co-creator hosts. A member's images pass WeChat's asynchronous image check
 * exactly as a post's do (community/media-check.service.ts: one `media_checks` row per image, the verdict by
 * message push): until every image passed, the poll or panel is held (`hold`, a poll's status `held`): only its
 * host and operators see it, nobody votes or applies. All pass → published; a risky image → not published,
 * the host sees why; a `review` → the moderation queue (case `poll:<id>` / `panel:<id>`), published when a
 * moderator approves. Still held at its closing time → never published. Operators' images are the brand's and
 * never wait.
 */
import type { DbCommand, Transaction } from '../../_platform/database.port';
import type { MediaCheckResult } from '../../_platform/openapi.port';
import { CLOUD_FILE_ID } from '../../_platform/storage.port';
import { startMediaChecks } from '../community/media-check.service';
import { openCase } from '../community/moderation-cases';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import { imageUrls } from '../shared/images';
import type { JobContext, UseCaseContext } from '../shared/use-case-context';
import { allPassed, HOLD_NOTES, type HeldKind } from './cocreate-images.rules';
import { PANELS, POLLS, type ImageHold, type PanelRecord, type PollRecord } from './cocreate.record';

/**
 * A member host's images, checked the way createPost checks a post's: cloud files the app uploaded (no outside
 * links: WeChat checks files in cloud storage) that exist. `field(i)` names the input field of image i.
 */
export async function checkMemberImages(ctx: UseCaseContext, images: readonly (string | null)[], field: (i: number) => string): Promise<void> {
  const bad = images.findIndex((f) => f !== null && !CLOUD_FILE_ID.test(f));
  if (bad >= 0) throw new AppError('INVALID_INPUT', '图片须先上传到云存储', field(bad));
  const refs = images.filter((f): f is string => f !== null);
  if (!refs.length) return;
  // tempUrls doubles as the existence check: a fileID that names no file has no URL.
  const urls = await imageUrls(ctx.storage, refs);
  const missing = images.findIndex((f) => f !== null && !urls[f]);
  if (missing >= 0) throw new AppError('IMAGE_INVALID', '有图片没有上传成功，请重新选择', field(missing));
}

/** Sends a new held poll's or panel's images to the media check (once, after its record was written). */
export async function startHeldChecks(ctx: JobContext, kind: HeldKind, id: string, hostOpenid: string, fileIds: readonly string[]): Promise<void> {
  await startMediaChecks(ctx, { target: kind, targetId: id, openid: hostOpenid, fileIds });
}

/** The collection of a poll or a panel. */
const heldCollection = (db: JobContext['db'], kind: HeldKind) => (kind === 'poll' ? db.collection<PollRecord | PanelRecord>(POLLS) : db.collection<PollRecord | PanelRecord>(PANELS));

const heldWhere = (_: DbCommand, kind: HeldKind, id: string, states: ImageHold['state'][]) =>
  kind === 'poll' ? { _id: id, status: 'held', 'hold.state': _.in(states) } : { _id: id, 'hold.state': _.in(states) };

/** Ends a hold for good with the host's note; only from the given states (a published one stays published). */
export async function rejectHeld(db: JobContext['db'], kind: HeldKind, id: string, note: string, from: ImageHold['state'][] = ['checking', 'review']): Promise<boolean> {
  const rejected: ImageHold = { state: 'rejected', note };
  const r = await heldCollection(db, kind).where(heldWhere(db.command, kind, id, from)).update({ data: { hold: db.command.set(rejected) } });
  return r.stats.updated === 1;
}

/**
 * Publishes a held poll or panel whose hold is in `from`, once (a conditional write), unless its closing time
 * has come: then it is rejected instead (a poll still held at its closing time never opens).
 */
async function publishHeld(db: JobContext['db'], kind: HeldKind, id: string, now: Date, from: ImageHold['state'][]): Promise<'published' | 'late' | 'unchanged'> {
  const _ = db.command;
  const timeField = kind === 'poll' ? 'closesAt' : 'applyUntil';
  const r = await heldCollection(db, kind)
    .where({ ...heldWhere(_, kind, id, from), [timeField]: _.gt(now) })
    .update({ data: kind === 'poll' ? { status: 'open', hold: null } : { hold: null } });
  if (r.stats.updated === 1) return 'published';
  return (await rejectHeld(db, kind, id, HOLD_NOTES.late(kind), from)) ? 'late' : 'unchanged';
}

/** One image of a held poll or panel answered (the verdict is already recorded once: answerMediaCheck). */
export async function onHostedImageChecked(ctx: JobContext, kind: HeldKind, id: string, fileId: string, r: MediaCheckResult): Promise<string> {
  const now = ctx.clock.now();
  const col = heldCollection(ctx.db, kind);
  const record = await getOrNull(col.doc(id));
  if (!record) return 'gone';
  if (kind === 'poll') {
    const idx = (record as PollRecord).options.flatMap((o, i) => (o.image === fileId ? [i] : []));
    if (!idx.length) return 'gone';
    await col.doc(id).update({ data: Object.fromEntries(idx.map((i) => [`options.${i}.check`, r.suggest])) });
  } else {
    if ((record as PanelRecord).image !== fileId) return 'gone';
    await col.doc(id).update({ data: { imageCheck: r.suggest } });
  }
  if (r.suggest === 'risky') return (await rejectHeld(ctx.db, kind, id, HOLD_NOTES.risky(kind))) ? 'rejected' : 'unchanged';
  if (r.suggest === 'review') {
    const held = await col.where(heldWhere(ctx.db.command, kind, id, ['checking'])).update({ data: { 'hold.state': 'review', 'hold.note': HOLD_NOTES.review } });
    if (held.stats.updated !== 1) return 'unchanged';
    await openCase(ctx.db, { target: kind, targetId: id, openid: record.hostOpenid ?? '', reason: 'media_review', preview: `${record.hostName ?? ''}发起：${record.title}` }, now);
    return 'review';
  }
  // Passed: published once every image passed (each verdict wrote its own check before this read).
  const fresh = await getOrNull(col.doc(id));
  if (!fresh) return 'gone';
  const checks = kind === 'poll' ? (fresh as PollRecord).options.map((o) => o.check) : [(fresh as PanelRecord).imageCheck];
  if (!allPassed(checks)) return 'checking';
  return publishHeld(ctx.db, kind, id, now, ['checking']);
}

/**
 * A moderator's decision on a held poll's or panel's images, inside decideCase's transaction: approve publishes
 * it (its images count as passed; past its closing time it is not published), hide ends it with the note. Only
 * a poll or panel waiting for review changes; a decision on one already published or rejected changes nothing.
 */
export async function decideHeldInTx(tx: Transaction, _: DbCommand, kind: HeldKind, id: string, decision: 'approve' | 'hide', note: string | null, now: Date): Promise<boolean> {
  const ref = kind === 'poll' ? tx.collection<PollRecord | PanelRecord>(POLLS).doc(id) : tx.collection<PollRecord | PanelRecord>(PANELS).doc(id);
  const record = await getOrNull(ref);
  if (!record) throw new AppError(kind === 'poll' ? 'POLL_NOT_FOUND' : 'PANEL_NOT_FOUND', kind === 'poll' ? '没有找到这个投票' : '没有找到这个新品测试');
  if (record.hold?.state !== 'review') return false;
  if (decision === 'hide') {
    await ref.update({ data: { hold: _.set({ state: 'rejected', note: HOLD_NOTES.refused(note ?? '图片不符合社区规范') }) } });
    return true;
  }
  const closesAt = kind === 'poll' ? (record as PollRecord).closesAt : (record as PanelRecord).applyUntil;
  if (closesAt.getTime() <= now.getTime()) {
    await ref.update({ data: { hold: _.set({ state: 'rejected', note: HOLD_NOTES.late(kind) }) } });
    return true;
  }
  if (kind === 'poll') {
    const options = (record as PollRecord).options.map((o) => (o.check ? { ...o, check: 'pass' } : o));
    await ref.update({ data: { status: 'open', hold: null, options: _.set(options) } });
  } else {
    await ref.update({ data: { hold: null, imageCheck: 'pass' } });
  }
  return true;
}

/**
 * A closing host's polls and panels that were never published (held, or refused): they never will be, and the
 * images nobody else saw are deleted from storage. Published ones keep their images (members voted on them)
 * and are anonymised like the rest (personal-data.map.ts).
 */
export async function eraseUnpublishedOf(ctx: JobContext, openid: string): Promise<number> {
  const [polls, panels] = await Promise.all([
    ctx.db.collection<PollRecord>(POLLS).where({ hostOpenid: openid, status: 'held' }).limit(1000).get(),
    ctx.db.collection<PanelRecord>(PANELS).where({ hostOpenid: openid }).limit(1000).get(),
  ]);
  const held = [
    ...polls.data.map((p) => ({ kind: 'poll' as const, id: p._id, files: p.options.flatMap((o) => (o.image ? [o.image] : [])) })),
    ...panels.data.filter((p) => p.hold).map((p) => ({ kind: 'panel' as const, id: p._id, files: p.image ? [p.image] : [] })),
  ];
  for (const h of held) {
    await rejectHeld(ctx.db, h.kind, h.id, HOLD_NOTES.erased(h.kind));
    const files = h.files.filter((f) => CLOUD_FILE_ID.test(f));
    if (files.length) await ctx.storage.remove(files);
  }
  return held.length;
}
