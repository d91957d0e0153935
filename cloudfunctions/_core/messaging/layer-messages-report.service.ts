import { loadDocs } from '../config/operator-collection';
import { LAYER_NAMES } from '../scoring/scoring-config.schema';
import type { StaffContext } from '../shared/access';
import { MESSAGE_OUTBOX, type OutboxStatus } from './outbox.record';
import { LAYER_MESSAGE_RUNS, type LayerMessageRunRecord } from './layer-message.record';
import { isDue, layerMessageKeyPrefix, sendInstant } from './layer-message.rules';
import type { LayerMessageStatusView, LayerMessagesReportView } from './layer-messages-report.schema';
import { LAYER_MESSAGE_DOCS } from './layer-messages.job';

const STATE_TEXT: Record<LayerMessageStatusView['state'], string> = { scheduled: '未到发送时间', queuing: '排队中', done: '已排完', inactive: '已停用' };

/** `messages.report` (operators): every valid layer message with its run's counts and its outbox outcomes, latest send time first. */
export async function layerMessagesReport(ctx: StaffContext): Promise<LayerMessagesReportView> {
  const _ = ctx.db.command;
  const now = ctx.clock.now();
  const messages = await loadDocs(ctx.db, ctx.log, LAYER_MESSAGE_DOCS);
  const ids = messages.map((m) => m.messageId);
  const runs = ids.length ? (await ctx.db.collection<LayerMessageRunRecord>(LAYER_MESSAGE_RUNS).where({ _id: _.in(ids) }).limit(ids.length).get()).data : [];
  const runOf = new Map(runs.map((r) => [r._id, r]));
  const views = await Promise.all(
    messages.map(async (m): Promise<LayerMessageStatusView> => {
      const run = runOf.get(m.messageId);
      const prefix = layerMessageKeyPrefix(m.messageId);
      // One aggregate over the message's own keys (an _id range): its outbox outcomes.
      const { list } = await ctx.db
        .collection(MESSAGE_OUTBOX)
        .aggregate()
        .match({ _id: _.gte(prefix).and(_.lt(`${prefix}\uffff`)) })
        .group({ _id: '$status', n: _.aggregate.sum(1) })
        .end<{ _id: OutboxStatus; n: number }>();
      const n = (s: OutboxStatus) => list.find((g) => g._id === s)?.n ?? 0;
      const state: LayerMessageStatusView['state'] = run?.status === 'done' ? 'done' : run ? 'queuing' : !m.active ? 'inactive' : isDue(m, now) ? 'queuing' : 'scheduled';
      return {
        messageId: m.messageId,
        title: m.title,
        layers: (m.audience.layers ?? []).map((l) => LAYER_NAMES[l]),
        sendAt: sendInstant(m).toISOString(),
        state,
        stateText: STATE_TEXT[state],
        members: run?.members ?? 0,
        queued: run?.queued ?? 0,
        outsideAudience: run?.outsideAudience ?? 0,
        noMember: run?.noMember ?? 0,
        delivery: { pending: n('pending') + n('sending'), sent: n('sent') + n('unconfirmed'), skipped: n('skipped'), failed: n('failed') },
        finishedAt: run?.finishedAt ? run.finishedAt.toISOString() : null,
      };
    }),
  );
  return { messages: views.sort((a, b) => (a.sendAt < b.sendAt ? 1 : a.sendAt > b.sendAt ? -1 : 0)) };
}
