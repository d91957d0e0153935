import { z } from 'zod';
import { isDatabaseError, type Transaction } from '../../_platform/database.port';
import { distributionConfig } from '../config/config-registry';
import { loadConfig } from '../config/operator-config';
import { describeError } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { UseCaseContext } from '../shared/use-case-context';
import { planAccrue, planClawback, planSettle, planVoid } from './commission-ledger.rules';
import { postCommissionsInTx, type CommissionPosting } from './commission-ledger.service';
import {
  activeFans,
  addMonthTotal,
  commissionFen,
  commissionId,
  commissionOrderId,
  flagsFor,
  gradeFor,
  isPendingStatus,
  liveFen,
  moveActiveFan,
  rateFor,
  reasonFor,
  reasonOf,
  reversalFor,
  settleOnFor,
  STATUS_REASONS,
  type CommissionStatus,
} from './commission.rules';
import type { DistributionConfig } from './distribution-config.schema';
import {
  COMMISSION_ORDERS,
  COMMISSIONS,
  DISTRIBUTORS,
  REFERRALS,
  type CommissionOrderRecord,
  type CommissionRecord,
  type DistributorRecord,
  type ReferralRecord,
} from './distribution.record';
import { bindingHolds } from './referral.rules';

/*
 * THE ENTRY POINT FOR EVERY PAID-ORDER SOURCE (till purchases, mall cash parts, the VIP card, the gift pack,
 * group-buy). A source tells distribution three facts about an order, each idempotent on (source, orderNo):
 *
 *   paid       recordCommissionableOrder(ctx, { source, orderNo, buyer, amountFen, productClass, paidAt })
 *   completed  completeCommissionableOrder(ctx, { source, orderNo, completedAt })   (only for inProgress orders)
 *   refunded   reverseCommissionableOrder(ctx, { source, orderNo, refundedAt, reason })
 *
 * Best: write the fact inside the transaction that changes your order (`noteCommissionableOrderInTx`,
 * `noteOrderCompletedInTx`, `noteOrderRefundedInTx`: one document write, never a hot document), then after
 * commit call `processCommissionableOrder(ctx, source, orderNo)`. If the process dies in between, the
 * `distribution` timer applies the fact later. The plain functions do both steps; call them again on any retry.
 *
 * Group-buy, for example (`groupbuy/deal-lifecycle.service.ts`): an order is noted with `inProgress: true` when
 * its group forms (a failed group's payments are refunded and never noted), completed when it is handed over
 * (the after-sale window starts then); a flash-sale order is noted when paid. Commission = amountFen x the rate of (grade, productClass, level), rounded down in fen, for the
 * buyer's distributor (level 1) and that distributor's own distributor (level 2); never a third level.
 */

const Source = z.string().regex(/^[a-z][a-z0-9_]{1,15}$/);
const OrderNo = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Openid = z.string().min(1).max(128);

export const CommissionableOrderInput = z.object({
  source: Source,
  orderNo: OrderNo,
  buyer: Openid,
  /** What the buyer paid in fen (the cash part only: points are not money). */
  amountFen: z.number().int().min(0),
  /** Key of the rate table (`default` when the distribution document has no rate for it). */
  productClass: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/),
  paidAt: z.date(),
  /** Who paid, when not the buyer. */
  payer: Openid.optional(),
  /** Paid but not fulfilled yet: the after-sale window starts at `completeCommissionableOrder`. */
  inProgress: z.boolean().optional(),
});
export type CommissionableOrderInput = z.input<typeof CommissionableOrderInput>;

export const CompletedOrderInput = z.object({ source: Source, orderNo: OrderNo, completedAt: z.date() });
export type CompletedOrderInput = z.input<typeof CompletedOrderInput>;

export const RefundedOrderInput = z.object({
  source: Source,
  orderNo: OrderNo,
  refundedAt: z.date(),
  reason: z.string().max(100),
  /** How much of the order is refunded so far, in total (partial refunds by amount); absent: the whole order. */
  refundedFen: z.number().int().min(1).optional(),
});
export type RefundedOrderInput = z.input<typeof RefundedOrderInput>;

type CoreContext = Pick<UseCaseContext, 'db' | 'clock' | 'log' | 'cache'>;

/* ------------------------------------------------------------------ noting facts (in the source's transaction) */

/** Records that an order was paid, inside the source's own transaction. A repeat changes nothing. */
export async function noteCommissionableOrderInTx(tx: Transaction, input: CommissionableOrderInput, now: Date): Promise<string> {
  const o = CommissionableOrderInput.parse(input);
  const id = commissionOrderId(o.source, o.orderNo);
  const ref = tx.collection<CommissionOrderRecord>(COMMISSION_ORDERS).doc(id);
  const prior = await getOrNull<CommissionOrderRecord>(ref);
  if (prior) {
    if (prior.buyer !== o.buyer || prior.amountFen !== o.amountFen) throw new Error(`commission order ${id} noted twice with different details`);
    return id;
  }
  const record: Omit<CommissionOrderRecord, '_id'> = {
    source: o.source,
    orderNo: o.orderNo,
    buyer: o.buyer,
    payer: o.payer ?? o.buyer,
    amountFen: o.amountFen,
    productClass: o.productClass,
    paidAt: o.paidAt,
    inProgress: o.inProgress ?? false,
    completedAt: null,
    refundedAt: null,
    refundReason: null,
    applied: { paid: false, completed: false, refunded: false },
    needsWork: true,
    outcome: null,
    commissionIds: [],
    createdAt: now,
    updatedAt: now,
  };
  await ref.set({ data: record });
  return id;
}

/** Records that an in-progress order was fulfilled (the after-sale window starts). Unknown orders: nothing. */
export async function noteOrderCompletedInTx(tx: Transaction, input: CompletedOrderInput, now: Date): Promise<string | null> {
  const o = CompletedOrderInput.parse(input);
  const id = commissionOrderId(o.source, o.orderNo);
  const ref = tx.collection<CommissionOrderRecord>(COMMISSION_ORDERS).doc(id);
  const prior = await getOrNull<CommissionOrderRecord>(ref);
  if (!prior) return null;
  if (prior.completedAt === null) await ref.update({ data: { completedAt: o.completedAt, needsWork: true, updatedAt: now } });
  return id;
}

/**
 * Records that an order was refunded, in full or in part (`refundedFen`: the total refunded so far, so a
 * repeat of the same refund changes nothing). Unknown orders (paid before distribution existed): nothing.
 */
export async function noteOrderRefundedInTx(tx: Transaction, input: RefundedOrderInput, now: Date): Promise<string | null> {
  const o = RefundedOrderInput.parse(input);
  const id = commissionOrderId(o.source, o.orderNo);
  const ref = tx.collection<CommissionOrderRecord>(COMMISSION_ORDERS).doc(id);
  const prior = await getOrNull<CommissionOrderRecord>(ref);
  if (!prior) return null;
  const refundedFen = Math.min(o.refundedFen ?? prior.amountFen, prior.amountFen);
  if (refundedFen > notedRefundFen(prior)) {
    await ref.update({ data: { refundedAt: o.refundedAt, refundReason: o.reason, refundedFen, needsWork: true, updatedAt: now } });
  }
  return id;
}

/** The refunded amount noted on an order (a refund noted before partial refunds existed is the whole order). */
const notedRefundFen = (o: CommissionOrderRecord): number => o.refundedFen ?? (o.refundedAt ? o.amountFen : 0);
/** The refunded amount already reflected in the order's commissions. */
const appliedRefundFen = (o: CommissionOrderRecord): number => o.applied.refundedFen ?? (o.applied.refunded ? o.amountFen : 0);

/* ------------------------------------------------------------------ the plain API */

export interface ProcessOutcome {
  /** False when processing failed for now (logged); the `distribution` timer applies it later. */
  processed: boolean;
  commissions: { id: string; distributor: string; level: 1 | 2; amountFen: number; status: CommissionStatus }[];
}

/** Notes one fact in a transaction of its own, then applies it. */
async function noteThenApply(ctx: CoreContext, note: (tx: Transaction, now: Date) => Promise<string | null>): Promise<ProcessOutcome> {
  const id = await ctx.db.runTransaction((tx) => note(tx, ctx.clock.now()));
  return id ? processNoted(ctx, id) : { processed: true, commissions: [] };
}

export const recordCommissionableOrder = (ctx: CoreContext, input: CommissionableOrderInput) =>
  noteThenApply(ctx, (tx, now) => noteCommissionableOrderInTx(tx, input, now));

export const completeCommissionableOrder = (ctx: CoreContext, input: CompletedOrderInput) =>
  noteThenApply(ctx, (tx, now) => noteOrderCompletedInTx(tx, input, now));

export const reverseCommissionableOrder = (ctx: CoreContext, input: RefundedOrderInput) =>
  noteThenApply(ctx, (tx, now) => noteOrderRefundedInTx(tx, input, now));

/** After your transaction noted a fact: apply it now (failures are logged and left to the timer). */
export function processCommissionableOrder(ctx: CoreContext, source: string, orderNo: string): Promise<ProcessOutcome> {
  return processNoted(ctx, commissionOrderId(source, orderNo));
}

async function processNoted(ctx: CoreContext, id: string): Promise<ProcessOutcome> {
  try {
    const cfg = await loadConfig(ctx, distributionConfig);
    return { processed: true, commissions: await applyOrderFacts(ctx, cfg, id) };
  } catch (e) {
    ctx.log.warn('distribution.process.deferred', { order: id, conflict: isDatabaseError(e, 'conflict'), err: describeError(e) });
    return { processed: false, commissions: [] };
  }
}

/* ------------------------------------------------------------------ applying facts */

/**
 * Applies every fact of a noted order not applied yet, in one transaction: commissions for both levels with
 * their ledger entries, the distributors' grade and cap counters, the buyer's referral node. Throws on a
 * conflict that outlasts the retries (the caller defers it). Returns the order's commissions afterwards.
 */
export async function applyOrderFacts(ctx: CoreContext, cfg: DistributionConfig, id: string): Promise<ProcessOutcome['commissions']> {
  const now = ctx.clock.now();
  const _ = ctx.db.command;
  const commissions = await ctx.db.runTransaction(async (tx) => {
    const orderRef = tx.collection<CommissionOrderRecord>(COMMISSION_ORDERS).doc(id);
    const order = await getOrNull<CommissionOrderRecord>(orderRef);
    if (!order) return [];
    const byId = new Map<string, CommissionRecord>();
    for (const cid of order.commissionIds) {
      const c = await getOrNull<CommissionRecord>(tx.collection<CommissionRecord>(COMMISSIONS).doc(cid));
      if (c) byId.set(cid, c);
    }
    if (!order.needsWork) return [...byId.values()];

    const postings = new Map<string, CommissionPosting[]>();
    const post = (openid: string, p: CommissionPosting) => postings.set(openid, [...(postings.get(openid) ?? []), p]);
    const changed = new Set<string>();
    const created = new Set<string>();
    const move = (c: CommissionRecord, status: CommissionStatus, patch: Partial<CommissionRecord> = {}) => {
      Object.assign(c, patch, { status, updatedAt: now });
      c.reason = reasonOf(c);
      changed.add(c._id);
    };
    const applied = { ...order.applied };
    let outcome = order.outcome;
    const nodeRef = tx.collection<ReferralRecord>(REFERRALS).doc(order.buyer);
    let node = await getOrNull<ReferralRecord>(nodeRef);
    const paidMonth = businessDay(order.paidAt).slice(0, 7);

    if (!applied.paid) {
      const previousMonth = node?.lastOrderMonth ?? null;
      node = {
        ...(node ?? emptyNode(order.buyer, now)),
        firstOrderAt: node?.firstOrderAt ?? order.paidAt,
        lastOrderMonth: previousMonth !== null && previousMonth > paidMonth ? previousMonth : paidMonth,
        orders: (node?.orders ?? 0) + 1,
        updatedAt: now,
      };
      if (!cfg.enabled) outcome = 'closed';
      else {
        const beneficiaries = await beneficiariesOf(tx, order, node);
        for (const b of beneficiaries) {
          const d = b.distributor;
          const activity = b.level === 1 ? moveActiveFan(d.activeByMonth ?? {}, previousMonth, paidMonth, cfg.activeFanMonths) : d.activeByMonth ?? {};
          const grade = gradeFor(cfg.grades, activeFans(activity, paidMonth, cfg.activeFanMonths));
          const rateBp = rateFor(grade, order.productClass, b.level);
          const amountFen = commissionFen(order.amountFen, rateBp);
          const monthTotalFen = d.monthTotals?.[paidMonth] ?? 0;
          let monthTotals = d.monthTotals ?? {};
          if (amountFen > 0) {
            const flags = flagsFor(cfg.antiFraud, {
              bindingFlag: b.bindingFlag,
              buyerRefunds: node.refunds,
              payer: order.payer,
              beneficiary: d._id,
              monthTotalFen,
              amountFen,
            });
            const status: CommissionStatus = flags.length ? 'flagged' : order.inProgress ? 'in_progress' : 'pending';
            const cid = commissionId(order.source, order.orderNo, b.level);
            const c: CommissionRecord = {
              _id: cid,
              _openid: d._id,
              level: b.level,
              buyer: order.buyer,
              buyerMasked: node.maskedName || '会员',
              source: order.source,
              orderNo: order.orderNo,
              productClass: order.productClass,
              orderFen: order.amountFen,
              gradeCode: grade.code,
              rateBp,
              amountFen,
              status,
              flags,
              reason: reasonFor(status, flags),
              settleOn: order.inProgress ? null : settleOnFor(businessDay(order.paidAt), cfg.settleAfterDays),
              paidAt: order.paidAt,
              review: null,
              createdAt: now,
              updatedAt: now,
            };
            byId.set(cid, c);
            created.add(cid);
            post(d._id, { key: `accrue:${cid}`, kind: 'accrue', ref: cid, reason: `粉丝${c.buyerMasked}的订单佣金`, plan: () => planAccrue(amountFen) });
            monthTotals = addMonthTotal(monthTotals, paidMonth, amountFen);
            if (b.level === 1) node.commissionFen += amountFen;
          }
          await tx.collection(DISTRIBUTORS).doc(d._id).update({ data: { activeByMonth: _.set(activity), monthTotals: _.set(monthTotals), updatedAt: now } });
        }
        outcome = byId.size > 0 ? 'commissioned' : 'no_referrer';
      }
      applied.paid = true;
      if (!order.inProgress) applied.completed = true;
    }

    if (order.completedAt && !applied.completed) {
      const settleOn = settleOnFor(businessDay(order.completedAt), cfg.settleAfterDays);
      for (const c of byId.values()) {
        if (c.status === 'in_progress') move(c, 'pending', { settleOn });
        else if (c.status === 'flagged' && c.settleOn === null) move(c, 'flagged', { settleOn });
      }
      applied.completed = true;
    }

    const refundFen = notedRefundFen(order);
    const refundDone = appliedRefundFen(order);
    if (refundFen > refundDone) {
      // Each commission is recomputed on what the order keeps: a partial refund takes back its share (voided
      // while pending, clawed back once settled), the last refund the rest. Keys carry the amount reversed in
      // total, so each part posts once; a refund of the whole order at once keeps the plain keys.
      const today = businessDay(now);
      for (const c of byId.values()) {
        if (!isPendingStatus(c.status) && c.status !== 'settled') continue;
        const r = reversalFor(c, refundFen);
        const gone = r.keptFen === 0;
        const key = (kind: string) => (gone && !c.reversedFen ? `${kind}:${c._id}` : `${kind}:${c._id}@${r.reversedFen}`);
        const patch = { reversedFen: r.reversedFen };
        // The window has passed but the nightly settlement has not run yet: that is a refund after it.
        const windowPassed = c.status === 'pending' && c.settleOn !== null && c.settleOn <= today;
        if (c.status === 'settled' || windowPassed) {
          if (windowPassed) post(c._openid, settlePosting(c));
          if (r.deltaFen > 0) post(c._openid, clawbackPosting(c, r.deltaFen, key('clawback'), gone));
          move(c, gone ? 'clawed_back' : 'settled', patch);
        } else {
          const reason = gone ? '订单退款，佣金作废' : '订单部分退款，佣金按退款金额作废一部分';
          if (r.deltaFen > 0) post(c._openid, { key: key('void'), kind: 'void', ref: c._id, reason, plan: () => planVoid(r.deltaFen) });
          move(c, gone ? 'voided' : c.status, patch);
        }
      }
      if (refundDone === 0) node = { ...(node ?? emptyNode(order.buyer, now)), refunds: (node?.refunds ?? 0) + 1, updatedAt: now };
      applied.refunded = refundFen >= order.amountFen;
      applied.refundedFen = refundFen;
    }

    for (const [openid, list] of postings) await postCommissionsInTx(tx, openid, list, now);
    for (const cid of created) {
      const { _id, ...data } = byId.get(cid)!;
      await tx.collection(COMMISSIONS).doc(_id).set({ data });
    }
    for (const cid of changed) {
      if (created.has(cid)) continue;
      const c = byId.get(cid)!;
      await tx.collection(COMMISSIONS).doc(cid).update({
        data: { status: c.status, reason: c.reason, settleOn: c.settleOn, reversedFen: c.reversedFen ?? 0, updatedAt: now },
      });
    }
    if (node) {
      const { _id, ...data } = node;
      await nodeRef.set({ data });
    }
    await orderRef.update({
      data: { applied: _.set(applied), needsWork: false, outcome, commissionIds: _.set([...byId.keys()]), updatedAt: now },
    });
    return [...byId.values()];
  });
  return commissions.map((c) => ({ id: c._id, distributor: c._openid, level: c.level, amountFen: c.amountFen, status: c.status }));
}

/** Settles what the commission is still worth (partial refunds already took their share). */
export function settlePosting(c: CommissionRecord): CommissionPosting {
  // Taken now: the caller may go on to record a refund on `c` before the posting is planned.
  const amountFen = liveFen(c);
  return { key: `settle:${c._id}`, kind: 'settle', ref: c._id, reason: '售后期满，佣金结算', plan: () => planSettle(amountFen) };
}

const clawbackPosting = (c: CommissionRecord, amountFen: number, key: string, whole: boolean): CommissionPosting => ({
  key,
  kind: 'clawback',
  ref: c._id,
  reason: whole ? STATUS_REASONS.clawed_back : '订单部分退款，已结算佣金按退款金额扣回',
  plan: () => planClawback(amountFen),
});

export function emptyNode(openid: string, now: Date, maskedName = ''): ReferralRecord {
  return {
    _id: openid,
    _openid: openid,
    referrer: null,
    boundAt: null,
    expiresAt: null,
    bindingFlag: null,
    fanCount: 0,
    bindDay: null,
    bindsThatDay: 0,
    maskedName,
    firstOrderAt: null,
    lastOrderMonth: null,
    orders: 0,
    refunds: 0,
    commissionFen: 0,
    updatedAt: now,
  };
}

interface Beneficiary {
  level: 1 | 2;
  distributor: DistributorRecord;
  bindingFlag: 'velocity' | null;
}

/** The buyer's distributor and that distributor's own, as bound when the order was paid; active ones only. */
async function beneficiariesOf(tx: Transaction, order: CommissionOrderRecord, buyerNode: ReferralRecord): Promise<Beneficiary[]> {
  const out: Beneficiary[] = [];
  if (!bindingHolds(buyerNode, order.paidAt)) return out;
  const l1Id = buyerNode.referrer!;
  const l1 = await activeDistributor(tx, l1Id);
  if (l1) out.push({ level: 1, distributor: l1, bindingFlag: buyerNode.bindingFlag });
  const l1Node = await getOrNull<ReferralRecord>(tx.collection<ReferralRecord>(REFERRALS).doc(l1Id));
  if (!bindingHolds(l1Node, order.paidAt)) return out;
  const l2Id = l1Node!.referrer!;
  if (l2Id === order.buyer || l2Id === l1Id) return out;
  const l2 = await activeDistributor(tx, l2Id);
  if (l2) out.push({ level: 2, distributor: l2, bindingFlag: l1Node!.bindingFlag });
  return out;
}

async function activeDistributor(tx: Transaction, openid: string): Promise<DistributorRecord | null> {
  const d = await getOrNull<DistributorRecord>(tx.collection<DistributorRecord>(DISTRIBUTORS).doc(openid));
  return d?.status === 'active' ? d : null;
}
