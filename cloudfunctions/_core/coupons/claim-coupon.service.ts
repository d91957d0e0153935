import { storesConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { createHash } from 'node:crypto';
import { isDatabaseError, type Database } from '../../_platform/database.port';
import type { MemberContext } from '../shared/access';
import { describeError, redactOpenid } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import { AppError } from '../shared/errors';
import type { UseCaseContext } from '../shared/use-case-context';
import {
  COUPON_HOLDINGS,
  COUPON_STOCK,
  COUPONS,
  type CouponHoldingRecord,
  type CouponRecord,
  type CouponStockRecord,
} from './coupon.record';
import { layersOf } from '../scoring/member-layers';
import { judgeClaim, judgeIssue, judgeLimits, remindOn, validityDays, type ClaimVerdict } from './coupon.rules';
import type { ClaimInput, ClaimView, CouponChannel, CouponTemplate } from './coupon.schema';
import { loadTemplate } from './coupon-templates.service';
import { toCouponView } from './coupon-views.service';

/**
 * Issuing a coupon: a saga of conditional single-document writes, never a transaction on the hot stock document
 * (with 1,000 claimers, most transactions would conflict and fail; DESIGN principle 2).
 *
 *   1. add `coupons/{id}` with status `claiming`. The id is a hash of the source (caller + requestId for a claim,
 *      the caller's sourceKey for issueCoupon), so a retry or a concurrent duplicate hits duplicate-key and
 *      waits for / returns the first one instead of issuing again.
 *   2. take the member's holding: `coupon_holdings/{templateId}:{openid}` +1 only `where` held < perMember (and the
 *      day's count < perMemberPerDay, the day resetting at Beijing midnight); created on first claim.
 *   3. take stock: `coupon_stock/{templateId}` issued +1 only `where` issued < total; `stats.updated === 1`.
 *   4. finalize: `claiming` → `unused` (conditional on still being `claiming`).
 *
 * Any failure after step 1 compensates, in this order, each step at most once: flip the document `claiming` →
 * `void` (only the flipper gives back, so two compensations can't both run), give back the stock, give back
 * the holding, remove the `void` document. Counters are given back before the document goes, so at every
 * instant `issued` ≤ the number of coupon documents of the template (claiming and void included); the daily
 * reconciler relies on that: it removes claiming/void documents older than RECONCILE_AFTER_MS (a crash
 * mid-claim or mid-compensation) and recounts `issued` and the member's holding from the documents, lowering
 * them with a compare-and-set on `ops` (every change bumps it), so a counter left high is repaired and an
 * in-flight claim is never undercounted.
 */

export const RECONCILE_AFTER_MS = 10 * 60_000;
/** Waits for a concurrent duplicate of the same request to finish before answering BUSY. */
const SETTLE_WAITS_MS = [5, 10, 20, 40, 80, 160];
const COUNTER_ATTEMPTS = 4;

type CoreContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'cache'>;

export interface IssueRequest {
  templateId: string;
  openid: string;
  channel: CouponChannel;
  /** What this coupon is for (e.g. `mall:<orderNo>`, `birthday:<openid>:2026`): the same key issues once. */
  sourceKey: string;
}

export interface IssueResult {
  coupon: CouponRecord;
  repeated: boolean;
}

export const couponIdFor = (sourceKey: string) => createHash('sha256').update(sourceKey, 'utf8').digest().subarray(0, 18).toString('base64url');

/** `coupons.claim`: eligibility (audience, claim window), then the saga. */
export async function claimCoupon(ctx: MemberContext, input: ClaimInput): Promise<ClaimView> {
  const openid = ctx.caller.openid;
  const sourceKey = `claim:${openid}:${input.requestId}`;
  const id = couponIdFor(sourceKey);
  const today = businessDay(ctx.clock.now());
  // Read before any change: a failure after the saga must never answer "failed" for a coupon that exists.
  const [prior, stores] = await Promise.all([
    getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(id)),
    loadConfig(ctx, storesConfig),
  ]);
  if (prior) {
    const settled = await settle(ctx.db, id, openid, input.templateId);
    if (settled) return { coupon: toCouponView(settled, today, stores), repeated: true };
  }
  const template = await loadTemplate(ctx, input.templateId);
  if (!template) throw new AppError('COUPON_NOT_FOUND', '找不到这张券');
  const layers = template.audience.layers ? await layersOf(ctx.db, openid) : [];
  const facts = { tierCode: ctx.member.tierCode, memberNo: ctx.member.memberNo, joinedDay: businessDay(ctx.member.createdAt), layers };
  // Counts are the counters' job (step 2, 3); here only who and when.
  fail(judgeClaim(template, facts, today, { remaining: 1, held: 0, heldToday: 0 }));
  const r = await runSaga(ctx, template, { templateId: template.id, openid, channel: 'claim_center', sourceKey }, id);
  return { coupon: toCouponView(r.coupon, businessDay(ctx.clock.now()), stores), repeated: r.repeated };
}

/**
 * For other features (mall points exchange, birthday gifts, campaigns): issues one coupon of `templateId` to
 * `openid` through `channel`, holding stock and per-member limits; idempotent on `sourceKey`. Call it after
 * the caller's own transaction commits (it can't run inside one), and retry with the same key on failure.
 * Audience and claim window are the caller's business. Throws AppError with COUPON_* codes.
 */
export async function issueCoupon(ctx: CoreContext, req: IssueRequest): Promise<IssueResult> {
  const id = couponIdFor(`src:${req.sourceKey}`);
  const prior = await getOrNull<CouponRecord>(ctx.db.collection<CouponRecord>(COUPONS).doc(id));
  if (prior) {
    const settled = await settle(ctx.db, id, req.openid, req.templateId);
    if (settled) return { coupon: settled, repeated: true };
  }
  const template = await loadTemplate(ctx, req.templateId);
  if (!template) throw new AppError('COUPON_NOT_FOUND', '找不到这张券');
  fail(judgeIssue(template, req.channel, businessDay(ctx.clock.now())));
  return runSaga(ctx, template, req, id);
}

function fail(v: ClaimVerdict): void {
  if (!v.ok) throw new AppError(v.code, v.reason);
}

async function runSaga(ctx: CoreContext, template: CouponTemplate, req: IssueRequest, id: string): Promise<IssueResult> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const today = businessDay(now);
  const { validFrom, validTo } = validityDays(template, today);
  const record: CouponRecord = {
    _id: id,
    _openid: req.openid,
    templateId: template.id,
    channel: req.channel,
    sourceKey: req.sourceKey,
    status: 'claiming',
    title: template.title,
    description: template.description,
    kind: template.kind,
    stores: template.stores,
    validFrom,
    validTo,
    remindOn: remindOn(template.remindDaysBefore, validTo, today),
    undoMinutes: template.undoMinutes,
    claimDay: today,
    claimedAt: now,
    updatedAt: now,
    usedAt: null,
    redemptionNo: null,
  };
  const coupons = db.collection<CouponRecord>(COUPONS);

  // 1. the claim document
  try {
    await coupons.add({ data: { ...record } });
  } catch (e) {
    if (!isDatabaseError(e, 'duplicate-key')) throw e;
    const settled = await settle(db, id, req.openid, req.templateId);
    if (settled) return { coupon: settled, repeated: true };
    throw new AppError('BUSY', '人有点多，请稍后再试');
  }

  let heldDay: string | null = null;
  let tookStock = false;
  try {
    // 2. the member's limits, before stock: a member over the limit never touches the hot document.
    const holding = await takeHolding(db, template, req.openid, today);
    if (!holding.ok) throw new AppError(holding.code, holding.reason);
    heldDay = today;
    // 3. stock
    if (!(await takeStock(db, template))) throw new AppError('COUPON_SOLD_OUT', '已领完');
    tookStock = true;
    // 4. finalize
    const fin = await coupons.where({ _id: id, status: 'claiming' }).update({ data: { status: 'unused', updatedAt: now } });
    if (fin.stats.updated !== 1) throw new Error('claim document is no longer claiming');
    return { coupon: { ...record, status: 'unused' }, repeated: false };
  } catch (e) {
    await compensate(ctx, record, tookStock, heldDay);
    throw e;
  }
}

/** Gives back what a failed claim took. Never throws: what it can't finish, the daily reconciler does. */
async function compensate(ctx: CoreContext, record: CouponRecord, tookStock: boolean, heldDay: string | null): Promise<void> {
  const db = ctx.db;
  const _ = db.command;
  try {
    const flip = await db.collection(COUPONS).where({ _id: record._id, status: 'claiming' }).update({ data: { status: 'void' } });
    if (flip.stats.updated !== 1) {
      ctx.log.error('coupon.compensate.skipped', { coupon: record._id, why: 'not claiming (finalized or already compensated)' });
      return;
    }
    if (tookStock) {
      await db.collection(COUPON_STOCK).where({ _id: record.templateId, issued: _.gt(0) }).update({ data: { issued: _.inc(-1), ops: _.inc(1) } });
    }
    if (heldDay !== null) {
      const holdings = db.collection(COUPON_HOLDINGS);
      const hid = holdingId(record.templateId, record._openid);
      const sameDay = await holdings
        .where({ _id: hid, day: heldDay, dayCount: _.gt(0), held: _.gt(0) })
        .update({ data: { held: _.inc(-1), dayCount: _.inc(-1), ops: _.inc(1) } });
      if (sameDay.stats.updated !== 1) {
        await holdings.where({ _id: hid, held: _.gt(0) }).update({ data: { held: _.inc(-1), ops: _.inc(1) } });
      }
    }
    await db.collection(COUPONS).where({ _id: record._id, status: 'void' }).remove();
  } catch (e) {
    ctx.log.error('coupon.compensate.failed', { coupon: record._id, member: redactOpenid(record._openid), err: describeError(e) });
  }
}

/**
 * Returns the settled coupon for a repeated request: waits while a concurrent duplicate is still in flight.
 * null = no document (a failed earlier attempt gave everything back): the caller may issue afresh.
 */
async function settle(db: Database, id: string, openid: string, templateId: string): Promise<CouponRecord | null> {
  for (let i = 0; ; i++) {
    const doc = await getOrNull<CouponRecord>(db.collection<CouponRecord>(COUPONS).doc(id));
    if (!doc) return null;
    if (doc._openid !== openid || doc.templateId !== templateId) {
      throw new AppError('INVALID_INPUT', '请求编号已用于另一张券', 'requestId');
    }
    if (doc.status !== 'claiming' && doc.status !== 'void') return doc;
    if (i >= SETTLE_WAITS_MS.length) throw new AppError('BUSY', '人有点多，请稍后再试');
    await new Promise((r) => setTimeout(r, SETTLE_WAITS_MS[i]));
  }
}

export const holdingId = (templateId: string, openid: string) => `${templateId}:${openid}`;

/** Step 2: one more for this member, within perMember and perMemberPerDay (the day resets at Beijing midnight). */
async function takeHolding(db: Database, t: CouponTemplate, openid: string, today: string): Promise<ClaimVerdict> {
  const _ = db.command;
  const holdings = db.collection<CouponHoldingRecord>(COUPON_HOLDINGS);
  const id = holdingId(t.id, openid);
  const perDay = t.perMemberPerDay ?? t.perMember;
  for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
    if (attempt === 0) {
      // Most claims are a member's first of this template: one insert.
      try {
        const first: Omit<CouponHoldingRecord, '_id'> = { _openid: openid, templateId: t.id, held: 1, day: today, dayCount: 1, ops: 1 };
        await holdings.add({ data: { _id: id, ...first } });
        return { ok: true };
      } catch (e) {
        if (!isDatabaseError(e, 'duplicate-key')) throw e;
      }
    }
    const sameDay = await holdings
      .where({ _id: id, held: _.lt(t.perMember), day: today, dayCount: _.lt(perDay) })
      .update({ data: { held: _.inc(1), dayCount: _.inc(1), ops: _.inc(1) } });
    if (sameDay.stats.updated === 1) return { ok: true };
    const newDay = await holdings
      .where({ _id: id, held: _.lt(t.perMember), day: _.neq(today) })
      .update({ data: { held: _.inc(1), day: today, dayCount: 1, ops: _.inc(1) } });
    if (newDay.stats.updated === 1) return { ok: true };
    const doc = await getOrNull<CouponHoldingRecord>(holdings.doc(id));
    if (!doc) continue;
    const verdict = judgeLimits(t, doc.held, doc.day === today ? doc.dayCount : 0);
    if (!verdict.ok) return verdict;
    // Changed between the updates and the read (a compensation gave one back): try again.
  }
  return { ok: false, code: 'COUPON_LIMIT_REACHED', reason: '领取太频繁，请稍后再试' };
}

/** Step 3: one copy of stock, only while issued < total. */
async function takeStock(db: Database, t: CouponTemplate): Promise<boolean> {
  const _ = db.command;
  const stock = db.collection<CouponStockRecord>(COUPON_STOCK);
  for (let attempt = 0; attempt < COUNTER_ATTEMPTS; attempt++) {
    const r = await stock.where({ _id: t.id, issued: _.lt(t.total) }).update({ data: { issued: _.inc(1), ops: _.inc(1) } });
    if (r.stats.updated === 1) return true;
    const doc = await getOrNull<CouponStockRecord>(stock.doc(t.id));
    if (doc) {
      if (doc.issued >= t.total) return false;
      continue;
    }
    try {
      await stock.add({ data: { _id: t.id, issued: 1, ops: 1 } });
      return true;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  return false;
}
