import { isDatabaseError, type Database, type Transaction } from '../../_platform/database.port';
import { describeError, redactOpenid, startBudget, type BatchOptions, type Budget } from '../shared/batch-job';
import { addDays, businessDay, startOfBusinessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import {
  MESSAGE_CAPS,
  MESSAGE_OUTBOX,
  MESSAGE_SUBSCRIPTIONS,
  type CapRecord,
  type MessageKind,
  type OutboxRecord,
  type SkipReason,
  type SubscriptionRecord,
} from './outbox.record';
import { capKey, FREQUENCY_CAPS, MAX_SEND_ATTEMPTS, OUTBOX_STALE_DAYS, SENDING_LEASE_MS, weekOf } from './outbox.rules';

export interface OutgoingMessage {
  openid: string;
  kind: MessageKind;
  /** WeChat subscribe-message template id. */
  template: string;
  /** Keyword values, e.g. { thing1: '满100减20' }; wrapped as { value } when sent. */
  data: Record<string, string>;
  /** Mini-program page the message opens (no leading slash). */
  page: string;
  /** The message's identity: queuing the same key twice queues it once (and never re-sends a sent one). */
  dedupeKey: string;
}

export const subscriptionId = (openid: string, template: string) => `${openid}:${template}`;

/**
 * Queues a message (DESIGN principle 8: every message goes through this outbox). With a transaction it commits
 * with the caller's change; with the database it is one insert. Returns false when the key was already queued.
 */
export async function enqueueMessage(db: Database | Transaction, msg: OutgoingMessage, now: Date): Promise<boolean> {
  const record: Omit<OutboxRecord, '_id'> = {
    _openid: msg.openid,
    kind: msg.kind,
    template: msg.template,
    data: msg.data,
    page: msg.page,
    status: 'pending',
    reason: null,
    attempts: 0,
    sendingAt: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
  if ('runTransaction' in db) {
    try {
      await db.collection(MESSAGE_OUTBOX).add({ data: { _id: msg.dedupeKey, ...record } });
      return true;
    } catch (e) {
      if (isDatabaseError(e, 'duplicate-key')) return false;
      throw e;
    }
  }
  const ref = db.collection(MESSAGE_OUTBOX).doc(msg.dedupeKey);
  if (await getOrNull(ref)) return false;
  await ref.set({ data: record });
  return true;
}

/** Adds one accepted one-time subscription (in the caller's transaction, e.g. under request_log). */
export async function addSubscriptionInTx(tx: Transaction, openid: string, template: string, now: Date): Promise<number> {
  const ref = tx.collection<SubscriptionRecord>(MESSAGE_SUBSCRIPTIONS).doc(subscriptionId(openid, template));
  const prior = await getOrNull<SubscriptionRecord>(ref);
  const count = (prior?.count ?? 0) + 1;
  await ref.set({ data: { _openid: openid, template, count, updatedAt: now } });
  return count;
}

export interface DispatchResult {
  sent: number;
  skipped: Partial<Record<SkipReason, number>>;
  failed: number;
  /** Left `sending` by a killed run: back to pending (never sent) or unconfirmed (maybe sent, never again). */
  recovered: { requeued: number; unconfirmed: number };
  done: boolean;
}

/**
 * Sends what is pending, oldest first, within the time budget. Per message: lock it (pending → sending, so two
 * runs never send it twice), take one of the member's one-time subscriptions for its template, take a slot under
 * each frequency cap (conditional increments: caps hold under any concurrency), write the send record
 * (`sendingAt`), send, mark sent. Whatever was taken is given back when a later step says no. First, messages
 * a killed run left `sending` are recovered by that record (see OutboxStatus): at most once for the member.
 */
export async function dispatchOutbox(ctx: JobContext, opts: BatchOptions | Budget = {}): Promise<DispatchResult> {
  const budget = 'spent' in opts ? opts : startBudget(opts);
  const now = ctx.clock.now();
  const today = businessDay(now);
  const staleBefore = startOfBusinessDay(addDays(today, -OUTBOX_STALE_DAYS));
  const _ = ctx.db.command;
  const outbox = ctx.db.collection<OutboxRecord>(MESSAGE_OUTBOX);
  const result: DispatchResult = { sent: 0, skipped: {}, failed: 0, recovered: { requeued: 0, unconfirmed: 0 }, done: false };

  const finish = async (m: OutboxRecord, status: 'sent' | 'skipped' | 'failed' | 'pending', reason: SkipReason | null) => {
    await outbox.doc(m._id).update({ data: { status, reason, updatedAt: now, sentAt: status === 'sent' ? now : null } });
    if (status === 'sent') result.sent++;
    else if (status === 'failed') result.failed++;
    else if (status === 'skipped' && reason) result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
  };

  const dispatchOne = async (m: OutboxRecord): Promise<void> => {
    try {
      const lock = await outbox
        .where({ _id: m._id, status: 'pending' })
        .update({ data: { status: 'sending', attempts: _.inc(1), sendingAt: null, updatedAt: now } });
      if (lock.stats.updated !== 1) return;
      if (m.createdAt < staleBefore) return finish(m, 'skipped', 'stale');
      const subId = subscriptionId(m._openid, m.template);
      const sub = await ctx.db
        .collection(MESSAGE_SUBSCRIPTIONS)
        .where({ _id: subId, count: _.gt(0) })
        .update({ data: { count: _.inc(-1), updatedAt: now } });
      if (sub.stats.updated !== 1) return finish(m, 'skipped', 'no_subscription');
      const giveBackSub = () => ctx.db.collection(MESSAGE_SUBSCRIPTIONS).doc(subId).update({ data: { count: _.inc(1) } });
      const taken: string[] = [];
      const giveBackCaps = () => Promise.all(taken.map((id) => ctx.db.collection(MESSAGE_CAPS).where({ _id: id, count: _.gt(0) }).update({ data: { count: _.inc(-1) } })));
      for (const cap of FREQUENCY_CAPS[m.kind]) {
        const id = capKey(m._openid, m.kind, cap, today);
        const periodEnd = startOfBusinessDay(cap.period === 'day' ? addDays(today, 1) : addDays(weekOf(today), 7));
        if (!(await takeSlot(ctx.db, id, cap.max, periodEnd))) {
          await giveBackCaps();
          await giveBackSub();
          return finish(m, 'skipped', cap.period === 'day' ? 'cap_day' : 'cap_week');
        }
        taken.push(id);
      }
      // The send record, before the call: from here on a killed run may have reached WeChat.
      const record = await outbox.where({ _id: m._id, status: 'sending' }).update({ data: { sendingAt: ctx.clock.now(), updatedAt: now } });
      if (record.stats.updated !== 1) {
        await giveBackCaps();
        await giveBackSub();
        return;
      }
      try {
        await ctx.openapi.sendSubscribeMessage({
          touser: m._openid,
          templateId: m.template,
          page: m.page,
          data: Object.fromEntries(Object.entries(m.data).map(([k, value]) => [k, { value }])),
        });
      } catch (e) {
        ctx.log.error('outbox.send.failed', { message: m._id.slice(0, 12), member: redactOpenid(m._openid), err: describeError(e) });
        await giveBackCaps();
        await giveBackSub();
        return m.attempts + 1 >= MAX_SEND_ATTEMPTS ? finish(m, 'failed', 'send_failed') : finish(m, 'pending', null);
      }
      await finish(m, 'sent', null);
    } catch (e) {
      result.failed++;
      ctx.log.error('outbox.dispatch.failed', { member: redactOpenid(m._openid), err: describeError(e) });
    }
  };

  await recoverInterrupted(ctx, budget, now, result);
  let after: string | null = null;
  for (;;) {
    const where: Record<string, unknown> = { status: 'pending' };
    if (after !== null) where._id = _.gt(after);
    const size = budget.pageSize;
    const page = await budget.query(() => outbox.where(where).orderBy('_id', 'asc').limit(size).get());
    if (!page) return result;
    const { data } = page;
    if (data.length === 0) return { ...result, done: true };
    const started = await budget.run(data, dispatchOne);
    if (started < data.length) return result;
    if (data.length < size) return { ...result, done: true };
    after = data[data.length - 1]._id;
  }
}

/**
 * Messages a killed run left `sending` past the lease. Without a send record the API was never called: back
 * to pending (a subscription or cap slot the killed run took stays taken: that errs towards fewer messages).
 * With one, WeChat may have delivered it: `unconfirmed`, never sent again.
 */
async function recoverInterrupted(ctx: JobContext, budget: Budget, now: Date, result: DispatchResult): Promise<void> {
  const _ = ctx.db.command;
  const outbox = ctx.db.collection<OutboxRecord>(MESSAGE_OUTBOX);
  const leaseEnd = new Date(now.getTime() - SENDING_LEASE_MS);
  let after: string | null = null;
  while (!budget.spent()) {
    const where: Record<string, unknown> = { status: 'sending', updatedAt: _.lt(leaseEnd) };
    if (after !== null) where._id = _.gt(after);
    const { data } = await outbox.where(where).orderBy('_id', 'asc').limit(budget.pageSize).get();
    for (const m of data) {
      const maybeSent = m.sendingAt != null;
      const { stats } = await outbox
        .where({ _id: m._id, status: 'sending', updatedAt: _.lt(leaseEnd) })
        .update({ data: maybeSent ? { status: 'unconfirmed', reason: 'interrupted', updatedAt: now } : { status: 'pending', updatedAt: now } });
      if (stats.updated !== 1) continue;
      if (maybeSent) result.recovered.unconfirmed++;
      else result.recovered.requeued++;
      ctx.log.warn('outbox.recovered', { message: m._id.slice(0, 12), member: redactOpenid(m._openid), status: maybeSent ? 'unconfirmed' : 'pending' });
    }
    if (data.length < budget.pageSize) return;
    after = data[data.length - 1]._id;
  }
}

/** One slot under a cap: conditional increment, creating the counter on first use (purgeable from `expiresAt`). */
async function takeSlot(db: Database, id: string, max: number, expiresAt: Date): Promise<boolean> {
  const _ = db.command;
  const caps = db.collection<CapRecord>(MESSAGE_CAPS);
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await caps.where({ _id: id, count: _.lt(max) }).update({ data: { count: _.inc(1) } });
    if (r.stats.updated === 1) return true;
    if (await getOrNull(caps.doc(id))) return false;
    try {
      await caps.add({ data: { _id: id, count: 1, expiresAt } });
      return true;
    } catch (e) {
      if (!isDatabaseError(e, 'duplicate-key')) throw e;
    }
  }
  return false;
}
