import { loadConfig } from '../config/operator-config';
import { messageTemplatesConfig } from '../messaging/message-templates.config';
import { dispatchOutbox, enqueueMessage, type DispatchResult } from '../messaging/outbox.service';
import { describeError, SHARED_HOURS_MAX_CONCURRENCY, startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { holdingId, RECONCILE_AFTER_MS } from './claim-coupon.service';
import { COUPON_HOLDINGS, COUPON_STOCK, COUPONS, type CouponHoldingRecord, type CouponRecord, type CouponStockRecord } from './coupon.record';

export interface CouponsDailyResult {
  /** Claim documents of interrupted claims removed, and counters lowered to their recount. */
  reconciled: { removed: number; stockRepaired: number; holdingsRepaired: number };
  expired: number;
  remindersQueued: number;
  /** Coupons whose reminder day was handled (queued, already queued, or past their last day). */
  reminded: number;
  dispatch: DispatchResult;
  done: boolean;
  ms: number;
}

/**
 * The `coupons` timer (every 10 minutes 10:00–10:50 Beijing, so reminders arrive in the day): reconcile claim
 * counters, expire coupons past their last day, queue expiry reminders, dispatch the message outbox; one shared
 * time budget, each step resumable (finished work drops out of its query), so an unfinished run is completed by
 * the next (a finished day costs a few queries a run).
 */
export async function couponsDailyJob(ctx: JobContext, opts: BatchOptions = {}): Promise<CouponsDailyResult> {
  // Members claim and redeem while this runs: it leaves them half the environment's database connections.
  const budget = startBudget({ maxConcurrency: SHARED_HOURS_MAX_CONCURRENCY, ...opts });
  const now = ctx.clock.now();
  const reconciled = await reconcileClaims(ctx, budget, now);
  const expired = await expireCoupons(ctx, budget, now);
  const remindersQueued = await queueExpiryReminders(ctx, budget, now);
  const dispatch = await dispatchOutbox(ctx, budget);
  const done = expired.done && remindersQueued.done && reconciled.done && dispatch.done;
  return { reconciled, expired: expired.n, remindersQueued: remindersQueued.n, reminded: remindersQueued.coupons, dispatch, done, ms: budget.ms() };
}

/**
 * Repairs what a crash mid-claim left (see the saga in claim-coupon.service.ts): removes claiming/void documents
 * older than RECONCILE_AFTER_MS, recounts that member's holding, then recounts every template's `issued`.
 * Lowering is a compare-and-set on `ops`, and counts include in-flight claim documents, so a concurrent claim
 * is never undercounted (only a counter that is too high is lowered).
 */
export async function reconcileClaims(ctx: JobContext, budget: Budget, now: Date) {
  const _ = ctx.db.command;
  const coupons = ctx.db.collection<CouponRecord>(COUPONS);
  const out = { removed: 0, stockRepaired: 0, holdingsRepaired: 0, done: false };
  const cutoff = new Date(now.getTime() - RECONCILE_AFTER_MS);

  // One member's claims of one template in order (each repair recounts that holding), holdings side by side.
  const repairClaims = async (claims: CouponRecord[]) => {
    try {
      for (const c of claims) {
        const gone = await coupons.where({ _id: c._id, status: _.in(['claiming', 'void']) }).remove();
        if (gone.stats.removed !== 1) continue;
        out.removed++;
        if (await repairHolding(ctx, c.templateId, c._openid)) out.holdingsRepaired++;
      }
    } catch (e) {
      ctx.log.error('coupon.reconcile.failed', { err: describeError(e) });
    }
  };
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { status: _.in(['claiming', 'void']), claimedAt: _.lt(cutoff) };
    if (after !== null) where._id = _.gt(after);
    const size = budget.pageSize;
    const page = await budget.query(() => coupons.where(where).orderBy('_id', 'asc').limit(size).get());
    if (!page) return out;
    const groups = [...groupBy(page.data, (c) => holdingId(c.templateId, c._openid)).values()];
    if ((await budget.run(groups, repairClaims)) < groups.length) return out;
    if (page.data.length < size) break;
    after = page.data[page.data.length - 1]._id;
  }

  const recount = async (s: CouponStockRecord) => {
    try {
      const { total } = await coupons.where({ templateId: s._id }).count();
      if (s.issued > total) {
        const r = await ctx.db
          .collection(COUPON_STOCK)
          .where({ _id: s._id, ops: s.ops })
          .update({ data: { issued: total, ops: _.inc(1) } });
        if (r.stats.updated === 1) {
          out.stockRepaired++;
          ctx.log.info('coupon.stock.repaired', { template: s._id, from: s.issued, to: total });
        }
      } else if (s.issued < total) {
        ctx.log.error('coupon.stock.low', { template: s._id, issued: s.issued, documents: total });
      }
    } catch (e) {
      ctx.log.error('coupon.recount.failed', { template: s._id, err: describeError(e) });
    }
  };
  let afterStock: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = afterStock === null ? {} : { _id: _.gt(afterStock) };
    const size = budget.pageSize;
    const page = await budget.query(() => ctx.db.collection<CouponStockRecord>(COUPON_STOCK).where(where).orderBy('_id', 'asc').limit(size).get());
    if (!page) return out;
    if ((await budget.run(page.data, recount)) < page.data.length) return out;
    if (page.data.length < size) break;
    afterStock = page.data[page.data.length - 1]._id;
  }
  out.done = true;
  return out;
}

async function repairHolding(ctx: JobContext, templateId: string, openid: string): Promise<boolean> {
  const _ = ctx.db.command;
  const id = holdingId(templateId, openid);
  const h = await getOrNull<CouponHoldingRecord>(ctx.db.collection<CouponHoldingRecord>(COUPON_HOLDINGS).doc(id));
  if (!h) return false;
  const coupons = ctx.db.collection(COUPONS);
  const all = (await coupons.where({ _openid: openid, templateId }).count()).total;
  const onDay = (await coupons.where({ _openid: openid, templateId, claimDay: h.day }).count()).total;
  if (h.held <= all && h.dayCount <= onDay) return false;
  const r = await ctx.db
    .collection(COUPON_HOLDINGS)
    .where({ _id: id, ops: h.ops })
    .update({ data: { held: Math.min(h.held, all), dayCount: Math.min(h.dayCount, onDay), ops: _.inc(1) } });
  return r.stats.updated === 1;
}

/** Unused coupons past their last day become expired, a page per update (expired ones drop out of the query). */
export async function expireCoupons(ctx: JobContext, budget: Budget, now: Date): Promise<{ n: number; done: boolean }> {
  const _ = ctx.db.command;
  const today = businessDay(now);
  const coupons = ctx.db.collection<CouponRecord>(COUPONS);
  const size = budget.bulkPageSize;
  let n = 0;
  for (;;) {
    const page = await budget.step(() => coupons.where({ status: 'unused', validTo: _.lt(today) }).limit(size).field({ _id: true }).get());
    if (!page) return { n, done: false };
    const { data } = page;
    if (data.length === 0) return { n, done: true };
    const r = await budget.step(() =>
      coupons.where({ _id: _.in(data.map((c) => c._id)), status: 'unused' }).update({ data: { status: 'expired', updatedAt: now } }),
    );
    if (!r) return { n, done: false };
    n += r.stats.updated;
    if (data.length < size) return { n, done: true };
  }
}

const REMINDER_PAGE = 'pages/coupons/index';
const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/**
 * One reminder per member per day for their coupons whose reminder day has come (one outbox message, deduped on
 * member + day), then those coupons' `remindOn` is cleared (so they drop out of the query). Members are queued
 * side by side within the budget. Skipped (and left due) while no template is set up.
 */
export async function queueExpiryReminders(ctx: JobContext, budget: Budget, now: Date): Promise<{ n: number; coupons: number; done: boolean }> {
  const { couponExpiry } = await loadConfig(ctx, messageTemplatesConfig);
  if (!couponExpiry) return { n: 0, coupons: 0, done: true };
  const _ = ctx.db.command;
  const today = businessDay(now);
  const coupons = ctx.db.collection<CouponRecord>(COUPONS);
  const size = budget.bulkPageSize;
  let n = 0;
  let cleared = 0;
  for (;;) {
    const page = await budget.query(() =>
      coupons
        .where({ status: 'unused', remindOn: _.lte(today) })
        .orderBy('_openid', 'asc')
        .limit(size)
        .field({ _id: true, _openid: true, title: true, validTo: true })
        .get(),
    );
    if (!page) return { n, coupons: cleared, done: false };
    if (page.data.length === 0) return { n, coupons: cleared, done: true };
    // One reminder lists all of a member's coupons: a full page's last member may go on in the next page, so
    // they wait for it (unless they fill the page alone).
    const last = page.data[page.data.length - 1]._openid;
    const whole = page.data.length === size ? page.data.filter((c) => c._openid !== last) : page.data;
    const data = whole.length > 0 ? whole : page.data;
    // Coupons already past their last day get no reminder; their remindOn is cleared with the rest.
    const handled = data.filter((c) => c.validTo < today).map((c) => c._id);
    const byMember = groupBy(
      data.filter((c) => c.validTo >= today),
      (c) => c._openid,
    );
    let failed = false;
    const remind = async ([openid, list]: [string, Pick<CouponRecord, '_id' | 'title' | 'validTo'>[]]) => {
      list.sort((a, b) => a.validTo.localeCompare(b.validTo));
      try {
        const queued = await enqueueMessage(
          ctx.db,
          {
            openid,
            kind: 'service',
            template: couponExpiry,
            page: REMINDER_PAGE,
            dedupeKey: `coupon_expiry:${openid}:${today}`,
            data: {
              thing1: thing(list.length > 1 ? `${list[0].title}等${list.length}张券` : list[0].title),
              date2: list[0].validTo,
              thing3: '优惠券快到期了，记得使用',
            },
          },
          now,
        );
        if (queued) n++;
        handled.push(...list.map((c) => c._id));
      } catch (e) {
        failed = true;
        ctx.log.error('coupon.reminder.failed', { err: describeError(e) });
      }
    };
    const members = [...byMember];
    const started = await budget.run(members, remind);
    if (handled.length > 0) cleared += (await coupons.where({ _id: _.in(handled) }).update({ data: { remindOn: null } })).stats.updated;
    if (failed || started < members.length) return { n, coupons: cleared, done: false };
    if (page.data.length < size) return { n, coupons: cleared, done: true };
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
