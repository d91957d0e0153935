import type { DocData } from '../../_platform/database.port';
import { defineDocCollection, loadDocs } from '../config/operator-collection';
import { MEMBERS, type MemberRecord } from '../member/member.record';
import { MEMBER_LAYERS, type MemberLayersRecord } from '../scoring/scoring.record';
import { describeError, redactOpenid, SHARED_HOURS_MAX_CONCURRENCY, startBudget, type BatchOptions, type BatchReport, type Budget } from '../shared/batch-job';
import { businessDay } from '../shared/business-time.rules';
import { getOrNull } from '../shared/db-helpers';
import type { JobContext } from '../shared/use-case-context';
import { LAYER_MESSAGE_RUNS, LAYER_MESSAGES, type LayerMessageRunRecord } from './layer-message.record';
import { admits, isDue, layerMessageKey } from './layer-message.rules';
import { LayerMessageConfig, LayerMessageId, type LayerMessage } from './layer-message.schema';
import { dispatchOutbox, enqueueMessage, type DispatchResult } from './outbox.service';

/** Layer messages read per run (one query); more than this many at once is not a plan operators follow. */
const MAX_LAYER_MESSAGES = 200;

export const LAYER_MESSAGE_DOCS = defineDocCollection({
  collection: LAYER_MESSAGES,
  title: '运营消息',
  schema: LayerMessageConfig,
  id: LayerMessageId,
  key: 'messageId',
  max: MAX_LAYER_MESSAGES,
});

export interface LayerMessagesJobResult extends BatchReport {
  /** Due messages this run worked on, and how far each went. */
  messages: { messageId: string; status: LayerMessageRunRecord['status']; members: number; queued: number }[];
  /** Members handled by this run (the job's unit). */
  handled: number;
  failed: number;
  dispatch: DispatchResult;
}

type Listed = Pick<MemberLayersRecord, '_id' | 'layers'>;
type Facts = Pick<MemberRecord, '_id' | 'tierCode' | 'memberNo' | 'createdAt'>;

/**
 * The `messages` timer (every 10 minutes, 09:00–20:50 Beijing, so nobody is woken by a promotion). For each due
 * layer message (`layer_messages`, `sendAt` passed) not finished yet, pages the members of its layers by the
 * `member_layers` `layers` index in `_id` order, keeps those the whole audience admits, and queues one promotion
 * each in the outbox under the key `layer_message:{messageId}:{openid}` (a repeat queues nothing). The cursor and
 * the page's counts are saved in one write of `layer_message_runs/{messageId}` after each page, so a run stopped
 * anywhere resumes to what an uninterrupted run gives. Then the outbox is dispatched in the time left: each
 * member's one-time subscription and the promotion caps decide what is sent, as for every message.
 */
export async function layerMessagesJob(ctx: JobContext, opts: BatchOptions = {}): Promise<LayerMessagesJobResult> {
  // Members use the app while this runs: half the environment's database connections at most.
  const budget = startBudget({ maxConcurrency: SHARED_HOURS_MAX_CONCURRENCY, ...opts });
  const now = ctx.clock.now();
  // All of them (`active` defaults to true, so a query on it would miss documents that leave it out).
  const due = (await loadDocs(ctx.db, ctx.log, LAYER_MESSAGE_DOCS)).filter((m) => isDue(m, now));
  const out: LayerMessagesJobResult['messages'] = [];
  const totals = { handled: 0, failed: 0 };
  let done = true;
  for (const m of due) {
    const r = await queueLayerMessage(ctx, budget, m, totals);
    if (r === null) continue;
    out.push({ messageId: m.messageId, status: r.status, members: r.members, queued: r.queued });
    if (r.status !== 'done') {
      done = false;
      break;
    }
  }
  const dispatch = await dispatchOutbox(ctx, budget);
  return { messages: out, ...totals, dispatch, ...budget.report(done && dispatch.done) };
}

/** Queues one message as far as the budget allows; null when it was finished before this run. */
async function queueLayerMessage(ctx: JobContext, budget: Budget, m: LayerMessage, totals: { handled: number; failed: number }): Promise<LayerMessageRunRecord | null> {
  const runs = ctx.db.collection<LayerMessageRunRecord>(LAYER_MESSAGE_RUNS);
  const now = ctx.clock.now();
  const prior = await getOrNull<LayerMessageRunRecord>(runs.doc(m.messageId));
  if (prior?.status === 'done') return null;
  const run: LayerMessageRunRecord = prior ?? {
    _id: m.messageId,
    status: 'queuing',
    after: null,
    members: 0,
    queued: 0,
    outsideAudience: 0,
    noMember: 0,
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
  };
  // The cursor and the page's counts in one write: a page is counted exactly when the cursor passes it.
  const save = async () => {
    const { _id, ...data } = run;
    await runs.doc(_id).set({ data: { ...data, updatedAt: ctx.clock.now() } });
  };
  const today = businessDay(now);

  for (;;) {
    const size = budget.pageSize;
    const loaded = await budget.query(() => loadPage(ctx, m, run.after, size));
    if (!loaded) return run;
    const { page, factsOf } = loaded;
    if (page.length === 0) {
      run.status = 'done';
      run.finishedAt = ctx.clock.now();
      await save();
      return run;
    }
    type Outcome = 'queued' | 'outsideAudience' | 'noMember' | 'failed';
    const outcome = new Map<string, Outcome>();
    const started = await budget.run(page, async (l: Listed) => {
      const member = factsOf.get(l._id);
      if (!member) return void outcome.set(l._id, 'noMember');
      const facts = { tierCode: member.tierCode, memberNo: member.memberNo, joinedDay: businessDay(member.createdAt), layers: l.layers };
      if (!admits(m, facts, today)) return void outcome.set(l._id, 'outsideAudience');
      try {
        // false = queued before (an earlier run stopped before its cursor save): counted here, once.
        await enqueueMessage(ctx.db, { openid: l._id, kind: 'promotion', template: m.templateId, data: m.data, page: m.page, dedupeKey: layerMessageKey(m.messageId, l._id) }, now);
        outcome.set(l._id, 'queued');
      } catch (e) {
        outcome.set(l._id, 'failed');
        ctx.log.error('layer_message.queue.failed', { message: m.messageId, member: redactOpenid(l._id), err: describeError(e) });
      }
    });
    // The cursor stops before the first member that failed: the next run tries them again.
    let handled = 0;
    for (const l of page.slice(0, started)) {
      const o = outcome.get(l._id)!;
      if (o === 'failed') break;
      run[o]++;
      run.members++;
      run.after = l._id;
      handled++;
    }
    totals.handled += handled;
    totals.failed += [...outcome.values()].filter((o) => o === 'failed').length;
    await save();
    if (handled < page.length) return run;
  }
}

/** A page of the layers' members by `_id`, and their member documents (one `in` query). */
async function loadPage(ctx: JobContext, m: LayerMessage, after: string | null, size: number): Promise<{ page: Listed[]; factsOf: Map<string, Facts> }> {
  const _ = ctx.db.command;
  const where: DocData = { layers: _.in(m.audience.layers ?? []) };
  if (after !== null) where._id = _.gt(after);
  const { data: page } = await ctx.db.collection<Listed>(MEMBER_LAYERS).where(where).orderBy('_id', 'asc').limit(size).field({ _id: true, layers: true }).get();
  if (page.length === 0) return { page, factsOf: new Map() };
  const { data: members } = await ctx.db
    .collection<Facts>(MEMBERS)
    .where({ _id: _.in(page.map((l) => l._id)) })
    .limit(size)
    .field({ _id: true, tierCode: true, memberNo: true, createdAt: true })
    .get();
  return { page, factsOf: new Map(members.map((f) => [f._id, f])) };
}
